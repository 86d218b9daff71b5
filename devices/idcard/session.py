"""One open port and the command/response conversation with the SAM on it.

Used by the reader device on its worker thread and by ``read_one_card`` on the caller's thread; it is not
thread-safe, by design (one owner per port). The port comes from pyserial's ``serial_for_url``, so a
device path, ``socket://host:port`` and ``rfc2217://`` all work.

Every wait is bounded: a read blocks for at most ``READ_SLICE`` seconds, an exchange for at most its
response timeout, and ``should_stop`` is checked between reads so the owner can stop the thread quickly.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import serial

from devices.base import MSG_DEVICE_NOT_CONNECTED, DeviceError
from devices.idcard import frames
from devices.idcard.carddata import CardData
from devices.idcard.cardtext import parse_text_block
from devices.idcard.frames import Command, FrameDecoder, FrameFault, Response
from devices.idcard.status import MSG_LINE_TROUBLE, MSG_READER_FAULT, MSG_REPLACE_CARD

log = logging.getLogger(__name__)

DEFAULT_BAUD = 115200
READ_SLICE = 0.05  # seconds one read() may block; bounds how long a stop request waits
WRITE_TIMEOUT = 1.0
QUIET_AFTER_FAULT = 0.05  # a corrupt frame followed by this much silence was our answer
FRAME_FAULT_CODES = frozenset({"IDCARD_FRAME_CHECKSUM", "IDCARD_FRAME_LENGTH"})

# What a vanished port raises. pyserial wraps most OS errors, but not termios.error, which tcflush raises
# (EIO) on a serial device or pty whose other side has gone.
try:
    import termios

    PORT_ERRORS: tuple[type[BaseException], ...] = (serial.SerialException, OSError, termios.error)
except ImportError:  # pragma: no cover - Windows has no termios
    PORT_ERRORS = (serial.SerialException, OSError)


class PortLost(DeviceError):
    """The port went away (USB unplugged, socket closed): the device must be reconnected."""

    def __init__(self, detail: str):
        super().__init__("IDCARD_DEVICE_LOST", MSG_DEVICE_NOT_CONNECTED, detail)


class Stopping(DeviceError):
    def __init__(self) -> None:
        super().__init__("DEVICE_STOPPING", MSG_READER_FAULT, "the owner asked the worker to stop")


def format_sam_id(data: bytes) -> str:
    """The SAM id as vendor tools print it (05.01-20101206-0012345678-1234567890).

    (unconfirmed) The 16 bytes are taken as little-endian u16 u16 u32 u32 u32, the split that vendor SDKs
    display; anything else is shown as hex so a technician can still compare it with the label.
    """
    if len(data) != 16:
        return data.hex().upper()
    a, b = (int.from_bytes(data[i:i + 2], "little") for i in (0, 2))
    c, d, e = (int.from_bytes(data[i:i + 4], "little") for i in (4, 8, 12))
    return f"{a:02d}.{b:02d}-{c:08d}-{d:010d}-{e:010d}"


def _never() -> bool:
    return False


def _ignore_fault(_fault: FrameFault) -> None:
    return None


class SamvSession:
    def __init__(self, port: serial.SerialBase, *, response_timeout: float = 1.0,
                 should_stop: Callable[[], bool] = _never,
                 on_fault: Callable[[FrameFault], None] = _ignore_fault):
        self.port = port
        self.response_timeout = response_timeout
        self._should_stop = should_stop
        self._on_fault = on_fault
        self.decoder = FrameDecoder()
        self.bytes_out = 0
        self.bytes_in = 0
        self.timeouts = 0
        self.unexpected = 0

    @classmethod
    def open(cls, url: str, baud: int = DEFAULT_BAUD, **kwargs) -> SamvSession:
        """Open ``url`` at ``baud`` 8N1 (the SAM_V default line is 115200 8N1)."""
        try:
            port = serial.serial_for_url(url, baudrate=baud, bytesize=serial.EIGHTBITS,
                                         parity=serial.PARITY_NONE, stopbits=serial.STOPBITS_ONE,
                                         timeout=READ_SLICE, write_timeout=WRITE_TIMEOUT)
        except (*PORT_ERRORS, ValueError) as exc:
            raise DeviceError("IDCARD_PORT_OPEN_FAILED", MSG_DEVICE_NOT_CONNECTED,
                              f"cannot open {url} at {baud} baud: {exc}") from exc
        return cls(port, **kwargs)

    def close(self) -> None:
        try:
            self.port.close()
        except PORT_ERRORS as exc:
            log.debug("closing the ID card reader port: %s", exc)

    # --- the conversation -----------------------------------------------------------------------

    def exchange(self, command: Command, accept: Callable[[Response], bool] | None = None,
                 timeout: float | None = None) -> Response:
        """Send ``command`` and return the first well-formed response that ``accept`` takes.

        Responses ``accept`` refuses (a late answer to an earlier command that timed out) are skipped.
        Raises PortLost, DeviceError IDCARD_TIMEOUT or IDCARD_FRAME_CHECKSUM, or Stopping.
        """
        deadline = time.monotonic() + (self.response_timeout if timeout is None else timeout)
        try:
            self.port.reset_input_buffer()
            self.decoder.reset()
            payload = command.encode()
            self.port.write(payload)
            self.bytes_out += len(payload)
            return self._await(command, accept, deadline)
        except serial.SerialTimeoutException as exc:
            raise DeviceError("IDCARD_TIMEOUT", MSG_LINE_TROUBLE, f"write of {command!r} timed out") from exc
        except PORT_ERRORS as exc:
            raise PortLost(f"port failed during {command!r}: {exc}") from exc

    def _await(self, command: Command, accept: Callable[[Response], bool] | None, deadline: float) -> Response:
        corrupt_at: float | None = None
        while True:
            if self._should_stop():
                raise Stopping()
            size = max(self.decoder.bytes_wanted(), self.port.in_waiting)
            chunk = self.port.read(size)
            self.bytes_in += len(chunk)
            for response in self.decoder.feed(chunk):
                if accept is None or accept(response):
                    return response
                self.unexpected += 1
                log.debug("skipped %r while waiting for %r", response, command)
            for fault in self.decoder.take_faults():
                self._on_fault(fault)
                if fault.code == "IDCARD_FRAME_CHECKSUM":
                    corrupt_at = time.monotonic()
            now = time.monotonic()
            if (corrupt_at is not None and not chunk and self.decoder.buffered == 0
                    and now - corrupt_at >= QUIET_AFTER_FAULT):
                raise DeviceError("IDCARD_FRAME_CHECKSUM", MSG_LINE_TROUBLE,
                                  f"the answer to {command!r} arrived with a bad checksum")
            if now >= deadline:
                self.timeouts += 1
                raise DeviceError("IDCARD_TIMEOUT", MSG_LINE_TROUBLE,
                                  f"no answer to {command!r} within the response timeout")

    # --- commands -------------------------------------------------------------------------------

    def reset_sam(self) -> None:
        response = self.exchange(frames.RESET_SAM, _no_data)
        _raise_unless(response, 0x90, "reset SAM")

    def sam_status(self) -> Response:
        return self.exchange(frames.SAM_STATUS, _no_data)

    def sam_id(self) -> str:
        response = self.exchange(frames.READ_SAM_ID, lambda r: not r.ok or len(r.data) == 16)
        _raise_unless(response, 0x90, "read SAM id")
        return format_sam_id(response.data)

    def find_card(self) -> bool:
        """True if a card is in the field (9F), False for the normal "no card" answer (80)."""
        response = self.exchange(frames.FIND_CARD, lambda r: r.sw3 != 0x90 and (r.sw3 != 0x9F or len(r.data) == 4))
        if response.sw3 == 0x80:
            return False
        _raise_unless(response, 0x9F, "find card")
        return True

    def select_card(self) -> bool:
        response = self.exchange(frames.SELECT_CARD, lambda r: r.sw3 != 0x9F and (r.sw3 != 0x90 or len(r.data) == 8))
        if response.sw3 == 0x81:
            return False
        _raise_unless(response, 0x90, "select card")
        return True

    def read_card(self, with_fingerprint: bool = False) -> CardData:
        command = frames.READ_TEXT_PHOTO_FINGERPRINT if with_fingerprint else frames.READ_TEXT_PHOTO
        lengths = 3 if with_fingerprint else 2
        response = self.exchange(command, lambda r: r.sw3 != 0x9F and (r.sw3 != 0x90 or len(r.data) >= 2 * lengths))
        _raise_unless(response, 0x90, "read card")
        return parse_read_response(response.data, lengths)

    def diagnostics(self) -> dict[str, int]:
        return {"bytes_out": self.bytes_out, "bytes_in": self.bytes_in, "frames_ok": self.decoder.frames_ok,
                "frames_bad": self.decoder.frames_bad, "noise_bytes": self.decoder.noise_bytes,
                "timeouts": self.timeouts, "unexpected_responses": self.unexpected}


def _no_data(response: Response) -> bool:
    return not response.data


def _raise_unless(response: Response, sw3: int, what: str) -> None:
    if response.sw3 != sw3:
        status = response.status
        raise DeviceError(status.code, status.user_message,
                          f"{what}: SAM answered SW {response.sw1:02X} {response.sw2:02X} {response.sw3:02X} "
                          f"({status.meaning})")


def parse_read_response(data: bytes, lengths: int) -> CardData:
    """Split a 30 01 (two lengths) or 30 10 (three lengths) answer into text, photo and fingerprint."""
    sizes = [int.from_bytes(data[2 * i:2 * i + 2], "big") for i in range(lengths)]
    body = data[2 * lengths:]
    if sum(sizes) != len(body):
        raise DeviceError("IDCARD_RESPONSE_MALFORMED", MSG_REPLACE_CARD,
                          f"block lengths {sizes} do not add up to the {len(body)} bytes received")
    text = body[:sizes[0]]
    photo = body[sizes[0]:sizes[0] + sizes[1]]
    fingerprint = body[sizes[0] + sizes[1]:] if lengths == 3 else b""
    return parse_text_block(text, photo=photo, fingerprint=fingerprint)
