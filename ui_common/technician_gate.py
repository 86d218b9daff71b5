"""The technician PIN gate for the hidden entry on a kiosk or counter: a touch keypad over the window (a kiosk
has no keyboard), never a modal loop.

    gate = PinGate(lambda: ctx.setting("kiosk.technician_pin_hash", ""))   # one per terminal (lock-out)
    overlay = TechnicianPinOverlay(window, gate, store=ctx.store, actor="kiosk:K01")
    overlay.open(done)          # done(True) for the right PIN, done(False) when cancelled or refused

The check is ``core.config.pin.PinGate`` (Argon2id, lock-out after repeated failures); with no PIN set every
PIN is refused. Every attempt's outcome is written to the audit log when a store is given; the PIN itself is
never logged. After three refusals the keypad closes, so guessing needs the hidden gesture again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from core.config.pin import PinCheck, PinGate

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 3
MAX_DIGITS = 12


class TechnicianPinOverlay(QFrame):
    """``open(done)``: ``done(True)`` for the right PIN, ``done(False)`` when cancelled or refused."""

    def __init__(self, parent: QWidget, gate: PinGate, *, store: Any = None, actor: str = "terminal") -> None:
        super().__init__(parent)
        self.setProperty("role", "overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.gate = gate
        self._store = store
        self._actor = actor
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
        result: PinCheck | None = None
        if pin:
            try:
                result = self.gate.check(pin)
            except Exception:   # a broken gate must not open the terminal, nor crash it
                log.exception("TECHNICIAN_PIN_CHECK_FAILED")
            else:
                self._audit(result.reason)
        if result is not None and result.ok:
            log.info("TECHNICIAN_EXIT_GRANTED")
            self._finish(True)
            return
        self.attempts += 1
        log.warning("TECHNICIAN_PIN_REFUSED attempt %d", self.attempts)
        if self.attempts >= MAX_ATTEMPTS:
            self._finish(False)
            return
        self.message.setText(self._refusal(result))

    def _refusal(self, result: PinCheck | None) -> str:
        if result is None:
            return self.tr("密码不正确，请重新输入。")
        if result.reason == "locked":
            minutes = max(1, round(result.locked_for_s / 60))
            return self.tr("密码错误次数过多，请 {m} 分钟后再试。").format(m=minutes)
        if result.reason == "not_set":
            return self.tr("本机未设置技术维护密码：请在技术维护模式（python main.py technician）中设置。")
        return self.tr("密码不正确，还可以再试 {n} 次。").format(n=result.attempts_left)

    def _audit(self, reason: str) -> None:
        if self._store is None:
            return
        try:
            self._store.audit.append(self._actor, "technician.entry", "pin", {"result": reason})
        except Exception:   # an audit failure must not lock the technician out, but it must be seen
            log.exception("AUDIT_WRITE_FAILED technician.entry")

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

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
