"""A PNG of every screen, for review and for the docs: ``python main.py screenshots OUTDIR``.

``iter_screens`` lists the screens with the language, 长者模式 and size each is shown at; each factory sets
the application's theme and language first, then builds the mode's window from a fresh context.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from ui_common.context import AppContext
from ui_common.i18n import install_language
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
    """A clerk mid-case: ticket called, ID card read, an item chosen and its materials checked."""
    from datetime import date

    from core.cases.model import MaterialStatus
    from core.identity import Gender, IdentitySource, Person

    _counter_signed_in(window)
    window.set_hall_link(True)
    window.queue_panel.set_queue("B012", 5)
    window.applicant_panel.fill(Person(name="张三", id_number="11010519491231002X", source=IdentitySource.CARD,
                                       gender=Gender.FEMALE, birth_date=date(1949, 12, 31), phone="13800000000",
                                       address="北京市朝阳区示例路1号院2号楼3单元401室"))
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
)


def iter_screens(ctx_factory: ContextFactory, *, create_window: WindowFactory, app: QApplication | None = None,
                 ) -> Iterator[tuple[str, Callable[[], QWidget], Size]]:
    """``(name, factory, size)`` for every screen; ``factory()`` returns a new, not yet shown window."""
    for screen in SCREENS:
        def factory(screen: Screen = screen) -> QWidget:
            application = app or QApplication.instance()
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
