"""长者模式 on every step of the 办事 journey: text ≥ 30 pt, touch targets ≥ 80 × 80 px."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton

from kiosk import create_main_window
from ui_common import screenshots
from ui_common.theme import ELDERLY_MIN_TARGET_PX, ELDERLY_MIN_TEXT_PT, apply_theme

STEPS = ("identify", "search", "browse", "guide", "form", "materials", "signature", "result-instant",
         "result-referred", "evaluation", "idle-countdown", "card-removed")


@pytest.mark.parametrize("step", STEPS)
def test_elderly_step_is_big(qtbot, make_ctx, step):
    apply_theme(QApplication.instance(), True)
    window = create_main_window(make_ctx(elderly=True))
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    prepare = next(s.prepare for s in screenshots.SCREENS if s.name == f"kiosk-{step}-elderly-1920x1080")
    prepare(window)
    QApplication.processEvents()
    small = [(b.text(), b.width(), b.height()) for b in window.findChildren(QPushButton)
             if b.isVisible() and (b.width() < ELDERLY_MIN_TARGET_PX or b.height() < ELDERLY_MIN_TARGET_PX)]
    assert small == []
    tiny = [(w.text()[:20], w.font().pointSizeF()) for w in window.findChildren(QLabel) + window.findChildren(QLineEdit)
            if w.isVisible() and w.text() and w.font().pointSizeF() < ELDERLY_MIN_TEXT_PT]
    assert tiny == []
    window.idle.stop()
    window.close()
