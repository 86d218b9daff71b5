"""The clerk's workspace skeleton: shortcuts, queue panel, empty case area, both screen sizes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from window_client import create_main_window


@pytest.fixture
def counter(qtbot, make_ctx):
    window = create_main_window(make_ctx("counter", **{"counter.number": "3"}))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_f2_to_f5_are_registered_as_actions(counter):
    shortcuts = {action.shortcut().toString(): action.text() for action in counter.actions()}
    assert shortcuts == {"F2": "叫号", "F3": "重呼", "F4": "过号", "F5": "读卡"}
    assert counter.call_next_action.shortcut() == QKeySequence(Qt.Key.Key_F2)
    assert counter.read_card_action.shortcut() == QKeySequence(Qt.Key.Key_F5)
    status = counter.shortcuts_label.text()
    for key in ("F2 叫号", "F3 重呼", "F4 过号", "F5 读卡"):
        assert key in status


def test_pressing_f2_says_the_queue_service_is_not_connected(qtbot, counter):
    counter.activateWindow()
    qtbot.waitActive(counter)
    qtbot.keyClick(counter, Qt.Key.Key_F2)
    assert counter.notice.isVisible()
    assert counter.notice.message_label.text() == "叫号服务未连接"
    counter.notice.dismiss()


@pytest.mark.parametrize("name", ["recall", "skip"])
def test_queue_buttons_trigger_the_same_actions(qtbot, counter, name):
    with qtbot.waitSignal(counter.actions_by_name[name].triggered, timeout=1000):
        qtbot.mouseClick(counter.queue_panel.buttons[name], Qt.MouseButton.LeftButton)
    assert counter.notice.message_label.text() == "叫号服务未连接"
    counter.notice.dismiss()


def test_f5_says_the_card_reader_is_not_connected(counter):
    counter.read_card_action.trigger()
    assert counter.notice.message_label.text() == "读卡器未连接"
    counter.notice.dismiss()


def test_header_and_queue_panel_say_what_is_missing(counter):
    assert counter.counter_label.text() == "3 号窗口"
    assert counter.clerk_label.text() == "工作人员：未登录"
    assert counter.link_pill.text() == "叫号服务未连接"
    assert counter.link_pill.state == "error"
    assert counter.queue_panel.waiting_label.text() == "未连接叫号服务"
    assert counter.queue_panel.current_label.text() == "暂无"
    assert counter.case_area.empty_state.title_label.text() == "尚未接待办事人"


def test_a_connected_queue_shows_the_ticket_and_the_waiting_count(counter):
    counter.set_hall_link(True)
    counter.queue_panel.set_queue("A012", 7)
    assert counter.link_pill.state == "ok"
    assert counter.queue_panel.current_label.text() == "A012"
    assert counter.queue_panel.waiting_label.text() == "7 人等候"


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_fits_the_two_counter_screen_sizes(qtbot, counter, size):
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
