"""``driver = "qr_simulator"``: a scanner for ``--demo`` and the technician console.

``scan(text)`` delivers the code exactly as a real scanner's driver does (a ``DataEvent(ScannedCode)`` on
the worker thread, only while enabled). Config ``codes`` lists sample payloads a demo screen can offer
as buttons; nothing about them is special to the simulator.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from devices.base import Listener
from devices.registry import register_driver
from devices.scanner.device import ScannerDevice


class SimulatedScanner(ScannerDevice):
    source = "simulator"

    def __init__(self, name: str, *, listener: Listener | None = None, codes: list[str] | None = None):
        super().__init__(name, listener)
        self.codes = list(codes or [])

    @classmethod
    def from_config(cls, name: str, config: Mapping[str, Any],
                    listener: Listener | None = None) -> SimulatedScanner:
        return cls(name, listener=listener, codes=[str(code) for code in config.get("codes", [])])

    def scan(self, text: str) -> None:
        """Deliver ``text`` as a scanned code (from any thread; does nothing unless enabled)."""
        if self.enabled:
            self._later(lambda: self._publish(text))


register_driver("qr_simulator", SimulatedScanner.from_config)
