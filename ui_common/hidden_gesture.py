"""A hidden gesture on a locked-down terminal: N taps in one corner within a few seconds.

A citizen never does this by accident (the corner holds nothing to press, and five taps in three seconds
are deliberate); a technician knows it. The detector is an event filter on a widget (the window): it only
looks at presses, never eats them, so the screen under the corner behaves as usual.

    gesture = HiddenGesture(window, corner=Corner.TOP_LEFT, taps=5, within_s=3.0)
    gesture.triggered.connect(window.request_exit)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QEvent, QObject, QPoint, Signal
from PySide6.QtWidgets import QApplication, QWidget


class Corner(Enum):
    TOP_LEFT = "top_left"
    TOP_RIGHT = "top_right"
    BOTTOM_LEFT = "bottom_left"
    BOTTOM_RIGHT = "bottom_right"


_PRESSES = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin})


class HiddenGesture(QObject):
    triggered = Signal()

    def __init__(self, widget: QWidget, *, corner: Corner = Corner.TOP_LEFT, taps: int = 5, within_s: float = 3.0,
                 size_px: int = 120, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(widget)
        self.widget = widget
        self.corner = corner
        self.taps = taps
        self.within_s = within_s
        self.size_px = size_px
        self._clock = clock
        self._times: list[float] = []
        self._last_press: tuple | None = None
        # On the application, not the window: the press lands on whichever child is in the corner.
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def close(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._times.clear()

    def in_corner(self, point: QPoint) -> bool:
        """``point`` in the watched widget's coordinates."""
        width, height, size = self.widget.width(), self.widget.height(), self.size_px
        left = point.x() < size if self.corner in (Corner.TOP_LEFT, Corner.BOTTOM_LEFT) else point.x() >= width - size
        top = point.y() < size if self.corner in (Corner.TOP_LEFT, Corner.TOP_RIGHT) else point.y() >= height - size
        return left and top

    def tap(self, point: QPoint) -> bool:
        """Count a press at ``point`` (window coordinates); True when this press completes the gesture."""
        now = self._clock()
        if not self.in_corner(point):
            self._times.clear()
            return False
        self._times = [t for t in self._times if now - t <= self.within_s] + [now]
        if len(self._times) >= self.taps:
            self._times.clear()
            self.triggered.emit()
            return True
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _PRESSES and isinstance(watched, QWidget) and watched.window() is self.widget:
            position = _position(event)
            if position is None:
                return False
            point = watched.mapTo(self.widget, position) if watched is not self.widget else position
            # A press a child ignores travels on to its parent: count it once.
            press = (event.timestamp(), point.x(), point.y())
            if press != self._last_press:
                self._last_press = press
                self.tap(point)
        return False


def _position(event: QEvent) -> QPoint | None:
    if event.type() == QEvent.Type.TouchBegin:
        points = event.points()
        return points[0].position().toPoint() if points else None
    return event.position().toPoint()
