"""Lockdown: the kiosk fills the screen, has no frame, and no key combination leaves it.

Engaged by ``main.py kiosk --fullscreen`` or the setting ``kiosk.lockdown`` (``KioskMainWindow.lock_down``).
Where input enters the window (``WindowInput``): Esc, Ctrl+Q, Ctrl+W, Alt+F4 and F11 are eaten, and a
close request (the window manager's Alt+F4, a stray ``close()``) is refused. (Switching away at the
desktop level, Alt+Tab or a virtual terminal, is the kiosk session's business: a kiosk runs as the only
client of its display, see docs.)

The way out is the technician's: five taps in the top-left corner within 3 s, then the gate. A gate is
``gate(window, done)``, calling ``done(True)`` to let the kiosk close; the default is this kiosk's own PIN
keypad over the window (``ui_common.technician_gate``) against the Argon2id hash in
``kiosk.technician_pin_hash``, through one ``PinGate`` per window (its lock-out survives closing the keypad).
The technician console's gate replaces it when given.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from core.config.pin import PinGate
from ui_common.hidden_gesture import Corner, HiddenGesture
from ui_common.technician_gate import TechnicianPinOverlay
from ui_common.window_input import WindowInput

log = logging.getLogger(__name__)

ExitGate = Callable[[QWidget, Callable[[bool], None]], None]
_BLOCKED_WITH_CTRL = {Qt.Key.Key_Q, Qt.Key.Key_W}


def is_escape_key(event: QKeyEvent) -> bool:
    key, modifiers = event.key(), event.modifiers()
    if key == Qt.Key.Key_F4 and modifiers & Qt.KeyboardModifier.AltModifier:
        return True
    if key in _BLOCKED_WITH_CTRL and modifiers & Qt.KeyboardModifier.ControlModifier:
        return True
    return key in (Qt.Key.Key_Escape, Qt.Key.Key_F11)


class KioskLockdown(QObject):
    def __init__(self, window: QWidget, ctx: Any, window_input: WindowInput, *,
                 gate: ExitGate | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.engaged = False
        self.may_close = False
        self.pin_overlay: TechnicianPinOverlay | None = None
        self.gate: ExitGate = gate or self._pin_gate
        self._ctx = ctx
        self.input = window_input
        self.gesture = HiddenGesture(window, window_input, corner=Corner.TOP_LEFT, taps=5, within_s=3.0)
        self.gesture.triggered.connect(self.request_exit)

    def engage(self, *, show: bool = True) -> None:
        """Frameless, on top, full screen; keys that leave are eaten from now on."""
        self.engaged = True
        self.window.setWindowFlags(self.window.windowFlags() | Qt.WindowType.FramelessWindowHint
                                   | Qt.WindowType.WindowStaysOnTopHint)
        self.input.subscribe(self._eat_escape_keys)
        if show:
            self.window.showFullScreen()
        log.info("KIOSK_LOCKDOWN engaged")

    def request_exit(self) -> None:
        if not self.engaged or (self.pin_overlay is not None and self.pin_overlay.isVisible()):
            return
        log.info("KIOSK_EXIT_REQUESTED (hidden gesture)")
        self.gate(self.window, self._gate_answered)

    def _gate_answered(self, granted: bool) -> None:
        if not granted:
            log.info("KIOSK_EXIT_REFUSED")
            return
        log.info("KIOSK_EXIT leaving kiosk mode")
        self.release()
        self.window.close()

    def release(self) -> None:
        self.may_close = True
        self.engaged = False
        self.input.unsubscribe(self._eat_escape_keys)
        self.gesture.close()

    def _pin_gate(self, window: QWidget, done: Callable[[bool], None]) -> None:
        if self.pin_overlay is None:
            ctx = self._ctx   # one gate for the window's life: its lock-out survives closing the keypad
            gate = PinGate(lambda: str(ctx.setting("kiosk.technician_pin_hash", "") or ""))
            self.pin_overlay = TechnicianPinOverlay(window, gate, store=ctx.store,
                                                    actor=f"kiosk:{ctx.setting('terminal.id', '')}")
        self.pin_overlay.open(done)

    def _eat_escape_keys(self, event: QEvent, _point: object) -> bool:
        return (self.engaged and event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride)
                and isinstance(event, QKeyEvent) and is_escape_key(event))
