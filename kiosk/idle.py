"""Idle reset: after a quiet spell a countdown appears over the screen; at zero the kiosk forgets the person.

* ``kiosk.idle_timeout_s`` (60 s) of no touch, then ``kiosk.idle_countdown_s`` (10 s) shown big: any touch
  or key extends the session and hides the countdown.
* 长者模式 multiplies the quiet spell by ``kiosk.elderly_idle_factor``; and whoever needed the countdown to
  come back (they answer slowly) gets half as long again next time, up to three times the base.
* The watcher only runs while someone is being served (a journey screen is open or a person identified);
  the home screen waits forever.

``IdleWatcher`` follows the window's input where it enters (``ui_common.window_input``), and typing
through the input method (the virtual keyboard's panel sends text, not touches on this window); it owns
two timers, both stopped by ``stop()``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from kiosk.question_overlay import Overlay
from ui_common.window_input import WindowInput

MAX_STRETCH = 3.0
SLOW_ANSWER_STRETCH = 1.5


class IdleWatcher(QObject):
    countdown = Signal(int)     # seconds left, once a second while the countdown shows
    extended = Signal()         # a touch came during the countdown
    expired = Signal()

    def __init__(self, ctx: Any, window_input: WindowInput, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.base_s = float(ctx.setting("kiosk.idle_timeout_s", 60))
        self.countdown_s = int(ctx.setting("kiosk.idle_countdown_s", 10))
        self.elderly_factor = float(ctx.setting("kiosk.elderly_idle_factor", 2.0))
        self.stretch = 1.0              # grows for a person who answers slowly
        self.remaining = 0
        self.quiet_timer = QTimer(self)
        self.quiet_timer.setObjectName("kiosk-idle-quiet")
        self.quiet_timer.setSingleShot(True)
        self.quiet_timer.timeout.connect(self._start_countdown)
        self.tick_timer = QTimer(self)
        self.tick_timer.setObjectName("kiosk-idle-countdown")
        self.tick_timer.setInterval(1000)
        self.tick_timer.timeout.connect(self._tick)
        self.running = False
        self.input: WindowInput | None = window_input
        window_input.subscribe(self._input)
        QGuiApplication.inputMethod().cursorRectangleChanged.connect(self.touch)

    # --- control --------------------------------------------------------------------------------------

    def quiet_ms(self) -> int:
        factor = self.elderly_factor if self.ctx.elderly else 1.0
        return int(self.base_s * factor * self.stretch * 1000)

    @property
    def counting_down(self) -> bool:
        return self.tick_timer.isActive()

    def start(self) -> None:
        """Someone is being served: watch for quiet."""
        self.running = True
        self.tick_timer.stop()
        self.quiet_timer.start(self.quiet_ms())

    def stop(self) -> None:
        """Back at the home screen (or shutting down): nothing to watch; the next person starts fresh."""
        self.running = False
        self.stretch = 1.0
        self.quiet_timer.stop()
        self.tick_timer.stop()

    def touch(self) -> None:
        if not self.running:
            return
        if self.counting_down:
            # They came back during the countdown: give them longer from now on.
            self.stretch = min(MAX_STRETCH, self.stretch * SLOW_ANSWER_STRETCH)
            self.tick_timer.stop()
            self.extended.emit()
        self.quiet_timer.start(self.quiet_ms())

    # --- timers -------------------------------------------------------------------------------------

    def _start_countdown(self) -> None:
        self.remaining = self.countdown_s
        self.countdown.emit(self.remaining)
        self.tick_timer.start()

    def _tick(self) -> None:
        self.remaining -= 1
        if self.remaining > 0:
            self.countdown.emit(self.remaining)
            return
        self.stop()
        self.expired.emit()

    def _input(self, _event: QEvent, _point: object) -> bool:
        self.touch()
        return False

    def close(self) -> None:
        self.stop()
        if self.input is None:
            return
        self.input.unsubscribe(self._input)
        self.input = None
        QGuiApplication.inputMethod().cursorRectangleChanged.disconnect(self.touch)


class CountdownOverlay(Overlay):
    """Over the whole window: 还在办理吗？ with the seconds left and a big 继续办理 button."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setProperty("role", "heading")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.seconds = QLabel()
        self.seconds.setProperty("role", "countdown")
        self.seconds.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = QLabel()
        self.body.setProperty("role", "body")
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.continue_button = QPushButton()
        self.continue_button.setProperty("role", "primary")
        self.continue_button.setMinimumSize(320, 96)
        for widget in (self.title, self.seconds, self.body):
            self.inner.addWidget(widget)
        self.inner.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.continue_button.clicked.connect(self.hide)

    def show_seconds(self, seconds: int) -> None:
        self.title.setText(self.tr("您还在办理吗？"))
        self.seconds.setText(str(seconds))
        self.body.setText(self.tr("{n} 秒后将返回首页，并清除您本次填写的信息。").format(n=seconds))
        self.continue_button.setText(self.tr("继续办理"))
        self.show_over_parent()
