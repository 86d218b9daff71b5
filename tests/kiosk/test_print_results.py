"""打印证照 on a real demo terminal: the identified person's licence prints again on the A4 capture printer;
with the printer out of paper it shows on the screen with a QR that verifies."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from core.demo import seed_demo_cases
from core.documents.keys import TrustedKeys
from core.documents.tokens import DocumentKind, verify_token
from kiosk.print_results_screen import PrintResultsScreen
from tests.demo_terminal import demo_catalog
from tests.kiosk.kiosk_fixtures import captured_jobs, kiosk_window, place_card
from ui_common.demo_cards import add_demo_cards


def _open(qtbot, window) -> PrintResultsScreen:
    seed_demo_cases(window.ctx.store, demo_catalog(), terminal_id="K01", region_code="430102",
                    now=datetime.now(UTC))
    add_demo_cards(window.ctx.devices.get("idcard"))
    window.open_journey("print")
    screen = window.stack.currentWidget()
    assert isinstance(screen, PrintResultsScreen)
    assert screen.pages.currentWidget() is screen.identify
    return screen


def test_the_persons_licence_prints_again(qtbot, tmp_path):
    with kiosk_window(qtbot, tmp_path) as window:
        ctx = window.ctx
        screen = _open(qtbot, window)
        place_card(ctx, "citizen-1")
        qtbot.waitUntil(lambda: screen.state == "list", timeout=10_000)
        [card] = screen.case_list.cards
        assert card.case.licence is not None and card.action_button.text() == "打印"
        qtbot.mouseClick(card.action_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: screen.state == "printed", timeout=20_000)
        [job] = captured_jobs(ctx, "a4_printer")
        assert job.data.startswith(b"%PDF-")
        assert "已打印" in screen.status.text()


def test_a_person_without_licences_is_told_where_to_look(qtbot, tmp_path):
    with kiosk_window(qtbot, tmp_path) as window:
        screen = _open(qtbot, window)
        place_card(window.ctx, "citizen-2")   # 王秀兰: a promised case, still waiting
        qtbot.waitUntil(lambda: screen.state == "none", timeout=10_000)
        assert "查进度" in screen.message.body.text()


def test_paper_out_shows_the_licence_on_screen(qtbot, tmp_path):
    with kiosk_window(qtbot, tmp_path) as window:
        ctx = window.ctx
        screen = _open(qtbot, window)
        ctx.devices.get("a4_printer").capture.set_status("paper_out")
        place_card(ctx, "citizen-1")
        qtbot.waitUntil(lambda: screen.state == "list", timeout=10_000)
        qtbot.mouseClick(screen.case_list.cards[0].action_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: screen.document_view is not None and screen.document_view.isVisible(),
                        timeout=30_000)
        view = screen.document_view
        assert view.title.text() == "您的许可证"
        assert "服务台" in view.reason.text()
        verified = verify_token(view.qr.text, TrustedKeys.for_terminal(ctx.signing_key))
        assert verified.kind is DocumentKind.LICENCE
        assert verified.case_number == screen.cases[0].case_number
        assert ctx.printing.waiting()   # kept for a reprint
