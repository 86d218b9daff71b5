"""The device side of the technician's device page, without widgets: one DeviceManager per device so a
device can be reconfigured and restarted alone, health in one sentence, and the per-device event log.

When the composition root already runs the terminal's devices (``ctx.devices``), the page uses that
manager for status and tests; a changed configuration is then saved and takes effect after a restart.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from devices.base import Health
from devices.manager import DeviceManager
from devices.setup import SERIAL_PORTS, params_for, probe_serial_port
from ui_common.device_bridge import DeviceBridge

SETTLE_S = 3.0
EVENT_LOG_SIZE = 200
_SETTLED = {Health.ONLINE, Health.OFFLINE, Health.HWERROR, Health.USERERROR}


@dataclass(frozen=True)
class StartResult:
    name: str
    manager: DeviceManager | None
    health: Health
    error_code: str = ""     # why the device could not be built (unknown driver, bad parameter)
    port_problem: str = ""   # why its serial port does not open, if it has one


def start_device(name: str, params: Mapping[str, Any], bus: Any, old: DeviceManager | None = None) -> StartResult:
    """Stop ``old``, then build and start ``name`` alone and wait (bounded) for its health to settle.

    Blocking: call it on a worker. A device that does not come up keeps retrying in its manager.
    """
    if old is not None:
        old.stop()
    port_problem = ""
    serial = next((p for p in params_for(str(params.get("driver", ""))) if p.discover == SERIAL_PORTS), None)
    if serial is not None:
        port_problem = probe_serial_port(str(params.get(serial.name, "")), int(params.get("baud", 9600) or 9600))
    manager = DeviceManager({name: dict(params)}, listener=DeviceBridge(bus), backoff_initial=1.0, backoff_max=10.0)
    manager.start()
    deadline = time.monotonic() + (0.5 if port_problem else SETTLE_S)
    while time.monotonic() < deadline and manager.health()[name] not in _SETTLED:
        time.sleep(0.05)
    error = manager.diagnostics().get(name, {}).get("error", "")
    return StartResult(name, manager, manager.health()[name], error_code=error, port_problem=port_problem)


class EventLog:
    """The last events of each device, as plain dicts (no personal data), for the page and the export."""

    def __init__(self, size: int = EVENT_LOG_SIZE) -> None:
        self._events: deque[dict[str, str]] = deque(maxlen=size)

    def add(self, device: str, kind: str, text: str, at: datetime | None = None) -> dict[str, str]:
        entry = {"at": (at or datetime.now()).strftime("%H:%M:%S"), "device": device, "event": kind, "text": text}
        self._events.append(entry)
        return entry

    def for_device(self, device: str) -> list[dict[str, str]]:
        return [e for e in self._events if e["device"] == device]

    def all(self) -> list[dict[str, str]]:
        return list(self._events)
