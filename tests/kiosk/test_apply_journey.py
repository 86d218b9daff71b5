"""The 办事 journey end to end on a demo kiosk: card → search → guide → form → materials → sign → submit →
秒批 licence at the capture printer → evaluation → home, forgotten. Also a refusal, paper out and idle."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from core.cases.model import MaterialStatus
from core.demo import INSTANT_ITEM, INSTANT_SAMPLE_FORM
from core.identity import IdentitySource
from kiosk.apply_journey import ApplyJourney
from kiosk.capture_screen import CaptureScreen
from kiosk.evaluation_screen import EvaluationScreen
from kiosk.form_screen import FormScreen
from kiosk.guide_screen import GuideScreen
from kiosk.materials_screen import MaterialsScreen
from kiosk.result_screen import ResultScreen
from kiosk.search_screen import SearchScreen
from kiosk.signature_screen import SignatureScreen

ITEM = INSTANT_ITEM
FORM = INSTANT_SAMPLE_FORM


def journey(window) -> ApplyJourney:
    screen = window.stack.currentWidget()
    assert isinstance(screen, ApplyJourney)
    return screen


def step(qtbot, window, kind):
    qtbot.waitUntil(lambda: isinstance(journey(window).currentWidget(), kind), timeout=10_000)
    return journey(window).currentWidget()


def type_text(qtbot, edit, text: str) -> None:
    """ASCII as key presses; Chinese as the virtual keyboard's pinyin input commits it (an input-method event)."""
    if text.isascii():
        qtbot.keyClicks(edit, text)
        return
    edit.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)


def search_and_open(qtbot, window, query: str):
    search = step(qtbot, window, SearchScreen)
    qtbot.waitUntil(lambda: search.index is not None, timeout=30_000)
    type_text(qtbot, search.query, query)
    qtbot.waitUntil(lambda: any(t.entry.code == ITEM for t in search.tiles if hasattr(t, "entry")), timeout=5000)
    next(t for t in search.tiles if getattr(t, "entry", None) and t.entry.code == ITEM).click()
    guide = step(qtbot, window, GuideScreen)
    assert guide.can_apply and any("秒批" in w.text() for w in guide.findChildren(type(guide.heading)))
    guide.next_button.click()


def fill_form(qtbot, window, values=FORM):
    form = step(qtbot, window, FormScreen)
    assert form.rows["applicant_name"].value() == window.session.person.name     # pre-filled from the card
    assert form.rows["applicant_id_number"].box.isReadOnly()
    for key, value in values.items():
        row = form.rows[key]
        if hasattr(row.box, "setCurrentText"):
            row.box.setCurrentText(value)
        else:
            row.box.clear()
            type_text(qtbot, row.box, value)
    form.next_button.click()


def photograph(qtbot, window, materials, code: str) -> None:
    """拍照上传 → the live picture from the (demo) document camera → 拍照 → 使用这张照片 → back to the list."""
    materials.rows[code].capture_button.click()
    capture = step(qtbot, window, CaptureScreen)
    assert materials.rows[code].material.name in capture.heading.text()
    qtbot.waitUntil(lambda: capture.next_button.isEnabled(), timeout=10_000)   # a picture is on the screen
    assert capture.picture.image is not None and capture.next_button.text() == "拍照"
    capture.next_button.click()
    assert capture.retake_button.isVisible() and capture.next_button.text() == "使用这张照片"
    qtbot.waitUntil(capture.next_button.isEnabled, timeout=10_000)            # its JPEG is made on a worker
    capture.next_button.click()
    assert step(qtbot, window, MaterialsScreen) is materials


def provide_materials(qtbot, window):
    materials = step(qtbot, window, MaterialsScreen)
    assert not materials.next_button.isEnabled()
    for code in ("business_licence", "hygiene_rules", "floor_plan"):
        photograph(qtbot, window, materials, code)
        assert materials.rows[code].state.text() == "✔ 已拍照"
    for code in ("staff_health_certs", "hygiene_report"):
        materials.rows[code].tolerate_button.click()
    assert materials.next_button.isEnabled()
    materials.next_button.click()


def sign(qtbot, window):
    signature = step(qtbot, window, SignatureScreen)
    assert not signature.next_button.isEnabled()
    signature.pad.add_stroke([QPointF(40 + 12 * i, 80 + (i % 5) * 9) for i in range(30)])
    signature.next_button.click()
    signature.next_button.click()     # a double tap: still one case


