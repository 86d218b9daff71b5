"""Fill the form: pre-filled from the card, checked as the citizen types, one calm sentence per mistake.

Chinese text goes through the on-screen keyboard (Qt Virtual Keyboard, pinyin, when ``QT_IM_MODULE`` is
``qtvirtualkeyboard``); each box tells the keyboard what it expects (digits for numbers and phones), so the
numeric pad comes up for numbers. Fields the card filled in (name, ID number) are locked: the rules trust
an identity read from the chip, not a typed one. Signature and file fields belong to later steps.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFrame, QGridLayout, QLabel, QLineEdit, QScrollArea, QWidget

from core.catalog.fields import FieldType, FormField, prefill_form
from core.errors import ValidationError
from core.identity import IdentitySource
from kiosk.page import JourneyPage
from kiosk.session import KioskSession

_SKIPPED = frozenset({FieldType.SIGNATURE, FieldType.FILE})
_HINTS = {
    FieldType.NUMBER: Qt.InputMethodHint.ImhDigitsOnly,
    FieldType.PHONE: Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhNoPredictiveText,
    FieldType.ID_NUMBER: Qt.InputMethodHint.ImhPreferNumbers | Qt.InputMethodHint.ImhPreferUppercase
    | Qt.InputMethodHint.ImhNoPredictiveText,
    FieldType.USCC: Qt.InputMethodHint.ImhPreferUppercase | Qt.InputMethodHint.ImhNoPredictiveText,
    FieldType.DATE: Qt.InputMethodHint.ImhPreferNumbers | Qt.InputMethodHint.ImhNoPredictiveText,
}


class FieldRow:
    """One field: its label, its box (a line edit or a choice list) and the line under it."""

    def __init__(self, form_field: FormField, value: Any, *, locked: bool, locked_text: str) -> None:
        self.field = form_field
        self.touched = False
        self.label = QLabel(form_field.label + (" *" if form_field.required else "") +
                            (f"（{form_field.unit}）" if form_field.unit else ""))
        self.label.setProperty("role", "field-label")
        self.label.setWordWrap(True)
        if form_field.type is FieldType.CHOICE:
            box = QComboBox()
            box.addItem("")
            box.addItems(list(form_field.choices))
            if value in form_field.choices:
                box.setCurrentText(str(value))
            box.currentTextChanged.connect(lambda _t: self.check())
            self.box: QLineEdit | QComboBox = box
        else:
            edit = QLineEdit("" if value is None else str(value))
            edit.setInputMethodHints(_HINTS.get(form_field.type, Qt.InputMethodHint.ImhNone))
            if form_field.type is FieldType.DATE:
                edit.setPlaceholderText("2026-03-01")
            if form_field.max_length:
                edit.setMaxLength(form_field.max_length)
            edit.setReadOnly(locked)
            edit.textEdited.connect(lambda _t: self._edited())
            self.box = edit
        self.box.setProperty("role", "field")
        self.box.setAccessibleName(form_field.label)
        self.message = QLabel(form_field.help)
        self.message.setProperty("role", "field-help")
        self.message.setWordWrap(True)
        self.locked_text = locked_text if locked else ""
        if locked:
            self.message.setText(locked_text)

    def value(self) -> str:
        return self.box.currentText() if isinstance(self.box, QComboBox) else self.box.text()

    def _edited(self) -> None:
        self.touched = True
        self.check()

    def check(self, *, strict: bool = False) -> str | None:
        """The mistake's message, or None. Empty boxes only complain when ``strict`` (on 下一步)."""
        text = self.value()
        if not text.strip() and not strict:
            self._show(None)
            return None
        try:
            self.field.validate_value(text)
        except ValidationError as exc:
            self._show(exc.user_message)
            return exc.user_message
        self._show(None)
        return None

    def _show(self, problem: str | None) -> None:
        self.message.setProperty("role", "field-error" if problem else "field-help")
        self.message.setText(problem or self.locked_text or self.field.help)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)


class FormScreen(JourneyPage):
    """``title``: what is applied for; ``fields``: its form (an item's, or a 一件事 bundle's merged one)."""

    def __init__(self, ctx: Any, title: str, fields: Sequence[FormField], session: KioskSession,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.title, self.session = ctx, title, session
        person = session.person
        from_card = prefill_form(fields, person) if person is not None else {}
        trusted = person is not None and person.source is not IdentitySource.TYPED
        values = {**from_card, **session.form}
        body = QWidget()
        grid = QGridLayout(body)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        self.rows: dict[str, FieldRow] = {}
        line = 0
        for form_field in fields:
            if form_field.type in _SKIPPED:
                continue
            locked = trusted and form_field.prefill in ("person.name", "person.id_number") \
                and form_field.key in from_card
            row = FieldRow(form_field, values.get(form_field.key), locked=locked,
                           locked_text=self.tr("已从身份证读取，不用修改"))
            row.box.setProperty("locked", locked)
            self.rows[form_field.key] = row
            grid.addWidget(row.label, line, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(row.box, line, 1)
            grid.addWidget(row.message, line + 1, 1)
            line += 2
        grid.setRowStretch(line, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        self.scroll = scroll
        self.content.addWidget(scroll, 1)
        self.next_button.clicked.disconnect()
        self.next_button.clicked.connect(self.try_next)
        self.retranslate()

    def values(self) -> dict[str, str]:
        return {key: row.value().strip() for key, row in self.rows.items()}

    def problems(self) -> dict[str, str]:
        found = {}
        for key, row in self.rows.items():
            problem = row.check(strict=True)
            if problem:
                found[key] = problem
        return found

    def try_next(self) -> None:
        self.session.form.update(self.values())
        problems = self.problems()
        if problems:
            first = self.rows[next(iter(problems))]
            self.scroll.ensureWidgetVisible(first.box)
            first.box.setFocus()
            return
        self.next.emit()

    def retranslate(self) -> None:
        super().retranslate()
        self.heading.setText(self.tr("填写申请表：{name}").format(name=self.title))
