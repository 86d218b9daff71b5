"""查进度 on a real demo terminal: a receipt's QR through the simulated scanner (verified), a forged QR
refused, the ID card showing all of the person's cases, and the summary printed on the A4 capture printer."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from core.demo import seed_demo_cases
from core.documents.receipt import receipt_fields
from core.documents.tokens import DocumentKind, encode_token
from kiosk.progress_screen import ProgressScreen
from tests.demo_terminal import demo_catalog
from tests.kiosk.kiosk_fixtures import captured_jobs, kiosk_window, place_card
from ui_common.demo_cards import add_demo_cards


def _seed(ctx):
    return seed_demo_cases(ctx.store, demo_catalog(), terminal_id="K01", region_code="430102",
                           now=datetime.now(UTC))


def _open(window) -> ProgressScreen:
    window.open_journey("progress")
    screen = window.stack.currentWidget()
    assert isinstance(screen, ProgressScreen)
    return screen


def _receipt_token(ctx, case) -> str:
    return encode_token(DocumentKind.ACCEPTANCE_RECEIPT, case.case_number, datetime.now(UTC), receipt_fields(case),
                        ctx.signing_key)


def test_a_verified_receipt_qr_shows_its_case_in_plain_words(qtbot, tmp_path):
    with kiosk_window(qtbot, tmp_path) as window:
        ctx = window.ctx
        promised = _seed(ctx)[1]
        screen = _open(window)
        assert "二维码" in screen.scan_box.text.text() and "身份证" in screen.card_box.text.text()
        ctx.devices.get("qr_scanner").scan(_receipt_token(ctx, promised))
        qtbot.waitUntil(lambda: screen.state == "shown", timeout=10_000)
        [card] = screen.case_list.cards
        assert card.item.text() == promised.item_name
        assert promised.case_number in card.details.text()
        assert card.state.text() == "已提交，等待工作人员受理。"
        assert "身份证" not in card.details.text()   # nothing personal on the card


def test_a_forged_or_altered_qr_is_refused_clearly(qtbot, tmp_path):
    with kiosk_window(qtbot, tmp_path) as window:
        ctx = window.ctx
        case = _seed(ctx)[0]
        token = _receipt_token(ctx, case)
        # One character of the signed body changed: the signature no longer matches.
        position = len("HT1:") + 20
        altered = token[:position] + ("A" if token[position] != "A" else "B") + token[position + 1:]
        screen = _open(window)
        ctx.devices.get("qr_scanner").scan(altered)
        qtbot.waitUntil(lambda: screen.state == "refused", timeout=10_000)
        assert screen.message.title.text() == "无法查询"
        assert "核验未通过" in screen.message.body.text() or "无法确认" in screen.message.body.text()
        assert screen.cases == []

        qtbot.mouseClick(screen.message.buttons[0], Qt.MouseButton.LeftButton)   # 重新扫描
        assert screen.state == "waiting"
        ctx.devices.get("qr_scanner").scan("https://example.com/pay?id=1")   # not one of ours
        qtbot.waitUntil(lambda: screen.state == "refused", timeout=10_000)
        assert "不是本系统出具" in screen.message.body.text()


def test_the_id_card_shows_the_persons_cases_and_prints_the_summary(qtbot, tmp_path):
    with kiosk_window(qtbot, tmp_path) as window:
        ctx = window.ctx
        instant = _seed(ctx)[0]
        add_demo_cards(ctx.devices.get("idcard"))
        screen = _open(window)
        place_card(ctx, "citizen-1")   # 李明华, whose instant approval was seeded
        qtbot.waitUntil(lambda: screen.state == "shown", timeout=10_000)
        [card] = screen.case_list.cards
        assert card.case.case_number == instant.case_number
        assert "准予许可" in card.state.text()
        assert "共查到 1 件" in screen.result_intro.text()

        qtbot.mouseClick(screen.print_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(captured_jobs(ctx, "a4_printer")), timeout=20_000)
        assert captured_jobs(ctx, "a4_printer")[0].data.startswith(b"%PDF-")
        qtbot.waitUntil(lambda: "已打印" in screen.print_status.text(), timeout=10_000)


def test_a_card_with_no_cases_here_says_where_to_ask(qtbot, tmp_path):
    with kiosk_window(qtbot, tmp_path) as window:
        screen = _open(window)
        place_card(window.ctx, "resident")
        qtbot.waitUntil(lambda: screen.state == "none", timeout=10_000)
        assert "综合窗口" in screen.message.body.text()
