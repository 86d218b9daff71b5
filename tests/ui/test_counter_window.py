"""The clerk's workspace without services: login first, shortcuts registered, both screen sizes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from core.staff import DEMO_CLERKS
from window_client import create_main_window


@pytest.fixture
def counter(qtbot, make_ctx):
    window = create_main_window(make_ctx("counter", **{"counter.number": "3"}))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_login_screen_comes_first_and_queue_keys_wait_for_it(counter):
    assert counter.pages.currentWidget() is counter.login_screen
    assert not counter.call_next_action.isEnabled()
    assert counter.clerk_label.text() == "工作人员：未登录"


def test_function_keys_are_registered_as_actions(counter):
    shortcuts = {action.shortcut().toString(): action.text() for action in counter.actions_by_name.values()}
    assert shortcuts == {"F2": "叫号", "F3": "重呼", "F4": "过号", "F5": "读卡", "F6": "开始办理", "F7": "办结",
                         "F8": "转移", "F9": "暂停"}
    assert counter.call_next_action.shortcut() == QKeySequence(Qt.Key.Key_F2)
    status = counter.shortcuts_label.text()
    for key in ("F2 叫号", "F3 重呼", "F4 过号", "F5 读卡", "Ctrl+Enter 受理"):
        assert key in status


def test_without_a_hall_the_signed_in_clerk_is_told_plainly(qtbot, counter):
    counter.sign_in(DEMO_CLERKS[0])
    assert counter.clerk_label.text() == "工作人员：张伟（工号 0231）"
    counter.call_next_action.trigger()
    assert counter.notice.message_label.text() == "叫号服务未连接"
    counter.notice.dismiss()
    counter.read_card_action.trigger()
    assert counter.notice.message_label.text() == "读卡器未连接"
    counter.notice.dismiss()
    assert counter.queue_panel.waiting_label.text() == "未连接叫号服务"
    assert counter.queue_panel.current_label.text() == "暂无"
    assert counter.case_area.empty_state.title_label.text() == "尚未选择事项"


def test_a_connected_queue_shows_the_ticket_and_the_waiting_count(counter):
    counter.set_hall_link(True)
    counter.queue_panel.set_queue("A012", 7)
    assert counter.link_pill.state == "ok"
    assert counter.queue_panel.current_label.text() == "A012"
    assert counter.queue_panel.waiting_label.text() == "7 人等候"


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_fits_the_two_counter_screen_sizes(qtbot, counter, size):
    counter.sign_in(DEMO_CLERKS[0])
    counter.resize(*size)
    qtbot.waitUntil(lambda: (counter.width(), counter.height()) == size)
    assert counter.minimumSizeHint().width() <= size[0]
    assert counter.minimumSizeHint().height() <= size[1]
    panel = counter.queue_panel
    assert all(b.isVisible() and b.height() >= 32 for b in panel.buttons.values())
    assert counter.centralWidget().geometry().bottom() < counter.statusBar().geometry().top()


def test_missing_counter_number_is_said_plainly(qtbot, make_ctx):
    window = create_main_window(make_ctx("counter"))
    qtbot.addWidget(window)
    assert window.counter_label.text() == "窗口号未设置"
