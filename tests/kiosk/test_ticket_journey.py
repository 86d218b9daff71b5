"""取号 on a real demo terminal: the ticket prints on the capture printer with its estimate, a second ticket
for the same service is refused kindly, and a hall server that is away is said calmly."""

from __future__ import annotations

from PySide6.QtCore import Qt

from core.documents.escpos_reader import read_escpos
from core.documents.keys import TrustedKeys
from core.documents.tokens import DocumentKind, verify_token
from core.print_queue import A4, RECEIPT, PrintQueue
from core.queueing.client import HallClient
from kiosk.ticket_screen import TicketScreen
from tests.kiosk.kiosk_fixtures import captured_jobs, kiosk_window, place_card, remove_card


def _open_ticket(qtbot, window) -> TicketScreen:
    window.open_journey("ticket")
    screen = window.stack.currentWidget()
    assert isinstance(screen, TicketScreen)
    qtbot.waitUntil(lambda: screen.state == "choose", timeout=10_000)
    return screen


def _take(qtbot, screen, code="general"):
    qtbot.mouseClick(screen.tiles[code], Qt.MouseButton.LeftButton)


def test_a_ticket_prints_with_the_waiting_count_and_an_estimate(qtbot, tmp_path):
    with kiosk_window(qtbot, tmp_path) as window:
        ctx = window.ctx
        screen = _open_ticket(qtbot, window)
        assert screen.tiles["general"].title_label.text() == "综合业务"
        assert "等候 0 人" in screen.tiles["general"].subtitle_label.text()

        _take(qtbot, screen)
        assert screen.state == "card" and screen.card_page.isVisible()
        assert "综合业务" in screen.card_text.text()
        place_card(ctx)
        qtbot.waitUntil(lambda: screen.state == "issued", timeout=10_000)
        assert screen.ticket.number.startswith("A")
        assert screen.ticket_view.number.text() == screen.ticket.number
        assert "前面还有 0 人" in screen.ticket_view.waiting.text()
        assert "估算" in screen.ticket_view.estimate.text() or "暂无法估算" in screen.ticket_view.estimate.text()

        qtbot.waitUntil(lambda: bool(captured_jobs(ctx)), timeout=10_000)
        qtbot.waitUntil(lambda: "已打印" in screen.ticket_view.status.text(), timeout=10_000)
        job = captured_jobs(ctx)[0]
        text = read_escpos(job.data).text
        assert screen.ticket.number in text and "预计等候" in text and "估算" in text
        remove_card(ctx)

        qtbot.mouseClick(screen.done_button, Qt.MouseButton.LeftButton)
        assert window.stack.currentWidget() is window.home


def test_a_second_ticket_for_the_same_service_is_refused_kindly(qtbot, tmp_path):
    with kiosk_window(qtbot, tmp_path) as window:
        ctx = window.ctx
        place_card(ctx)
        screen = _open_ticket(qtbot, window)
        _take(qtbot, screen)
        qtbot.waitUntil(lambda: screen.state == "issued", timeout=10_000)
        first = screen.ticket.number
        qtbot.waitUntil(lambda: bool(captured_jobs(ctx)), timeout=10_000)
        window.go_home()

        screen = _open_ticket(qtbot, window)
        _take(qtbot, screen)   # a new screen knows nobody: the card is read again
        if screen.state == "card":
            remove_card(ctx)
            qtbot.wait(300)
            place_card(ctx)
        qtbot.waitUntil(lambda: screen.state == "refused", timeout=10_000)
        assert "已经有号" in screen.message.title.text()
        assert first in screen.message.body.text()
        assert "Traceback" not in screen.message.body.text()
        assert len(captured_jobs(ctx)) == 1   # nothing more printed

        # Another service the same day is fine.
        window.go_home()
        screen = _open_ticket(qtbot, window)
        _take(qtbot, screen, "social")
        if screen.state == "card":
            remove_card(ctx)
            qtbot.wait(300)
            place_card(ctx)
        qtbot.waitUntil(lambda: screen.state == "issued", timeout=10_000)
        assert screen.ticket.number.startswith("B")


def test_hall_server_down_is_said_calmly_with_what_still_works(qtbot, tmp_path):
    with kiosk_window(qtbot, tmp_path) as window:
        ctx = window.ctx
        real = ctx.hall
        ctx.hall = HallClient("http://127.0.0.1:9", "demo-kiosk-token", timeout=0.5)  # nothing listens there
        try:
            window.open_journey("ticket")
            screen = window.stack.currentWidget()
            qtbot.waitUntil(lambda: screen.state == "hall_down", timeout=10_000)
            assert "连接不上" in screen.message.title.text()
            assert "咨询台" in screen.message.body.text() and "查进度" in screen.message.body.text()
            assert [b.text() for b in screen.message.buttons] == ["再试一次"]
            assert screen.home_button.isVisible()

            ctx.hall = real   # back: 再试一次 lists the services again
            qtbot.mouseClick(screen.message.buttons[0], Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: screen.state == "choose", timeout=10_000)
        finally:
            ctx.hall.close() if ctx.hall is not real else None
            ctx.hall = real


def test_paper_out_shows_the_ticket_on_screen_with_its_qr(qtbot, tmp_path):
    with kiosk_window(qtbot, tmp_path) as window:
        ctx = window.ctx
        ctx.printing = PrintQueue(ctx.store, {RECEIPT: None, A4: None})   # no printer left
        place_card(ctx)
        screen = _open_ticket(qtbot, window)
        _take(qtbot, screen)
        qtbot.waitUntil(lambda: screen.document_view is not None and screen.document_view.isVisible(),
                        timeout=10_000)
        view = screen.document_view
        assert view.title.text() == "您的排队凭条"
        assert f"排队号：{screen.ticket.number}" in view.shown_lines()
        assert "服务台" in view.reason.text()
        verified = verify_token(view.qr.text, TrustedKeys.for_terminal(ctx.signing_key))
        assert verified.kind is DocumentKind.QUEUE_TICKET and verified.reference == screen.ticket.number
