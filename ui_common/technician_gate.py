"""The technician PIN gate for the hidden entry on a kiosk or counter: a numeric keypad and a PIN field.

    gate = PinGate(lambda: ctx.setting("kiosk.technician_pin_hash", ""))   # one per terminal (lockout)
    dialog = TechnicianGateDialog(gate, parent)
    dialog.accepted.connect(open_technician_console)
    dialog.open()

The check is ``core.config.pin.PinGate`` (Argon2id, lockout after repeated failures); every attempt's
outcome is written to the audit log when a store is given. The PIN itself is never logged.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDialog, QGridLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from core.config.pin import PinGate

log = logging.getLogger(__name__)


class TechnicianGateDialog(QDialog):
    def __init__(
        self, gate: PinGate, parent: QWidget | None = None, *, store: Any = None, actor: str = "terminal"
    ) -> None:
        super().__init__(parent)
        self.gate = gate
        self._store = store
        self._actor = actor
        self.setModal(True)
        self.title_label = QLabel()
        self.title_label.setProperty("role", "panel-title")
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(12)
        self.pin_edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin_edit.returnPressed.connect(self.submit)
        keypad = QGridLayout()
        self.keys: dict[str, QPushButton] = {}
        for index, key in enumerate("123456789C0✓"):
            button = QPushButton(key)
            button.setMinimumSize(96, 72)
            button.clicked.connect(lambda _=False, k=key: self._press(k))
            keypad.addWidget(button, index // 3, index % 3)
            self.keys[key] = button
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.message_label)
        layout.addWidget(self.pin_edit)
        layout.addLayout(keypad)
        layout.addWidget(self.cancel_button)
        self.retranslate()

    def _press(self, key: str) -> None:
        if key == "C":
            self.pin_edit.clear()
        elif key == "✓":
            self.submit()
        elif len(self.pin_edit.text()) < 12:
            self.pin_edit.setText(self.pin_edit.text() + key)

    def submit(self) -> None:
        result = self.gate.check(self.pin_edit.text())
        self.pin_edit.clear()
        self._audit(result.reason)
        if result.ok:
            self.accept()
        elif result.reason == "locked":
            minutes = max(1, round(result.locked_for_s / 60))
            self.message_label.setText(self.tr("密码错误次数过多，请 {m} 分钟后再试。").format(m=minutes))
        elif result.reason == "not_set":
            self.message_label.setText(
                self.tr("本机未设置技术维护密码：请在技术维护模式（python main.py technician）中设置。")
            )
        else:
            self.message_label.setText(self.tr("密码不正确，还可以再试 {n} 次。").format(n=result.attempts_left))

    def _audit(self, reason: str) -> None:
        if self._store is None:
            return
        try:
            self._store.audit.append(self._actor, "technician.entry", "pin", {"result": reason})
        except Exception:  # an audit failure must not lock the technician out, but it must be seen
            log.exception("AUDIT_WRITE_FAILED technician.entry")

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("技术维护"))
        self.title_label.setText(self.tr("技术维护"))
        self.message_label.setText(self.tr("请输入技术维护密码。"))
        self.cancel_button.setText(self.tr("取消"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
