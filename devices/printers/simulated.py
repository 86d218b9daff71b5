"""``driver = "capture"``: the real ``escpos`` driver printing into an in-process capture printer, for ``--demo``.

Nothing is faked above the wire: ``open`` starts a :class:`~devices.printers.capture.CapturePrinter` on a
loopback port and the driver connects to it like to a network printer, status queries and all. The jobs
land in ``printer.store`` (a ``CaptureStore``), which a demo window shows as pictures of the slips
(``core.documents.escpos_preview``) or, for PDFs sent to a capture "A4 printer", as pages.
``printer.capture.set_status("paper_out")`` lets a demo show what a citizen sees when paper runs out.

Config keys: those of ``escpos`` except ``url``, plus ``capture_status`` (ok, paper_low, paper_out,
cover_open, offline) and ``keep_jobs`` (default 50).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from devices.base import DeviceError, Listener
from devices.printers.capture import STATUSES, CapturePrinter, CaptureStore
from devices.printers.codes import MSG_PRINTER_UNAVAILABLE, config_error
from devices.printers.escpos_link import parse_printer_url
from devices.printers.escpos_printer import EscposPrinter
from devices.registry import register_driver


class CapturedEscposPrinter(EscposPrinter):
    kind = "capture_printer"
    accepts_pdf = True   # the demo's "A4 printer" is a capture too

    def __init__(self, name: str, *, listener: Listener | None = None, capture_status: str = "ok",
                 keep_jobs: int = 50, **options: Any):
        super().__init__(name, "", listener=listener, **options)
        self.store = CaptureStore(keep=keep_jobs)
        self._capture_status = capture_status
        self.capture = CapturePrinter(self.store, status=capture_status)

    @classmethod
    def from_config(cls, name: str, config: Mapping[str, Any],
                    listener: Listener | None = None) -> CapturedEscposPrinter:
        status = str(config.get("capture_status", "ok"))
        if status not in STATUSES:
            raise config_error(name, f"capture_status must be one of {', '.join(STATUSES)}, not {status!r}")
        try:
            keep = int(config.get("keep_jobs", 50))
        except (TypeError, ValueError) as exc:
            raise config_error(name, str(exc)) from exc
        return cls(name, listener=listener, capture_status=status, keep_jobs=keep,
                   **cls.options_from_config(name, config))

    def _do_open(self) -> None:
        try:
            self.target = parse_printer_url(self.capture.start_tcp())
        except OSError as exc:
            raise DeviceError("PRINTER_CAPTURE_FAILED", MSG_PRINTER_UNAVAILABLE,
                              f"cannot start the capture printer: {exc}") from exc
        super()._do_open()

    def _do_close(self) -> None:
        super()._do_close()
        self.capture.stop()
        self.capture = CapturePrinter(self.store, status=self._capture_status)


register_driver("capture", CapturedEscposPrinter.from_config)
