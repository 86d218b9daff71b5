"""SAM_V frame codec (GA 467 serial protocol, as documented in shared/domain/idcard-samv-protocol.md).

    command:  AA AA AA 96 69 | LEN_H LEN_L | CMD PARA    | DATA... | CHK
    response: AA AA AA 96 69 | LEN_H LEN_L | SW1 SW2 SW3 | DATA... | CHK

LEN is big-endian and counts every byte after itself, CHK included; CHK is the XOR of LEN_H up to the last
data byte. Decoding is incremental: bytes are framed by LEN, never by how read() happened to split them.

Resynchronisation: readers have been seen to emit ``AA 00 AA AA 96 69 ...`` (a stray byte inside the
preamble), so the decoder locks on the last four preamble bytes ``AA AA 96 69`` and treats what comes
before them as noise. A candidate frame whose LEN is impossible, or whose checksum fails, is dropped one
byte at a time (not as a whole), so a real frame hiding inside a corrupt one is still found.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from devices.idcard.status import SamStatus, sam_status

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
SYNC = PREAMBLE[1:]  # what the decoder locks on, see the module docstring
_HEADER = len(SYNC) + 2

# The longest real frame is the 30 10 answer with a 1024-byte fingerprint block:
# SW(3) + three lengths(6) + text 256 + photo 1024 + fingerprint 1024 + CHK(1) = 2314. Anything longer is
# line noise that happened to look like a header; buffering for it would only delay the resync.
MAX_FRAME_LEN = 0x0A00
MIN_RESPONSE_LEN = 4  # SW1 SW2 SW3 CHK
MIN_COMMAND_LEN = 3   # CMD PARA CHK


def xor_checksum(data: bytes | bytearray | memoryview) -> int:
    """XOR of all bytes, folded as one big integer: a 1.3 kB read answer costs ~11 operations, not 1300."""
    value = int.from_bytes(data, "little")
    width = len(data)
    while width > 1:
        half = (width + 1) // 2
        value = (value >> (8 * half)) ^ (value & ((1 << (8 * half)) - 1))
        width = half
    return value


def encode_frame(payload: bytes) -> bytes:
    """Preamble, length and checksum around ``payload`` (CMD PARA DATA or SW1 SW2 SW3 DATA)."""
    length = len(payload) + 1
    if length > 0xFFFF:
        raise ValueError(f"payload of {len(payload)} bytes does not fit a SAM_V frame")
    body = length.to_bytes(2, "big") + payload
    return PREAMBLE + body + bytes([xor_checksum(body)])


@dataclass(frozen=True)
class Command:
    cmd: int
    para: int
    data: bytes = b""

    def encode(self) -> bytes:
        return encode_frame(bytes([self.cmd, self.para]) + self.data)

    def __repr__(self) -> str:
        return f"Command({self.cmd:02X} {self.para:02X}, {len(self.data)} data bytes)"


RESET_SAM = Command(0x10, 0xFF)
SAM_STATUS = Command(0x11, 0xFF)
READ_SAM_ID = Command(0x12, 0xFF)
FIND_CARD = Command(0x20, 0x01)
SELECT_CARD = Command(0x20, 0x02)
READ_TEXT_PHOTO = Command(0x30, 0x01)
READ_APPENDED_ADDRESS = Command(0x30, 0x03)
READ_TEXT_PHOTO_FINGERPRINT = Command(0x30, 0x10)
SET_MAX_RF_FRAME = Command(0x61, 0xFF, b"\x50")


@dataclass(frozen=True)
class Response:
    sw1: int
    sw2: int
    sw3: int
    data: bytes = b""

    @property
    def status(self) -> SamStatus:
        return sam_status(self.sw3)

    @property
    def ok(self) -> bool:
        return self.sw3 in (0x90, 0x9F)

    def encode(self) -> bytes:
        return encode_frame(bytes([self.sw1, self.sw2, self.sw3]) + self.data)

    def __repr__(self) -> str:
        # Card data is personal: show its size only.
        return f"Response(SW {self.sw1:02X} {self.sw2:02X} {self.sw3:02X}, {len(self.data)} data bytes)"


@dataclass(frozen=True)
class FrameFault:
    """A frame the decoder threw away, for the technician's log and the error event."""

    code: str  # IDCARD_FRAME_CHECKSUM | IDCARD_FRAME_LENGTH
    detail: str


