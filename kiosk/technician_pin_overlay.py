"""The kiosk's own technician PIN entry: a numeric keypad over the window (a kiosk has no keyboard).

It is the exit gate of the lockdown (``kiosk.lockdown``). The PIN is checked against the Argon2id hash in
``kiosk.technician_pin_hash`` through one ``core.config.pin.PinGate`` per terminal (kept on the context,
so its lock-out survives closing the keypad); a context may bring its own ``verify_technician_pin``.
With no PIN configured every PIN is refused. Every attempt is audited; no PIN is ever logged. After
three wrong PINs the keypad closes, so guessing needs the gesture again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from core.config.pin import PinGate

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 3
MAX_DIGITS = 12


def pin_checker(ctx: Any) -> Callable[[str], bool]:
    """How this terminal checks a technician PIN (see the module docstring)."""
    verify = getattr(ctx, "verify_technician_pin", None)
    if callable(verify):
        return verify
    gate = getattr(ctx, "technician_pin_gate", None)
    if gate is None:
        gate = PinGate(lambda: str(ctx.setting("kiosk.technician_pin_hash", "") or ""))
        ctx.technician_pin_gate = gate

    def check(pin: str) -> bool:
        result = gate.check(pin)
        if ctx.store is not None:
            try:
                ctx.store.audit.append(f"kiosk:{ctx.setting('terminal.id', '')}", "technician.entry", "pin",
                                       {"result": result.reason})
            except Exception:   # an audit failure must not lock the technician out, but it must be seen
                log.exception("AUDIT_WRITE_FAILED technician.entry")
        return result.ok

    return check


class TechnicianPinOverlay(QFrame):
    """``open(done)``: ``done(True)`` for the right PIN, ``done(False)`` when cancelled or refused."""

    def __init__(self, parent: QWidget, check: Callable[[str], bool]) -> None:
        super().__init__(parent)
        self.setProperty("role", "overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._check = check
        self._done: Callable[[bool], None] | None = None
        self.pin = ""
        self.attempts = 0
        box = QFrame(self)
        box.setProperty("role", "dialog")
        self.title = QLabel(box)
        self.title.setProperty("role", "heading")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dots = QLabel(box)
        self.dots.setProperty("role", "heading")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dots.setMinimumHeight(64)
        self.message = QLabel(box)
        self.message.setProperty("role", "body")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        keypad = QGridLayout()
        keypad.setSpacing(12)
        self.digit_buttons: dict[str, QPushButton] = {}
        for index, digit in enumerate("123456789"):
            keypad.addWidget(self._digit(box, digit), index // 3, index % 3)
        self.clear_button = QPushButton(box)
        self.clear_button.clicked.connect(self.clear)
        keypad.addWidget(self.clear_button, 3, 0)
        keypad.addWidget(self._digit(box, "0"), 3, 1)
        self.back_button = QPushButton("⌫", box)
        self.back_button.clicked.connect(self._backspace)
        keypad.addWidget(self.back_button, 3, 2)
        for button in (self.clear_button, self.back_button):
            button.setMinimumSize(120, 88)
            button.setProperty("touch", "large")
        self.cancel_button = QPushButton(box)
        self.ok_button = QPushButton(box)
        self.ok_button.setProperty("role", "primary")
        for button in (self.cancel_button, self.ok_button):
            button.setMinimumSize(200, 88)
            button.setProperty("touch", "large")
        self.cancel_button.clicked.connect(lambda: self._finish(False))
        self.ok_button.clicked.connect(self.submit)
        actions = QHBoxLayout()
        actions.setSpacing(24)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.ok_button)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(40, 32, 40, 32)
        inner.setSpacing(16)
        inner.addWidget(self.title)
        inner.addWidget(self.dots)
        inner.addWidget(self.message)
        inner.addLayout(keypad)
        inner.addLayout(actions)
        box.setMaximumWidth(640)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        parent.installEventFilter(self)   # cover the whole window, also after it is resized
        self.retranslate()
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def _digit(self, parent: QWidget, digit: str) -> QPushButton:
        button = QPushButton(digit, parent)
        button.setMinimumSize(120, 88)
        button.setProperty("touch", "large")
        button.clicked.connect(lambda: self.press(digit))
        self.digit_buttons[digit] = button
        return button

    def open(self, done: Callable[[bool], None]) -> None:
        self._done = done
        self.attempts = 0
        self.clear()
        self.message.clear()
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()

    def press(self, digit: str) -> None:
        if len(self.pin) < MAX_DIGITS:
            self.pin += digit
            self._show_dots()

    def enter(self, pin: str) -> None:
        """Type a whole PIN (tests, a technician's USB keypad)."""
        for digit in pin:
            self.press(digit)

    def clear(self) -> None:
        self.pin = ""
        self._show_dots()

    def _backspace(self) -> None:
        self.pin = self.pin[:-1]
        self._show_dots()

    def _show_dots(self) -> None:
        self.dots.setText("●" * len(self.pin))

    def submit(self) -> None:
        pin, self.pin = self.pin, ""
        self._show_dots()
        try:
            ok = bool(pin) and bool(self._check(pin))
        except Exception:   # a broken checker must not open the kiosk, nor crash it
            log.exception("TECHNICIAN_PIN_CHECK_FAILED")
            ok = False
        if ok:
            log.info("TECHNICIAN_EXIT_GRANTED")
            self._finish(True)
            return
        self.attempts += 1
        log.warning("TECHNICIAN_PIN_REFUSED attempt %d", self.attempts)
        if self.attempts >= MAX_ATTEMPTS:
            self._finish(False)
            return
        self.message.setText(self.tr("密码不正确，请重新输入。"))

    def _finish(self, granted: bool) -> None:
        self.hide()
        self.pin = ""
        done, self._done = self._done, None
        if done is not None:
            done(granted)

    def retranslate(self) -> None:
        self.title.setText(self.tr("技术维护：请输入密码"))
        self.clear_button.setText(self.tr("清除"))
        self.cancel_button.setText(self.tr("取消"))
        self.ok_button.setText(self.tr("确定"))
