"""The QApplication every mode starts from: names, a CJK font that is really installed, the theme."""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from ui_common.i18n import apply_locale
from ui_common.theme import apply_theme

# Preferred first; the rest cover a Windows or macOS terminal and older Linux images. Qt falls back
# through the list per glyph, so Latin text also comes from a font that matches the Chinese.
CJK_FONT_FAMILIES = ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
                     "WenQuanYi Micro Hei", "Sans Serif"]
BASE_POINT_SIZE = 12


def default_font() -> QFont:
    font = QFont()
    font.setFamilies(CJK_FONT_FAMILIES)
    font.setPointSize(BASE_POINT_SIZE)
    # Full hinting blurs less on the 1080p panels kiosks use; antialiasing stays on.
    font.setHintingPreference(QFont.HintingPreference.PreferFullHinting)
    return font


def use_virtual_keyboard() -> bool:
    """Chinese input on a touch screen: Qt Virtual Keyboard (pinyin included) for the kiosk.

    Sets ``QT_IM_MODULE=qtvirtualkeyboard`` before the QApplication exists, unless the environment already
    chose an input method or the plugin is missing (then typed input still works). Returns True if set.
    """
    import os
    from pathlib import Path

    import PySide6

    if os.environ.get("QT_IM_MODULE"):
        return False
    plugins = Path(PySide6.__file__).resolve().parent / "Qt" / "plugins" / "platforminputcontexts"
    if not any(plugins.glob("*qtvirtualkeyboardplugin*")):
        return False
    os.environ["QT_IM_MODULE"] = "qtvirtualkeyboard"
    return True


# How long a thread may hold the GIL while another waits for it (CPython's default is 5 ms). Painting a
# window calls back into Python for every widget made from Python (PySide checks each virtual call for an
# override), so the GUI thread takes the GIL hundreds of times per frame; while a worker renders a PDF or
# syncs, each take could cost up to the whole interval and one frame grew to 50-80 ms. At 1 ms a frame under
# load costs about what it costs idle (bench/kiosk.py, bench/counter.py); the workers lose a little throughput.
GIL_SWITCH_INTERVAL_S = 0.001


def freeze_long_lived_objects() -> None:
    """Call once start-up has settled (catalogue loaded, services up). What is alive then (modules, the
    catalogue, the services, the windows' wrappers) lives as long as the process, yet every full
    collection would walk it again, holding the GIL: a full collection on a worker thread froze the
    counter's screen for 80 ms (bench/counter.py). Frozen objects are left out of collections."""
    gc.collect()
    gc.freeze()


def create_application(argv: Sequence[str], *, elderly: bool = False) -> QApplication:
    """Create (or, in tests, reuse) the QApplication and dress it. Call before any widget exists."""
    sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
    app = QApplication.instance()
    if app is None:
        QApplication.setApplicationName("hallterm")
        QApplication.setOrganizationName("hallterm")
        QApplication.setApplicationDisplayName("hallterm")
        app = QApplication(list(argv))
    assert isinstance(app, QApplication)
    app.setApplicationName("hallterm")
    app.setOrganizationName("hallterm")
    # Fusion looks the same on every platform, so the stylesheet is the only thing that decides the look.
    app.setStyle("Fusion")
    app.setFont(default_font())
    apply_theme(app, elderly)
    apply_locale()
    return app
