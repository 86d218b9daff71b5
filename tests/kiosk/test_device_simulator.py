"""The demo device simulator drives the real simulated devices: a placed card reaches the kiosk, a sample
code reaches the scanner's listeners, and each printed ticket and licence appears as a picture."""

from __future__ import annotations

from datetime import UTC, datetime

from core.demo import seed_demo_cases
from core.events import CodeScanned
from kiosk.ticket_screen import TicketScreen
from tests.demo_terminal import demo_catalog
from tests.kiosk.kiosk_fixtures import kiosk_window
from ui_common.device_simulator_window import DeviceSimulatorWindow


def _simulator(qtbot, ctx) -> DeviceSimulatorWindow:
    window = DeviceSimulatorWindow(ctx)
    qtbot.addWidget(window)
    assert window.attach()
    window.show()
    return window


def test_cards_codes_and_printed_tickets_through_the_simulator(qtbot, tmp_path):
    with kiosk_window(qtbot, tmp_path) as kiosk:
        ctx = kiosk.ctx
        seed_demo_cases(ctx.store, demo_catalog(), terminal_id="K01", region_code="430102", now=datetime.now(UTC))
        simulator = _simulator(qtbot, ctx)
        try:
            assert {"resident", "citizen-1"} <= set(simulator.card_buttons)

            scanned = []
            ctx.bus.subscribe(CodeScanned, scanned.append)
            simulator.scan_buttons["receipt"].click()
            qtbot.waitUntil(lambda: bool(scanned), timeout=10_000)
            assert scanned[0].text.startswith("HT1:")

            kiosk.open_journey("ticket")
            screen = kiosk.stack.currentWidget()
            assert isinstance(screen, TicketScreen)
            qtbot.waitUntil(lambda: screen.state == "choose", timeout=10_000)
            screen.tiles["general"].click()
            simulator.card_buttons["resident"].click()
            qtbot.waitUntil(lambda: screen.state == "issued", timeout=10_000)
            qtbot.waitUntil(lambda: bool(simulator.shown_jobs), timeout=20_000)
            assert simulator.shown_jobs[0][0] == "receipt_printer"
            first = simulator.jobs_layout.itemAt(0).widget()
            pictures = [label for label in first.findChildren(type(simulator.status)) if label.pixmap() is not None
                        and not label.pixmap().isNull()]
            assert pictures and pictures[0].pixmap().height() > pictures[0].pixmap().width()   # a long slip
        finally:
            simulator.close()


def test_paper_status_reaches_the_capture_printer(qtbot, tmp_path):
    with kiosk_window(qtbot, tmp_path) as kiosk:
        simulator = _simulator(qtbot, kiosk.ctx)
        try:
            simulator.paper_choices["receipt_printer"].setCurrentText("paper_out")
            status, _answers = kiosk.ctx.devices.get("receipt_printer").capture.reading()
            assert status.paper_out
        finally:
            simulator.close()


def test_before_the_services_run_the_window_waits(qtbot, make_ctx):
    window = DeviceSimulatorWindow(make_ctx("kiosk"))
    qtbot.addWidget(window)
    assert not window.attach()
    assert "等待" in window.status.text()
