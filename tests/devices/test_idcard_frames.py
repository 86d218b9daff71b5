"""The SAM_V frame codec against the exact frames in shared/domain/idcard-samv-protocol.md."""

from __future__ import annotations

import pytest

from devices.idcard import frames
from devices.idcard.frames import MAX_FRAME_LEN, CommandDecoder, FrameDecoder, Response, encode_frame
from devices.idcard.status import SW3_STATUS, sam_status


def hx(text: str) -> bytes:
    return bytes.fromhex(text)


@pytest.mark.parametrize(("command", "wire"), [
    (frames.RESET_SAM, "AA AA AA 96 69 00 03 10 FF EC"),
    (frames.SAM_STATUS, "AA AA AA 96 69 00 03 11 FF ED"),
    (frames.READ_SAM_ID, "AA AA AA 96 69 00 03 12 FF EE"),
    (frames.FIND_CARD, "AA AA AA 96 69 00 03 20 01 22"),
    (frames.SELECT_CARD, "AA AA AA 96 69 00 03 20 02 21"),
    (frames.READ_TEXT_PHOTO, "AA AA AA 96 69 00 03 30 01 32"),
    (frames.READ_APPENDED_ADDRESS, "AA AA AA 96 69 00 03 30 03 30"),
    (frames.READ_TEXT_PHOTO_FINGERPRINT, "AA AA AA 96 69 00 03 30 10 23"),
    (frames.SET_MAX_RF_FRAME, "AA AA AA 96 69 00 04 61 FF 50 CA"),
])
def test_command_frames_match_the_protocol_reference(command, wire):
    assert command.encode() == hx(wire)
    assert CommandDecoder().feed(hx(wire)) == [command]


@pytest.mark.parametrize(("wire", "sw3", "data", "code"), [
    ("AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97", 0x9F, bytes(4), "IDCARD_FOUND"),
    ("AA AA AA 96 69 00 04 00 00 80 84", 0x80, b"", "IDCARD_FIND_FAILED"),
    ("AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C", 0x90, bytes(8), "IDCARD_OK"),
    ("AA AA AA 96 69 00 04 00 00 81 85", 0x81, b"", "IDCARD_SELECT_FAILED"),
])
def test_response_frames_from_the_reference_decode(wire, sw3, data, code):
    [response] = FrameDecoder().feed(hx(wire))
    assert (response.sw1, response.sw2, response.sw3, response.data) == (0, 0, sw3, data)
    assert response.status.code == code
    assert response.encode() == hx(wire)


def test_read_response_is_1295_bytes_with_the_reference_header():
    data = (256).to_bytes(2, "big") + (1024).to_bytes(2, "big") + bytes(256) + bytes(1024)
    wire = Response(0, 0, 0x90, data).encode()
    assert len(wire) == 1295
    assert wire[:14] == hx("AA AA AA 96 69 05 08 00 00 90 01 00 04 00")


def test_length_counts_every_byte_after_it_and_checksum_xors_from_len_h():
    wire = encode_frame(b"\x01\x02\x03")
    assert wire[5:7] == b"\x00\x04"
    assert wire[-1] == 0x00 ^ 0x04 ^ 0x01 ^ 0x02 ^ 0x03


def test_decoder_frames_by_length_across_any_split():
    wire = hx("AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97") * 3
    decoder = FrameDecoder()
    got = []
    for i in range(len(wire)):
        got += decoder.feed(wire[i:i + 1])
    assert [r.sw3 for r in got] == [0x9F] * 3
    assert decoder.buffered == 0


def test_decoder_resyncs_on_the_broken_preamble_readers_emit():
    decoder = FrameDecoder()
    got = decoder.feed(hx("13 37 AA 00 AA AA 96 69 00 04 00 00 80 84"))
    assert [r.sw3 for r in got] == [0x80]
    assert decoder.noise_bytes == 4  # 13 37 and the broken AA 00; the AA AA 96 69 it locks on is the frame


def test_bad_checksum_is_rejected_reported_and_decoding_continues():
    decoder = FrameDecoder()
    good = hx("AA AA AA 96 69 00 04 00 00 80 84")
    bad = hx("AA AA AA 96 69 00 04 00 00 80 85")
    got = decoder.feed(bad + good)
    assert [r.sw3 for r in got] == [0x80]
    faults = decoder.take_faults()
    assert [f.code for f in faults] == ["IDCARD_FRAME_CHECKSUM"]
    assert decoder.take_faults() == []


def test_impossible_length_resyncs_without_buffering_for_it():
    decoder = FrameDecoder()
    too_long = (MAX_FRAME_LEN + 1).to_bytes(2, "big")
    got = decoder.feed(hx("AA AA AA 96 69") + too_long + hx("AA AA AA 96 69 00 04 00 00 80 84"))
    assert [r.sw3 for r in got] == [0x80]
    assert [f.code for f in decoder.take_faults()] == ["IDCARD_FRAME_LENGTH"]
    assert decoder.buffered == 0


def test_a_real_frame_inside_a_corrupt_one_is_still_found():
    inner = hx("AA AA AA 96 69 00 04 00 00 80 84")
    # A header claiming 16 bytes swallows the real frame; its checksum fails, the inner frame survives.
    outer = hx("AA AA AA 96 69 00 10 00 00 90") + inner + b"\x00\x00"
    assert len(outer) == 7 + 0x10
    assert [r.sw3 for r in FrameDecoder().feed(outer)] == [0x80]


def test_bytes_wanted_hints_the_rest_of_a_frame():
    decoder = FrameDecoder()
    assert decoder.bytes_wanted() == 7
    decoder.feed(hx("AA AA AA 96 69 05 08 00 00 90"))
    assert decoder.bytes_wanted() == 1295 - 10


def test_sw3_table_has_a_stable_code_and_calm_message_for_every_listed_value():
    listed = {0x90, 0x9F, 0x91, 0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x40, 0x41, 0x47, 0x60, 0x66,
              0x80, 0x81}
    assert set(SW3_STATUS) == listed
    codes = [s.code for s in SW3_STATUS.values()]
    assert len(set(codes)) == len(codes)
    for status in SW3_STATUS.values():
        assert status.code.startswith("IDCARD_")
        assert status.user_message.endswith("。")
    assert sam_status(0x55).code == "IDCARD_SAM_STATUS_UNKNOWN"


def test_response_repr_shows_no_card_data():
    response = Response(0, 0, 0x90, "张三".encode("utf-16-le"))
    assert "张" not in repr(response)
    assert "4 data bytes" in repr(response)
