"""The real ``samv_serial`` driver against the protocol simulator, over a real pty and over TCP.

Nothing is mocked: the driver opens the pty slave or ``socket://`` URL with pyserial, the simulator
answers on the master or the server socket. Polls are fast (20 ms) so each test takes well under a second
or two; every wait is bounded.
"""

from __future__ import annotations

import threading
import time

import pytest

from devices.base import CardRemoved, DataEvent, DeviceError, ErrorEvent, Health, StatusChanged
from devices.idcard.reader import SamvReader, read_one_card
from devices.idcard.simcards import SimCard

TRANSPORTS = ("pty", "tcp")


@pytest.fixture
def start_reader(recorder, start_sim):
    """Open, claim and enable a reader on ``url``; shut down before the simulator stops."""
    readers: list[SamvReader] = []

    def start(url: str, **options) -> SamvReader:
        options.setdefault("poll_interval", 0.02)
        options.setdefault("response_timeout", 0.5)
        reader = SamvReader("idcard", url, listener=recorder, **options)
        readers.append(reader)
        reader.open()
        reader.claim()
        reader.enable()
        return reader

    yield start
    for reader in readers:
        reader.shutdown()


def _sim(start_sim, transport, tmp_path, **kwargs):
    link = str(tmp_path / "idcard-tty") if transport == "pty" else None
    return start_sim(transport, link=link, **kwargs)


