"""The Qt event bridge: bus events from any thread reach slots on the GUI thread."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from core.events import CaseStateChanged, Event, EventBus
from ui_common.event_bridge import QtEventBridge


@dataclass(frozen=True, kw_only=True)
class CardInserted(Event):
    reader: str


@dataclass(frozen=True, kw_only=True)
class StaffCardInserted(CardInserted):
    staff_no: str


def test_event_published_on_a_plain_thread_reaches_the_slot_on_the_gui_thread(qtbot):
    bus = EventBus()
    bridge = QtEventBridge(bus)
    gui_thread = QApplication.instance().thread()
    received = []
    bridge.on(CardInserted, lambda event: received.append((event, QThread.currentThread() == gui_thread,
                                                           threading.current_thread().name)))
    publisher = threading.Thread(target=bus.publish, args=(CardInserted(reader="idcard"),), name="device-worker")
    publisher.start()
    publisher.join()

    qtbot.waitUntil(lambda: len(received) == 1)
    event, on_gui_thread, python_thread = received[0]
    assert event.reader == "idcard"
    assert on_gui_thread
    assert python_thread == threading.main_thread().name
    bridge.close()


def test_every_event_is_re_emitted_as_event_received_in_publish_order(qtbot):
    bus = EventBus()
    bridge = QtEventBridge(bus)
    seen = []
    bridge.event_received.connect(seen.append)
    first = CardInserted(reader="a")
    second = CaseStateChanged(case_id="1", case_number="N1", from_state=None, to_state="draft")
    bus.publish(first)
    bus.publish(second)
    assert seen == []  # queued even from the GUI thread: never inside the publisher's call stack
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen == [first, second]
    bridge.close()


def test_on_dispatches_by_isinstance(qtbot):
    bus = EventBus()
    bridge = QtEventBridge(bus)
    cards, staff, cases = [], [], []
    bridge.on(CardInserted, cards.append)
    bridge.on(StaffCardInserted, staff.append)
    bridge.on(CaseStateChanged, cases.append)
    bus.publish(StaffCardInserted(reader="pcsc", staff_no="007"))
    bus.publish(CardInserted(reader="idcard"))
    qtbot.waitUntil(lambda: len(cards) == 2)
    assert [type(e).__name__ for e in cards] == ["StaffCardInserted", "CardInserted"]
    assert [e.staff_no for e in staff] == ["007"]
    assert cases == []
    bridge.close()


def test_a_removed_route_and_a_failing_slot_do_not_stop_the_others(qtbot):
    bus = EventBus()
    bridge = QtEventBridge(bus)
    kept, removed = [], []

    def broken(event):
        raise ValueError("a broken view")

    bridge.on(CardInserted, broken)
    remove = bridge.on(CardInserted, removed.append)
    bridge.on(CardInserted, kept.append)
    remove()
    bus.publish(CardInserted(reader="idcard"))
    qtbot.waitUntil(lambda: len(kept) == 1)
    assert removed == []
    bridge.close()


def test_close_unsubscribes_and_drops_queued_events(qtbot):
    bus = EventBus()
    bridge = QtEventBridge(bus)
    seen = []
    bridge.event_received.connect(seen.append)
    assert bus.handler_count() == 1
    bus.publish(CardInserted(reader="queued"))
    bridge.close()
    assert bridge.closed
    assert bus.handler_count() == 0
    bus.publish(CardInserted(reader="after close"))
    qtbot.wait(20)
    assert seen == []
