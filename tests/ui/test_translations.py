"""Translations: every tr() string has English, and the language switches while running."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET

from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QApplication

from kiosk import create_main_window
from ui_common import i18n


def _messages(ts_file):
    return list(ET.parse(ts_file).getroot().iter("message"))


def test_lupdate_over_the_ui_packages_finds_every_string_translated(tmp_path):
    copy = tmp_path / "hallterm_en.ts"
    shutil.copy(i18n.ts_path("en"), copy)
    i18n.update_translation_sources(copy)
    messages = _messages(copy)
    assert len(messages) >= 60
    unfinished = [m.findtext("source") for m in messages
                  if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")]
    assert unfinished == []
    empty = [m.findtext("source") for m in messages
             if not (m.findtext("translation") or "").strip() and not m.findall("translation/numerusform")]
    assert empty == []


def test_translations_keep_every_placeholder():
    broken = []
    for message in _messages(i18n.ts_path("en")):
        source = message.findtext("source")
        forms = [f.text or "" for f in message.findall("translation/numerusform")] or [message.findtext("translation")]
        wanted = sorted(re.findall(r"\{\w+\}|%n", source))
        broken += [(source, form) for form in forms if sorted(re.findall(r"\{\w+\}|%n", form)) != wanted]
    assert broken == []


def test_compile_translations_writes_a_qm_that_qt_loads(tmp_path):
    shutil.copy(i18n.ts_path("en"), tmp_path / "hallterm_en.ts")
    assert i18n.compile_translations(tmp_path) == [tmp_path / "hallterm_en.qm"]
    assert i18n.compile_translations(tmp_path) == []  # up to date: nothing to do
    translator = QTranslator()
    assert translator.load(str(tmp_path / "hallterm_en.qm"))
    assert translator.translate("KioskHomeScreen", "办事") == "Apply"
    assert translator.translate("QueuePanel", "%n 人等候", "", 3) == "%n people waiting"  # Qt fills %n later
    assert translator.translate("QueuePanel", "%n 人等候", "", 1) == "%n person waiting"


def test_language_names_are_normalised():
    assert i18n.normalize_language("zh-CN") == "zh_CN"
    assert i18n.normalize_language("en_US") == "en"
    assert i18n.normalize_language(None) == "zh_CN"


def test_an_unknown_language_stays_chinese():
    app = QApplication.instance()
    assert i18n.install_language(app, "fr") is False  # logged, and the interface stays in Chinese
    assert i18n.current_language() == "zh_CN"


def test_switching_to_english_retranslates_the_kiosk_home_live(qtbot, make_ctx):
    window = create_main_window(make_ctx())
    qtbot.addWidget(window)
    window.show()
    apply_tile = window.home.tiles["apply"]
    assert apply_tile.title_label.text() == "办事"
    assert window.elderly_button.text() == "长者模式"
    chinese_date = window.top_bar.date_label.text()
    assert "年" in chinese_date

    qtbot.mouseClick(window.language_buttons["en"], Qt.MouseButton.LeftButton)
    assert i18n.current_language() == "en"
    assert window.ctx.language == "en"
    # Qt posts LanguageChange to the widgets: the texts change on the next turn of the event loop.
    qtbot.waitUntil(lambda: apply_tile.title_label.text() == "Apply")
    assert window.home.heading.text() == "Welcome! Please choose a service"
    assert window.elderly_button.text() == "Senior mode"
    assert "年" not in window.top_bar.date_label.text()
    assert window.language_buttons["en"].isChecked()

    qtbot.mouseClick(window.language_buttons["zh_CN"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: apply_tile.title_label.text() == "办事")
    assert window.top_bar.date_label.text() == chinese_date