class _Deframer:
    """Turns a byte stream into frame payloads; see the module docstring for the resync rules."""

    def __init__(self, min_len: int, max_len: int = MAX_FRAME_LEN, max_faults: int = 64):
        self._min_len = min_len
        self._max_len = max_len
        self._buf = bytearray()
        self._faults: deque[FrameFault] = deque(maxlen=max_faults)
        self.noise_bytes = 0    # bytes dropped while hunting for a frame start
        self.frames_ok = 0
        self.frames_bad = 0

    @property
    def buffered(self) -> int:
        return len(self._buf)

    def reset(self) -> None:
        """Forget any partial frame (after a timeout or before a new command)."""
        self.noise_bytes += len(self._buf)
        self._buf.clear()

    def take_faults(self) -> list[FrameFault]:
        faults = list(self._faults)
        self._faults.clear()
        return faults

    def bytes_wanted(self) -> int:
        """How many more bytes would complete the frame being assembled (a read size hint, >= 1)."""
        at = self._buf.find(SYNC)
        if at < 0 or len(self._buf) < at + _HEADER:
            return _HEADER + 1
        length = int.from_bytes(self._buf[at + 4:at + 6], "big")
        if not self._min_len <= length <= self._max_len:
            return 1
        return max(1, at + _HEADER + length - len(self._buf))

    def payloads(self, data: bytes) -> list[bytes]:
        buf = self._buf
        buf += data
        out: list[bytes] = []
        while True:
            at = buf.find(SYNC)
            if at < 0:
                keep = _partial_sync_suffix(buf)
                self._drop(len(buf) - keep)
                return out
            if at:
                self._drop(at)
            if len(buf) < _HEADER:
                return out
            length = int.from_bytes(buf[4:6], "big")
            if not self._min_len <= length <= self._max_len:
                self._fault("IDCARD_FRAME_LENGTH", f"length field {length} outside {self._min_len}..{self._max_len}")
                self._drop(1)
                continue
            end = _HEADER + length
            if len(buf) < end:
                return out
            expected = xor_checksum(memoryview(buf)[4:end - 1])
            if expected != buf[end - 1]:
                self._fault("IDCARD_FRAME_CHECKSUM",
                            f"checksum {buf[end - 1]:02X} != {expected:02X} on a {length}-byte frame")
                self._drop(1)
                continue
            out.append(bytes(buf[_HEADER:end - 1]))
            self.frames_ok += 1
            del buf[:end]

    def _drop(self, count: int) -> None:
        # The byte right before SYNC is normally the preamble's first AA; it is not noise.
        dropped = self._buf[:count]
        noise = count - 1 if count and dropped[-1] == 0xAA else count
        self.noise_bytes += max(0, noise)
        del self._buf[:count]

    def _fault(self, code: str, detail: str) -> None:
        self.frames_bad += 1
        self._faults.append(FrameFault(code, detail))


def _partial_sync_suffix(buf: bytearray) -> int:
    """Length of the longest tail of ``buf`` that could be the start of SYNC (kept for the next feed)."""
    for keep in range(min(len(SYNC) - 1, len(buf)), 0, -1):
        if buf.endswith(SYNC[:keep]):
            return keep
    return 0


class FrameDecoder(_Deframer):
    """Incremental decoder of reader responses: ``feed(bytes) -> list[Response]``.

    Frames dropped for a bad length or checksum are kept (bounded) for ``take_faults()``; the caller
    turns them into error events. ``feed`` never raises on any input.
    """

    def __init__(self, max_len: int = MAX_FRAME_LEN):
        super().__init__(MIN_RESPONSE_LEN, max_len)

    def feed(self, data: bytes) -> list[Response]:
        return [Response(p[0], p[1], p[2], p[3:]) for p in self.payloads(data)]


class CommandDecoder(_Deframer):
    """The device side: decodes host commands (used by the simulator)."""

    def __init__(self, max_len: int = MAX_FRAME_LEN):
        super().__init__(MIN_COMMAND_LEN, max_len)

    def feed(self, data: bytes) -> list[Command]:
        return [Command(p[0], p[1], p[2:]) for p in self.payloads(data)]
