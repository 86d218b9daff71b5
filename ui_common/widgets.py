"""The few widgets more than one mode shows: a touch tile, the top bar, a notice banner, a status pill and
an empty state. Each sets its words in ``retranslate()``, which runs again on ``QEvent.LanguageChange``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDateTime, QEvent, QLocale, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

CLOCK_TICK_MS = 1000


def role_label(text: str = "", role: str = "body", parent: QWidget | None = None, *, wrap: bool = False,
               plain: bool = False) -> QLabel:
    """A label styled by its ``role`` in the theme's style sheet (``QLabel[role="caption"]`` …); ``plain``
    shows catalogue or user text literally, never as rich text."""
    label = QLabel(text, parent)
    label.setProperty("role", role)
    label.setWordWrap(wrap)
    if plain:
        label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class TouchTile(QPushButton):
    """A big touch target: a large title and a one-line subtitle. ``key`` names what it starts."""

    def __init__(self, key: str, parent: QWidget | None = None, *, primary: bool = False) -> None:
        super().__init__(parent)
        self.key = key
        self.setProperty("role", "tile")
        self.setProperty("primary", primary)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.title_label = role_label("", "tile-title")
        self.subtitle_label = role_label("", "tile-subtitle", wrap=True)
        for label in (self.title_label, self.subtitle_label):
            # The button takes every press, wherever on the tile the finger lands.
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(8)
        layout.addStretch(1)
        layout.addWidget(self.title_label)
        layout.addWidget(self.subtitle_label)
        layout.addStretch(1)

    def set_texts(self, title: str, subtitle: str) -> None:
        self.title_label.setText(title)
        self.subtitle_label.setText(subtitle)
        self.setAccessibleName(title)
        self.setAccessibleDescription(subtitle)

    def sizeHint(self) -> QSize:
        return self.layout().sizeHint().expandedTo(QSize(240, 160))

    def minimumSizeHint(self) -> QSize:
        return self.layout().minimumSize()


class TopBar(QFrame):
    """Hall name on the left; optional controls, the date and a live clock on the right.

    The clock's timer runs only while the bar is shown, so a closed window leaves no timer behind.
    """

    def __init__(self, hall_name: str, parent: QWidget | None = None, *,
                 now: Callable[[], QDateTime] = QDateTime.currentDateTime) -> None:
        super().__init__(parent)
        self.setProperty("role", "topbar")
        self._now = now
        # Wraps only when a narrow (portrait, elderly) bar cannot fit it on one line.
        self.title_label = role_label(hall_name, "topbar-title", wrap=True)
        self.date_label = role_label("", "topbar-date")
        self.clock_label = role_label("", "topbar-clock")
        self._trailing = QHBoxLayout()
        self._trailing.setSpacing(12)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(32, 12, 32, 12)
        layout.setSpacing(24)
        layout.addWidget(self.title_label, 1)
        layout.addLayout(self._trailing)
        layout.addWidget(self.date_label)
        layout.addWidget(self.clock_label)
        self._timer = QTimer(self)
        self._timer.setInterval(CLOCK_TICK_MS)
        self._timer.timeout.connect(self.refresh_clock)
        self.refresh_clock()

    @property
    def clock_timer(self) -> QTimer:
        return self._timer

    def set_hall_name(self, name: str) -> None:
        self.title_label.setText(name)

    def add_trailing(self, widget: QWidget) -> None:
        """Put a control (language, 长者模式) before the date, always in sight."""
        self._trailing.addWidget(widget)

    def refresh_clock(self) -> None:
        now = self._now()
        self.clock_label.setText(now.time().toString("HH:mm"))
        # The date pattern is itself translated: 2026年3月5日 星期四 / Thursday, 5 March 2026.
        self.date_label.setText(QLocale().toString(now.date(), self.tr("yyyy年M月d日 dddd")))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        # The date is the first thing to give way on a narrow bar: the switches and the clock matter more.
        needed = self.layout().sizeHint().width() - self.title_label.sizeHint().width()
        needed += self.title_label.fontMetrics().horizontalAdvance(self.title_label.text())
        if self.date_label.isHidden():
            needed += self.date_label.sizeHint().width() + self.layout().spacing()
        self.date_label.setVisible(self.width() >= needed)

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh_clock()
        self._timer.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh_clock()
        super().changeEvent(event)


class NoticeBanner(QFrame):
    """A calm message across the screen with a 知道了 button; hides itself after a while."""

    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "notice")
        self.setProperty("kind", "info")
        self.message_label = role_label("", "notice-text", wrap=True)
        self.message_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.dismiss_button = QPushButton()
        self.dismiss_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(28, 16, 16, 16)
        layout.setSpacing(20)
        layout.addWidget(self.message_label, 1)
        layout.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        self.retranslate()
        self.hide()

    @property
    def hide_timer(self) -> QTimer:
        return self._timer

    def show_notice(self, text: str, *, kind: str = "info", timeout_ms: int = 10_000) -> None:
        """Show ``text`` (``kind``: info or error); ``timeout_ms=0`` keeps it until dismissed."""
        self.message_label.setText(text)
        if self.property("kind") != kind:
            self.setProperty("kind", kind)
            self._repolish()
        self.show()
        if timeout_ms > 0:
            self._timer.start(timeout_ms)
        else:
            self._timer.stop()

    def dismiss(self) -> None:
        if self.isVisible():
            self.hide()
            self.dismissed.emit()

    def retranslate(self) -> None:
        self.dismiss_button.setText(self.tr("知道了"))

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _repolish(self) -> None:
        # Property selectors in a stylesheet are matched at polish time only.
        for widget in (self, *self.findChildren(QWidget)):
            widget.style().unpolish(widget)
            widget.style().polish(widget)


class StatusPill(QLabel):
    """A small rounded state label: ``unknown`` (grey), ``ok`` (green) or ``error`` (red)."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *, state: str = "unknown") -> None:
        super().__init__(text, parent)
        self.setProperty("role", "pill")
        self.setProperty("state", state)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

    @property
    def state(self) -> str:
        return str(self.property("state"))

    def set_state(self, state: str, text: str) -> None:
        self.setText(text)
        if self.property("state") != state:
            self.setProperty("state", state)
            self.style().unpolish(self)
            self.style().polish(self)


class EmptyState(QWidget):
    """What an area says while it has nothing to show: a title and one line on what to do next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = role_label("", "empty-title", wrap=True)
        self.body_label = role_label("", "empty-body", wrap=True)
        for label in (self.title_label, self.body_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title_label)
        layout.addSpacing(8)
        layout.addWidget(self.body_label)
        layout.addStretch(1)

    def set_texts(self, title: str, body: str) -> None:
        self.title_label.setText(title)
        self.body_label.setText(body)
