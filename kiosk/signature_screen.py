"""Commitment and signature: the 告知承诺 text to read, and a pad to sign with a finger.

The pad is ``ui_common.signature_pad.SignaturePad`` (the counter signs on the same one).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from core.selfservice.apply import DEFAULT_COMMITMENT
from kiosk.page import JourneyPage
from kiosk.session import KioskSession
from ui_common.signature_pad import SignaturePad


class SignatureScreen(JourneyPage):
    def __init__(self, ctx: Any, session: KioskSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.session = ctx, session
        self.text = QLabel(DEFAULT_COMMITMENT)
        self.text.setProperty("role", "body")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        box = QFrame()
        box.setProperty("role", "card")
        row = QHBoxLayout(box)
        row.setContentsMargins(24, 20, 24, 20)
        row.addWidget(self.text)
        self.pad = SignaturePad()
        self.pad.changed.connect(self._changed)
        self.clear_button = QPushButton()
        self.clear_button.setProperty("role", "chip")
        self.clear_button.clicked.connect(self.pad.clear)
        self.content.addWidget(box)
        self.content.addWidget(self.pad, 1)
        self.content.addWidget(self.clear_button)
        self.next_button.clicked.disconnect()
        self.next_button.clicked.connect(self.confirm)
        self.retranslate()
        self._changed()

    def _changed(self) -> None:
        self.next_button.setEnabled(not self.pad.empty)

    def confirm(self) -> None:
        if self.pad.empty:
            return
        self.session.signature_png = self.pad.to_png()
        self.session.commitment_text = DEFAULT_COMMITMENT
        self.next.emit()

    def retranslate(self) -> None:
        super().retranslate()
        self.heading.setText(self.tr("告知承诺书：请阅读后签名"))
        self.pad.placeholder = self.tr("请用手指在这里写上您的名字")
        self.clear_button.setText(self.tr("重新签名"))
        self.next_button.setText(self.tr("确认签名并提交"))
        self.pad.update()
