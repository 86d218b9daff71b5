"""Note when a window first paints: the figure bench/startup.py compares against a bare Qt window.

``install_first_paint_probe(window)`` watches the application's events until the first Paint of any widget
in ``window``, then (with ``HALLTERM_REPORT_FIRST_PAINT=1``) writes ``first-paint <unix time>`` to stderr
and (with ``HALLTERM_QUIT_AFTER_PAINT=1``) quits the event loop. The filter removes itself after that
first paint, so a running terminal pays nothing for it.

Its ``painted(float)`` signal is also the moment to start work the first frame does not need (loading the
catalogue): started earlier, even a background load's imports hold the GUI thread before the first paint.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

REPORT_ENV = "HALLTERM_REPORT_FIRST_PAINT"
QUIT_ENV = "HALLTERM_QUIT_AFTER_PAINT"


class FirstPaintProbe(QObject):
    painted = Signal(float)  # unix time of the first paint, emitted once

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.painted_at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # An application-wide filter: the top-level itself may never get a Paint when opaque children
        # cover it, so any widget inside the window counts.
        if (self.painted_at is None and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget)
                and watched.window() is self._window):
            self.painted_at = time.time()
            QCoreApplication.instance().removeEventFilter(self)
            self._report()
            # Queued, so whatever listens runs after this frame is on screen, not inside the paint.
            QTimer.singleShot(0, self._announce)
        return False

    def _announce(self) -> None:
        self.painted.emit(self.painted_at)

    def _report(self) -> None:
        if os.environ.get(REPORT_ENV) == "1":
            sys.stderr.write(f"first-paint {self.painted_at:.6f}\n")
            sys.stderr.flush()
        if os.environ.get(QUIT_ENV) == "1":
            # After this paint has finished: quitting inside the paint would cut the frame short.
            QTimer.singleShot(0, QCoreApplication.quit)


def install_first_paint_probe(window: QWidget) -> FirstPaintProbe:
    probe = FirstPaintProbe(window)
    QCoreApplication.instance().installEventFilter(probe)
    return probe
