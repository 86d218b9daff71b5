"""Screenshots of the kiosk's 一件事一次办 journey: the bundle's guide (kiosk-capable, and one with items only a
counter takes), its merged form, its merged materials and its per-item result, in Chinese, English and 长者模式.

Each ``prepare`` gets the kiosk window with the sample person identified and the 办事 journey open (the
``journey`` callable of ``ui_common.screenshots``), and puts the bundle's screen into the state worth showing
through the journey's own methods. Screenshots have no store: the result is built here from sample cases.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from core.demo import BUNDLE, BUNDLE_SAMPLE_FORM

NEWBORN = "430102YJS0002"      # 新生儿出生一件事: two of its items need a counter


def sample_bundle_outcome(catalog: Any, person: Any) -> Any:
    """开办餐饮店一件事 decided as the kiosk decides it: each item accepted, its receipt rendered."""
    from core.cases import machine
    from core.cases.model import Case, CaseType, Channel
    from core.documents.common import HallInfo
    from core.documents.keys import SigningKey
    from core.documents.receipt import render_acceptance_receipt
    from core.selfservice.apply import ACCEPTED, ApplyOutcome
    from core.selfservice.bundle import BundleOutcome

    at = datetime(2026, 3, 5, 2, 30, tzinfo=UTC)
    key, hall = SigningKey.generate(), HallInfo(name="演示大厅")
    bundle = catalog.bundle(BUNDLE)
    items = []
    for n, item in enumerate(catalog.items_of(bundle), 7):
        department = catalog.department_of(item)
        case = machine.new_case(actor="kiosk:K01", at=at, case_id=Case.new_id(),
                                case_number=f"4301022026030501K01{n:05d}", item_code=item.implementation_code,
                                item_name=item.name, case_type=CaseType(item.case_type.value), channel=Channel.KIOSK,
                                region_code="430102", terminal_id="K01", created_at=at, applicant=person,
                                bundle_code=bundle.code, form=dict(BUNDLE_SAMPLE_FORM))
        case = machine.submit(case, actor="kiosk:K01", at=at)
        case = machine.accept(case, actor="kiosk:K01", at=at, calendar=catalog.calendar,
                              promised=item.promised_limit, unit=department.name, reason="自助终端申报受理")
        receipt = render_acceptance_receipt(case, item, hall=hall, key=key, department=department)
        items.append(ApplyOutcome(ACCEPTED, case, document=receipt))
    return BundleOutcome(bundle.code, bundle.name, tuple(items))


def bundle_screens(screen_class: Any, journey: Callable[[Any], Any], person: Callable[[], Any],
                   catalog: Callable[[], Any]) -> tuple[Any, ...]:
    """``Screen`` entries for ``ui_common.screenshots.SCREENS`` (its helpers are passed in: no import cycle)."""

    def guide(code: str) -> Callable[[Any], None]:
        def prepare(window: Any) -> None:
            flow = journey(window)
            flow.open_guide(flow.currentWidget().index.entry(code))

        return prepare

    def form(window: Any) -> None:
        flow = journey(window)
        flow.start_item(BUNDLE)
        rows = flow.currentWidget().rows
        for key in ("business_name", "business_address", "business_scope", "capital"):
            rows[key].box.setText(BUNDLE_SAMPLE_FORM[key])

    def materials(window: Any) -> None:
        flow = journey(window)
        flow.start_item(BUNDLE)
        window.session.form.update(BUNDLE_SAMPLE_FORM)
        flow.open_materials()
        rows = flow.currentWidget().rows
        flow.currentWidget().record_photo("premises_proof", b"", "image/jpeg")
        rows["food_safety_rules"].tolerate_button.click()

    def result(window: Any) -> None:
        flow = journey(window)
        flow.session.choose_item(BUNDLE, bundle_code=BUNDLE)
        flow.show_outcome(sample_bundle_outcome(catalog(), person()), print_it=False)

    prepared = (("bundle-guide", guide(BUNDLE)), ("bundle-guide-counter", guide(NEWBORN)), ("bundle-form", form),
                ("bundle-materials", materials), ("bundle-result", result))
    return tuple(screen_class(f"kiosk-{name}-{tag}-1920x1080", "kiosk", "en" if tag == "en" else "zh_CN",
                              tag == "elderly", (1920, 1080), prepare)
                 for name, prepare in prepared for tag in ("zh", "en", "elderly"))
