"""The wire to a receipt printer: a URL, opened through python-escpos's transports, with bounded reads.

    tcp://192.168.1.50:9100                     network printer (raw port 9100), one connection per job
    serial:///dev/ttyS0?baudrate=19200          serial; also bytesize, parity (N/E/O), stopbits, xonxoff,
                                                rtscts, dsrdtr (python-escpos default: DSR/DTR flow control)
    usb://04b8:0202?in_ep=0x82&out_ep=0x01      USB printer class device through pyusb (vendor:product hex)
    file:///dev/usb/lp0                         a device file (Linux usblp, parallel port): write only

python-escpos gives each transport one ``_raw(bytes)`` and ``_read()``; this module adds what a job needs on
top: a read that waits at most a given time, a write that fails instead of hanging, and one exception
(:class:`LinkLost`) for a connection that broke. TCP connects per job and per status check, as CUPS's
socket backend does: network printers drop idle connections, and a fresh connect tells at once whether the
printer is there. Serial, USB and file ports are held from ``claim`` to ``release`` (UnifiedPOS exclusive
access).
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from devices.base import DeviceError
from devices.printers.codes import MSG_PRINTER_CONFIG, MSG_PRINTER_UNAVAILABLE

SCHEMES = ("tcp", "serial", "usb", "file")


class LinkLost(Exception):
    """The connection broke (reset, closed, unplugged) while it was in use."""


@dataclass(frozen=True)
class PrinterUrl:
    scheme: str
    target: str                                  # host, device path or "vvvv:pppp"
    port: int = 9100
    options: dict[str, str] = field(default_factory=dict, hash=False)

    @property
    def readable(self) -> bool:
        """Whether status can be read back (a device file is write-only here)."""
        return self.scheme != "file"

    @property
    def per_job(self) -> bool:
        return self.scheme == "tcp"

    def describe(self) -> str:
        return f"tcp://{self.target}:{self.port}" if self.scheme == "tcp" else f"{self.scheme}://{self.target}"


def parse_printer_url(url: str) -> PrinterUrl:
    """Split a printer URL (see the module doc); DeviceError PRINTER_CONFIG_INVALID if it makes no sense."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    options = dict(parse_qsl(parts.query))
    if scheme == "tcp":
        if not parts.hostname:
            raise _bad(url, "a network printer URL needs a host: tcp://host:9100")
        try:
            port = parts.port or 9100
        except ValueError as exc:
            raise _bad(url, str(exc)) from exc
        return PrinterUrl("tcp", parts.hostname, port, options)
    if scheme in ("serial", "file"):
        path = parts.path or parts.netloc
        if not path:
            raise _bad(url, f"{scheme} URL needs a device path: {scheme}:///dev/…")
        return PrinterUrl(scheme, path, options=options)
    if scheme == "usb":
        ids = parts.netloc.split(":")
        if len(ids) != 2 or not all(_is_hex(part) for part in ids):
            raise _bad(url, "a USB printer URL names vendor and product in hex: usb://04b8:0202")
        return PrinterUrl("usb", parts.netloc.lower(), options=options)
    raise _bad(url, f"unknown printer URL scheme {parts.scheme!r}; use one of {', '.join(SCHEMES)}")


def _is_hex(text: str) -> bool:
    try:
        int(text, 16)
    except ValueError:
        return False
    return 0 < len(text) <= 4


def _bad(url: str, reason: str) -> DeviceError:
    return DeviceError("PRINTER_CONFIG_INVALID", MSG_PRINTER_CONFIG, f"printer URL {url!r}: {reason}")


def _not_connected(target: PrinterUrl, reason: str) -> DeviceError:
    code = "PRINTER_OFFLINE" if target.per_job else "PRINTER_NOT_CONNECTED"
    return DeviceError(code, MSG_PRINTER_UNAVAILABLE, f"{target.describe()}: {reason}")


