"""A form generated from setting declarations: one row per ``core.config.Setting``.

The page contract (Picard's options pages): ``load()`` fills the rows from the settings, ``check()`` says
which rows are wrong (each row shows its own message), ``save()`` writes the changed values through
``Settings.set_text`` (so the declaration checks them) and returns them, ``restore_defaults()`` puts the
declared defaults in the rows without saving. A locked key is shown, read-only, marked 已锁定.

Secrets are never shown: the row is empty with "已设置" as placeholder, and an empty row means "keep".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from core.config import Kind, Setting
from core.errors import HalltermError
from technician.page_parts import label

ChoicesFor = Callable[[Setting], Sequence[str]]


@dataclass
class _Row:
    setting: Setting
    name: QLabel
    editor: QWidget
    error: QLabel


def _text(setting: Setting, value: Any) -> str:
    shown = setting.to_toml(value)
    if isinstance(shown, list):
        return ", ".join(shown)
    if isinstance(shown, bool):
        return "true" if shown else "false"
    return "" if shown is None else str(shown)


class SettingsForm(QWidget):
    changed = Signal()

    def __init__(self, settings: Any, declarations: Sequence[Setting], *, choices_for: ChoicesFor | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self._choices_for = choices_for
        self.rows: dict[str, _Row] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        for index, setting in enumerate(declarations):
            name = label(setting.label, "value")
            name.setToolTip(setting.description)
            editor = self._editor(setting)
            editor.setToolTip(setting.description)
            error = label("", "field-error", wrap=True)
            error.hide()
            grid.addWidget(name, index * 2, 0)
            grid.addWidget(editor, index * 2, 1)
            grid.addWidget(error, index * 2 + 1, 1)
            self.rows[setting.key] = _Row(setting, name, editor, error)
        self.load()

    # --- the page contract --------------------------------------------------------------------------

    def load(self) -> None:
        for key, row in self.rows.items():
            self._show(row, self.settings.get(key))
            locked = self.settings.is_locked(key)
            row.editor.setEnabled(not locked)
            row.name.setText(row.setting.label + (self.tr("（已锁定）") if locked else ""))
            row.error.hide()
        self._set_secret_placeholders()

    def check(self) -> dict[str, str]:
        """key -> the row's message, for every row whose text the declaration refuses."""
        problems: dict[str, str] = {}
        for key, row in self.rows.items():
            row.error.hide()
            text = self.text_of(key)
            if text is None or self.settings.is_locked(key):
                continue
            try:
                row.setting.parse_text(text, where="technician")
            except HalltermError as exc:
                problems[key] = exc.user_message
                row.error.setText(exc.user_message)
                row.error.show()
        return problems

    def pending(self) -> dict[str, Any]:
        """key -> checked new value, for rows that differ from the settings (check() first)."""
        changes: dict[str, Any] = {}
        for key, row in self.rows.items():
            text = self.text_of(key)
            if text is None or self.settings.is_locked(key):
                continue
            value = row.setting.parse_text(text, where="technician")
            if value != self.settings.get(key):
                changes[key] = value
        return changes

    def save(self) -> dict[str, tuple[Any, Any]]:
        """Apply the changed rows; returns key -> (old, new). Raises ConfigError if a row is wrong."""
        done: dict[str, tuple[Any, Any]] = {}
        for key, value in self.pending().items():
            old = self.settings.get(key)
            self.settings.set(key, value)
            done[key] = (old, value)
        self.load()
        return done

    def restore_defaults(self) -> None:
        for key, row in self.rows.items():
            if not self.settings.is_locked(key):
                self._show(row, row.setting.default)
                row.error.hide()

    # --- rows ---------------------------------------------------------------------------------------

    def editor(self, key: str) -> QWidget:
        return self.rows[key].editor

    def set_text(self, key: str, text: str) -> None:
        """Type ``text`` into a row (tests and the device pickers use it)."""
        self._show_text(self.rows[key], text)

    def text_of(self, key: str) -> str | None:
        """The row's text; None for an empty secret row ("keep the secret")."""
        row = self.rows[key]
        editor = row.editor
        if isinstance(editor, QCheckBox):
            return "true" if editor.isChecked() else "false"
        text = editor.currentText() if isinstance(editor, QComboBox) else editor.text()
        if row.setting.secret and not text:
            return None
        return text

    def _editor(self, setting: Setting) -> QWidget:
        if setting.kind is Kind.BOOL:
            box = QCheckBox()
            box.toggled.connect(self.changed)
            return box
        choices = list(setting.choices) if setting.kind is Kind.CHOICE else []
        if not choices and self._choices_for is not None:
            choices = list(self._choices_for(setting))
        if choices:
            combo = QComboBox()
            combo.addItems(choices)
            combo.setEditable(setting.kind is not Kind.CHOICE)
            combo.currentTextChanged.connect(self.changed)
            return combo
        line = QLineEdit()
        if setting.secret:
            line.setEchoMode(QLineEdit.EchoMode.Password)
        line.textEdited.connect(self.changed)
        return line

    def _show(self, row: _Row, value: Any) -> None:
        self._show_text(row, "" if row.setting.secret else _text(row.setting, value))

    def _show_text(self, row: _Row, text: str) -> None:
        editor = row.editor
        if isinstance(editor, QCheckBox):
            editor.setChecked(text.strip().lower() in ("true", "1", "yes", "是"))
        elif isinstance(editor, QComboBox):
            if editor.findText(text) < 0:
                editor.addItem(text)
            editor.setCurrentText(text)
        elif isinstance(editor, QLineEdit):
            editor.setText(text)

    def _set_secret_placeholders(self) -> None:
        for key, row in self.rows.items():
            if row.setting.secret and isinstance(row.editor, QLineEdit):
                is_set = bool(self.settings.get(key))
                row.editor.setPlaceholderText(self.tr("已设置（不显示），留空表示不修改") if is_set
                                              else self.tr("未设置"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.load()
        super().changeEvent(event)
