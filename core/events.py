"""A small, Qt-free publish/subscribe bus for domain and device events.

Events are frozen dataclasses named for what happened (``CaseSubmitted``, ``CardInserted``). Handlers
run synchronously on the publishing thread; a handler that must touch widgets subscribes through
``ui_common.event_bridge``, which re-emits on the GUI thread. A failing handler is logged and does not
stop the others or the publisher: a broken display widget must never abort a case submission.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

log = logging.getLogger(__name__)


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, kw_only=True)
class Event:
    """Base class: every event knows when it happened."""

    at: datetime = field(default_factory=_now)


E = TypeVar("E", bound=Event)
Handler = Callable[[Any], None]


class EventBus:
    """Dispatches an event to the handlers of its class and of every base class.

    Subscribing to ``Event`` receives everything (used by the Qt bridge and the technician's log).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._handlers: dict[type, list[Handler]] = defaultdict(list)

    def subscribe(self, event_type: type[E], handler: Callable[[E], None]) -> Callable[[], None]:
        """Register ``handler``; returns a function that removes it again."""
        with self._lock:
            self._handlers[event_type].append(handler)

        def unsubscribe() -> None:
            with self._lock:
                handlers = self._handlers.get(event_type, [])
                if handler in handlers:
                    handlers.remove(handler)

        return unsubscribe

    def publish(self, event: Event) -> None:
        with self._lock:
            targets = [h for cls in type(event).__mro__ for h in self._handlers.get(cls, ())]
        for handler in targets:
            try:
                handler(event)
            except Exception:
                log.exception("EVENT_HANDLER_FAILED: handler %r failed on %s", handler, type(event).__name__)

    def handler_count(self) -> int:
        with self._lock:
            return sum(len(v) for v in self._handlers.values())


# --- domain events shared by several packages -------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class CaseStateChanged(Event):
    """A case moved along its state machine (saved locally already)."""

    case_id: str
    case_number: str
    from_state: str | None
    to_state: str


@dataclass(frozen=True, kw_only=True)
class ConfigChanged(Event):
    key: str


# --- what the terminal's devices tell the domain (published by ui_common.device_bridge) ---------------

@dataclass(frozen=True, kw_only=True)
class IdentityPresented(Event):
    """A person identified themselves at this terminal (ID card placed, e-licence QR resolved).

    ``person`` is a ``core.identity.Person``; ``problems`` lists data-quality codes found on the way
    (``IDCARD_BAD_CHECK_DIGIT`` ...), which a screen must show rather than silently accept.
    """

    person: Any
    device: str = ""
    problems: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class IdentityWithdrawn(Event):
    """The card that identified the person left the reader."""

    device: str


@dataclass(frozen=True, kw_only=True)
class StaffCardPresented(Event):
    """A staff card (PC/SC) was laid on the reader; ``uid_hex`` identifies the clerk, a PIN proves it."""

    uid_hex: str
    device: str

    def __repr__(self) -> str:  # the whole UID stays out of logs
        return f"StaffCardPresented(device={self.device!r}, uid=…{self.uid_hex[-4:]})"


@dataclass(frozen=True, kw_only=True)
class CodeScanned(Event):
    """A QR or bar code was scanned; the text is untrusted until a consumer has parsed and verified it."""

    text: str
    device: str


@dataclass(frozen=True, kw_only=True)
class DeviceStatusChanged(Event):
    """A device's health changed: ``devices.base.Health`` values (``online``, ``offline``, ``nodevice`` ...)."""

    device: str
    health: str
    previous: str = ""


@dataclass(frozen=True, kw_only=True)
class DeviceProblem(Event):
    """A device reported an error: ``code`` for the log, ``user_message`` safe for a citizen."""

    device: str
    code: str
    user_message: str
