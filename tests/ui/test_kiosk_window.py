"""The kiosk home: five journeys, the two switches always in sight, calm notices."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from kiosk import create_main_window
from kiosk.home_screen import JOURNEYS
from ui_common.theme import is_elderly


@pytest.fixture
def kiosk(qtbot, make_ctx):
    window = create_main_window(make_ctx("kiosk"))
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_home_shows_hall_name_clock_and_card_hint(kiosk):
    assert kiosk.top_bar.title_label.text() == "长沙市芙蓉区政务服务中心"
    assert kiosk.top_bar.clock_label.text().count(":") == 1
    assert kiosk.top_bar.clock_timer.isActive()
    assert "身份证" in kiosk.home.card_hint_text.text()
    assert kiosk.home.card_hint.isVisible()


@pytest.mark.parametrize("key", JOURNEYS)
def test_each_tile_emits_its_journey(qtbot, kiosk, key):
    with qtbot.waitSignal(kiosk.home.journey_requested, timeout=1000) as blocker:
        qtbot.mouseClick(kiosk.home.tiles[key], Qt.MouseButton.LeftButton)
    assert blocker.args == [key]


def test_the_five_choices_read_as_the_citizen_expects(kiosk):
    titles = [kiosk.home.tiles[key].title_label.text() for key in JOURNEYS]
    assert titles == ["办事", "取号", "查进度", "打印证照", "办事指南"]
    assert all(kiosk.home.tiles[key].subtitle_label.text() for key in JOURNEYS)
    assert kiosk.home.tiles["apply"].accessibleName() == "办事"


def test_a_journey_without_a_screen_shows_a_calm_notice(qtbot, kiosk):
    kiosk._journeys.pop("guide")   # a terminal on which that journey is not offered
    qtbot.mouseClick(kiosk.home.tiles["guide"], Qt.MouseButton.LeftButton)
    assert kiosk.notice.isVisible()
    assert kiosk.notice.message_label.text() == "该功能即将开放，请到人工窗口办理"
    assert kiosk.notice.hide_timer.isActive()
    assert kiosk.rect().contains(kiosk.notice.geometry())
    qtbot.mouseClick(kiosk.notice.dismiss_button, Qt.MouseButton.LeftButton)
    assert not kiosk.notice.isVisible()
    assert not kiosk.notice.hide_timer.isActive()


def test_a_registered_journey_opens_its_screen_and_the_switches_stay_visible(qtbot, kiosk):
    opened = []

    def ticket_screen(ctx):
        opened.append(ctx)
        return QLabel("取号页面")

    kiosk.register_journey("ticket", ticket_screen)
    qtbot.mouseClick(kiosk.home.tiles["ticket"], Qt.MouseButton.LeftButton)
    assert opened == [kiosk.ctx]
    assert kiosk.stack.currentWidget().text() == "取号页面"
    assert not kiosk.notice.isVisible()
    assert kiosk.elderly_button.isVisible()
    assert all(button.isVisible() for button in kiosk.language_buttons.values())
    kiosk.go_home()
    assert kiosk.stack.currentWidget() is kiosk.home
    assert kiosk.stack.count() == 1


def test_elderly_switch_restyles_live_and_back(qtbot, kiosk):
    app = QApplication.instance()
    assert not is_elderly(app)
    normal_height = kiosk.elderly_button.height()
    qtbot.mouseClick(kiosk.elderly_button, Qt.MouseButton.LeftButton)
    assert is_elderly(app)
    assert kiosk.ctx.elderly is True
    assert kiosk.elderly_button.text() == "退出长者模式"
    qtbot.waitUntil(lambda: kiosk.elderly_button.height() >= 80)
    assert kiosk.home.tiles["apply"].title_label.font().pointSizeF() >= 30
    qtbot.mouseClick(kiosk.elderly_button, Qt.MouseButton.LeftButton)
    assert not is_elderly(app)
    assert kiosk.ctx.elderly is False
    assert kiosk.elderly_button.text() == "长者模式"
    qtbot.waitUntil(lambda: kiosk.elderly_button.height() == normal_height)


def test_portrait_kiosk_puts_apply_across_the_top(qtbot, kiosk):
    grid = kiosk.home._grid
    landscape = grid.getItemPosition(grid.indexOf(kiosk.home.tiles["apply"]))
    assert landscape == (0, 0, 2, 1)
    kiosk.resize(1080, 1920)
    qtbot.waitUntil(lambda: grid.getItemPosition(grid.indexOf(kiosk.home.tiles["apply"])) == (0, 0, 1, 2))
    assert kiosk.elderly_button.isVisible()


def test_closing_stops_the_clock(qtbot, kiosk):
    timer = kiosk.top_bar.clock_timer
    assert timer.isActive()
    kiosk.close()
    assert not timer.isActive()
