"""The device manager: building from config, recovery after unplug with backoff, the demo driver."""

from __future__ import annotations

import time

import pytest

from devices.base import CardRemoved, DataEvent, DeviceError, DeviceState, ErrorEvent, Health, StatusChanged
from devices.manager import DeviceManager


@pytest.fixture
def managers():
    started: list[DeviceManager] = []
    yield started
    for manager in started:
        manager.stop()


def _reader_config(url: str) -> dict:
    return {"driver": "samv_serial", "port": url, "baud": 115200, "poll_interval_ms": 20,
            "response_timeout_ms": 300}


def test_manager_reconnects_after_unplug(start_sim, recorder, cards, managers):
    sim, url = start_sim("tcp")
    manager = DeviceManager({"idcard": _reader_config(url)}, recorder, backoff_initial=0.05, backoff_max=0.2,
                            watch_interval=0.02)
    managers.append(manager)
    manager.start()
    recorder.wait_for(StatusChanged, health=Health.ONLINE)
    assert manager.get("idcard").state is DeviceState.ENABLED

    sim.unplug()
    recorder.wait_for(StatusChanged, health=Health.NODEVICE)
    deadline = time.monotonic() + 3
    while manager.diagnostics()["idcard"]["reconnect_attempts"] < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert manager.diagnostics()["idcard"]["reconnect_attempts"] >= 2  # it keeps trying, backing off
    assert manager.health() == {"idcard": Health.NODEVICE}

    sim.replug()
    sim.place(cards["resident"])
    recorder.wait_for(StatusChanged, health=Health.ONLINE, count=2)
    assert recorder.wait_for(DataEvent)[0].data.id_number == "11010519491231002X"
    deadline = time.monotonic() + 3
    while manager.diagnostics()["idcard"]["reconnect_attempts"] and time.monotonic() < deadline:
        time.sleep(0.01)
    assert manager.diagnostics()["idcard"]["reconnect_attempts"] == 0  # backoff resets once back


def test_manager_brings_up_a_device_that_was_absent_at_start(start_sim, recorder, managers):
    sim, url = start_sim("tcp")
    sim.unplug()  # the port number is known, nothing listens on it yet
    manager = DeviceManager({"idcard": _reader_config(url)}, recorder, backoff_initial=0.05, backoff_max=0.1,
                            watch_interval=0.02)
    managers.append(manager)
    manager.start()
    assert manager.get("idcard").state is DeviceState.OPENED
    assert "IDCARD_PORT_OPEN_FAILED" in recorder.codes()
    sim.replug()
    recorder.wait_for(StatusChanged, health=Health.ONLINE)  # sent during claim; enable follows
    deadline = time.monotonic() + 3
    while manager.get("idcard").state is not DeviceState.ENABLED and time.monotonic() < deadline:
        time.sleep(0.01)
    assert manager.get("idcard").state is DeviceState.ENABLED


def test_unknown_driver_is_reported_and_not_fatal(recorder, managers):
    manager = DeviceManager({"scanner": {"driver": "no_such_driver"}}, recorder)
    managers.append(manager)
    manager.start()
    [error] = recorder.wait_for(ErrorEvent, code="DEVICE_UNKNOWN_DRIVER")
    assert error.device == "scanner"
    assert manager.health() == {"scanner": Health.NODEVICE}
    with pytest.raises(DeviceError) as caught:
        manager.get("scanner")
    assert caught.value.code == "DEVICE_NOT_CONFIGURED"


def test_simulated_driver_runs_the_real_driver_over_a_pty(recorder, managers):
    manager = DeviceManager({"idcard": {"driver": "samv_simulated", "place": "foreign_old",
                                        "poll_interval_ms": 20}}, recorder)
    managers.append(manager)
    manager.start()
    card = recorder.wait_for(DataEvent)[0].data
    assert card.card_type == "foreign_permanent" and card.nationality == "USA"
    reader = manager.get("idcard")
    assert reader.url.startswith("/dev/pts/")
    reader.remove()
    recorder.wait_for(CardRemoved)
    reader.place("foreign_2023")
    assert recorder.wait_for(DataEvent, count=2)[1].data.card_type == "foreign_permanent_2023"
