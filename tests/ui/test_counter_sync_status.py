"""The counter's status bar shows the outbox from SyncStatusChanged events published on any thread."""

import threading
from datetime import UTC, datetime

from core.config import Settings
from core.events import EventBus
from core.sync.events import SyncStatusChanged
from ui_common.context import AppContext
from window_client import create_main_window


def status(**overrides):
    values = dict(waiting=4, cases_waiting=3, parked=0, conflicts=0,
                  last_success_at=datetime(2026, 3, 2, 2, 5, tzinfo=UTC), last_error_code=None, online=True)
    values.update(overrides)
    return SyncStatusChanged(**values)


def test_sync_status_reaches_the_status_bar(qtbot):
    bus = EventBus()
    ctx = AppContext(mode="counter", demo=True, language="zh_CN", elderly=False, bus=bus,
                     settings=Settings.demo_defaults(), paths=None)
    window = create_main_window(ctx)
    qtbot.addWidget(window)
    assert window.sync_label.text() == "办件同步：未启动"

    worker = threading.Thread(target=bus.publish, args=(status(),))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: "3 件办件待同步" in window.sync_label.text())

    bus.publish(status(cases_waiting=0, waiting=0, parked=1, online=False))
    qtbot.waitUntil(lambda: "1 条需技术人员处理" in window.sync_label.text())
    assert "暂时无法连接" in window.sync_label.text()
    assert "办件已全部同步" in window.sync_label.text()