def test_card_to_licence_to_evaluation(demo_kiosk, qtbot):
    window, ctx, _ = demo_kiosk
    printer = ctx.devices.get("a4_printer")
    ctx.devices.get("idcard").place("resident")
    qtbot.waitUntil(lambda: window.current_journey == "apply", timeout=10_000)
    search_and_open(qtbot, window, "ggcs")
    fill_form(qtbot, window)
    provide_materials(qtbot, window)
    sign(qtbot, window)

    result = step(qtbot, window, ResultScreen)
    qtbot.waitUntil(lambda: result.print_result is not None, timeout=30_000)
    assert result.outcome.is_instant, result.outcome.advice
    assert "审批通过" in result.message.text() and result.print_result.printed
    jobs = printer.store.wait_for(1, timeout=10)
    assert jobs[-1].data.startswith(b"%PDF-")
    assert ctx.store.cases.count() == 1
    case = ctx.store.cases.get(window.session.case_id)
    assert case.licence is not None and case.commitment.signature_png.startswith(b"\x89PNG")
    photos = {m.code: m for m in case.materials if m.status is MaterialStatus.UPLOADED}
    assert set(photos) == {"business_licence", "hygiene_rules", "floor_plan"}
    assert all(m.file_sha256 for m in photos.values())         # each photo stored with the case, by content

    result.next_button.click()
    evaluation = step(qtbot, window, EvaluationScreen)
    evaluation.level_buttons["满意"].click()
    evaluation.next_button.click()
    qtbot.waitUntil(lambda: window.current_journey is None, timeout=10_000)
    assert not window.session.active and window.stack.currentWidget() is window.home
    rows = [r for r in ctx.store.outbox.pending(200) if r.kind == "evaluation"]
    assert len(rows) == 1 and rows[0].payload["level"] == "满意" and rows[0].payload["case_id"] == case.case_id


def test_restaurant_in_plain_words_and_refusal_for_dishonest_applicant(demo_kiosk, qtbot):
    window, ctx, _ = demo_kiosk
    window.open_journey("apply")
    identify = journey(window).currentWidget()
    identify.resolve_code("DEMO-ELIC-ZHAOQIANG")          # on the 失信被执行人 list
    search = step(qtbot, window, SearchScreen)
    assert window.session.person.source is IdentitySource.ELICENCE
    qtbot.waitUntil(lambda: search.index is not None, timeout=30_000)
    type_text(qtbot, search.query, "我想开个餐馆")
    qtbot.waitUntil(lambda: bool(search.tiles), timeout=5000)
    assert any("食品" in t.text() or "餐" in t.text() for t in search.tiles)
    search.query.clear()
    search_and_open(qtbot, window, "ggcs")
    fill_form(qtbot, window)
    provide_materials(qtbot, window)
    sign(qtbot, window)
    result = step(qtbot, window, ResultScreen)
    qtbot.waitUntil(lambda: result.outcome is not None, timeout=30_000)
    assert not result.outcome.is_instant
    assert "窗口" in result.details.text() and "身份证" in result.details.text()
    note = ctx.store.cases.get(window.session.case_id).events[-1]
    assert any(r["rule_id"] == "credit_standing" and r["passed"] is False for r in note.data["rule_trace"])
    result.next_button.click()
    evaluation = step(qtbot, window, EvaluationScreen)
    evaluation.level_buttons["不满意"].click()
    assert not evaluation.next_button.isEnabled()          # a reason first
    evaluation.back_button.click()                           # 跳过: nothing recorded
    qtbot.waitUntil(lambda: window.current_journey is None, timeout=10_000)
    assert not [r for r in ctx.store.outbox.pending(200) if r.kind == "evaluation"]


def test_paper_out_shows_the_licence_on_screen(demo_kiosk, qtbot):
    window, ctx, _ = demo_kiosk
    ctx.devices.get("a4_printer").capture.set_status("paper_out")
    ctx.devices.get("idcard").place("resident")
    qtbot.waitUntil(lambda: window.current_journey == "apply", timeout=10_000)
    search_and_open(qtbot, window, "卫生许可")
    fill_form(qtbot, window)
    provide_materials(qtbot, window)
    sign(qtbot, window)
    result = step(qtbot, window, ResultScreen)
    qtbot.waitUntil(lambda: result.print_result is not None, timeout=60_000)
    assert not result.print_result.printed
    assert result.document_view is not None and result.document_view.qr.text
    assert any("证号" in line for line in result.document_view.shown_lines())
    assert ctx.printing.waiting()                      # kept for a reprint


def test_a_touch_anywhere_during_the_countdown_keeps_the_session(demo_kiosk, qtbot):
    """The touch goes the way a real one does: into the window, then to whatever is under the finger."""
    window, ctx, _ = demo_kiosk
    ctx.devices.get("idcard").place("resident")
    qtbot.waitUntil(lambda: window.current_journey == "apply", timeout=10_000)
    window.idle.base_s, window.idle.countdown_s = 0.2, 30
    window.idle.start()
    qtbot.waitUntil(lambda: window.countdown.isVisible(), timeout=5000)
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(window.width() - 30, window.height() // 2))
    assert not window.countdown.isVisible() and window.idle.stretch > 1.0
    assert window.current_journey == "apply" and window.session.active
    window.idle.stop()


def test_idle_countdown_then_reset_wipes(demo_kiosk, qtbot):
    window, ctx, _ = demo_kiosk
    ctx.devices.get("idcard").place("resident")
    qtbot.waitUntil(lambda: window.current_journey == "apply", timeout=10_000)
    window.session.form["business_name"] = "芙蓉区示例理发店"
    window.idle.base_s, window.idle.countdown_s = 0.2, 2
    window.idle.start()
    qtbot.waitUntil(lambda: window.countdown.isVisible(), timeout=5000)
    qtbot.mouseClick(window.countdown.continue_button, Qt.MouseButton.LeftButton)
    assert not window.countdown.isVisible() and window.idle.stretch > 1.0
    qtbot.waitUntil(lambda: window.current_journey is None, timeout=10_000)
    assert not window.session.active and window.session.form == {}
    assert not window.idle.quiet_timer.isActive() and not window.idle.tick_timer.isActive()
