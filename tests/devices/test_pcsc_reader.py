"""The ``pcsc`` staff card reader against the real stack: pyscard -> libpcsclite -> a private pcscd -> vpcd
-> our virtual card over TCP. Nothing is mocked; every wait is bounded.
"""

from __future__ import annotations

import threading
import time

import pytest

from devices.base import CardRemoved, DataEvent, DeviceError, ErrorEvent, Health, StatusChanged
from devices.manager import DeviceManager
from devices.pcsc.apdu import GET_UID
from devices.pcsc.reader import PcscReader, StaffCard, list_readers, read_one_card
from devices.pcsc.virtual_card import DEFAULT_ATR
from devices.registry import create_device

pytest_plugins = ["conftest_pcsc"]

# vpcd's two readers on the private pcscd's port P and P+1 (see conftest_pcsc.py)
READER_0 = "Virtual PCD 00 00"
READER_1 = "Virtual PCD 00 01"

UID = "04A1B2C3"
UID_7 = "04112233445566"


@pytest.fixture
def start_reader(pcscd, recorder):
    """Open, claim and enable a PcscReader; shut down after the test (before pcscd is touched again)."""
    readers: list[PcscReader] = []

    def start(reader: str = "PCD 00 00", **options) -> PcscReader:
        options.setdefault("wait_timeout", 0.1)
        device = PcscReader("staffcard", listener=recorder, reader=reader, **options)
        readers.append(device)
        device.open()
        device.claim()
        device.enable()
        return device

    yield start
    for device in readers:
        device.shutdown()


def _settle(seconds: float = 0.6) -> None:
    """Long enough for pcscd to poll vpcd at least once more (about every 400 ms)."""
    time.sleep(seconds)


def test_private_pcscd_lists_both_vpcd_readers(pcscd):
    assert {READER_0, READER_1} <= set(list_readers())


def test_reader_without_card_is_online_and_delivers_nothing(start_reader, recorder):
    device = start_reader()
    assert device.health is Health.ONLINE
    assert device.diagnostics()["reader"] == READER_0
    _settle()
    assert recorder.of(DataEvent) == [] and recorder.of(ErrorEvent) == []
    assert device.current_card() is None
    with pytest.raises(DeviceError) as caught:
        read_one_card("PCD 00 00", timeout=0.3)
    assert caught.value.code == "PCSC_NO_CARD"


def test_missing_reader_is_nodevice_with_a_calm_message(start_reader, recorder):
    device = start_reader(reader="ACS ACR122U")
    assert device.health is Health.NODEVICE
    [error] = recorder.of(ErrorEvent)
    assert error.code == "PCSC_NO_READER"
    assert "工作人员卡读卡器未连接" in error.user_message
    assert READER_0 in error.detail  # the technician sees what pcscd does offer
    with pytest.raises(DeviceError) as caught:
        device.reconnect()
    assert caught.value.code == "PCSC_NO_READER"
    assert len(recorder.of(ErrorEvent)) == 1  # retries stay quiet


def test_inserted_card_gives_one_staff_card_and_removal_is_seen(start_reader, insert_card, recorder):
    device = start_reader()
    card = insert_card(UID)
    [event] = recorder.wait_for(DataEvent)
    assert event.data == StaffCard(reader=READER_0, atr_hex=DEFAULT_ATR.hex().upper(), uid_hex=UID)
    assert device.current_card() == event.data
    _settle()
    assert len(recorder.of(DataEvent)) == 1  # our own connect/disconnect is not a new placement
    assert card.apdus == [GET_UID]

    card.remove()
    recorder.wait_for(CardRemoved)
    assert device.current_card() is None

    insert_card(UID_7)
    second = recorder.wait_for(DataEvent, count=2)[1].data
    assert second.uid_hex == UID_7
    assert recorder.of(ErrorEvent) == []
    assert UID_7 not in repr(second)  # the full UID stays out of logs


def test_card_lying_on_the_reader_at_start_is_read(pcscd, insert_card, start_reader, recorder):
    insert_card(UID)
    deadline = time.monotonic() + 5
    while not pcscd.reader_state(READER_0) & 0x20 and time.monotonic() < deadline:  # SCARD_STATE_PRESENT
        time.sleep(0.05)
    start_reader()
    assert recorder.wait_for(DataEvent)[0].data.uid_hex == UID


def test_card_in_another_reader_is_not_ours(start_reader, insert_card, recorder):
    start_reader(reader="PCD 00 00")
    card = insert_card(UID, reader=1)
    deadline = time.monotonic() + 5
    while not card.powered and time.monotonic() < deadline:  # pcscd has powered it up in reader 00 01
        time.sleep(0.05)
    _settle()
    assert recorder.of(DataEvent) == []


