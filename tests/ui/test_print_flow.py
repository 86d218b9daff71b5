"""Printing from a screen: the capture printer gets the job; a missing printer puts the document on the
screen with a QR that verifies, and keeps it for a reprint."""

from __future__ import annotations

from datetime import UTC, datetime

from core.documents.keys import SigningKey, TrustedKeys
from core.documents.ticket import TicketData, render_ticket
from core.documents.tokens import verify_token
from core.print_queue import A4, RECEIPT, PrintQueue
from tests.demo_terminal import demo_terminal
from ui_common.document_on_screen import DocumentOnScreen
from ui_common.print_flow import print_document


def _ticket(key):
    return render_ticket(TicketData(number="A012", service="综合业务", waiting_ahead=3, estimated_wait_minutes=9,
                                    issued_at=datetime.now(UTC), hall_name="演示大厅"), key=key)


def test_a_ticket_prints_on_the_demo_receipt_printer(tmp_path, qtbot):
    with demo_terminal(tmp_path, "kiosk", wanted=frozenset({"documents", "devices", "printing"})) as (ctx, _):
        results = []
        print_document(ctx, _ticket(ctx.signing_key), on_result=results.append)
        qtbot.waitUntil(lambda: bool(results), timeout=10_000)
        assert results[0].printed
        assert ctx.printing.waiting() == []


def test_without_a_printer_the_document_waits_and_shows_on_screen(tmp_path, qtbot):
    with demo_terminal(tmp_path, "kiosk", wanted=frozenset({"documents"})) as (ctx, _):
        ctx.printing = PrintQueue(ctx.store, {RECEIPT: None, A4: None})
        document = _ticket(ctx.signing_key)
        results = []
        print_document(ctx, document, on_result=results.append)
        qtbot.waitUntil(lambda: bool(results), timeout=10_000)
        result = results[0]
        assert not result.printed and result.reason_code == "PRINT_NO_PRINTER"
        assert [w.job_id for w in ctx.printing.waiting()] == [result.job_id]

        view = DocumentOnScreen(document, result.user_message)
        qtbot.addWidget(view)
        assert "排队号：A012" in view.shown_lines()
        assert view.title.text() == "您的排队凭条"
        verified = verify_token(view.qr.text, TrustedKeys.for_terminal(ctx.signing_key))
        assert verified.reference == "A012"
        done = []
        view.done.connect(lambda: done.append(True))
        view.done_button.click()
        assert done == [True]


def test_with_no_print_service_the_screen_is_still_told(qtbot, make_ctx):
    ctx = make_ctx()
    results = []

    print_document(ctx, _ticket(SigningKey.generate()), on_result=results.append)
    assert results and results[0].reason_code == "PRINT_NO_QUEUE" and results[0].user_message
