"""Every screen builds, lays out at its size and is written as a PNG."""

from __future__ import annotations

from PySide6.QtGui import QImage

from core.events import EventBus
from ui_common.context import AppContext
from ui_common.i18n import current_language
from ui_common.screenshots import SCREENS, iter_screens, take_screenshots


def create_window(mode, ctx):
    import hall_display
    import kiosk
    import technician
    import window_client

    if mode == "evaluator":
        return window_client.create_evaluator_window(ctx)
    packages = {"kiosk": kiosk, "counter": window_client, "technician": technician, "display": hall_display}
    return packages[mode].create_main_window(ctx)


def context_factory(settings):
    def make(mode, language, elderly):
        return AppContext(mode=mode, demo=True, language=language, elderly=elderly, bus=EventBus(),
                          settings=settings, paths=None)

    return make


def test_iter_screens_lists_every_mode_and_size(make_ctx):
    listed = {name: size for name, _factory, size in iter_screens(context_factory(make_ctx().settings),
                                                                    create_window=create_window)}
    assert listed["kiosk-home-zh-1920x1080"] == (1920, 1080)
    assert listed["kiosk-home-en-1920x1080"] == (1920, 1080)
    assert listed["kiosk-home-elderly-1920x1080"] == (1920, 1080)
    assert listed["kiosk-home-portrait-1080x1920"] == (1080, 1920)
    assert listed["counter-1366x768"] == (1366, 768)
    assert listed["counter-1920x1080"] == (1920, 1080)
    assert listed["technician-1366x768"] == (1366, 768)
    assert listed["display-1920x1080"] == (1920, 1080)


def test_take_screenshots_writes_a_png_of_each_screen_at_its_size(tmp_path, make_ctx):
    written = take_screenshots(tmp_path, context_factory(make_ctx().settings), create_window)
    assert [p.stem for p in written] == [s.name for s in SCREENS]
    for path, screen in zip(written, SCREENS, strict=True):
        image = QImage(str(path))
        assert (image.width(), image.height()) == screen.size, path.name
    assert current_language() == "zh_CN"  # put back for whatever runs next
