"""GET DATA UID (PC/SC Part 3 v2.02 §3.2.2.1.3): the one command the staff card reader sends.

``FF CA 00 00 00`` asks a PC/SC Part 3 contactless reader for the UID of the card in its field (Le = 00:
"all of it"). The answer is the UID followed by SW1 SW2 = 90 00. A reader that wants an exact Le answers
6C XX (ISO/IEC 7816-4 §5.1.3: "wrong Le field; SW2 encodes the exact number of available data bytes"),
and the command is sent again once with Le = XX.
"""

from __future__ import annotations

from collections.abc import Callable

from devices.base import DeviceError
from devices.pcsc.codes import MSG_READ_AGAIN, uid_error_for_status

GET_UID = bytes.fromhex("FFCA000000")
MAX_UID_LENGTH = 10  # ISO/IEC 14443-3: single, double, triple size UIDs are 4, 7 and 10 bytes


def get_uid_command(le: int = 0) -> bytes:
    if not 0 <= le <= 0xFF:
        raise ValueError(f"Le must fit one byte, got {le}")
    return GET_UID[:4] + bytes([le])


def read_uid(transmit: Callable[[bytes], bytes]) -> bytes:
    """Send GET DATA UID through ``transmit`` (C-APDU -> R-APDU) and return the UID bytes.

    Raises DeviceError: PCSC_UID_NOT_SUPPORTED, PCSC_UID_FAILED, PCSC_UID_BAD_RESPONSE.
    """
    response = transmit(GET_UID)
    if len(response) == 2 and response[0] == 0x6C:
        response = transmit(get_uid_command(response[1]))
    return parse_uid_response(response)


def parse_uid_response(response: bytes) -> bytes:
    if len(response) < 2:
        raise DeviceError("PCSC_UID_BAD_RESPONSE", MSG_READ_AGAIN,
                          f"GET DATA UID answer has {len(response)} bytes, no status word")
    data, sw1, sw2 = response[:-2], response[-2], response[-1]
    if (sw1, sw2) != (0x90, 0x00):
        raise uid_error_for_status(sw1, sw2)
    if not 1 <= len(data) <= MAX_UID_LENGTH:
        raise DeviceError("PCSC_UID_BAD_RESPONSE", MSG_READ_AGAIN,
                          f"GET DATA UID gave {len(data)} bytes of UID, expected 1..{MAX_UID_LENGTH}")
    return data
