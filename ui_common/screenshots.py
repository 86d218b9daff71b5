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


def _counter_shortcut(window: Any) -> None:
    window.call_next_action.trigger()


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
    Screen("technician-1366x768", "technician", "zh_CN", False, (1366, 768)),
    Screen("display-empty-1920x1080", "display", "zh_CN", False, (1920, 1080)),
    Screen("display-1920x1080", "display", "zh_CN", False, (1920, 1080), _display_calls),
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
