"""The four decisions at the counter, from a called ticket and a read ID card to the printed A4 document."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from core.cases.model import CaseState, MaterialStatus
from tests.counter.conftest import issue_ticket

HYGIENE = "430102WJ000101"          # 公共场所卫生许可证核发（新办）: two tolerable materials


def a4_jobs(ctx):
    return ctx.devices.get("a4_printer").store.jobs()


def serve_with_card(qtbot, window, ctx):
    ticket = issue_ticket(ctx)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: window.queue_panel.current is not None, timeout=10_000)
    assert window.queue_panel.current.number == ticket.number
    qtbot.keyClick(window, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: window.queue_panel.current.state.value == "serving", timeout=10_000)
    ctx.devices.get("idcard").place("resident")
    qtbot.waitUntil(lambda: window.applicant_panel.person() is not None, timeout=10_000)
    assert window.applicant_panel.id_edit.text() == "11010519491231002X"
    window.case_area.choose(HYGIENE)
    return ticket


def decided_case(qtbot, window, ctx):
    qtbot.waitUntil(lambda: bool(window.case_area.last_cases), timeout=15_000)
    [case] = window.case_area.last_cases
    stored = ctx.store.cases.get(case.case_id)
    assert stored.state is case.state
    assert ctx.store.outbox.get(case.case_id) is not None
    assert any(e.action == "case.record" and e.subject == case.case_number for e in ctx.store.audit.entries())
    return stored


def test_accept_prints_the_receipt_on_the_a4_printer(qtbot, counter, terminal):
    ctx, _ = terminal
    ticket = serve_with_card(qtbot, counter, ctx)
    counter.case_area.mark_all_received()
    qtbot.keyClick(counter, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    case = decided_case(qtbot, counter, ctx)
    assert case.state is CaseState.ACCEPTED
    assert case.events[-1].data["ticket_number"] == ticket.number
    qtbot.waitUntil(lambda: len(a4_jobs(ctx)) == 1, timeout=15_000)
    assert a4_jobs(ctx)[0].data.startswith(b"%PDF")
    qtbot.waitUntil(lambda: "已打印" in counter.case_area.result_label.text(), timeout=15_000)


def test_tolerance_accepts_with_the_signed_commitment_and_prints_two_documents(qtbot, counter, terminal):
    ctx, _ = terminal
    serve_with_card(qtbot, counter, ctx)
    counter.case_area.mark_all_received()
    counter.case_area.set_status("hygiene_report", MaterialStatus.MISSING)
    qtbot.keyClick(counter, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "签署" in counter.notice.message_label.text(), timeout=5_000)
    pad = counter.case_area.signature
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    for x in range(25, 200, 15):
        qtbot.mouseMove(pad, QPoint(x, 20 + x % 40))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(200, 40))
    assert not pad.empty
    qtbot.keyClick(counter, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    case = decided_case(qtbot, counter, ctx)
    assert case.state is CaseState.ACCEPTED and case.commitment is not None
    assert [m.code for m in case.materials if m.status is MaterialStatus.TOLERATED_MISSING] == ["hygiene_report"]
    qtbot.waitUntil(lambda: len(a4_jobs(ctx)) == 2, timeout=20_000)


def test_tolerance_is_refused_for_a_material_the_item_does_not_allow(qtbot, counter, terminal):
    ctx, _ = terminal
    serve_with_card(qtbot, counter, ctx)
    counter.case_area.mark_all_received()
    counter.case_area.set_status("floor_plan", MaterialStatus.MISSING)
    qtbot.keyClick(counter, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "不允许容缺" in counter.notice.message_label.text(), timeout=10_000)
    assert ctx.store.cases.count() == 0


def test_correction_notice_lists_every_missing_and_wrong_material(qtbot, counter, terminal):
    from core.documents import TrustedKeys, verify_token  # noqa: F401

    ctx, _ = terminal
    serve_with_card(qtbot, counter, ctx)
    counter.case_area.mark_all_received()
    counter.case_area.set_status("floor_plan", MaterialStatus.MISSING)
    counter.case_area.set_status("hygiene_report", MaterialStatus.MISSING)
    counter.case_area.set_status("commitment", MaterialStatus.DEFECTIVE, "未签名")
    qtbot.keyClick(counter, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    case = decided_case(qtbot, counter, ctx)
    assert case.state is CaseState.CORRECTION
    qtbot.waitUntil(lambda: len(a4_jobs(ctx)) == 1, timeout=15_000)
    # the notice's signed fields list every problem at once
    from core.acceptance import documents_for
    from core.documents import HallInfo

    [notice] = documents_for(case, ctx.catalog, hall=HallInfo(name="大厅"), key=ctx.signing_key)
    listed = notice.fields["problems"]
    for name in ("平面布局图", "卫生检测", "告知承诺书"):
        assert any(name in part for part in listed.split("；")), (name, listed)
    assert "未签名" in listed or "有误" in listed


def test_refusal_requires_a_reason(qtbot, counter, terminal):
    ctx, _ = terminal
    serve_with_card(qtbot, counter, ctx)
    qtbot.keyClick(counter, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "理由" in counter.notice.message_label.text(), timeout=10_000)
    assert ctx.store.cases.count() == 0
    counter.case_area.reason_edit.setText("申请事项不属于本机关职权范围")
    qtbot.keyClick(counter, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    case = decided_case(qtbot, counter, ctx)
    assert case.state is CaseState.NOT_ACCEPTED
    qtbot.waitUntil(lambda: len(a4_jobs(ctx)) == 1, timeout=15_000)


def test_f5_fills_from_the_card_on_the_reader_and_never_from_a_removed_one(qtbot, counter, terminal):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from core.events import IdentityWithdrawn

    ctx, _services = terminal
    window = counter
    reader = ctx.devices.get("idcard")
    reader.place("resident")
    qtbot.waitUntil(lambda: window.applicant_panel.person() is not None, timeout=10_000)
    window.applicant_panel.clear()
    QTest.keyClick(window, Qt.Key.Key_F5)
    assert window.applicant_panel.person() is not None         # the card still lies there
    withdrawn = []
    ctx.bus.subscribe(IdentityWithdrawn, lambda _e: withdrawn.append(True))
    reader.remove()
    qtbot.waitUntil(lambda: bool(withdrawn), timeout=10_000)
    qtbot.waitUntil(lambda: window.last_person is None, timeout=2_000)
    window.applicant_panel.clear()
    QTest.keyClick(window, Qt.Key.Key_F5)
    assert window.applicant_panel.person() is None
    assert "身份证" in window.notice.message_label.text()


def test_an_elicence_qr_fills_the_applicant_and_its_licence_stands_in_for_the_paper(qtbot, counter, terminal):
    """亮证 at the counter: the platform's business licence is taken for the 营业执照 row (not asked for
    again), its number goes into the case; a card of another person afterwards takes it away."""
    ctx, _ = terminal
    issue_ticket(ctx)
    counter.case_area.choose(HYGIENE)
    ctx.devices.get("qr_scanner").scan("DEMO-ELIC-LIMING")
    qtbot.waitUntil(lambda: counter.applicant_panel.person() is not None, timeout=10_000)
    assert counter.applicant_panel.person().name == "李明"
    rows = {row.material.code: row for row in counter.case_area.rows}
    licence_row = rows["business_licence"]
    assert licence_row.check().status is MaterialStatus.ELICENCE
    number = licence_row.check().licence_number
    assert number and number in licence_row.note.text()
    assert rows["hygiene_rules"].check().status is MaterialStatus.MISSING     # paper only: still asked for
    counter.case_area.mark_all_received()
    assert licence_row.check().status is MaterialStatus.ELICENCE             # not overwritten by 原件

    qtbot.keyClick(counter, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    case = decided_case(qtbot, counter, ctx)
    [record] = [m for m in case.materials if m.code == "business_licence"]
    assert (record.status, record.licence_number) == (MaterialStatus.ELICENCE, number)

    counter.applicant_panel.fill(_resident())          # the next citizen's card
    assert counter.applicant_panel.licences == []
    assert licence_row.check().status is MaterialStatus.MISSING and licence_row.licence is None


def _resident():
    from core.identity import Person

    return Person(name="王秀英", id_number="11010519491231002X")
