"""A question over the whole window with two big answers (身份证已取走，是否继续办理？)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.screen_shown import ReportsShown

MAX_BOX_WIDTH = 1100


class Overlay(ReportsShown, QFrame):
    """A dimmed layer over the whole window with a centred dialog box; ``inner`` is the box's layout."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setProperty("role", "overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.box = QFrame(self)
        self.box.setProperty("role", "dialog")
        self.inner = QVBoxLayout(self.box)
        self.inner.setContentsMargins(48, 40, 48, 40)
        self.inner.setSpacing(24)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(self.box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        self.hide()

    def show_over_parent(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
            # A centred box is laid out at its size hint, which ignores how tall its wrapped text gets at
            # the chosen width (large 长者模式 text then overlaps): fix the width, ask for that height.
            width = min(MAX_BOX_WIDTH, parent.width() - 96)
            self.box.setFixedWidth(width)
            self.box.setMinimumHeight(self.box.heightForWidth(width))
        self.show()
        self.raise_()


class QuestionOverlay(Overlay):
    accepted = Signal()
    rejected = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
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
        self.inner.addWidget(self.title)
        self.inner.addWidget(self.body)
        self.inner.addLayout(buttons)

    def ask(self, title: str, body: str, yes: str, no: str) -> None:
        self.title.setText(title)
        self.body.setText(body)
        self.yes_button.setText(yes)
        self.no_button.setText(no)
        self.show_over_parent()

    def _yes(self) -> None:
        self.hide()
        self.accepted.emit()

    def _no(self) -> None:
        self.hide()
        self.rejected.emit()
