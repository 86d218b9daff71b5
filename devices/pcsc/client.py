"""A thin, typed layer over pyscard's raw ``smartcard.scard`` calls: one PC/SC context, one owner thread.

pyscard's own monitoring classes (``CardMonitor``/``ReaderMonitor``) run threads of their own and call
back on them; the driver instead waits in ``SCardGetStatusChange`` with a bounded timeout on its device
worker (the way DigiDoc4's QPCSC monitor does), so every PC/SC call of a device happens on one thread and
stopping never waits for more than one timeout. pyscard releases the GIL while pcsc-lite blocks.

Every failure comes out as a DeviceError from ``codes.error_for_result``; ``ServiceLost`` means the
context is dead (pcscd stopped) and a new one must be established.
"""

from __future__ import annotations

from dataclasses import dataclass

from devices.base import DeviceError
from devices.pcsc.apdu import read_uid
from devices.pcsc.codes import (
    MSG_READER_NOT_CONNECTED,
    SCARD_E_CANCELLED,
    SCARD_E_NO_READERS_AVAILABLE,
    SCARD_E_TIMEOUT,
    SCARD_S_SUCCESS,
    error_for_result,
)

try:
    from smartcard import scard
except ImportError:  # a terminal without the PC/SC stack still imports the device layer
    scard = None

# The pseudo-reader whose state changes when a reader is plugged or unplugged (pcsc-lite >= 1.6,
# Windows: "\\?PnP?\Notification").
PNP_NOTIFICATION = "\\\\?PnP?\\Notification"

STATE_UNAWARE = 0x0000
STATE_IGNORE = 0x0001
STATE_CHANGED = 0x0002
STATE_UNKNOWN = 0x0004
STATE_UNAVAILABLE = 0x0008
STATE_EMPTY = 0x0010
STATE_PRESENT = 0x0020
STATE_MUTE = 0x0200


@dataclass(frozen=True)
class ReaderState:
    """One reader's state as ``SCardGetStatusChange`` reported it."""

    reader: str
    state: int
    atr: bytes

    @property
    def present(self) -> bool:
        return bool(self.state & STATE_PRESENT)

    @property
    def changed(self) -> bool:
        return bool(self.state & STATE_CHANGED)

    @property
    def mute(self) -> bool:
        return bool(self.state & STATE_MUTE)

    @property
    def gone(self) -> bool:
        """The reader itself disappeared (unplugged, pcscd dropped it)."""
        return bool(self.state & (STATE_UNKNOWN | STATE_IGNORE))

    @property
    def events(self) -> int:
        """pcsc-lite counts card insertions and removals in the high word, so that a card taken away and
        put back between two waits still shows as a change."""
        return self.state >> 16

    @property
    def known(self) -> int:
        """The value to pass back as the "current state" of the next wait."""
        return self.state & ~STATE_CHANGED


def _check(hresult: int, what: str) -> None:
    if hresult != SCARD_S_SUCCESS:
        raise error_for_result(hresult, what, _message(hresult))


def _message(hresult: int) -> str:
    try:
        return str(scard.SCardGetErrorMessage(hresult))  # type: ignore[union-attr]
    except Exception:
        return ""


class PcscContext:
    """One ``SCARDCONTEXT``. Not thread-safe: create, use and release it on one thread."""

    def __init__(self, handle: int):
        self._handle: int | None = handle

    @classmethod
    def establish(cls) -> PcscContext:
        """Raises ServiceLost (PCSC_NO_SERVICE) when pcscd does not run, PCSC_NO_LIBRARY without pyscard."""
        if scard is None:
            raise DeviceError("PCSC_NO_LIBRARY", MSG_READER_NOT_CONNECTED,
                              "pyscard is not installed (pip install pyscard; it needs libpcsclite)")
        hresult, handle = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        _check(hresult, "SCardEstablishContext")
        return cls(handle)

    @property
    def handle(self) -> int:
        if self._handle is None:
            raise DeviceError("PCSC_FAILED", MSG_READER_NOT_CONNECTED, "the PC/SC context was released")
        return self._handle

    def release(self) -> None:
        """Never raises: releasing a context whose pcscd is gone answers NO_SERVICE, which is fine."""
        if self._handle is not None and scard is not None:
            scard.SCardReleaseContext(self._handle)
        self._handle = None

    def list_readers(self) -> list[str]:
        hresult, readers = scard.SCardListReaders(self.handle, [])  # type: ignore[union-attr]
        hresult &= 0xFFFFFFFF
        if hresult == SCARD_E_NO_READERS_AVAILABLE:
            return []
        _check(hresult, "SCardListReaders")
        return list(readers)

    def wait_for_change(self, known: list[tuple[str, int]], timeout: float) -> list[ReaderState] | None:
        """Wait at most ``timeout`` seconds for any reader in ``known`` to differ from its known state.

        Returns every reader's new state, or None if nothing changed (timeout, or cancelled).
        """
        hresult, states = scard.SCardGetStatusChange(  # type: ignore[union-attr]
            self.handle, max(0, int(timeout * 1000)), known)
        hresult &= 0xFFFFFFFF
        if hresult in (SCARD_E_TIMEOUT, SCARD_E_CANCELLED):
            return None
        _check(hresult, "SCardGetStatusChange")
        return [ReaderState(name, state & 0xFFFFFFFF, bytes(atr)) for name, state, atr in states]

    def read_uid(self, reader: str) -> bytes:
        """Connect to the card in ``reader`` (shared), ask for its UID, leave it powered for others."""
        hresult, card, protocol = scard.SCardConnect(  # type: ignore[union-attr]
            self.handle, reader, scard.SCARD_SHARE_SHARED, scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1)
        _check(hresult, "SCardConnect")
        try:
            def transmit(apdu: bytes) -> bytes:
                result, response = scard.SCardTransmit(card, protocol, list(apdu))  # type: ignore[union-attr]
                _check(result, "SCardTransmit")
                return bytes(response)

            return read_uid(transmit)
        finally:
            scard.SCardDisconnect(card, scard.SCARD_LEAVE_CARD)  # type: ignore[union-attr]


def match_reader(readers: list[str], wanted: str) -> str | None:
    """The first reader (in pcscd's order) whose name contains ``wanted``; any reader if ``wanted`` is empty.

    Names carry an index that changes with the USB port ("ACS ACR122U 00 00"), so config holds a substring.
    """
    needle = wanted.casefold()
    for name in readers:
        if needle in name.casefold():
            return name
    return None
