"""The frame every journey step shares: a heading, a step line, the content, and 上一步 / 下一步 at the bottom.

Big buttons in the same place on every step, so a citizen learns the machine once. ``elderly()`` tells a
step to show fewer things at a time.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.screen_shown import ReportsShown
from ui_common.theme import is_elderly


def elderly() -> bool:
    app = QApplication.instance()
    return bool(app is not None and is_elderly(app))


class JourneyPage(ReportsShown, QWidget):
    back = Signal()
    next = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setProperty("role", "heading")
        self.heading.setWordWrap(True)
        self.step_label = QLabel()
        self.step_label.setProperty("role", "step")
        self.content = QVBoxLayout()
        self.content.setSpacing(16)
        self.back_button = QPushButton()
        self.next_button = QPushButton()
        self.next_button.setProperty("role", "primary")
        for button in (self.back_button, self.next_button):
            button.setMinimumSize(220, 72)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.step_label)
        self.bottom = QHBoxLayout()
        self.bottom.setSpacing(24)
        self.bottom.addWidget(self.back_button)
        self.bottom.addStretch(1)
        self.bottom.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 28, 48, 28)
        layout.setSpacing(20)
        layout.addLayout(top)
        layout.addLayout(self.content, 1)
        layout.addLayout(self.bottom)

    def set_step(self, number: int, total: int) -> None:
        self.step_label.setText(self.tr("第 {n} 步，共 {total} 步").format(n=number, total=total))

    def retranslate(self) -> None:
        """Each step sets its words here; runs again on a language change."""
        self.back_button.setText(self.tr("上一步"))
        self.next_button.setText(self.tr("下一步"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
