"""The evaluator: who serves and which ticket; five levels when the service finishes; reasons for 差评;
a timeout records nothing; the evaluation is tied to the case number and queued for the platform."""

from __future__ import annotations

from PySide6.QtCore import Qt

from core.sync.wire import EVALUATION_LEVELS
from tests.counter.conftest import issue_ticket
from tests.counter.test_decisions import HYGIENE


def evaluations(ctx):
    return [e for e in ctx.store.audit.entries(limit=1000) if e.action == "evaluation.record"]


def serve_and_finish(qtbot, window, ctx, *, decide=True):
    evaluator = window.open_evaluator()
    qtbot.addWidget(evaluator)
    ticket = issue_ticket(ctx)
    window.call_next_action.trigger()
    qtbot.waitUntil(lambda: evaluator.ticket is not None, timeout=10_000)
    assert evaluator.ticket.number == ticket.number
    assert "张伟" in evaluator.clerk_label.text() and "3 号窗口" in evaluator.clerk_label.text()
    assert "0231" in evaluator.staff_label.text()
    case = None
    window.actions_by_name["start"].trigger()
    qtbot.waitUntil(lambda: window.queue_panel.current.state.value == "serving", timeout=10_000)
    if decide:
        ctx.devices.get("idcard").place("resident")
        qtbot.waitUntil(lambda: window.applicant_panel.person() is not None, timeout=10_000)
        window.case_area.choose(HYGIENE)
        window.case_area.mark_all_received()
        window.case_area.decide(__import__("core.acceptance", fromlist=["Decision"]).Decision.ACCEPT)
        qtbot.waitUntil(lambda: bool(window.case_area.last_cases), timeout=15_000)
        [case] = window.case_area.last_cases
    qtbot.keyClick(window, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: evaluator.pages.currentWidget() is evaluator.levels_page, timeout=10_000)
    assert [b.text().split("\n")[0] for b in evaluator.level_buttons.values()] == list(EVALUATION_LEVELS)
    return evaluator, case


def test_a_level_is_recorded_for_the_case_and_queued_for_sync(qtbot, counter, terminal):
    ctx, _ = terminal
    evaluator, case = serve_and_finish(qtbot, counter, ctx)
    qtbot.mouseClick(evaluator.level_buttons["满意"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(evaluator.recorded), timeout=10_000)
    [entry] = evaluations(ctx)
    assert entry.subject == case.case_number and entry.details["level"] == "满意" and entry.actor == "clerk:0231"
    assert evaluator.pages.currentWidget() is evaluator.thanks_page
    counter.my_day.refresh()
    qtbot.waitUntil(lambda: "满意：1" in [lbl.text() for lbl in counter.my_day.level_labels.values()],
                    timeout=10_000)


def test_dissatisfied_asks_for_reasons(qtbot, counter, terminal):
    ctx, _ = terminal
    evaluator, case = serve_and_finish(qtbot, counter, ctx)
    evaluator.choose("不满意")
    assert evaluator.pages.currentWidget() is evaluator.reasons_page
    evaluator.submit_reasons()
    assert evaluator.reason_error.text() and not evaluations(ctx)
    evaluator.reason_boxes[1].setChecked(True)
    evaluator.reason_text.setText("希望增加窗口")
    qtbot.mouseClick(evaluator.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(evaluator.recorded), timeout=10_000)
    [entry] = evaluations(ctx)
    assert entry.details["level"] == "不满意" and entry.subject == case.case_number
    row = ctx.store.outbox.get(entry_key(ctx))
    assert "办理时间过长" in row.payload["comment"] and "希望增加窗口" in row.payload["comment"]


def entry_key(ctx):
    with ctx.store.db.reading() as conn:
        return conn.execute("SELECT id FROM outbox WHERE kind = 'evaluation'").fetchone()[0]


def test_a_timeout_records_nothing(qtbot, counter, terminal):
    ctx, _ = terminal
    evaluator, _case = serve_and_finish(qtbot, counter, ctx, decide=False)
    evaluator.timeout.setInterval(150)
    evaluator.timeout.start()
    qtbot.waitUntil(lambda: evaluator.pages.currentWidget() is evaluator.serving_page, timeout=5_000)
    assert evaluations(ctx) == [] and evaluator.recorded == []
