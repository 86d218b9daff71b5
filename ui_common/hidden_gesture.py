"""A hidden gesture on a locked-down terminal: N taps in one corner within a few seconds.

A citizen never does this by accident (the corner holds nothing to press, and five taps in three seconds
are deliberate); a technician knows it. The detector watches the window's input (its ``WindowInput``,
shared with the window's other watchers): it only looks at presses, never eats them, so the screen under
the corner behaves as usual.

    gesture = HiddenGesture(window, window_input, corner=Corner.TOP_LEFT, taps=5, within_s=3.0)
    gesture.triggered.connect(window.request_exit)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QEvent, QObject, QPoint, Signal
from PySide6.QtWidgets import QWidget

from ui_common.window_input import PRESSES, WindowInput, press_key


class Corner(Enum):
    TOP_LEFT = "top_left"
    TOP_RIGHT = "top_right"
    BOTTOM_LEFT = "bottom_left"
    BOTTOM_RIGHT = "bottom_right"


class HiddenGesture(QObject):
    triggered = Signal()

    def __init__(self, widget: QWidget, window_input: WindowInput, *, corner: Corner = Corner.TOP_LEFT,
                 taps: int = 5, within_s: float = 3.0, size_px: int = 120,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(widget)
        self.widget = widget
        self.corner = corner
        self.taps = taps
        self.within_s = within_s
        self.size_px = size_px
        self._clock = clock
        self._times: list[float] = []
        self._last_press: tuple | None = None
        self.input = window_input
        window_input.subscribe(self._input)

    def close(self) -> None:
        self.input.unsubscribe(self._input)
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

    def _input(self, event: QEvent, point: QPoint | None) -> bool:
        if point is not None and event.type() in PRESSES:
            press = press_key(event, point)     # one press seen at the window and at the widget: once
            if press != self._last_press:
                self._last_press = press
                self.tap(point)
        return False
