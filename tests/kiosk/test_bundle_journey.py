"""一件事一次办 end to end on a demo kiosk: card → search "开饭店" → the bundle's guide → 开始办理 → one merged
form → one merged materials list → one signature → four cases → four receipts at the printer → evaluation →
home. And a bundle with items only a counter may take: no 开始办理, and the screen says which."""

from __future__ import annotations

from core.cases.model import CaseState
from core.demo import BUNDLE, BUNDLE_SAMPLE_FORM
from core.selfservice.bundle import BundleOutcome, item_case_id
from kiosk.evaluation_screen import EvaluationScreen
from kiosk.form_screen import FormScreen
from kiosk.guide_screen import GuideScreen
from kiosk.materials_screen import MaterialsScreen
from kiosk.result_screen import ResultScreen
from kiosk.search_screen import SearchScreen
from tests.kiosk.test_apply_journey import fill_form, journey, photograph, sign, step, type_text

ITEMS = ("430102SJ000101", "430102SJ000301", "430102CG000101", "430102ZJ000401")
NEWBORN = "430102YJS0002"


def open_guide(qtbot, window, query: str, code: str) -> GuideScreen:
    search = step(qtbot, window, SearchScreen)
    qtbot.waitUntil(lambda: search.index is not None, timeout=30_000)
    type_text(qtbot, search.query, query)
    qtbot.waitUntil(lambda: any(getattr(t, "entry", None) and t.entry.code == code for t in search.tiles),
                    timeout=5000)
    next(t for t in search.tiles if getattr(t, "entry", None) and t.entry.code == code).click()
    return step(qtbot, window, GuideScreen)


def apply_for_restaurant(qtbot, window) -> None:
    """From the search screen to a signed bundle application."""
    guide = open_guide(qtbot, window, "开饭店", BUNDLE)
    texts = [w.text() for w in guide.findChildren(type(guide.heading))]
    assert guide.can_apply and guide.next_button.isVisibleTo(guide)
    assert any("只交一次" in t for t in texts) and not guide.where.isVisibleTo(guide)
    guide.next_button.click()

    form = step(qtbot, window, FormScreen)
    assert window.session.bundle_code == BUNDLE and "开办餐饮店一件事" in form.heading.text()
    assert {"business_scope", "food_business_type", "signboard_text", "drainage_type"} <= set(form.rows)
    assert list(form.rows).count("business_name") == 1                        # asked once for four items
    fill_form(qtbot, window, BUNDLE_SAMPLE_FORM)

    materials = step(qtbot, window, MaterialsScreen)
    assert "business_licence" not in materials.rows                           # issued by the first item
    assert list(materials.rows).count("premises_proof") == 1
    for code, row in materials.rows.items():
        if row.material.required and row.tolerate_button is not None:
            row.tolerate_button.click()
        elif row.material.required and row.capture_button is not None:
            photograph(qtbot, window, materials, code)
    assert materials.next_button.isEnabled()
    materials.next_button.click()
    sign(qtbot, window)


def test_a_restaurant_in_one_application(demo_kiosk, qtbot):
    window, ctx, _ = demo_kiosk
    printer = ctx.devices.get("a4_printer")
    ctx.devices.get("idcard").place("resident")
    qtbot.waitUntil(lambda: window.current_journey == "apply", timeout=10_000)

    apply_for_restaurant(qtbot, window)

    result = step(qtbot, window, ResultScreen)
    qtbot.waitUntil(lambda: result.print_result is not None, timeout=60_000)
    outcome = result.outcome
    assert isinstance(outcome, BundleOutcome) and [o.kind for o in outcome.items] == ["accepted"] * 4
    assert len(result.print_results) == 4 and all(r.printed for r in result.print_results)
    assert result.item_lines == ["个体户开业登记：已受理·当天办结", "食品经营许可新办：已受理·承诺5个工作日",
                                 "店招设置审批：已受理·承诺3个工作日", "排水许可：已受理·承诺5个工作日"]
    assert result.details.text() == "受理回执正在打印，请在出证口取走。"
    jobs = printer.store.wait_for(4, timeout=10)
    assert len(jobs) == 4 and all(job.data.startswith(b"%PDF-") for job in jobs)
    case_id = window.session.case_id
    cases = [ctx.store.cases.get(item_case_id(case_id, code)) for code in ITEMS]
    assert all(c.state is CaseState.ACCEPTED and c.bundle_code == BUNDLE for c in cases)
    assert ctx.store.cases.count() == 4
    assert len({c.commitment.signature_png for c in cases}) == 1

    result.next_button.click()
    evaluation = step(qtbot, window, EvaluationScreen)
    evaluation.level_buttons["非常满意"].click()
    evaluation.next_button.click()
    qtbot.waitUntil(lambda: window.current_journey is None, timeout=10_000)
    assert not window.session.active and window.stack.currentWidget() is window.home
    # One tap evaluates the service: one evaluation per case, as the counter records a multi-case service.
    evaluated = [e for e in ctx.store.audit.entries(limit=500) if e.action == "evaluation.record"]
    assert sorted(e.subject for e in evaluated) == sorted(c.case_number for c in cases)
    assert all(e.details["level"] == "非常满意" for e in evaluated)


def test_paper_out_keeps_every_document_and_shows_the_first_on_screen(demo_kiosk, qtbot):
    window, ctx, _ = demo_kiosk
    ctx.devices.get("a4_printer").capture.set_status("paper_out")
    ctx.devices.get("idcard").place("resident")
    qtbot.waitUntil(lambda: window.current_journey == "apply", timeout=10_000)
    apply_for_restaurant(qtbot, window)
    result = step(qtbot, window, ResultScreen)
    qtbot.waitUntil(lambda: result.print_result is not None, timeout=60_000)
    assert len(result.print_results) == 4 and not any(r.printed for r in result.print_results)
    assert result.document_view is not None and result.document_view.document is result.documents[0]
    assert result.next_button.isEnabled() and len(ctx.printing.waiting()) == 4     # all kept for a reprint


def test_a_bundle_with_counter_only_items_names_them_and_offers_no_start(demo_kiosk, qtbot):
    window = demo_kiosk[0]
    window.open_journey("guide")
    guide = open_guide(qtbot, window, "宝宝出生", NEWBORN)
    assert not guide.can_apply and not guide.next_button.isVisibleTo(guide)
    assert guide.where.isVisibleTo(guide)
    assert guide.where.text() == "其中“出生医学证明、新生儿落户”需要到人工窗口办理，这件事请到大厅的人工窗口一次办好。"
    items = [b for b in guide.findChildren(type(guide.next_button)) if b.property("role") == "entry"]
    assert [b.text().endswith("（需到窗口办理）") for b in items] == [True, True, False, False]
    next(b for b in items if "新生儿落户" in b.text()).click()                    # each item's own guide still opens
    item_guide = step(qtbot, window, GuideScreen)
    assert item_guide is not guide and item_guide.entry.code == "430102GA000201"
    assert journey(window).currentWidget() is item_guide
