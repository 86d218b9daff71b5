"""The person's input to one top-level window, watched where it enters: the window's QWindow.

The idle reset, the hidden technician gesture and the lockdown's key guard all want to see every touch,
press and key on the kiosk. An application-wide event filter would show them that, but it is called for
every event of every object (paints, layouts, timers: about 5,000 in one kiosk journey), each call into
Python takes the GIL, and while a worker thread renders a PDF or syncs that made single frames take
80-120 ms (bench/kiosk.py: 114 ms with the application filters, 36 ms without).

Real input from the platform (touch screen, mouse, keyboard) is delivered to the top-level QWindow first
and only then to the widget under the finger or with the focus, so a filter on the QWindow sees all of
it, and next to nothing else. The filter also sits on the top-level widget itself: that follows the
QWindow when Qt re-creates it (a change of window flags does), and sees events sent straight to the
window widget (as tests do). One physical press can pass both; handlers that count presses de-duplicate
(``press_key``).

    watch = WindowInput(window)
    watch.subscribe(lambda event, point: ...)   # return True to eat the event (lockdown's keys)

The application's other top-level windows (a combo box's drop-down list, the virtual keyboard's panel,
the demo's device simulator) are watched too: the set is brought up to date whenever the focus window
changes or the input panel shows. Presses there carry no window point.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import QWidget

INPUT_EVENTS = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress,
                          QEvent.Type.ShortcutOverride, QEvent.Type.Wheel, QEvent.Type.TabletPress})
PRESSES = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.TabletPress})

# A handler gets the event and, for presses, where it landed in the window's coordinates (None otherwise).
InputHandler = Callable[[QEvent, QPoint | None], bool | None]


class WindowInput(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self._handlers: list[InputHandler] = []
        self._windows: list[QWindow] = []
        self._closed = False
        window.installEventFilter(self)
        self.watch_all_windows()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(self.watch_all_windows)
            QGuiApplication.inputMethod().visibleChanged.connect(self.watch_all_windows)

    def subscribe(self, handler: InputHandler) -> None:
        self._handlers.append(handler)

    def unsubscribe(self, handler: InputHandler) -> None:
        if handler in self._handlers:
            self._handlers.remove(handler)

    def watch_all_windows(self, *_args: object) -> None:
        self.watch_window(self.window.windowHandle())
        for native in QGuiApplication.topLevelWindows():
            self.watch_window(native)

    def watch_window(self, native: QWindow | None) -> None:
        if native is None or native in self._windows:
            return
        native.installEventFilter(self)
        native.destroyed.connect(lambda *_: self._forget(native))
        self._windows.append(native)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.disconnect(self.watch_all_windows)
            QGuiApplication.inputMethod().visibleChanged.disconnect(self.watch_all_windows)
        self._handlers.clear()
        self.window.removeEventFilter(self)
        for native in self._windows:
            native.removeEventFilter(self)
        self._windows.clear()

    def _forget(self, native: QWindow) -> None:
        if native in self._windows:
            self._windows.remove(native)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in INPUT_EVENTS:
            ours = watched is self.window or watched is self.window.windowHandle()
            point = _press_point(event) if ours and kind in PRESSES else None
            eaten = False
            for handler in list(self._handlers):
                eaten = bool(handler(event, point)) or eaten
            return eaten
        if watched is self.window and kind in (QEvent.Type.WinIdChange, QEvent.Type.Show):
            self.watch_all_windows()
        return False


def press_key(event: QEvent, point: QPoint) -> tuple[int, int, int]:
    """What identifies one physical press, whichever of the two filters saw it."""
    return event.timestamp(), point.x(), point.y()


def _press_point(event: QEvent) -> QPoint | None:
    """Where a press landed, in the coordinates of the window it was sent to."""
    if event.type() == QEvent.Type.TouchBegin:
        points = event.points()
        return points[0].position().toPoint() if points else None
    return event.position().toPoint()
