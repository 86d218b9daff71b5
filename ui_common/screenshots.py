"""A PNG of every screen, for review and for the docs: ``python main.py screenshots OUTDIR``.

``iter_screens`` lists the screens with the language, 长者模式 and size each is shown at; each factory sets
the application's theme and language first, then builds the mode's window from a fresh context.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QWidget

from core.demo import INSTANT_ITEM, INSTANT_SAMPLE_FORM
from ui_common.context import AppContext
from ui_common.i18n import install_language
from ui_common.screenshot_bundle import bundle_screens
from ui_common.screenshot_journeys import service_journey_screens
from ui_common.theme import apply_theme

ContextFactory = Callable[[str, str, bool], AppContext]  # (mode, language, elderly) -> context
# (mode, context) -> the mode's main window. Passed in by the composition root: ui_common sits below the
# mode packages and must not import them (import-linter layers contract).
WindowFactory = Callable[[str, AppContext], QWidget]
Size = tuple[int, int]


@dataclass(frozen=True)
class Screen:
    name: str
    mode: str
    language: str
    elderly: bool
    size: Size
    prepare: Callable[[Any], None] | None = None  # puts the window in the state worth showing
    build: Callable[[AppContext], QWidget] | None = None  # a window other than the mode's (the simulator)


def _kiosk_notice(window: Any) -> None:
    window.open_journey("guide")


# --- the kiosk's 办事 journey, step by step (issue 7) ----------------------------------------------------

_SAMPLE_ITEM = INSTANT_ITEM
_SAMPLE_FORM = INSTANT_SAMPLE_FORM


def _sample_person() -> Any:
    from core.identity import IdentitySource, Person

    return Person(name="张三", id_number="11010519491231002X", source=IdentitySource.CARD,
                  address="北京市朝阳区示例路1号")


def _with_catalog(window: Any) -> None:
    from core.catalog import default_catalog_dir, load_catalog

    global _CATALOG
    if _CATALOG is None:
        _CATALOG = load_catalog(default_catalog_dir())
    window.ctx.catalog = _CATALOG


_CATALOG: Any = None


def _journey(window: Any, *, person: bool = True) -> Any:
    _with_catalog(window)
    if person:
        window.session.start(_sample_person())
    window.open_journey("apply")
    return window.stack.currentWidget()


def _kiosk_identify(window: Any) -> None:
    _journey(window, person=False)


def _kiosk_search(window: Any) -> None:
    _journey(window).currentWidget().query.setText("ggcs")


def _kiosk_browse(window: Any) -> None:
    _journey(window).currentWidget().show_life_events()


def _kiosk_guide(window: Any) -> None:
    journey = _journey(window)
    journey.open_guide(journey.currentWidget().index.entry(_SAMPLE_ITEM))


def _kiosk_form(window: Any) -> None:
    journey = _journey(window)
    journey.start_item(_SAMPLE_ITEM)
    form = journey.currentWidget()
    form.rows["business_name"].box.setText(_SAMPLE_FORM["business_name"])
    form.rows["business_uscc"].box.setText("92430102MA4L0000")
    form.rows["business_uscc"].check()


def _kiosk_materials(window: Any) -> None:
    journey = _journey(window)
    journey.start_item(_SAMPLE_ITEM)
    window.session.form.update(_SAMPLE_FORM)
    journey.open_materials()
    screen = journey.currentWidget()
    screen.record_photo("business_licence", b"", "image/jpeg")
    screen.rows["hygiene_report"].tolerate_button.click()


def _kiosk_capture(state: str) -> Callable[[Any], None]:
    """拍照 for 营业执照: the live picture (the demo's sample page), the photo to check, or no camera."""
    def prepare(window: Any) -> None:
        from ui_common.camera import CAMERA_ABSENT, sample_page, still_of

        journey = _journey(window)
        journey.start_item(_SAMPLE_ITEM)
        journey.open_materials()
        journey.currentWidget().capture(journey.currentWidget().rows["business_licence"])
        screen = journey.currentWidget()
        if state == "live":
            screen.show_preview(sample_page())
        elif state == "taken":
            screen.show_still(still_of(sample_page()))
        else:
            screen.camera.fail(CAMERA_ABSENT, "screenshot of the no-camera state")
    return prepare


def _kiosk_signature(window: Any) -> None:
    from PySide6.QtCore import QPointF

    journey = _journey(window)
    journey.start_item(_SAMPLE_ITEM)
    journey.open_signature()
    journey.currentWidget().pad.add_stroke([QPointF(60 + 14 * i, 90 + 30 * ((i // 3) % 2)) for i in range(40)])


def _sample_outcome(kind: str) -> Any:
    from datetime import UTC, date, datetime

    from core.cases import machine
    from core.cases.model import Case, CaseType, Channel, Licence
    from core.documents.common import HallInfo
    from core.documents.keys import SigningKey
    from core.documents.licence import render_licence
    from core.selfservice.apply import ApplyOutcome

    at = datetime(2026, 3, 5, 2, 30, tzinfo=UTC)
    case = machine.new_case(actor="kiosk:K01", at=at, case_id=Case.new_id(), case_number="4301022026030501K010007",
                            item_code=_SAMPLE_ITEM, item_name=_CATALOG.item(_SAMPLE_ITEM).name,
                            case_type=CaseType.IMMEDIATE, channel=Channel.KIOSK, region_code="430102",
                            terminal_id="K01", created_at=at, applicant=_sample_person(), form=dict(_SAMPLE_FORM))
    if kind != "instant":
        advice = ("您的申请不能自助秒批。请带上身份证原件和营业执照，到一楼B区7号社会事务窗口办理，"
                  "工作人员会告诉您具体原因。",)
        return ApplyOutcome("referred", case, advice=advice)
    licence = Licence("公共场所卫生许可证", "湘卫公证字〔2026〕第010007号", date(2026, 3, 5), date(2030, 3, 4))
    case = machine.instant_approve(case, actor="kiosk:K01", at=at, licence=licence, rule_trace=[])
    item = _CATALOG.item(_SAMPLE_ITEM)
    document = render_licence(case, item, department=_CATALOG.department_of(item), hall=HallInfo(name="演示大厅"),
                              key=SigningKey.generate(), issued_at=at)
    return ApplyOutcome("instant", case, document=document)


def _kiosk_result(kind: str, *, printing: bool = False) -> Callable[[Any], None]:
    """The answer screen; ``printing`` tries to print (no printer in screenshots: the document on screen)."""

    def prepare(window: Any) -> None:
        journey = _journey(window)
        journey.session.choose_item(_SAMPLE_ITEM)
        journey.show_outcome(_sample_outcome(kind), print_it=printing)

    return prepare


def _kiosk_evaluation(window: Any) -> None:
    journey = _journey(window)
    journey.session.case = _sample_outcome("referred").case
    journey.open_evaluation()
    journey.currentWidget().choose("不满意")


def _kiosk_countdown(window: Any) -> None:
    _journey(window)
    window.countdown.show_seconds(8)


def _kiosk_card_removed(window: Any) -> None:
    _journey(window)
    window._on_identity_withdrawn(None)


def _display_calls(window: Any) -> None:
    for number, counter in (("A008", 1), ("B003", 5), ("A009", 2), ("A010", 4), ("A011", 2), ("A012", 3)):
        window.show_call(number, counter)
    window.set_waiting_counts({"综合受理": 12, "社保医保": 5, "不动产登记": 3, "公安户政": 0})


def _display_link_down(window: Any) -> None:
    _display_calls(window)
    window.set_link_down(True)
    window.show_voice_available(False)
def _technician_page(name: str) -> Callable[[Any], None]:
    def show(window: Any) -> None:
        window.show_page(name)

    return show


def _counter_shortcut(window: Any) -> None:
    _counter_signed_in(window)
    window.call_next_action.trigger()


def _counter_signed_in(window: Any) -> None:
    from core.catalog import default_catalog_dir, load_catalog
    from core.staff import DEMO_CLERKS

    if window.ctx.catalog is None:
        window.ctx.catalog = load_catalog(default_catalog_dir())
    window.sign_in(DEMO_CLERKS[0])


def _counter_serving(window: Any) -> None:
    """A clerk mid-case: ticket called, the applicant shown by e-licence QR (亮证) with their business
    licence, an item chosen and its materials checked (the licence stands in for the paper one)."""
    from datetime import date

    from core.cases.model import MaterialStatus
    from core.identity import Gender, IdentitySource, Person
    from core.sync.wire import ELicence

    _counter_signed_in(window)
    window.set_hall_link(True)
    window.queue_panel.set_queue("B012", 5)
    licence = ELicence(licence_type="201", name="营业执照（个体工商户）", number="92430102MA4L000011",
                       issuer="长沙市芙蓉区市场监督管理局", valid_from=date(2020, 5, 1))
    window.applicant_panel.fill(Person(name="张三", id_number="11010519491231002X", source=IdentitySource.ELICENCE,
                                       gender=Gender.FEMALE, birth_date=date(1949, 12, 31), phone="13800000000",
                                       address="北京市朝阳区示例路1号院2号楼3单元401室"), licences=[licence])
    window.case_area.choose("430102WJ000101")
    window.case_area.mark_all_received()
    window.case_area.set_status("hygiene_report", MaterialStatus.MISSING)


def _counter_cases_today(window: Any) -> None:
    from core.demo import DEMO_CITIZENS

    _counter_signed_in(window)
    window.tabs.setCurrentWidget(window.cases_today)
    cases = []
    try:
        from datetime import UTC, datetime

        from core.cases import Case, CaseType, Channel, machine

        now = datetime.now(UTC)
        for n, citizen in enumerate(DEMO_CITIZENS):
            item = window.ctx.catalog.items[n * 3]
            case = machine.new_case(actor="clerk:0231", at=now, case_id=Case.new_id(),
                                    case_number=f"43010220260302C01{n + 1:05d}", item_code=item.implementation_code,
                                    item_name=item.name, case_type=CaseType(item.case_type.value),
                                    channel=Channel.COUNTER, region_code="430102", terminal_id="C01", created_at=now,
                                    applicant=citizen.person())
            cases.append(machine.submit(case, actor="clerk:0231", at=now))
    finally:
        window.cases_today.show_cases(cases, waiting=1)


def _counter_my_day(window: Any) -> None:
    _counter_signed_in(window)
    window.tabs.setCurrentWidget(window.my_day)
    window.my_day.show_numbers(23, 412.0, 19, {"非常满意": 12, "满意": 6, "基本满意": 1, "不满意": 0, "非常不满意": 0})


def _evaluator_clerk(window: Any) -> None:
    from core.staff import DEMO_CLERKS

    window.set_clerk(DEMO_CLERKS[0], "3")


def _evaluator_serving(window: Any) -> None:
    from types import SimpleNamespace

    _evaluator_clerk(window)
    window.ticket = SimpleNamespace(id="t1", number="B012")
    window.retranslate()


def _evaluator_levels(window: Any) -> None:
    from types import SimpleNamespace

    _evaluator_clerk(window)
    window.service_finished(SimpleNamespace(id="t1", number="B012", business_day="2026-03-02"))


def _evaluator_reasons(window: Any) -> None:
    _evaluator_levels(window)
    window.choose("不满意")


SCREENS: tuple[Screen, ...] = (
    Screen("kiosk-home-zh-1920x1080", "kiosk", "zh_CN", False, (1920, 1080)),
    Screen("kiosk-home-en-1920x1080", "kiosk", "en", False, (1920, 1080)),
    Screen("kiosk-home-elderly-1920x1080", "kiosk", "zh_CN", True, (1920, 1080)),
    Screen("kiosk-home-portrait-1080x1920", "kiosk", "zh_CN", False, (1080, 1920)),
    Screen("kiosk-home-elderly-portrait-1080x1920", "kiosk", "zh_CN", True, (1080, 1920)),
    Screen("kiosk-notice-zh-1920x1080", "kiosk", "zh_CN", False, (1920, 1080), _kiosk_notice),
    *(Screen(f"kiosk-{name}-{variant}-1920x1080", "kiosk", "en" if variant == "en" else "zh_CN",
             variant == "elderly", (1920, 1080), prepare)
      for name, prepare in (("identify", _kiosk_identify), ("search", _kiosk_search), ("browse", _kiosk_browse),
                            ("guide", _kiosk_guide), ("form", _kiosk_form), ("materials", _kiosk_materials),
                            ("capture-live", _kiosk_capture("live")), ("capture-taken", _kiosk_capture("taken")),
                            ("capture-no-camera", _kiosk_capture("failed")),
                            ("signature", _kiosk_signature), ("result-instant", _kiosk_result("instant")),
                            ("result-on-screen", _kiosk_result("instant", printing=True)),
                            ("result-referred", _kiosk_result("referred")), ("evaluation", _kiosk_evaluation),
                            ("idle-countdown", _kiosk_countdown), ("card-removed", _kiosk_card_removed))
      for variant in ("zh", "en", "elderly")),
    Screen("counter-1366x768", "counter", "zh_CN", False, (1366, 768)),
    Screen("counter-1920x1080", "counter", "zh_CN", False, (1920, 1080)),
    Screen("counter-en-1366x768", "counter", "en", False, (1366, 768), _counter_shortcut),
    *(Screen(f"counter-{name}-{w}x{h}", "counter", "zh_CN", False, (w, h), prepare)
      for name, prepare in (("serving", _counter_serving), ("cases-today", _counter_cases_today),
                            ("my-day", _counter_my_day))
      for w, h in ((1366, 768), (1920, 1080))),
    *(Screen(f"evaluator-{name}-{w}x{h}", "evaluator", "zh_CN", False, (w, h), prepare)
      for name, prepare in (("serving", _evaluator_serving), ("levels", _evaluator_levels),
                            ("reasons", _evaluator_reasons))
      for w, h in ((1366, 768), (1920, 1080))),
    Screen("technician-1366x768", "technician", "zh_CN", False, (1366, 768)),
    *(Screen(f"technician-{page}-1366x768", "technician", "zh_CN", False, (1366, 768), _technician_page(page))
      for page in ("devices", "links", "kiosk_settings", "diagnostics")),
    Screen("technician-links-en-1366x768", "technician", "en", False, (1366, 768), _technician_page("links")),
    Screen("display-empty-1920x1080", "display", "zh_CN", False, (1920, 1080)),
    Screen("display-1920x1080", "display", "zh_CN", False, (1920, 1080), _display_calls),
    Screen("display-en-1920x1080", "display", "en", False, (1920, 1080), _display_calls),
    Screen("display-link-down-1920x1080", "display", "zh_CN", False, (1920, 1080), _display_link_down),
    Screen("display-link-down-en-1920x1080", "display", "en", False, (1920, 1080), _display_link_down),
    Screen("display-1366x768", "display", "zh_CN", False, (1366, 768), _display_calls),
    *service_journey_screens(Screen),
    *bundle_screens(Screen, _journey, _sample_person, lambda: _CATALOG),
)


def iter_screens(ctx_factory: ContextFactory, *, create_window: WindowFactory, app: QApplication | None = None,
                 ) -> Iterator[tuple[str, Callable[[], QWidget], Size]]:
    """``(name, factory, size)`` for every screen; ``factory()`` returns a new, not yet shown window."""
    for screen in SCREENS:
        def factory(screen: Screen = screen) -> QWidget:
            application = app or QApplication.instance()
            # The previous window is deleteLater()'d: let it go before the theme change reaches every widget.
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
            apply_theme(application, screen.elderly)
            install_language(application, screen.language)
            ctx = ctx_factory(screen.mode, screen.language, screen.elderly)
            window = screen.build(ctx) if screen.build is not None else create_window(screen.mode, ctx)
            if screen.prepare is not None:
                screen.prepare(window)
            return window

        yield screen.name, factory, screen.size


def grab_to_png(widget: QWidget, path: Path | str, size: Size = (1920, 1080)) -> Path:
    """Lay ``widget`` out at ``size`` and write what it paints to ``path`` (PNG)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    was_visible = widget.isVisible()
    if not was_visible:
        # Laid out for real (show), but never mapped on a real screen: no window flashes by.
        widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    widget.resize(*size)
    widget.show()
    QApplication.processEvents()
    QApplication.processEvents()  # the second pass lets resize-driven re-layouts (portrait tiles) settle
    pixmap = widget.grab()
    if not pixmap.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    if not was_visible:
        widget.hide()
        widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, False)
    return path


def take_screenshots(outdir: Path | str, ctx_factory: ContextFactory, create_window: WindowFactory) -> list[Path]:
    """Every screen of ``iter_screens`` into ``outdir``; leaves the app in Chinese, normal theme."""
    outdir = Path(outdir)
    written = []
    app = QApplication.instance()
    try:
        for name, factory, size in iter_screens(ctx_factory, create_window=create_window):
            widget = factory()
            try:
                written.append(grab_to_png(widget, outdir / f"{name}.png", size=size))
            finally:
                widget.close()
                widget.deleteLater()
    finally:
        apply_theme(app, False)
        install_language(app, "zh_CN")
    QApplication.processEvents()
    return written
