"""自助终端设置: how the kiosk behaves (idle timeouts, elderly mode, voice, language, hall name), which printer
prints each document type, and the technician PIN for the hidden entry on a kiosk or counter.

The PIN is typed twice and stored only as its Argon2id hash (``core.config.pin``); the rows never show it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from core.config import Setting
from core.config.pin import check_pin_text, hash_pin
from core.config.schema import BY_KEY, in_section
from technician.page_parts import label, panel
from technician.settings_page import SettingsPage

BEHAVIOUR_KEYS = (
    "terminal.hall_name",
    "ui.language",
    "ui.elderly_mode_default",
    "ui.voice_volume",
    "kiosk.idle_timeout_s",
    "kiosk.idle_countdown_s",
    "kiosk.elderly_idle_factor",
    "kiosk.offered_items",
)
PIN_KEY = "kiosk.technician_pin_hash"


def _t(text: str) -> str:
    return QCoreApplication.translate("KioskSettingsPage", text)


class PinError(ValueError):
    pass


class KioskSettingsPage(SettingsPage):
    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        printers = ["none", *sorted(getattr(ctx.settings, "devices", {}) or {})]

        def choices_for(setting: Setting) -> list[str]:
            return printers if setting.section == "printing" else []

        super().__init__(
            ctx,
            [("", [BY_KEY[k] for k in BEHAVIOUR_KEYS]), ("", in_section("printing"))],
            choices_for=choices_for,
            parent=parent,
        )
        self.pin_title = label("", "panel-title")
        frame, layout = panel(self.pin_title)
        self.pin_state = label("", "caption", wrap=True)
        self.pin_edit = QLineEdit()
        self.pin_repeat = QLineEdit()
        for edit in (self.pin_edit, self.pin_repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(12)
        self.pin_error = label("", "field-error", wrap=True)
        self.pin_error.hide()
        rows = QFormLayout()
        self.pin_label = label("", "value")
        self.repeat_label = label("", "value")
        rows.addRow(self.pin_label, self.pin_edit)
        rows.addRow(self.repeat_label, self.pin_repeat)
        layout.addWidget(self.pin_state)
        layout.addLayout(rows)
        layout.addWidget(self.pin_error)
        self.body.insertWidget(self.body.indexOf(self.extra) - 1, frame)
        self.retranslate()

    def retranslate(self) -> None:
        self.title_label.setText(QCoreApplication.translate("KioskSettingsPage", "自助终端设置"))
        self.group_titles[0].setText(QCoreApplication.translate("KioskSettingsPage", "服务与界面"))
        self.group_titles[1].setText(
            QCoreApplication.translate("KioskSettingsPage", "各类文书使用的打印机（none 表示不打印，进入补打队列）")
        )
        self.pin_title.setText(QCoreApplication.translate("KioskSettingsPage", "技术维护密码"))
        self.pin_label.setText(QCoreApplication.translate("KioskSettingsPage", "新密码（6-12 位数字）"))
        self.repeat_label.setText(QCoreApplication.translate("KioskSettingsPage", "再输入一次"))
        self._show_pin_state()

    def _show_pin_state(self) -> None:
        is_set = bool(self.settings.get(PIN_KEY))
        self.pin_state.setText(
            QCoreApplication.translate(
                "KioskSettingsPage", "已设置密码：可在自助终端和窗口通过隐藏手势进入技术维护。留空表示不修改。"
            )
            if is_set
            else QCoreApplication.translate("KioskSettingsPage", "未设置密码：自助终端和窗口不能进入技术维护。")
        )
        locked = self.settings.is_locked(PIN_KEY)
        self.pin_edit.setEnabled(not locked)
        self.pin_repeat.setEnabled(not locked)

    def check(self) -> dict[str, str]:
        problems = super().check()
        self.pin_error.hide()
        try:
            self._typed_pin()
        except PinError as exc:
            problems[PIN_KEY] = str(exc)
            self.pin_error.setText(str(exc))
            self.pin_error.show()
        return problems

    def _typed_pin(self) -> str | None:
        pin, repeat = self.pin_edit.text(), self.pin_repeat.text()
        if not pin and not repeat:
            return None
        try:
            check_pin_text(pin)
        except ValueError:
            raise PinError(QCoreApplication.translate("KioskSettingsPage", "密码应为 6-12 位数字。")) from None
        if pin != repeat:
            raise PinError(QCoreApplication.translate("KioskSettingsPage", "两次输入的密码不一致。"))
        return pin

    def save_extra(self) -> dict[str, tuple[Any, Any]]:
        pin = self._typed_pin()
        if pin is None:
            return {}
        old = self.settings.get(PIN_KEY)
        new = self.settings.set(PIN_KEY, hash_pin(pin))
        return {PIN_KEY: (old, new)}

    def after_save(self, changes: dict[str, tuple[Any, Any]]) -> None:
        self.pin_edit.clear()
        self.pin_repeat.clear()
        self._show_pin_state()

    def load(self) -> None:
        super().load()
        if hasattr(self, "pin_edit"):
            self.pin_edit.clear()
            self.pin_repeat.clear()
            self.pin_error.hide()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