@pytest.mark.parametrize(("answer", "code", "detail"), [
    ("6A81", "PCSC_UID_NOT_SUPPORTED", "6A81: function not supported"),
    ("6300", "PCSC_UID_FAILED", "6300: no information given"),
    ("9000", "PCSC_UID_BAD_RESPONSE", "0 bytes of UID"),
])  # the whole status word table is checked in test_pcsc_apdu.py
def test_card_answering_an_error_status_gives_a_typed_error_once(start_reader, insert_card, recorder, answer, code,
                                                                 detail):
    start_reader()
    card = insert_card(UID, answers={GET_UID: bytes.fromhex(answer)})
    [error] = recorder.wait_for(ErrorEvent)
    assert error.code == code and detail in error.detail
    assert error.user_message
    _settle()
    assert recorder.of(DataEvent) == []
    assert card.apdus == [GET_UID]  # one attempt per placement, no retry loop
    card.remove()
    _settle()
    assert recorder.of(CardRemoved) == []  # nothing was delivered, so nothing is taken back


def test_wrong_le_answer_6cxx_is_retried_with_the_exact_length(start_reader, insert_card, recorder):
    start_reader()
    card = insert_card(UID, answers={GET_UID: bytes.fromhex("6C04"),
                                     bytes.fromhex("FFCA000004"): bytes.fromhex(UID + "9000")})
    assert recorder.wait_for(DataEvent)[0].data.uid_hex == UID
    assert card.apdus == [GET_UID, bytes.fromhex("FFCA000004")]


def test_read_one_card_for_the_technician(pcscd, insert_card):
    threading.Timer(0.3, insert_card, args=(UID_7,)).start()
    card = read_one_card("pcd 00 00", timeout=5.0)  # the match ignores case
    assert (card.reader, card.uid_hex) == (READER_0, UID_7)
    with pytest.raises(DeviceError) as caught:
        read_one_card("no such reader", timeout=1.0)
    assert caught.value.code == "PCSC_NO_READER"


def test_pcscd_stopping_midway_gives_nodevice_then_reconnect_recovers(pcscd, start_reader, insert_card, recorder):
    device = start_reader()
    card = insert_card(UID)
    recorder.wait_for(DataEvent)

    pcscd.stop()
    recorder.wait_for(StatusChanged, health=Health.NODEVICE)
    assert recorder.of(CardRemoved)  # the card cannot be trusted to be there any more
    [lost] = recorder.of(ErrorEvent)
    assert lost.code == "PCSC_NO_SERVICE" and "工作人员卡读卡器未连接" in lost.user_message
    assert card.wait_removed(5.0)  # vpcd went down with pcscd
    with pytest.raises(DeviceError) as caught:
        device.reconnect()
    assert caught.value.code == "PCSC_NO_SERVICE"
    assert len(recorder.of(ErrorEvent)) == 1  # told once, not once per retry

    pcscd.start()
    device.reconnect()
    assert device.health is Health.ONLINE
    insert_card(UID_7)
    assert recorder.wait_for(DataEvent, count=2)[1].data.uid_hex == UID_7
    assert device.diagnostics()["service_losses"] == 1


def test_claim_without_pcscd_fails_calmly(pcscd, recorder):
    pcscd.stop()
    device = PcscReader("staffcard", listener=recorder)
    device.open()
    try:
        with pytest.raises(DeviceError) as caught:
            device.claim()
        assert caught.value.code == "PCSC_NO_SERVICE"
        assert device.health is Health.NODEVICE
        assert [e.code for e in recorder.of(ErrorEvent)] == ["PCSC_NO_SERVICE"]
        with pytest.raises(DeviceError) as listed:
            list_readers()
        assert listed.value.code == "PCSC_NO_SERVICE"
    finally:
        device.shutdown()


def test_manager_brings_the_reader_back_after_pcscd_restarts(pcscd, insert_card, recorder):
    manager = DeviceManager({"staffcard": {"driver": "pcsc", "reader": "PCD 00 00", "wait_timeout_ms": 100}},
                            listener=recorder, backoff_initial=0.1, backoff_max=0.5, watch_interval=0.05)
    manager.start()
    try:
        assert manager.health() == {"staffcard": Health.ONLINE}
        pcscd.stop()
        recorder.wait_for(StatusChanged, health=Health.NODEVICE)
        pcscd.start()
        recorder.wait_for(StatusChanged, health=Health.ONLINE, count=2, timeout=10)
        insert_card(UID)
        assert recorder.wait_for(DataEvent)[0].data.uid_hex == UID
    finally:
        manager.stop()


def test_registry_builds_the_pcsc_driver_from_config():
    device = create_device("staffcard", {"driver": "pcsc", "reader": "ACR122", "wait_timeout_ms": 300})
    assert isinstance(device, PcscReader)
    assert (device.wanted, device.wait_timeout) == ("ACR122", 0.3)
    with pytest.raises(DeviceError) as caught:
        create_device("staffcard", {"driver": "pcsc", "wait_timeout_ms": "soon"})
    assert caught.value.code == "DEVICE_CONFIG_INVALID"
