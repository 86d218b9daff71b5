"""Shared widgets and the context: the clock, the notice, pills, settings fallbacks, the out-of-service screen."""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, QTime

from core.errors import ConfigError
from ui_common.service_unavailable import ServiceUnavailableWindow
from ui_common.widgets import NoticeBanner, StatusPill, TopBar


def test_top_bar_shows_the_date_and_time_it_is_given(qtbot):
    bar = TopBar("大厅", now=lambda: QDateTime(QDate(2026, 3, 5), QTime(9, 7, 30)))
    qtbot.addWidget(bar)
    assert bar.clock_label.text() == "09:07"
    assert bar.date_label.text() == "2026年3月5日 星期四"


def test_top_bar_clock_runs_only_while_shown(qtbot):
    bar = TopBar("大厅")
    qtbot.addWidget(bar)
    assert not bar.clock_timer.isActive()
    bar.show()
    assert bar.clock_timer.isActive()
    bar.hide()
    assert not bar.clock_timer.isActive()


def test_top_bar_drops_the_date_when_narrow(qtbot):
    bar = TopBar("长沙市芙蓉区政务服务中心")
    qtbot.addWidget(bar)
    bar.resize(1920, 90)
    bar.show()
    qtbot.waitUntil(lambda: bar.date_label.isVisible())
    bar.resize(520, 90)
    qtbot.waitUntil(lambda: not bar.date_label.isVisible())
    assert bar.clock_label.isVisible()
    bar.resize(1920, 90)
    qtbot.waitUntil(lambda: bar.date_label.isVisible())


def test_notice_hides_itself_after_its_timeout(qtbot):
    banner = NoticeBanner()
    qtbot.addWidget(banner)
    with qtbot.waitSignal(banner.dismissed, timeout=2000):
        banner.show_notice("请稍候", timeout_ms=30)
    assert not banner.isVisible()
    assert not banner.hide_timer.isActive()


def test_notice_without_timeout_stays_and_can_switch_kind(qtbot):
    banner = NoticeBanner()
    qtbot.addWidget(banner)
    banner.show_notice("读卡失败", kind="error", timeout_ms=0)
    assert banner.isVisible()
    assert banner.property("kind") == "error"
    assert not banner.hide_timer.isActive()
    assert banner.dismiss_button.text() == "知道了"
    banner.dismiss()
    assert not banner.isVisible()


def test_status_pill_changes_state(qtbot):
    pill = StatusPill("未检测")
    qtbot.addWidget(pill)
    assert pill.state == "unknown"
    pill.set_state("ok", "正常")
    assert (pill.state, pill.text()) == ("ok", "正常")


def test_context_setting_falls_back_for_unset_and_undeclared_keys(make_ctx):
    class StrictSettings:
        def get(self, key):
            if key == "terminal.hall_name":
                return "大厅"
            if key == "hall_server.url":
                return ""
            raise ConfigError(f"unknown setting {key}", code="CFG_UNKNOWN_KEY")

    ctx = make_ctx(settings=StrictSettings())
    assert ctx.setting("terminal.hall_name") == "大厅"
    assert ctx.setting("hall_server.url", "未配置") == "未配置"
    assert ctx.setting("counter.number", "无") == "无"
    assert make_ctx(**{"counter.number": "5"}).setting("counter.number") == "5"


def test_out_of_service_screen_shows_the_calm_message_and_the_code(qtbot):
    error = ConfigError("line 3: bad value for ui.language", code="CFG_VALUE_INVALID")
    window = ServiceUnavailableWindow(error, mode="kiosk")
    qtbot.addWidget(window)
    assert window.message.text() == ConfigError.user_message
    assert window.code.text() == "故障代码：CFG_VALUE_INVALID"
    assert "line 3" not in window.message.text() + window.advice.text() + window.code.text()
    assert "人工窗口" in window.advice.text()
    counter = ServiceUnavailableWindow(RuntimeError("boom"), mode="counter")
    qtbot.addWidget(counter)
    assert counter.error_code == "UNEXPECTED"
    assert "技术人员" in counter.advice.text()
