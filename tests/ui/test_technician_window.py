"""Technician console: sidebar pages and the overview of configured devices and links."""

from __future__ import annotations

import pytest

from core.config import Settings
from core.events import DeviceStatusChanged
from technician import create_main_window
from technician.main_window import PAGES
from technician.overview_page import configured_devices


def SettingsWithDevices():
    settings = Settings.load(None, overrides={"terminal.hall_name": "测试大厅", "terminal.id": "K07",
                                              "hall_server.url": "http://127.0.0.1:8600"})
    settings.set_device("idcard", {"driver": "samv_serial", "port": "/dev/ttyUSB0"})
    settings.set_device("receipt_printer", {"driver": "escpos_network", "host": "127.0.0.1"})
    settings.set_device("lobby_camera", {"driver": "uvc"})
    return settings


@pytest.fixture
def console(qtbot, make_ctx):
    window = create_main_window(make_ctx("technician", settings=SettingsWithDevices()))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_sidebar_lists_the_pages(console):
    items = [console.sidebar.item(row).text() for row in range(console.sidebar.count())]
    assert items == ["概览", "设备", "连接", "自助终端设置", "诊断导出"]
    assert console.current_page() == "overview"


def test_every_sidebar_entry_opens_a_page_that_says_something(console):
    for name in PAGES[1:]:
        console.show_page(name)
        assert console.current_page() == name
        page = console.pages.currentWidget()
        assert page.title_label.text() and page.advice.text()


def test_overview_lists_configured_devices_and_links_as_unchecked(console):
    overview = console.overview
    assert list(overview.device_pills) == ["idcard", "receipt_printer", "lobby_camera"]
    assert overview._device_names["idcard"].text() == "身份证阅读器"
    assert overview._device_names["lobby_camera"].text() == "lobby_camera"  # unknown names shown as configured
    assert {pill.text() for pill in overview.device_pills.values()} == {"未检测"}
    assert set(overview.link_pills) == {"hall_server", "central"}
    assert {pill.text() for pill in overview.link_pills.values()} == {"未检测"}
    assert overview._link_targets["hall_server"].text() == "http://127.0.0.1:8600"
    assert overview._link_targets["central"].text() == "未配置"
    assert console.terminal_label.text() == "测试大厅　终端 K07"


def test_overview_pills_follow_the_devices_health_events(qtbot, console):
    console.ctx.bus.publish(DeviceStatusChanged(device="idcard", health="online", previous="nodevice"))
    console.ctx.bus.publish(DeviceStatusChanged(device="receipt_printer", health="usererror", previous="online"))
    pills = console.overview.device_pills
    qtbot.waitUntil(lambda: pills["receipt_printer"].text() == "需人工处理", timeout=5_000)
    assert (pills["idcard"].text(), pills["idcard"].state) == ("正常", "ok")
    assert pills["receipt_printer"].state == "error"
    assert pills["lobby_camera"].text() == "未检测"


def test_no_devices_configured_is_said_plainly(qtbot, make_ctx):
    window = create_main_window(make_ctx("technician", settings=Settings.load(None)))
    qtbot.addWidget(window)
    assert window.overview.device_pills == {}
    assert "未配置设备" in window.overview._no_devices.text()


def test_configured_devices_reads_mappings_and_lists():
    class Device:
        def __init__(self, name, driver):
            self.name, self.driver = name, driver

    class ListSettings:
        def __init__(self):
            self.devices = [Device("qr_scanner", "keyboard_wedge"), {"name": "idcard", "driver": "samv_serial"}]

    assert configured_devices(SettingsWithDevices())[0] == ("idcard", "samv_serial")
    assert configured_devices(ListSettings()) == [("qr_scanner", "keyboard_wedge"), ("idcard", "samv_serial")]
    assert configured_devices(None) == []
