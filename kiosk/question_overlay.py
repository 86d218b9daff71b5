"""A question over the whole window with two big answers (身份证已取走，是否继续办理？)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class QuestionOverlay(QFrame):
    accepted = Signal()
    rejected = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setProperty("role", "overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        box = QFrame(self)
        box.setProperty("role", "dialog")
        self.title = QLabel()
        self.title.setProperty("role", "heading")
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = QLabel()
        self.body.setProperty("role", "body")
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.yes_button = QPushButton()
        self.yes_button.setProperty("role", "primary")
        self.no_button = QPushButton()
        for button in (self.yes_button, self.no_button):
            button.setMinimumSize(300, 96)
        self.yes_button.clicked.connect(self._yes)
        self.no_button.clicked.connect(self._no)
        buttons = QHBoxLayout()
        buttons.setSpacing(32)
        buttons.addWidget(self.no_button)
        buttons.addWidget(self.yes_button)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(48, 40, 48, 40)
        inner.setSpacing(24)
        inner.addWidget(self.title)
        inner.addWidget(self.body)
        inner.addLayout(buttons)
        box.setMaximumWidth(1100)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        self.hide()

    def ask(self, title: str, body: str, yes: str, no: str) -> None:
        self.title.setText(title)
        self.body.setText(body)
        self.yes_button.setText(yes)
        self.no_button.setText(no)
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()

    def _yes(self) -> None:
        self.hide()
        self.accepted.emit()

    def _no(self) -> None:
        self.hide()
        self.rejected.emit()
