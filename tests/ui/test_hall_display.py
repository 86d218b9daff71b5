"""The call board: the latest call huge, recent calls, waiting counts."""

from __future__ import annotations

import pytest

from hall_display import create_main_window


@pytest.fixture
def board(qtbot, make_ctx):
    window = create_main_window(make_ctx("display"))
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_empty_board_says_no_calls_yet(board):
    assert board.current_call is None
    assert board.call_label.text() == "暂无叫号"
    assert board.call_text() == "暂无叫号"
    assert board.recent_rows[0].text() == "暂无"
    assert board.top_bar.title_label.text() == "长沙市芙蓉区政务服务中心"


def test_show_call_puts_the_call_up_huge(board):
    board.show_call("A012", 3)
    assert board.current_call == ("A012", "3")
    assert board.call_text() == "请 A012 号 到 3 号窗口办理"
    shown = board.call_label.text()
    assert "A012" in shown and ">3<" in shown
    assert board.call_label.font().pointSizeF() >= 60


def test_earlier_calls_move_to_the_recent_list_newest_first(board):
    for number, counter in (("A010", 1), ("A011", 2), ("A012", 3)):
        board.show_call(number, counter)
    assert board.recent_calls == [("A011", "2"), ("A010", "1")]
    assert board.recent_rows[0].text() == "A011 号　→　2 号窗口"
    assert board.recent_rows[2].text() == ""


def test_recent_list_keeps_the_last_five(board):
    for index in range(10):
        board.show_call(f"B{index:03d}", index)
    assert len(board.recent_calls) == 5
    assert board.recent_calls[0] == ("B008", "8")


def test_ticket_numbers_are_escaped_in_the_rich_text(board):
    board.show_call("<b>A1</b>", 2)
    assert "&lt;b&gt;A1&lt;/b&gt;" in board.call_label.text()


def test_waiting_counts_per_service(qtbot, board):
    board.set_waiting_counts({"综合受理": 12, "社保医保": 1})
    texts = [label.text() for label in board._waiting_rows.findChildren(type(board.call_label))]
    assert texts == ["综合受理", "12 人", "社保医保", "1 人"]
    board.set_waiting_counts({})
    texts = [label.text() for label in board._waiting_rows.findChildren(type(board.call_label))]
    assert texts == ["暂无等候"]