class EscposLink:
    """One open connection to the printer. Not thread-safe: it lives on the printer's worker thread."""

    def __init__(self, target: PrinterUrl, *, connect_timeout: float = 3.0, write_timeout: float = 10.0):
        self.target = target
        self.connect_timeout = connect_timeout
        self.write_timeout = write_timeout
        self._printer: Any = None

    @property
    def is_open(self) -> bool:
        return self._printer is not None

    def open(self) -> None:
        """Open the port; DeviceError PRINTER_OFFLINE (network) or PRINTER_NOT_CONNECTED (local port)."""
        printer = self._build()
        try:
            printer.open()
            if self.target.scheme == "serial":
                # A printer holding DSR/CTS low (offline, buffer full) would block a write for ever.
                printer._device.write_timeout = self.write_timeout
        except Exception as exc:   # python-escpos wraps OSError / SerialException / USBError in its own
            printer._device = False
            raise _not_connected(self.target, _reason(exc)) from None
        self._printer = printer

    def _build(self) -> Any:
        # Imported here: python-escpos loads its printer database on import (~150 ms).
        from escpos import printer as escpos_printer

        target, options = self.target, self.target.options
        try:
            if target.scheme == "tcp":
                return escpos_printer.Network(target.target, target.port, timeout=self.connect_timeout)
            if target.scheme == "file":
                return escpos_printer.File(target.target)
            if target.scheme == "serial":
                return escpos_printer.Serial(
                    target.target, baudrate=int(options.get("baudrate", options.get("baud", 9600))),
                    bytesize=int(options.get("bytesize", 8)), parity=options.get("parity", "N").upper(),
                    stopbits=int(options.get("stopbits", 1)), timeout=0.1,
                    xonxoff=_flag(options.get("xonxoff")), dsrdtr=_flag(options.get("dsrdtr", "1")))
            if not escpos_printer.Usb.is_usable():
                raise DeviceError("PRINTER_DRIVER_MISSING", MSG_PRINTER_UNAVAILABLE,
                                  "USB printers need pyusb (pip install pyusb) and libusb-1.0")
            vendor, product = (int(part, 16) for part in target.target.split(":"))
            return escpos_printer.Usb(vendor, product, timeout=int(self.write_timeout * 1000),
                                      in_ep=int(options.get("in_ep", "0x82"), 0),
                                      out_ep=int(options.get("out_ep", "0x01"), 0))
        except ValueError as exc:
            raise _bad(target.describe(), str(exc)) from exc

    def close(self) -> None:
        printer, self._printer = self._printer, None
        if printer is None:
            return
        with contextlib.suppress(Exception):
            if self.target.scheme == "serial" and printer._device:
                # A serial printer's flow control may hold the last bytes back forever: do not flush.
                printer._device.close()
                printer._device = False
            else:
                printer.close()

    # --- data -----------------------------------------------------------------------------------

    def write(self, data: bytes) -> None:
        """Send everything or raise LinkLost; never blocks longer than ``write_timeout`` per chunk."""
        printer = self._require()
        handle = printer._device
        try:
            if self.target.scheme == "tcp":
                handle.settimeout(self.write_timeout)
            printer._raw(data)
            if self.target.scheme == "serial":
                handle.flush()
        except Exception as exc:   # OSError, SerialException, USBError, socket.timeout
            raise LinkLost(f"write failed: {_reason(exc)}") from None

    def read(self, timeout: float) -> bytes:
        """Whatever the printer sent within ``timeout`` seconds (b"" if nothing); LinkLost if it closed."""
        printer = self._require()
        handle = printer._device
        scheme = self.target.scheme
        try:
            if scheme == "tcp":
                handle.settimeout(max(timeout, 0.001))
                try:
                    data = handle.recv(256)
                except TimeoutError:
                    return b""
                if not data:
                    raise LinkLost("the printer closed the connection")
                return data
            if scheme == "serial":
                if handle.timeout != timeout:   # pyserial reprograms the port on every change
                    handle.timeout = timeout
                first = handle.read(1)
                return first + handle.read(handle.in_waiting) if first else b""
            if scheme == "usb":
                try:
                    return bytes(handle.read(printer.in_ep, 64, max(1, int(timeout * 1000))))
                except Exception as exc:
                    if "timeout" in str(exc).lower() or getattr(exc, "errno", None) == 110:
                        return b""
                    raise
        except LinkLost:
            raise
        except Exception as exc:
            raise LinkLost(f"read failed: {_reason(exc)}") from None
        return b""

    def drain(self) -> bytes:
        """Read and discard what is already waiting (stale answers), without waiting for more."""
        stale = b""
        while chunk := self.read(0.01):
            stale += chunk
        return stale

    def read_until(self, accept, count: int, timeout: float, should_stop=None) -> bytes:
        """Collect up to ``count`` bytes for which ``accept(byte)`` holds, within ``timeout`` seconds (or
        until ``should_stop()`` says so, checked every quarter second)."""
        deadline = time.monotonic() + timeout
        found = bytearray()
        while len(found) < count:
            left = deadline - time.monotonic()
            if left <= 0 or (should_stop is not None and should_stop()):
                break
            found.extend(b for b in self.read(min(left, 0.25)) if accept(b))
        return bytes(found[:count])

    def _require(self) -> Any:
        if self._printer is None or not self._printer._device:
            raise LinkLost("not connected")
        return self._printer


def _flag(value: str | None) -> bool:
    return str(value).lower() in ("1", "true", "yes", "on")


def _reason(exc: BaseException) -> str:
    """The useful part of an exception's text: python-escpos wraps the OS error as
    "Device not found (Could not open socket for host:\n[Errno 111] Connection refused)"."""
    text = str(getattr(exc, "msg", "") or exc).strip().splitlines()
    return text[-1] if text else type(exc).__name__
