"""Builds the configured devices, brings them up, and brings them back after an unplug.

    manager = DeviceManager({"idcard": {"driver": "samv_serial", "port": "/dev/ttyUSB0", "baud": 115200}},
                            listener=bus_forwarder)
    manager.start()          # open -> claim -> enable each device; a missing one is retried in the background
    reader = manager.get("idcard")   # always ask the manager: the object is live, never cache its port
    manager.stop()

One watcher thread is the only caller of the devices' lifecycle methods after ``start()``. It looks at each
device every ``watch_interval`` seconds: a device whose claim failed, or whose port was lost (health
NODEVICE), is reconnected with capped exponential backoff (``backoff_initial`` doubling up to
``backoff_max``). No jitter: a terminal has a handful of local devices, there is no herd to spread out.
Every device event goes to the one listener; the manager adds an ``ErrorEvent`` when a device cannot be
built at all (unknown driver, bad config).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from devices.base import Device, DeviceError, DeviceEvent, DeviceState, Health, Listener
from devices.registry import create_device

log = logging.getLogger(__name__)


@dataclass
class _Recovery:
    attempts: int = 0
    next_try: float = 0.0


class DeviceManager:
    def __init__(self, config: Mapping[str, Mapping[str, Any]], listener: Listener | None = None, *,
                 backoff_initial: float = 0.5, backoff_max: float = 30.0, watch_interval: float = 0.25):
        self._config = {name: dict(table) for name, table in config.items()}
        self._listener = listener
        self.backoff_initial = backoff_initial
        self.backoff_max = backoff_max
        self.watch_interval = watch_interval
        self._devices: dict[str, Device] = {}
        self._recovery: dict[str, _Recovery] = {}
        self._build_errors: dict[str, DeviceError] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # --- public ---------------------------------------------------------------------------------

    def start(self) -> None:
        """Build and bring up every configured device; never raises for a device that is absent."""
        for name, table in self._config.items():
            try:
                device = create_device(name, table, self._forward)
            except DeviceError as exc:
                self._build_errors[name] = exc
                self._forward(exc.to_event(name))
                continue
            try:
                device.open()
            except DeviceError as exc:
                self._build_errors[name] = exc
                self._forward(exc.to_event(name))
                continue
            self._devices[name] = device
            self._recovery[name] = _Recovery()
            self._bring_up(name, device)
        self._thread = threading.Thread(target=self._watch, name="device-manager", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        for device in self._devices.values():
            device.shutdown()

    def get(self, name: str) -> Device:
        try:
            return self._devices[name]
        except KeyError:
            error = self._build_errors.get(name)
            raise DeviceError("DEVICE_NOT_CONFIGURED", "设备未配置，请联系工作人员。",
                              error.detail if error else f"no device named {name!r}") from None

    def names(self) -> list[str]:
        return list(self._config)

    def health(self) -> dict[str, Health]:
        return {name: self._devices[name].health if name in self._devices else Health.NODEVICE
                for name in self._config}

    def diagnostics(self) -> dict[str, Any]:
        facts: dict[str, Any] = {}
        for name in self._config:
            if name in self._devices:
                facts[name] = {**self._devices[name].diagnostics(),
                               "reconnect_attempts": self._recovery[name].attempts}
            else:
                error = self._build_errors.get(name)
                facts[name] = {"name": name, "error": error.code if error else "DEVICE_NOT_BUILT"}
        return facts

    # --- the watcher thread ---------------------------------------------------------------------

    def _forward(self, event: DeviceEvent) -> None:
        if self._listener is not None:
            self._listener(event)

    def _bring_up(self, name: str, device: Device) -> bool:
        """claim + enable (or reconnect a lost port); False and a scheduled retry if it did not work."""
        recovery = self._recovery[name]
        try:
            if device.state is DeviceState.OPENED:
                device.claim()
            elif device.state in (DeviceState.CLAIMED, DeviceState.ENABLED) and device.health is Health.NODEVICE:
                device.reconnect()
            if device.state is DeviceState.CLAIMED:
                device.enable()
        except DeviceError as exc:
            delay = min(self.backoff_max, self.backoff_initial * 2 ** recovery.attempts)
            recovery.attempts += 1
            recovery.next_try = time.monotonic() + delay
            log.info("device %s not available (%s); retry %d in %.1f s", name, exc.code, recovery.attempts, delay)
            return False
        except Exception:
            # A worker that died or hung must not end the watcher: log it and back off like a failure.
            log.exception("DEVICE_RECOVERY_FAILED: %s", name)
            recovery.attempts += 1
            recovery.next_try = time.monotonic() + self.backoff_max
            return False
        if recovery.attempts:
            log.info("device %s back after %d attempts", name, recovery.attempts)
        recovery.attempts, recovery.next_try = 0, 0.0
        return True

    def _needs_recovery(self, device: Device) -> bool:
        if device.state is DeviceState.OPENED:
            return True
        return device.state is not DeviceState.CLOSED and device.health is Health.NODEVICE

    def _watch(self) -> None:
        while not self._stop.wait(self.watch_interval):
            now = time.monotonic()
            for name, device in self._devices.items():
                if self._stop.is_set():
                    return
                if self._needs_recovery(device) and now >= self._recovery[name].next_try:
                    self._bring_up(name, device)
