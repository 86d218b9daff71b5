"""GET DATA UID parsing, the status word and PC/SC result tables, reader matching: pure logic, no pcscd."""

from __future__ import annotations

import pytest

from devices.base import DeviceError
from devices.pcsc.apdu import GET_UID, get_uid_command, parse_uid_response, read_uid
from devices.pcsc.client import ReaderState, match_reader
from devices.pcsc.codes import (
    SCARD_E_NO_SERVICE,
    SCARD_E_SERVICE_STOPPED,
    SCARD_E_SHARING_VIOLATION,
    SCARD_E_UNKNOWN_READER,
    SCARD_F_COMM_ERROR,
    SCARD_W_REMOVED_CARD,
    SCARD_W_UNRESPONSIVE_CARD,
    CardGone,
    ReaderGone,
    ServiceLost,
    error_for_result,
)
from devices.pcsc.reader import StaffCard


def test_uid_is_the_data_before_90_00():
    assert parse_uid_response(bytes.fromhex("04A1B2C3" "9000")) == bytes.fromhex("04A1B2C3")
    assert parse_uid_response(bytes.fromhex("04112233445566" "9000")).hex() == "04112233445566"


@pytest.mark.parametrize(("answer", "code"), [
    ("6A81", "PCSC_UID_NOT_SUPPORTED"),
    ("6B00", "PCSC_UID_NOT_SUPPORTED"),
    ("6D00", "PCSC_UID_NOT_SUPPORTED"),
    ("6E00", "PCSC_UID_NOT_SUPPORTED"),
    ("6282", "PCSC_UID_FAILED"),
    ("6300", "PCSC_UID_FAILED"),
    ("6700", "PCSC_UID_FAILED"),
    ("04A1B2C36F00", "PCSC_UID_FAILED"),
    ("90", "PCSC_UID_BAD_RESPONSE"),
    ("", "PCSC_UID_BAD_RESPONSE"),
    ("9000", "PCSC_UID_BAD_RESPONSE"),
    ("0102030405060708090A0B9000", "PCSC_UID_BAD_RESPONSE"),
])
def test_other_answers_are_typed_errors(answer, code):
    with pytest.raises(DeviceError) as caught:
        parse_uid_response(bytes.fromhex(answer))
    assert caught.value.code == code
    assert caught.value.user_message and "PCSC" not in caught.value.user_message


def test_6cxx_is_sent_again_with_the_exact_le():
    sent: list[bytes] = []
    answers = {GET_UID: bytes.fromhex("6C07"), get_uid_command(7): bytes.fromhex("04112233445566" "9000")}

    def transmit(apdu: bytes) -> bytes:
        sent.append(apdu)
        return answers[apdu]

    assert read_uid(transmit).hex().upper() == "04112233445566"
    assert sent == [bytes.fromhex("FFCA000000"), bytes.fromhex("FFCA000007")]


@pytest.mark.parametrize(("hresult", "kind", "code"), [
    (SCARD_E_NO_SERVICE, ServiceLost, "PCSC_NO_SERVICE"),
    (SCARD_E_SERVICE_STOPPED, ServiceLost, "PCSC_NO_SERVICE"),
    (SCARD_F_COMM_ERROR, ServiceLost, "PCSC_NO_SERVICE"),
    (SCARD_E_UNKNOWN_READER, ReaderGone, "PCSC_NO_READER"),
    (SCARD_W_REMOVED_CARD, CardGone, "PCSC_CARD_REMOVED_EARLY"),
    (SCARD_W_UNRESPONSIVE_CARD, DeviceError, "PCSC_CARD_UNRESPONSIVE"),
    (SCARD_E_SHARING_VIOLATION, DeviceError, "PCSC_CARD_BUSY"),
    (0x80100001, DeviceError, "PCSC_FAILED"),
])
def test_pcsc_results_map_to_stable_codes(hresult, kind, code):
    error = error_for_result(hresult - (1 << 32), "SCardX", "text")  # pyscard may hand back a signed value
    assert isinstance(error, kind) and error.code == code
    assert f"0x{hresult:08X}" in error.detail


def test_reader_is_matched_by_substring_ignoring_case():
    readers = ["ACS ACR122U PICC Interface 00 00", "Virtual PCD 00 00", "Virtual PCD 00 01"]
    assert match_reader(readers, "") == readers[0]
    assert match_reader(readers, "pcd 00 01") == "Virtual PCD 00 01"
    assert match_reader(readers, "Virtual") == "Virtual PCD 00 00"
    assert match_reader(readers, "Omnikey") is None
    assert match_reader([], "") is None


def test_reader_state_flags():
    state = ReaderState("r", 0x00030122, b"\x3b")  # 3 events, INUSE | PRESENT | CHANGED
    assert (state.present, state.changed, state.mute, state.gone, state.events) == (True, True, False, False, 3)
    assert state.known == 0x00030120
    assert ReaderState("r", 0x0004, b"").gone


def test_staff_card_repr_hides_most_of_the_uid():
    card = StaffCard(reader="Virtual PCD 00 00", atr_hex="3B8F", uid_hex="04112233445566")
    assert "04112233445566" not in repr(card) and "5566" in repr(card)
