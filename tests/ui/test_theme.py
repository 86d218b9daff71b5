"""Theme: measured contrast, big targets, 30 pt text in 长者模式."""

from __future__ import annotations

import re
from dataclasses import asdict

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from kiosk import create_main_window
from ui_common import theme
from ui_common.theme import (
    ELDERLY,
    ELDERLY_MIN_CONTRAST,
    ELDERLY_MIN_TARGET_PX,
    ELDERLY_MIN_TEXT_PT,
    KIOSK_MIN_TARGET_PX,
    NORMAL,
    NORMAL_MIN_CONTRAST,
    TEXT_PAIRS,
    apply_theme,
    contrast_ratio,
    is_elderly,
    stylesheet,
)


def test_contrast_ratio_matches_the_wcag_reference_values():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    # WCAG's own example: #767676 on white is the lightest grey that passes AA (4.54:1).
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#0B57A4", "#FFFFFF") == pytest.approx(contrast_ratio("#FFFFFF", "#0B57A4"))


@pytest.mark.parametrize(("palette", "minimum"), [(NORMAL, NORMAL_MIN_CONTRAST), (ELDERLY, ELDERLY_MIN_CONTRAST)],
                         ids=["normal", "elderly"])
def test_every_text_colour_pair_meets_its_contrast_floor(palette, minimum):
    colours = asdict(palette)
    low = {f"{fg} on {bg}": round(contrast_ratio(colours[fg], colours[bg]), 2) for fg, bg in TEXT_PAIRS
           if contrast_ratio(colours[fg], colours[bg]) < minimum}
    assert low == {}


def test_elderly_mode_is_at_least_4_5_to_1_everywhere():
    colours = asdict(ELDERLY)
    assert min(contrast_ratio(colours[fg], colours[bg]) for fg, bg in TEXT_PAIRS) >= 4.5


@pytest.mark.parametrize("elderly", [False, True])
def test_stylesheet_uses_only_palette_colours(elderly):
    text = stylesheet(elderly)
    assert "@" not in text
    used = {c.upper() for c in re.findall(r"#[0-9A-Fa-f]{6}\b", text)}
    assert used <= {c.upper() for c in asdict(theme.palette(elderly)).values()}


def test_an_unknown_colour_token_is_refused(tmp_path, monkeypatch):
    (tmp_path / "base.qss").write_text("QLabel { color: @no_such_colour; }", encoding="utf-8")
    monkeypatch.setattr(theme, "THEME_DIR", tmp_path)
    stylesheet.cache_clear()
    try:
        with pytest.raises(KeyError, match="no_such_colour"):
            stylesheet(False)
    finally:
        monkeypatch.undo()
        stylesheet.cache_clear()


def _shown_kiosk(qtbot, make_ctx, elderly):
    app = QApplication.instance()
    apply_theme(app, elderly)
    window = create_main_window(make_ctx(elderly=elderly))
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_kiosk_buttons_are_at_least_64_px_high(qtbot, make_ctx):
    window = _shown_kiosk(qtbot, make_ctx, elderly=False)
    buttons = [b for b in window.findChildren(QPushButton) if b.isVisible()]
    assert len(buttons) >= 8  # five tiles, 长者模式, 中文, English
    assert min(b.height() for b in buttons) >= KIOSK_MIN_TARGET_PX


def test_elderly_mode_targets_and_text_are_big(qtbot, make_ctx):
    window = _shown_kiosk(qtbot, make_ctx, elderly=True)
    assert is_elderly(QApplication.instance())
    buttons = [b for b in window.findChildren(QPushButton) if b.isVisible()]
    small = [(b.text() or b.accessibleName(), b.width(), b.height()) for b in buttons
             if b.width() < ELDERLY_MIN_TARGET_PX or b.height() < ELDERLY_MIN_TARGET_PX]
    assert small == []
    labels = [label for label in window.findChildren(QLabel) if label.isVisible() and label.text()]
    assert len(labels) >= 12
    small_text = [(label.text(), label.font().pointSizeF()) for label in labels
                  if label.font().pointSizeF() < ELDERLY_MIN_TEXT_PT]
    assert small_text == []


def test_elderly_notice_is_big_too(qtbot, make_ctx):
    window = _shown_kiosk(qtbot, make_ctx, elderly=True)
    window.open_journey("no-such-journey")   # a journey without a screen: the calm notice
    assert window.notice.isVisible()
    assert window.notice.message_label.font().pointSizeF() >= ELDERLY_MIN_TEXT_PT
    button = window.notice.dismiss_button
    assert button.width() >= ELDERLY_MIN_TARGET_PX and button.height() >= ELDERLY_MIN_TARGET_PX
    window.notice.dismiss()
