"""The device lifecycle, the per-device worker thread and the driver registry."""

from __future__ import annotations

import dataclasses
import itertools
import threading
import time

import pytest

from devices.base import (
    DataEvent,
    Device,
    DeviceError,
    DeviceState,
    ErrorEvent,
    Health,
    OutputComplete,
    StatusChanged,
)
from devices.registry import create_device, driver_names, register_driver
from devices.worker import DeviceWorker


class RecordingDevice(Device):
    """A driver that records which hooks ran, and can be told to fail its claim."""

    def __init__(self, name: str, listener=None, *, fail_claim: bool = False):
        super().__init__(name, listener)
        self.calls: list[str] = []
        self.fail_claim = fail_claim

    def _do_open(self) -> None:
        self.calls.append("open")

    def _do_claim(self) -> None:
        if self.fail_claim:
            raise DeviceError("TEST_PORT_MISSING", "设备未连接。", "no port")
        self.calls.append("claim")
        self._set_health(Health.ONLINE)

    def _do_enable(self) -> None:
        self.calls.append("enable")

    def _do_disable(self) -> None:
        self.calls.append("disable")

    def _do_release(self) -> None:
        self.calls.append("release")

    def _do_close(self) -> None:
        self.calls.append("close")


def test_lifecycle_runs_in_upos_order():
    events = []
    device = RecordingDevice("probe", events.append)
    for step in ("open", "claim", "enable", "disable", "release", "close"):
        getattr(device, step)()
    assert device.calls == ["open", "claim", "enable", "disable", "release", "close"]
    assert device.state is DeviceState.CLOSED
    assert [e.health for e in events if isinstance(e, StatusChanged)] == [Health.ONLINE]


@pytest.mark.parametrize("steps", [["claim"], ["enable"], ["open", "enable"], ["open", "close", "release"],
                                   ["open", "claim", "close"], ["open", "open"], ["disable"]])
def test_illegal_order_raises_device_error_and_changes_nothing(steps):
    device = RecordingDevice("probe")
    *legal, illegal = steps
    for step in legal:
        getattr(device, step)()
    state = device.state
    with pytest.raises(DeviceError) as caught:
        getattr(device, illegal)()
    assert caught.value.code == "DEVICE_ILLEGAL_STATE"
    assert caught.value.user_message
    assert device.state is state


def test_failing_hook_leaves_the_previous_state():
    device = RecordingDevice("probe", fail_claim=True)
    device.open()
    with pytest.raises(DeviceError, match="TEST_PORT_MISSING"):
        device.claim()
    assert device.state is DeviceState.OPENED


def test_shutdown_walks_down_from_any_state_and_is_idempotent():
    device = RecordingDevice("probe")
    device.open()
    device.claim()
    device.enable()
    device.shutdown()
    device.shutdown()
    assert device.state is DeviceState.CLOSED
    assert device.calls[-3:] == ["disable", "release", "close"]


def test_a_failing_listener_does_not_break_the_device():
    def listener(_event):
        raise RuntimeError("widget gone")

    device = RecordingDevice("probe", listener)
    device.open()
    device.claim()  # emits StatusChanged into the broken listener
    assert device.state is DeviceState.CLAIMED


def test_events_are_frozen_and_carry_who_it_is_for():
    error = DeviceError("IDCARD_READ_FAILED", "读卡未成功。", "SW3 41").to_event("idcard")
    assert isinstance(error, ErrorEvent)
    assert (error.device, error.code, error.user_message, error.detail) == (
        "idcard", "IDCARD_READ_FAILED", "读卡未成功。", "SW3 41")
    for event in (error, DataEvent(device="x", data=1), OutputComplete(device="x", job_id="j1")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            event.device = "y"  # type: ignore[misc]


def test_worker_runs_calls_in_order_on_its_own_thread():
    worker = DeviceWorker("order")
    worker.start()
    try:
        seen = []
        futures = [worker.submit(lambda i=i: seen.append((i, threading.current_thread().name))) for i in range(5)]
        for future in futures:
            future.result(timeout=2)
        assert [i for i, _ in seen] == [0, 1, 2, 3, 4]
        assert {name for _, name in seen} == {"device-order"}
        with pytest.raises(ZeroDivisionError):
            worker.call(lambda: 1 / 0, timeout=2)
    finally:
        assert worker.stop(timeout=2)


def test_worker_tick_runs_periodically_and_stops_quickly():
    worker = DeviceWorker("ticker")
    ticks = []
    worker.set_tick(lambda: ticks.append(time.monotonic()), interval=0.02)
    worker.start()
    deadline = time.monotonic() + 2
    while len(ticks) < 5 and time.monotonic() < deadline:
        time.sleep(0.01)
    started = time.monotonic()
    assert worker.stop(timeout=2)
    assert time.monotonic() - started < 0.5
    assert len(ticks) >= 5
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert min(gaps) >= 0.015  # paced by the interval, not a busy loop


def test_worker_survives_a_failing_tick_and_rejects_work_after_stop():
    worker = DeviceWorker("crashy")
    count = []

    def tick():
        count.append(1)
        raise RuntimeError("bug in a driver")

    worker.set_tick(tick, interval=0.01)
    worker.start()
    deadline = time.monotonic() + 2
    while len(count) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(count) >= 3 and worker.alive
    worker.stop(timeout=2)
    with pytest.raises(RuntimeError):
        worker.submit(lambda: None).result(timeout=1)


def test_registry_builds_by_driver_name_and_rejects_unknown_ones():
    register_driver("test_recording", lambda name, config, listener: RecordingDevice(name, listener))
    device = create_device("probe", {"driver": "test_recording"})
    assert isinstance(device, RecordingDevice) and device.name == "probe"
    assert {"samv_serial", "samv_simulated", "test_recording"} <= set(driver_names())
    with pytest.raises(DeviceError) as caught:
        create_device("probe", {"driver": "no_such_driver"})
    assert caught.value.code == "DEVICE_UNKNOWN_DRIVER"


def test_samv_serial_driver_is_built_from_config_without_touching_the_port():
    reader = create_device("idcard", {"driver": "samv_serial", "port": "socket://127.0.0.1:9", "baud": 115200})
    assert reader.state is DeviceState.CLOSED
    assert reader.diagnostics()["health"] == "nodevice"
    with pytest.raises(DeviceError) as caught:
        create_device("idcard", {"driver": "samv_serial"})
    assert caught.value.code == "DEVICE_CONFIG_INVALID"
