"""``ScannerDevice``: what the four scanner drivers share — a worker thread and delivery of codes.

A scanner without a port of its own (the keyboard wedge, the camera decoder, the simulator) is ONLINE
once claimed; the serial scanner overrides the hooks to open and watch its port. Codes are published
as ``DataEvent(ScannedCode)`` on the device's worker thread, like every device event (devices/base.py),
and only while the device is enabled (UnifiedPOS: no data events while disabled).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from devices.base import DataEvent, DeviceError, DeviceState, Health, Listener
from devices.scanner.code import MSG_SCANNER_FAULT, ScannedCode
from devices.worker import DeviceWorker, WorkerDevice

log = logging.getLogger(__name__)


class ScannerDevice(WorkerDevice):
    fault_message = MSG_SCANNER_FAULT
    kind = "scanner"
    source = "scanner"  # ScannedCode.source of this driver
    worker_timeout = 5.0

    def __init__(self, name: str, listener: Listener | None = None):
        super().__init__(name, listener)
        self._worker: DeviceWorker | None = None
        self._totals = {"codes": 0, "errors": 0}

    @property
    def enabled(self) -> bool:
        return self.state is DeviceState.ENABLED

    def _do_claim(self) -> None:
        self._on_worker(lambda: self._set_health(Health.ONLINE))

    def _do_release(self) -> None:
        self._on_worker(lambda: self._set_health(Health.OFFLINE, "released"))

    def _later(self, fn: Callable[[], None]) -> None:
        """Queue ``fn`` on the worker without waiting (from the GUI thread or a frame source)."""
        worker = self._worker
        if worker is not None:
            worker.submit(fn)

    def _publish(self, text: str) -> None:
        """Deliver one code; call on the worker thread."""
        if not self.enabled:
            return
        self._totals["codes"] += 1
        code = ScannedCode(text=text, source=self.source)
        log.info("scanner %s: %r", self.name, code)
        self._emit(DataEvent(device=self.name, data=code))

    def _fail(self, error: DeviceError) -> None:
        self._totals["errors"] += 1
        self._report(error)

    def diagnostics(self) -> dict[str, Any]:
        facts = super().diagnostics()
        facts.update(self._totals)
        return facts
