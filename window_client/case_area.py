"""The counter's work area for one applicant and their case. Empty until a ticket is called or a card read."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ui_common.widgets import EmptyState


class CaseArea(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "panel")
        self.title_label = QLabel()
        self.title_label.setProperty("role", "panel-title")
        self.empty_state = EmptyState()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 18)
        layout.addWidget(self.title_label)
        layout.addWidget(self.empty_state, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("办事人与办件"))
        self.empty_state.set_texts(
            self.tr("尚未接待办事人"),
            self.tr("按 F2 叫号，或按 F5 读取办事人身份证，开始受理。"),
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
