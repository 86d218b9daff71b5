"""Serial scanners' line protocol, as pure logic: splitting bytes into lines and decoding them.

A scanner in serial (or USB-CDC "virtual COM") mode sends each code followed by CR, LF or CR LF,
depending on its setup. :class:`LineSplitter` accepts all three (a CR LF split across two reads is still
one terminator) and keeps memory bounded: a line longer than ``max_length`` bytes is dropped as it
overflows, with one ``Dropped`` report, and so is a fragment that waits longer than ``stale_after``
seconds for its terminator (line noise, a scanner unplugged mid-code), so that it is never glued to the
front of the next code.

Chinese text reaches a serial port in whatever the scanner is set to: UTF-8, or GBK (the factory setting
of many scanners sold in China). ``decode_line`` takes "utf-8", "gbk" or "auto" (UTF-8 if the bytes are
valid UTF-8, else GB18030).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from devices.base import DeviceError
from devices.scanner.code import MSG_SCAN_AGAIN, MSG_SCANNER_FAULT

_EOL = re.compile(rb"\r\n|\r|\n")
ENCODINGS = ("utf-8", "gbk", "auto")


@dataclass(frozen=True)
class Dropped:
    """Bytes thrown away: ``reason`` is "too_long" or "incomplete"."""

    reason: str
    size: int

    def error(self, max_length: int) -> DeviceError:
        if self.reason == "too_long":
            return DeviceError("SCANNER_LINE_TOO_LONG", MSG_SCAN_AGAIN,
                               f"more than {max_length} bytes without a line end; dropped until the next one")
        return DeviceError("SCANNER_LINE_INCOMPLETE", MSG_SCAN_AGAIN,
                           f"{self.size} bytes without a line end, then silence; dropped")


class LineSplitter:
    def __init__(self, max_length: int = 4096, stale_after: float = 1.0):
        self.max_length = max_length
        self.stale_after = stale_after
        self._buffer = bytearray()
        self._last = 0.0
        self._after_cr = False   # the previous chunk ended with CR: a leading LF completes CR LF
        self._discarding = False  # inside an overlong line: drop up to its terminator

    @property
    def pending(self) -> int:
        return len(self._buffer)

    def feed(self, data: bytes, now: float) -> list[bytes | Dropped]:
        """Bytes read at time ``now`` (seconds, monotonic) -> complete lines (without terminator) and drops."""
        out: list[bytes | Dropped] = self.expire(now)
        if not data:
            return out
        self._last = now
        pos = 1 if self._after_cr and data[:1] == b"\n" else 0
        self._after_cr = False
        for match in _EOL.finditer(data, pos):
            self._take(data[pos:match.start()], out)
            self._end_line(out)
            pos = match.end()
            if match.group() == b"\r" and pos == len(data):
                self._after_cr = True
        self._take(data[pos:], out)
        return out

    def expire(self, now: float) -> list[bytes | Dropped]:
        """Drop a fragment that has waited too long for its terminator (call when a read timed out)."""
        if self._buffer and now - self._last > self.stale_after:
            size = len(self._buffer)
            self._buffer.clear()
            return [Dropped("incomplete", size)]
        return []

    def _take(self, piece: bytes, out: list[bytes | Dropped]) -> None:
        if self._discarding or not piece:
            return
        self._buffer += piece
        if len(self._buffer) > self.max_length:
            out.append(Dropped("too_long", len(self._buffer)))
            self._buffer.clear()
            self._discarding = True

    def _end_line(self, out: list[bytes | Dropped]) -> None:
        if self._discarding:
            self._discarding = False  # the overlong line ends here; it was reported when it overflowed
        elif self._buffer:
            out.append(bytes(self._buffer))  # empty lines (a blank CR LF) are not codes
        self._buffer.clear()


def check_encoding(encoding: str) -> str:
    name = encoding.strip().lower().replace("_", "-")
    if name in ("utf8", "utf-8"):
        return "utf-8"
    if name in ("gbk", "gb2312", "gb18030", "cp936"):
        return "gbk"
    if name == "auto":
        return "auto"
    raise DeviceError("DEVICE_CONFIG_INVALID", MSG_SCANNER_FAULT,
                      f"scanner encoding {encoding!r} is not one of {', '.join(ENCODINGS)}")


def decode_line(raw: bytes, encoding: str) -> str:
    """Decode one line; raises DeviceError SCANNER_DECODE_FAILED for bytes that are not valid text."""
    name = check_encoding(encoding)
    candidates = {"utf-8": ["utf-8-sig"], "gbk": ["gb18030"], "auto": ["utf-8-sig", "gb18030"]}[name]
    # "gbk" decodes as GB18030: a superset that reads every GBK byte sequence the same way and also the
    # four-byte ones some scanners emit for characters outside GBK (rare characters in names).
    problem = ""
    for codec in candidates:
        try:
            return raw.decode(codec)
        except UnicodeDecodeError as exc:
            problem = f"{exc.reason} at byte {exc.start}"
    raise DeviceError("SCANNER_DECODE_FAILED", MSG_SCAN_AGAIN,
                      f"{len(raw)} bytes are not valid {name} text: {problem} "
                      f"(check the scanner's encoding setting)")

