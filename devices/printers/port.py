"""The printer as the print queue in ``core`` sees it: ``print_document(content, media_type, job_id)``.

``core.print_queue.PrinterPort`` is a protocol; this class satisfies it without either side importing the
other (import-linter keeps ``core`` and ``devices`` apart), and the composition root hands one to the
queue per printer::

    receipt = DevicePrinterPort(lambda: manager.get("receipt_printer"))
    queue = PrintQueue(store, {RECEIPT: receipt, A4: DevicePrinterPort(lambda: manager.get("a4_printer"))})

The printer is looked up on every call (the manager hands out the live device; never cache it). The call
blocks until the printer confirmed the job or it failed, so run it off the GUI thread; a failure raises
``DeviceError``, whose ``code`` and ``detail`` the queue records for the reprint.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout

from devices.base import Device, DeviceError
from devices.printers.codes import MSG_PRINTER_UNAVAILABLE
from devices.printers.printer import PrinterDevice

ESCPOS = "application/vnd.escpos"
PDF = "application/pdf"


class DevicePrinterPort:
    def __init__(self, printer: Callable[[], Device], *, accepts: tuple[str, ...] = (ESCPOS, PDF)):
        self._printer = printer
        self.accepts = accepts

    def print_document(self, content: bytes, media_type: str, job_id: str) -> None:
        if media_type not in self.accepts:
            raise DeviceError("PRINTER_UNSUPPORTED_DOCUMENT", MSG_PRINTER_UNAVAILABLE,
                              f"job {job_id}: this printer takes {', '.join(self.accepts)}, not {media_type}")
        device = self._printer()   # raises DeviceError DEVICE_NOT_CONFIGURED for a printer that is not there
        if not isinstance(device, PrinterDevice):
            raise DeviceError("PRINTER_NOT_A_PRINTER", MSG_PRINTER_UNAVAILABLE,
                              f"job {job_id}: device {device.name!r} is a {device.kind}, not a printer")
        future = device.print_bytes(content, job_id)
        try:
            future.result(timeout=device.wait_limit)
        except FutureTimeout:
            # The driver bounds every job itself; getting here means its worker is stuck.
            raise DeviceError("PRINTER_JOB_TIMEOUT", MSG_PRINTER_UNAVAILABLE,
                              f"job {job_id}: no outcome from {device.name} within {device.wait_limit:.0f} s") from None
