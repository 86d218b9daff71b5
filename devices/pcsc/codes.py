"""Error codes and calm messages of the PC/SC staff card reader, and what PC/SC and card answers mean.

Codes are a contract with the UI and the technician console: never reuse one for another meaning.
The staff card reader sits at the counter, so its messages speak to the clerk, not to a citizen.
"""

from __future__ import annotations

from devices.base import DeviceError

MSG_READER_NOT_CONNECTED = "工作人员卡读卡器未连接，请联系技术人员。"
MSG_READ_AGAIN = "工作人员卡读取失败，请将卡重新放到读卡器上。"
MSG_NOT_A_STAFF_CARD = "无法识别此卡，请使用本人的工作人员卡。"
MSG_HOLD_STILL = "请将工作人员卡放稳，读取完成前不要移开。"
MSG_CARD_BUSY = "读卡器正被其他程序占用，请联系技术人员。"
MSG_PLACE_CARD = "请将工作人员卡放到读卡器上。"
MSG_READER_FAULT = "工作人员卡读卡器暂时无法使用，请联系技术人员。"

# PC/SC return codes (pcsc-lite pcsclite.h, same values as Windows winerror.h). Spelled out here so that
# this module, and the tests that use it, do not need pyscard imported.
SCARD_S_SUCCESS = 0x00000000
SCARD_E_CANCELLED = 0x80100002
SCARD_E_INVALID_HANDLE = 0x80100003
SCARD_E_UNKNOWN_READER = 0x80100009
SCARD_E_TIMEOUT = 0x8010000A
SCARD_E_SHARING_VIOLATION = 0x8010000B
SCARD_E_NO_SMARTCARD = 0x8010000C
SCARD_F_COMM_ERROR = 0x80100013
SCARD_E_READER_UNAVAILABLE = 0x80100017
SCARD_E_NO_SERVICE = 0x8010001D
SCARD_E_SERVICE_STOPPED = 0x8010001E
SCARD_E_NO_READERS_AVAILABLE = 0x8010002E
SCARD_W_UNRESPONSIVE_CARD = 0x80100066
SCARD_W_UNPOWERED_CARD = 0x80100067
SCARD_W_RESET_CARD = 0x80100068
SCARD_W_REMOVED_CARD = 0x80100069

# pcscd went away (stopped, crashed, socket gone): the context is dead and must be established again.
SERVICE_LOST = frozenset({SCARD_E_NO_SERVICE, SCARD_E_SERVICE_STOPPED, SCARD_F_COMM_ERROR, SCARD_E_INVALID_HANDLE})
READER_GONE = frozenset({SCARD_E_UNKNOWN_READER, SCARD_E_READER_UNAVAILABLE, SCARD_E_NO_READERS_AVAILABLE})
CARD_GONE = frozenset({SCARD_W_REMOVED_CARD, SCARD_E_NO_SMARTCARD, SCARD_W_RESET_CARD})
CARD_MUTE = frozenset({SCARD_W_UNRESPONSIVE_CARD, SCARD_W_UNPOWERED_CARD})


class ServiceLost(DeviceError):
    """pcscd is not running or stopped answering (health NODEVICE until a new context is established)."""

    def __init__(self, detail: str):
        super().__init__("PCSC_NO_SERVICE", MSG_READER_NOT_CONNECTED, detail)


class ReaderGone(DeviceError):
    def __init__(self, detail: str):
        super().__init__("PCSC_NO_READER", MSG_READER_NOT_CONNECTED, detail)


class CardGone(DeviceError):
    """The card left the field in the middle of an exchange."""

    def __init__(self, detail: str):
        super().__init__("PCSC_CARD_REMOVED_EARLY", MSG_HOLD_STILL, detail)


def error_for_result(hresult: int, what: str, message: str = "") -> DeviceError:
    """The typed error for a failed PC/SC call; ``message`` is pcsc-lite's text for ``hresult``."""
    hresult &= 0xFFFFFFFF
    detail = f"{what} returned 0x{hresult:08X}" + (f" ({message})" if message else "")
    if hresult in SERVICE_LOST:
        return ServiceLost(detail)
    if hresult in READER_GONE:
        return ReaderGone(detail)
    if hresult in CARD_GONE:
        return CardGone(detail)
    if hresult in CARD_MUTE:
        return DeviceError("PCSC_CARD_UNRESPONSIVE", MSG_READ_AGAIN, detail)
    if hresult == SCARD_E_SHARING_VIOLATION:
        return DeviceError("PCSC_CARD_BUSY", MSG_CARD_BUSY, detail)
    if hresult == SCARD_E_TIMEOUT:
        return DeviceError("PCSC_TIMEOUT", MSG_READ_AGAIN, detail)
    return DeviceError("PCSC_FAILED", MSG_READER_FAULT, detail)


# --- GET DATA (UID) status words --------------------------------------------------------------------
# PC/SC Part 3 v2.02 §3.2.2.1.3 lists the answers of a reader to FF CA 00 00 Le; ISO/IEC 7816-4 §5.6
# gives the generic ones a reader or a contact card may send instead.

_UID_NOT_SUPPORTED = {
    0x6A81: "function not supported (PC/SC Part 3: the card has no UID to give)",
    0x6B00: "wrong parameters P1-P2 (the reader does not know GET DATA UID)",
    0x6D00: "instruction not supported (not a PC/SC Part 3 reader, or a contact card)",
    0x6E00: "class FF not supported (not a PC/SC Part 3 reader)",
}
_UID_FAILED = {
    0x6282: "end of data reached before Le bytes",
    0x6300: "no information given (the reader could not talk to the card)",
    0x6700: "wrong length",
}


def uid_error_for_status(sw1: int, sw2: int) -> DeviceError:
    """The typed error for a GET DATA UID answer that is not 90 00 (and not 6C XX, which the caller retries)."""
    sw = (sw1 << 8) | sw2
    if sw in _UID_NOT_SUPPORTED:
        return DeviceError("PCSC_UID_NOT_SUPPORTED", MSG_NOT_A_STAFF_CARD,
                           f"GET DATA UID answered {sw:04X}: {_UID_NOT_SUPPORTED[sw]}")
    meaning = _UID_FAILED.get(sw, "unexpected status word")
    return DeviceError("PCSC_UID_FAILED", MSG_READ_AGAIN, f"GET DATA UID answered {sw:04X}: {meaning}")
