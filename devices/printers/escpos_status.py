"""ESC/POS status bytes: the real-time ``DLE EOT n`` queries and the in-sequence ``GS r 1`` acknowledgement.

Epson "ESC/POS Command Reference", DLE EOT (transmit real-time status) and GS r (transmit status):

* ``DLE EOT n`` is a *real-time* command: the printer answers one byte as soon as it receives it, even
  while offline with paper out or the cover open, and even when the three bytes happen to sit inside
  another command's data (a raster image). Every answer has the fixed bits ``0xx1xx10``.
  n=1 printer status (bit 3 offline), n=2 offline cause (bit 2 cover open, bit 5 stopped by paper end,
  bit 6 error), n=3 error cause (bit 3 autocutter, bit 5 unrecoverable, bit 6 auto-recoverable such as a
  hot head), n=4 roll paper sensor (bits 2-3 near end, bits 5-6 paper end).
* ``GS r 1`` is processed *in sequence*: the printer answers only after everything sent before it has
  been printed. Sent after a job it is the printer's "done" receipt; a printer that ran out of paper half
  way never answers it. Its answer has bit 4 = 0 and bit 7 = 0 (bits 0-1 near end, bits 2-3 paper end),
  which tells it apart from real-time answers that arrive in the same stream.
"""

from __future__ import annotations

import re

from devices.printers.codes import NO_ANSWER, PrinterStatus

DLE_EOT = b"\x10\x04"
# Printer, offline cause, error cause, paper sensor: four answers, in this order.
STATUS_QUERY = DLE_EOT + b"\x01" + DLE_EOT + b"\x02" + DLE_EOT + b"\x03" + DLE_EOT + b"\x04"
STATUS_ANSWERS = 4
PAPER_ACK_QUERY = b"\x1d\x72\x01"          # GS r 1: transmit paper sensor status, in sequence
REALTIME_QUERY = re.compile(rb"\x10\x04[\x01-\x04]")
BASE = 0x12                                # the fixed bits of every DLE EOT answer


def is_realtime_answer(byte: int) -> bool:
    return byte & 0x93 == BASE


def is_ack_answer(byte: int) -> bool:
    return byte & 0x90 == 0


def decode_status(answers: bytes) -> PrinterStatus:
    """The four answers to :data:`STATUS_QUERY` (missing trailing ones count as "all clear")."""
    if not answers:
        return NO_ANSWER
    printer, cause, error, paper = (answers + bytes([BASE] * STATUS_ANSWERS))[:STATUS_ANSWERS]
    flags = {
        "offline": bool(printer & 0x08),
        "cover_open": bool(cause & 0x04),
        "paper_out": bool(cause & 0x20) or paper & 0x60 == 0x60,
        "paper_low": paper & 0x0C == 0x0C,
        "hw_error": bool(error & 0x28),                    # autocutter or unrecoverable
    }
    reasons = [name for name, on in flags.items() if on]
    if error & 0x40:
        reasons.append("auto_recoverable_error")           # e.g. head too hot: waits, then goes on
    if cause & 0x40 and not (flags["cover_open"] or flags["paper_out"] or flags["hw_error"]):
        reasons.append("error")
    return PrinterStatus(reasons=tuple(reasons), **flags)


def decode_ack(byte: int) -> PrinterStatus:
    """The answer to ``GS r 1``: the job has printed; the paper sensors as they are now."""
    paper_low = byte & 0x03 == 0x03
    paper_out = byte & 0x0C == 0x0C
    reasons = tuple(name for name, on in (("paper_low", paper_low), ("paper_out", paper_out)) if on)
    return PrinterStatus(paper_low=paper_low, paper_out=paper_out, reasons=reasons)


def encode_status(status: PrinterStatus) -> bytes:
    """The four DLE EOT answers a printer in ``status`` gives (for the capture printer)."""
    printer = BASE | (0x08 if status.offline or status.paper_out or status.cover_open or status.hw_error else 0)
    cause = BASE | (0x04 if status.cover_open else 0) | (0x20 if status.paper_out else 0) \
        | (0x40 if status.hw_error else 0)
    error = BASE | (0x08 if status.hw_error else 0)
    paper = BASE | (0x0C if status.paper_low or status.paper_out else 0) | (0x60 if status.paper_out else 0)
    return bytes((printer, cause, error, paper))


def encode_ack(status: PrinterStatus) -> bytes:
    return bytes(((0x03 if status.paper_low or status.paper_out else 0) | (0x0C if status.paper_out else 0),))

