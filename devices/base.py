"""What every device has in common: errors, health, events and the UnifiedPOS lifecycle.

The lifecycle follows UnifiedPOS (UPOS 1.16, chapter "Device Behavior Models") and CEN/XFS:

    open -> claim -> enable -> (events flow) -> disable -> release -> close

``open`` makes the device object usable without touching the hardware, ``claim`` takes exclusive access
to the port, ``enable`` starts event delivery. Calling them out of order is a programming error on the
caller's side and raises :class:`DeviceError` with code ``DEVICE_ILLEGAL_STATE``, as UPOS raises
``E_ILLEGAL``. ``shutdown()`` walks back down from whatever state the device is in and never raises, for
the manager and for tests.

Events reach whoever owns the device through one listener callback (``Callable[[DeviceEvent], None]``),
called on the device's worker thread. The listener must not block; the composition root forwards the
events to the core event bus, and ``ui_common`` re-emits them as Qt signals.

This package never imports ``core`` (import-linter), so it has its own small error type with the same
three parts as ``core.errors.HalltermError``: a stable ``code``, a calm Chinese ``user_message`` and a
technician ``detail`` that never holds personal data.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

log = logging.getLogger(__name__)


class DeviceError(Exception):
    """An expected device failure, with who-it-is-for parts like ``core.errors.HalltermError``."""

    def __init__(self, code: str, user_message: str, detail: str = ""):
        super().__init__(detail or code)
        self.code = code
        self.user_message = user_message
        self.detail = detail

    def __str__(self) -> str:
        return f"[{self.code}] {self.detail}"

    def to_event(self, device: str) -> ErrorEvent:
        return ErrorEvent(device=device, code=self.code, user_message=self.user_message, detail=self.detail)


# Calm sentences shared by several drivers. Codes and messages are part of the contract with the UI and
# the technician console: never reuse a code for another meaning.
MSG_DEVICE_UNAVAILABLE = "设备暂时无法使用，请联系工作人员。"
MSG_DEVICE_NOT_CONNECTED = "设备未连接，请联系工作人员。"


class Health(StrEnum):
    """UnifiedPOS power/health states, as the technician console shows them."""

    ONLINE = "online"        # connected and answering
    OFFLINE = "offline"      # the port is there but the device does not answer (powered off, SAM silent)
    NODEVICE = "nodevice"    # the port itself is gone (unplugged, socket closed) or never opened
    HWERROR = "hwerror"      # the device answers and reports a hardware fault (e.g. SAM self-test failed)
    USERERROR = "usererror"  # a person must act (paper out, cover open)
    BUSY = "busy"            # working on a long job


class DeviceState(StrEnum):
    CLOSED = "closed"
    OPENED = "opened"
    CLAIMED = "claimed"
    ENABLED = "enabled"


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, kw_only=True)
class DeviceEvent:
    """Base of everything a device reports; ``device`` is the logical name from the config ("idcard")."""

    device: str
    at: datetime = field(default_factory=_now)


@dataclass(frozen=True, kw_only=True)
class DataEvent(DeviceEvent):
    """The device delivered data (a ``CardData``, a scanned code). ``data`` is a frozen dataclass."""

    data: Any


@dataclass(frozen=True, kw_only=True)
class StatusChanged(DeviceEvent):
    health: Health
    previous: Health
    detail: str = ""


@dataclass(frozen=True, kw_only=True)
class ErrorEvent(DeviceEvent):
    """A failure worth telling someone about; the device keeps running unless its health says otherwise."""

    code: str
    user_message: str
    detail: str = ""


@dataclass(frozen=True, kw_only=True)
class CardRemoved(DeviceEvent):
    """The card (or other medium) whose data was delivered has left the device."""


@dataclass(frozen=True, kw_only=True)
class OutputComplete(DeviceEvent):
    """An output job (a print, a beep) finished; ``job_id`` is the one the caller was given."""

    job_id: str


Listener = Callable[[DeviceEvent], None]


def _ignore(_event: DeviceEvent) -> None:
    return None


_NEXT_STATE = {
    "open": (DeviceState.CLOSED, DeviceState.OPENED),
    "claim": (DeviceState.OPENED, DeviceState.CLAIMED),
    "enable": (DeviceState.CLAIMED, DeviceState.ENABLED),
    "disable": (DeviceState.ENABLED, DeviceState.CLAIMED),
    "release": (DeviceState.CLAIMED, DeviceState.OPENED),
    "close": (DeviceState.OPENED, DeviceState.CLOSED),
}


class Device:
    """Lifecycle bookkeeping, health and event delivery; drivers override the ``_do_*`` hooks.

    The public lifecycle methods are called from one controlling thread (the manager's). Each hook runs
    before the state changes, so a hook that raises leaves the device in its previous state.
    """

    kind: str = "device"

    def __init__(self, name: str, listener: Listener | None = None):
        self.name = name
        self._listener: Listener = listener or _ignore
        self._state = DeviceState.CLOSED
        self._health = Health.NODEVICE
        self._lifecycle_lock = threading.RLock()
        self._health_lock = threading.Lock()

    # --- state ----------------------------------------------------------------------------------

    @property
    def state(self) -> DeviceState:
        return self._state

    @property
    def health(self) -> Health:
        return self._health

    def set_listener(self, listener: Listener | None) -> None:
        self._listener = listener or _ignore

    # --- lifecycle ------------------------------------------------------------------------------

    def open(self) -> None:
        self._step("open", self._do_open)

    def claim(self) -> None:
        self._step("claim", self._do_claim)

    def enable(self) -> None:
        self._step("enable", self._do_enable)

    def disable(self) -> None:
        self._step("disable", self._do_disable)

    def release(self) -> None:
        self._step("release", self._do_release)

    def close(self) -> None:
        self._step("close", self._do_close)

    def reconnect(self) -> None:
        """Reopen the port after it was lost, keeping the logical state (the manager's recovery step).

        Raises DeviceError if the port still cannot be opened; legal only while claimed or enabled.
        """
        with self._lifecycle_lock:
            if self._state not in (DeviceState.CLAIMED, DeviceState.ENABLED):
                raise DeviceError("DEVICE_ILLEGAL_STATE", MSG_DEVICE_UNAVAILABLE,
                                  f"{self.name}: reconnect() needs a claimed device, device is {self._state}")
            self._do_reconnect()

    def shutdown(self) -> None:
        """Disable, release and close as far as needed; logs instead of raising. Safe to call twice."""
        for name, needed in (("disable", DeviceState.ENABLED), ("release", DeviceState.CLAIMED),
                             ("close", DeviceState.OPENED)):
            if self._state is needed:
                try:
                    getattr(self, name)()
                except Exception:
                    log.exception("DEVICE_SHUTDOWN_STEP_FAILED: %s %s", self.name, name)
                    self._state = _NEXT_STATE[name][1]

    def _step(self, name: str, hook: Callable[[], None]) -> None:
        required, target = _NEXT_STATE[name]
        with self._lifecycle_lock:
            if self._state is not required:
                raise DeviceError("DEVICE_ILLEGAL_STATE", MSG_DEVICE_UNAVAILABLE,
                                  f"{self.name}: {name}() needs state {required}, device is {self._state}")
            hook()
            self._state = target

    # --- hooks for drivers ----------------------------------------------------------------------

    def _do_open(self) -> None:
        return None

    def _do_claim(self) -> None:
        return None

    def _do_enable(self) -> None:
        return None

    def _do_disable(self) -> None:
        return None

    def _do_release(self) -> None:
        return None

    def _do_close(self) -> None:
        return None

    def _do_reconnect(self) -> None:
        self._do_release()
        self._do_claim()

    # --- reporting ------------------------------------------------------------------------------

    def _emit(self, event: DeviceEvent) -> None:
        try:
            self._listener(event)
        except Exception:
            # A broken listener must not take the device's worker thread down with it.
            log.exception("DEVICE_LISTENER_FAILED: %s on %s", self.name, type(event).__name__)

    def _set_health(self, health: Health, detail: str = "") -> None:
        with self._health_lock:
            previous, self._health = self._health, health
        if previous is not health:
            log.info("device %s health %s -> %s %s", self.name, previous, health, detail)
            self._emit(StatusChanged(device=self.name, health=health, previous=previous, detail=detail))

    def _report(self, error: DeviceError) -> None:
        log.warning("device %s %s", self.name, error)
        self._emit(error.to_event(self.name))

    def diagnostics(self) -> dict[str, Any]:
        """Plain facts for the technician console's diagnostics export (never personal data)."""
        return {"name": self.name, "kind": self.kind, "state": str(self._state), "health": str(self._health)}
