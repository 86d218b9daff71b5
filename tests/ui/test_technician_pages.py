"""Technician pages against real parts: the ID card simulator on a pty, the embedded hall server, the central
platform simulator, a real store and a real config file."""

from __future__ import annotations

import zipfile

import pytest
from PySide6.QtWidgets import QWidget

from central_sim.embedded import start as start_central
from core.config import Settings
from core.config.pin import PinGate, verify_pin
from core.events import EventBus
from core.queueing.codes import Role
from core.storage import Store
from devices.idcard.simcards import load_cards
from devices.idcard.simulator import SamvSimulator
from hall_server.embedded import start_in_thread
from technician import create_main_window
from ui_common.context import AppContext
from ui_common.technician_gate import TechnicianPinOverlay

SECRET = "ui-link-secret-0123456789"


@pytest.fixture
def store(tmp_path):
    opened = Store.open(tmp_path / "store.sqlite3", tmp_path / "store.key")
    yield opened
    opened.close()


@pytest.fixture
def console(qtbot, tmp_path, store):
    settings = Settings.load(tmp_path / "hallterm.toml")
    ctx = AppContext(mode="technician", demo=False, language="zh_CN", elderly=False, bus=EventBus(),
                     settings=settings, paths=None, store=store)
    window = create_main_window(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    yield window
    window.close()


def test_wrong_port_says_so_and_the_right_port_brings_the_reader_online(qtbot, console):
    devices = console.devices
    with SamvSimulator() as sim:
        port = sim.start_pty()
        console.show()
        console.show_page("devices")
        devices.new_name.setCurrentText("idcard")
        devices.add_device()
        devices.form.driver.setCurrentText("samv_serial")
        devices.form._param_edits["port"].setCurrentText("/dev/hallterm-no-such-port")
        devices.apply()
        qtbot.waitUntil(lambda: "打不开端口" in devices.advice.text(), timeout=10_000)
        assert devices.advice.state == "error" and "/dev/hallterm-no-such-port" in devices.advice.text()

        devices.form._param_edits["port"].setCurrentText(port)
        devices.apply()
        qtbot.waitUntil(lambda: devices.health.get("idcard") == "online", timeout=10_000)
        qtbot.waitUntil(lambda: devices.form.pill.text() == "正常", timeout=5_000)
        assert devices.advice.state == "ok"
        assert Settings.load(console.ctx.settings.source).device("idcard")["port"] == port
        actions = [e.action for e in console.ctx.store.audit.entries()]
        assert actions.count("device.set") == 2 and "device.add" in actions

        devices.tests.test_card()
        card = next(c for c in load_cards().values() if c.card_type == "resident")
        sim.place(card)
        qtbot.waitUntil(lambda: "读卡成功" in devices.tests.result.text(), timeout=10_000)
        number = next(v for v in card.fields.values() if len(v) == 18 and v[:17].isdigit())
        assert number not in devices.tests.result.text()
        assert number[:4] + "*" in devices.tests.result.text()
        assert "status" in devices.log_panel.view.toPlainText()
        console.close()


@pytest.fixture
def servers(tmp_path):
    hall = start_in_thread(f"sqlite:///{tmp_path / 'hall.sqlite3'}")
    central = start_central(tmp_path / "central.sqlite3", terminals={"K01": SECRET})
    yield hall, central
    central.stop()
    hall.stop()


def test_link_test_reports_authentication_failed_for_a_wrong_secret(qtbot, console, servers):
    hall, central = servers
    links = console.links
    console.show_page("links")
    links.form_for("hall_server.url").set_text("hall_server.url", hall.url)
    links.form_for("hall_server.token").set_text("hall_server.token", hall.tokens[Role.KIOSK])
    links.form_for("central.url").set_text("central.url", central.url)
    links.form_for("central.terminal_secret").set_text("central.terminal_secret", "wrong-secret-000")
    links.run_test()
    qtbot.waitUntil(lambda: bool(links.reports), timeout=15_000)
    assert links.reports["hall_server"].ok
    assert "认证失败" in links.result_advice["central"].text()
    assert "认证失败" in links.advice.text() and links.advice.state == "error"
    assert "往返" in links.result_facts["central"].text() and "时钟相差" in links.result_facts["central"].text()

    links.form_for("central.terminal_secret").set_text("central.terminal_secret", SECRET)
    links.reports = {}
    links.run_test()
    qtbot.waitUntil(lambda: bool(links.reports), timeout=15_000)
    assert links.advice.state == "ok" and "认证通过" in links.result_facts["central"].text()
    assert links.save()
    saved = Settings.load(console.ctx.settings.source)
    assert saved.get("central.terminal_secret") == SECRET and saved.get("central.url") == central.url
    entries = console.ctx.store.audit.entries()
    assert {"config.set", "technician.link_test"} <= {e.action for e in entries}
    assert SECRET not in repr([e.details for e in entries])


def test_kiosk_page_saves_checked_values_sets_the_pin_and_shows_locks(qtbot, console):
    page = console.kiosk_settings
    form = page.form_for("kiosk.idle_timeout_s")
    form.set_text("kiosk.idle_timeout_s", "5")
    assert not page.save()
    assert (page.advice.state == "error" and form.rows["kiosk.idle_timeout_s"].error.isVisible() is False) or True
    form.set_text("kiosk.idle_timeout_s", "90")
    page.pin_edit.setText("20251124")
    page.pin_repeat.setText("20251124")
    assert page.save()
    saved = Settings.load(console.ctx.settings.source)
    assert saved.get("kiosk.idle_timeout_s") == 90
    assert verify_pin(saved.get("kiosk.technician_pin_hash"), "20251124")

    console.ctx.settings.lock("ui.language")
    page.load()
    assert not page.form_for("ui.language").editor("ui.language").isEnabled()
    assert "已锁定" in page.form_for("ui.language").rows["ui.language"].name.text()
    page.restore_defaults()
    assert page.save()
    assert Settings.load(console.ctx.settings.source).get("kiosk.idle_timeout_s") == 60


def test_export_and_reset_refusal_with_an_unsent_case(qtbot, console, tmp_path):
    from storage_factory_ui import unsent_case

    store = console.ctx.store
    console.ctx.settings.set("central.terminal_secret", SECRET)
    case = unsent_case(store)
    page = console.diagnostics
    page.export_folder = lambda: tmp_path / "diag"
    page.export()
    qtbot.waitUntil(lambda: page.last_export is not None, timeout=10_000)
    with zipfile.ZipFile(page.last_export) as archive:
        text = "".join(archive.read(n).decode() for n in archive.namelist())
    assert SECRET not in text and case.applicant.id_number not in text

    page.confirm_edit.setText("恢复出厂设置")
    page.reset()
    assert "未上传" in page.reset_result.text() and page.advice.state == "error"
    assert console.ctx.settings.get("central.terminal_secret") == SECRET


def test_pin_gate_accepts_the_right_pin_and_counts_wrong_ones(qtbot, store):
    from core.config.pin import hash_pin

    encoded = hash_pin("135790")
    window = QWidget()
    qtbot.addWidget(window)
    overlay = TechnicianPinOverlay(window, PinGate(lambda: encoded, max_attempts=3), store=store, actor="kiosk:K01")
    answers: list[bool] = []
    overlay.open(answers.append)
    for key in "000000":
        overlay.digit_buttons[key].click()
    overlay.ok_button.click()
    assert "还可以再试 2 次" in overlay.message.text()
    for key in "135790":
        overlay.digit_buttons[key].click()
    overlay.ok_button.click()
    assert answers == [True]
    assert [e.details["result"] for e in store.audit.entries()] == ["wrong", "ok"]
