"""The counter's queue panel: the ticket being served, how many wait, and the three call buttons.

Until the hall-queue issue connects a hall server it says so plainly ("未连接叫号服务") instead of showing
a zero that a clerk could take for an empty hall.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget


def _label(role: str) -> QLabel:
    label = QLabel()
    label.setProperty("role", role)
    label.setWordWrap(True)
    return label


class QueuePanel(QFrame):
    def __init__(self, call_next: QAction, recall: QAction, skip: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "panel")
        self._connected = False
        self._current: str | None = None
        self._waiting: int | None = None
        self.title_label = _label("panel-title")
        self.current_caption = _label("caption")
        self.current_label = _label("ticket-number")
        self.waiting_caption = _label("caption")
        self.waiting_label = _label("value")
        self.buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 18)
        layout.setSpacing(6)
        layout.addWidget(self.title_label)
        layout.addSpacing(10)
        layout.addWidget(self.current_caption)
        layout.addWidget(self.current_label)
        layout.addSpacing(10)
        layout.addWidget(self.waiting_caption)
        layout.addWidget(self.waiting_label)
        layout.addStretch(1)
        for name, action, primary in (("call_next", call_next, True), ("recall", recall, False), ("skip", skip, False)):
            button = QPushButton()
            button.setMinimumHeight(44)
            if primary:
                button.setProperty("role", "primary")
            button.clicked.connect(action.trigger)
            self.buttons[name] = button
            layout.addWidget(button)
        self._actions = {"call_next": call_next, "recall": recall, "skip": skip}
        self.retranslate()

    def set_link_state(self, connected: bool) -> None:
        self._connected = connected
        self.retranslate()

    def set_queue(self, current: str | None, waiting: int | None) -> None:
        self._current, self._waiting = current, waiting
        self.retranslate()

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("排队叫号"))
        self.current_caption.setText(self.tr("当前号码"))
        # No big dash for "nobody": a clerk reads words faster than an empty glyph.
        role = "ticket-number" if self._current else "value"
        if self.current_label.property("role") != role:
            self.current_label.setProperty("role", role)
            self.current_label.style().unpolish(self.current_label)
            self.current_label.style().polish(self.current_label)
        self.current_label.setText(self._current or self.tr("暂无"))
        self.waiting_caption.setText(self.tr("等候人数"))
        if not self._connected or self._waiting is None:
            self.waiting_label.setText(self.tr("未连接叫号服务"))
        else:
            self.waiting_label.setText(self.tr("%n 人等候", "", self._waiting))
        labels = {"call_next": self.tr("叫号"), "recall": self.tr("重呼"), "skip": self.tr("过号")}
        for name, button in self.buttons.items():
            key = self._actions[name].shortcut().toString()
            button.setText(f"{labels[name]}  ({key})")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
