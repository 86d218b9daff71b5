"""The ``pcsc_simulator`` driver of the embedded demo config: the real driver's events without a pcscd."""

from __future__ import annotations

import pytest

from devices.base import CardRemoved, DataEvent, DeviceError
from devices.manager import DeviceManager
from devices.pcsc.reader import StaffCard
from devices.pcsc.simulated import SIMULATED_READER, SimulatedPcscReader
from devices.pcsc.virtual_card import DEFAULT_ATR
from devices.registry import create_device


def test_placed_card_is_delivered_and_removal_is_told(recorder):
    reader = create_device("staff_card", {"driver": "pcsc_simulator"}, recorder)
    assert isinstance(reader, SimulatedPcscReader)
    reader.open()
    reader.claim()
    reader.enable()
    try:
        reader.place("04a1b2c3")
        [event] = recorder.wait_for(DataEvent)
        assert event.data == StaffCard(reader=SIMULATED_READER, atr_hex=DEFAULT_ATR.hex().upper(), uid_hex="04A1B2C3")
        assert reader.current_card() == event.data
        reader.place("04112233445566")  # another card: the first one left
        recorder.wait_for(DataEvent, count=2)
        assert len(recorder.of(CardRemoved)) == 1
        reader.remove()
        recorder.wait_for(CardRemoved, count=2)
        assert reader.current_card() is None
    finally:
        reader.shutdown()


def test_card_placed_in_config_is_delivered_when_the_manager_enables_it(recorder):
    manager = DeviceManager({"staff_card": {"driver": "pcsc_simulator", "place": "04A1B2C3"}}, recorder)
    manager.start()
    try:
        assert recorder.wait_for(DataEvent)[0].data.uid_hex == "04A1B2C3"
    finally:
        manager.stop()
    assert recorder.of(CardRemoved)  # released with the card on it: it is no longer known to be there


def test_card_placed_before_enable_is_delivered_once_on_enable(recorder):
    reader = SimulatedPcscReader("staff_card", listener=recorder)
    reader.open()
    reader.claim()
    try:
        reader.place("04A1B2C3")
        reader.enable()  # the card already lying there is delivered now
        assert recorder.wait_for(DataEvent)[0].data.uid_hex == "04A1B2C3"
        reader.disable()
        reader.place("04112233445566")
        reader.enable()
        assert [e.data.uid_hex for e in recorder.wait_for(DataEvent, count=2)] == ["04A1B2C3", "04112233445566"]
    finally:
        reader.shutdown()


@pytest.mark.parametrize("uid", ["not hex", "", "00" * 11])
def test_bad_uids_are_refused(uid):
    reader = SimulatedPcscReader("staff_card")
    with pytest.raises(DeviceError) as caught:
        reader.place(uid)
    assert caught.value.code == "PCSC_UID_BAD_RESPONSE"