def _settle(seconds: float = 0.2) -> None:
    """Let a few polls pass, to check that something does NOT happen again."""
    time.sleep(seconds)


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_card_placed_gives_one_data_event_and_removal_is_seen(transport, tmp_path, start_sim, start_reader,
                                                              recorder, cards):
    sim, url = _sim(start_sim, transport, tmp_path)
    reader = start_reader(url)
    recorder.wait_for(StatusChanged, health=Health.ONLINE)
    assert reader.diagnostics()["sam_id"] == "05.01-20167206-0009831122-1230736879"

    sim.place(cards["resident"])
    [event] = recorder.wait_for(DataEvent)
    card = event.data
    assert (card.card_type, card.name, card.gender, card.nation, card.birth_date) == (
        "resident", "张三", "女", "汉", "1949-12-31")
    assert (card.id_number, card.id_number_valid, card.valid_to) == ("11010519491231002X", True, "长期")
    assert card.photo == cards["resident"].photo
    _settle()
    assert len(recorder.of(DataEvent)) == 1  # once per placement, not once per poll

    sim.remove()
    recorder.wait_for(CardRemoved)
    sim.place(cards["hmt"])
    second = recorder.wait_for(DataEvent, count=2)[1].data
    assert (second.card_type, second.pass_number) == ("hmt_residence", "H12345678")
    assert recorder.of(ErrorEvent) == []


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_fingerprint_read_uses_30_10(transport, tmp_path, start_sim, start_reader, recorder, cards):
    sim, url = _sim(start_sim, transport, tmp_path)
    start_reader(url, with_fingerprint=True)
    sim.place(cards["resident"])
    card = recorder.wait_for(DataEvent)[0].data
    assert card.fingerprint == cards["resident"].fingerprint and len(card.fingerprint) == 1024
    assert sim.commands["30 10"] == 1 and sim.commands["30 01"] == 0


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_checksum_errors_are_reported_and_the_reader_carries_on(transport, tmp_path, start_sim, start_reader,
                                                               recorder, cards):
    sim, url = _sim(start_sim, transport, tmp_path)
    reader = start_reader(url)
    recorder.wait_for(StatusChanged, health=Health.ONLINE)
    sim.faults.checksum_errors = 3
    sim.place(cards["foreign_2023"])
    card = recorder.wait_for(DataEvent)[0].data
    assert card.english_name == "SMITHSON-WILLIAMS, MARY ANN ELIZABETH EXAMPLE"
    assert recorder.codes().count("IDCARD_FRAME_CHECKSUM") == 3
    assert reader.diagnostics()["frames_bad"] >= 1
    assert reader.health is Health.ONLINE


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_stray_bytes_and_broken_preambles_are_skipped(transport, tmp_path, start_sim, start_reader, recorder, cards):
    sim, url = _sim(start_sim, transport, tmp_path, seed=7)
    sim.faults.stray_bytes = True
    reader = start_reader(url)
    sim.place(cards["foreign_old"])
    card = recorder.wait_for(DataEvent)[0].data
    assert (card.card_type, card.english_name, card.authority_code) == (
        "foreign_permanent", "SMITH, JOHN EXAMPLE", "1500")
    assert reader.diagnostics()["noise_bytes"] > 0
    assert recorder.of(ErrorEvent) == []


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_answers_split_into_random_chunks_still_decode(transport, tmp_path, start_sim, start_reader, recorder,
                                                       cards):
    sim, url = _sim(start_sim, transport, tmp_path, seed=11)
    sim.faults.chunked = True
    start_reader(url)
    sim.place(cards["resident"])
    card = recorder.wait_for(DataEvent)[0].data
    assert card.address == "北京市朝阳区示例路1号院2号楼3单元401室"
    assert recorder.of(ErrorEvent) == []


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_slow_sam_within_the_timeout_just_takes_longer(transport, tmp_path, start_sim, start_reader, recorder,
                                                       cards):
    sim, url = _sim(start_sim, transport, tmp_path)
    start_reader(url, response_timeout=0.5)
    sim.faults.delay = 0.1
    sim.place(cards["resident"])
    recorder.wait_for(DataEvent)
    assert recorder.of(ErrorEvent) == []


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_silent_sam_goes_offline_then_recovers(transport, tmp_path, start_sim, start_reader, recorder, cards):
    sim, url = _sim(start_sim, transport, tmp_path)
    reader = start_reader(url, response_timeout=0.15)
    recorder.wait_for(StatusChanged, health=Health.ONLINE)
    sim.faults.delay = 0.5
    recorder.wait_for(StatusChanged, health=Health.OFFLINE)
    assert recorder.codes().count("IDCARD_TIMEOUT") == 1  # told once per silence, not once per poll
    sim.faults.delay = 0.0
    recorder.wait_for(StatusChanged, health=Health.ONLINE, count=2)
    sim.place(cards["resident"])
    assert recorder.wait_for(DataEvent)[0].data.name == "张三"
    assert reader.health is Health.ONLINE


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_unplug_reports_nodevice_and_reconnect_brings_it_back(transport, tmp_path, start_sim, start_reader,
                                                              recorder, cards):
    sim, url = _sim(start_sim, transport, tmp_path)
    reader = start_reader(url)
    sim.place(cards["resident"])
    recorder.wait_for(DataEvent)

    sim.unplug()
    recorder.wait_for(StatusChanged, health=Health.NODEVICE)
    recorder.wait_for(CardRemoved)
    assert "IDCARD_DEVICE_LOST" in recorder.codes()
    assert any(t.name == "device-idcard" for t in threading.enumerate())  # no crash: the worker lives on

    with pytest.raises(DeviceError) as caught:
        reader.reconnect()  # still unplugged
    assert caught.value.code == "IDCARD_PORT_OPEN_FAILED"
    assert recorder.codes().count("IDCARD_DEVICE_LOST") + recorder.codes().count("IDCARD_PORT_OPEN_FAILED") == 1

    sim.replug()
    reader.reconnect()
    recorder.wait_for(StatusChanged, health=Health.ONLINE, count=2)
    assert recorder.wait_for(DataEvent, count=2)[1].data.name == "张三"  # the card still lies there


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_bad_check_digit_is_delivered_and_reported(transport, tmp_path, start_sim, start_reader, recorder):
    sim, url = _sim(start_sim, transport, tmp_path)
    start_reader(url)
    forged = SimCard.build("forged", "resident", {
        "name": "王五", "gender": "男", "nation": "汉", "birth_date": "1949-12-31", "address": "示例地址",
        "id_number": "110105194912310021", "authority": "示例公安局", "valid_from": "2010-01-01",
        "valid_to": "长期"})
    sim.place(forged)
    card = recorder.wait_for(DataEvent)[0].data
    assert card.id_number_valid is False
    [error] = recorder.wait_for(ErrorEvent, code="IDCARD_BAD_CHECK_DIGIT")
    assert "110105194912310021" not in error.detail and error.user_message


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("how", ["type_char", "sam_status"])
def test_unknown_card_type_is_a_typed_error_told_once(transport, how, tmp_path, start_sim, start_reader, recorder):
    sim, url = _sim(start_sim, transport, tmp_path)
    start_reader(url)
    fields = {"name": "某人", "gender": "男", "birth_date": "1990-01-01", "valid_from": "2020-01-01",
              "valid_to": "2030-01-01"}
    odd = SimCard.build("odd", "resident", fields, type_char="X" if how == "type_char" else None,
                        read_sw3=0x40 if how == "sam_status" else None)
    sim.place(odd)
    recorder.wait_for(ErrorEvent, code="IDCARD_UNKNOWN_CARD_TYPE")
    _settle()
    assert sim.commands["30 01"] >= 2  # it kept trying ...
    assert recorder.codes().count("IDCARD_UNKNOWN_CARD_TYPE") == 1  # ... but told the person once
    assert recorder.of(DataEvent) == []


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_sam_self_test_failure_is_a_hardware_error(transport, tmp_path, start_sim, start_reader, recorder):
    sim, url = _sim(start_sim, transport, tmp_path)
    sim.faults.selftest_failed = True
    reader = start_reader(url)
    recorder.wait_for(ErrorEvent, code="IDCARD_SAM_SELFTEST_FAILED")
    assert reader.health is Health.HWERROR


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_disable_stops_polling(transport, tmp_path, start_sim, start_reader, recorder):
    sim, url = _sim(start_sim, transport, tmp_path)
    reader = start_reader(url)
    recorder.wait_for(StatusChanged, health=Health.ONLINE)
    _settle(0.1)
    reader.disable()
    finds = sim.commands["20 01"]
    _settle()
    assert sim.commands["20 01"] == finds
    reader.enable()
    deadline = time.monotonic() + 2
    while sim.commands["20 01"] == finds and time.monotonic() < deadline:
        time.sleep(0.01)
    assert sim.commands["20 01"] > finds


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_read_one_card_blocking_helper(transport, tmp_path, start_sim, cards):
    sim, url = _sim(start_sim, transport, tmp_path, seed=3)
    sim.faults.chunked = True
    sim.place(cards["hmt"])
    data = read_one_card(url, 115200, timeout=3.0).to_json_dict()
    assert data["card_type"] == "hmt_residence" and data["id_number"] == "810000199001011230"
    assert data["valid_from"] == "2021-05-10" and data["issue_count"] == "01"

    sim.remove()
    started = time.monotonic()
    with pytest.raises(DeviceError) as caught:
        read_one_card(url, 115200, timeout=0.3, poll_interval=0.05)
    assert caught.value.code == "IDCARD_NO_CARD"
    assert time.monotonic() - started < 2.0


def test_claim_without_a_device_fails_with_a_typed_error(recorder, tmp_path):
    reader = SamvReader("idcard", str(tmp_path / "no-such-tty"), listener=recorder)
    reader.open()
    try:
        with pytest.raises(DeviceError) as caught:
            reader.claim()
        assert caught.value.code == "IDCARD_PORT_OPEN_FAILED"
        assert reader.health is Health.NODEVICE
        assert recorder.codes() == ["IDCARD_PORT_OPEN_FAILED"]
    finally:
        reader.shutdown()
