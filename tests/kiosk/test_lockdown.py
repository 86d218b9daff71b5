"""Lockdown: no key leaves the kiosk, a close request is refused, and the technician's hidden gesture plus
the right PIN is the only way out (a wrong PIN keeps it locked)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from core.config.pin import hash_pin
from kiosk import create_main_window
from ui_common.hidden_gesture import Corner, HiddenGesture

PIN = "246810"
PIN_HASH = hash_pin(PIN)   # the config holds only the Argon2id hash


def _locked(qtbot, make_ctx, **settings):
    window = create_main_window(make_ctx("kiosk", **settings))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.lock_down()
    qtbot.waitExposed(window)
    return window


def _five_taps(qtbot, window):
    for _ in range(5):
        qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))


def test_lockdown_is_frameless_full_screen_and_keys_do_not_leave(qtbot, make_ctx):
    window = _locked(qtbot, make_ctx, **{"kiosk.technician_pin_hash": PIN_HASH})
    try:
        assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
        assert window.isFullScreen() or window.windowState() & Qt.WindowState.WindowFullScreen
        for key, modifier in ((Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                              (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
                              (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)):
            qtbot.keyClick(window, key, modifier)
        window.close()   # what the window manager's Alt+F4 asks
        QApplication.processEvents()
        assert window.isVisible()
    finally:
        window.lockdown.release()
        window.close()


def test_hidden_gesture_and_a_wrong_pin_stay_locked_the_right_pin_exits(qtbot, make_ctx):
    window = _locked(qtbot, make_ctx, **{"kiosk.technician_pin_hash": PIN_HASH})
    try:
        # Four taps are not enough; taps elsewhere do not count.
        for _ in range(4):
            qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
        qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=QPoint(600, 400))
        assert window.lockdown.pin_overlay is None

        _five_taps(qtbot, window)
        overlay = window.lockdown.pin_overlay
        assert overlay is not None and overlay.isVisible()
        overlay.enter("111111")
        qtbot.mouseClick(overlay.ok_button, Qt.MouseButton.LeftButton)
        assert overlay.isVisible() and "不正确" in overlay.message.text()
        assert window.isVisible()

        qtbot.mouseClick(overlay.cancel_button, Qt.MouseButton.LeftButton)
        assert not overlay.isVisible() and window.isVisible()

        _five_taps(qtbot, window)
        assert overlay.isVisible() and overlay.message.text() == ""
        for digit in PIN:
            qtbot.mouseClick(overlay.digit_buttons[digit], Qt.MouseButton.LeftButton)
        assert overlay.dots.text() == "●" * len(PIN)
        qtbot.mouseClick(overlay.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)
        assert window.lockdown.may_close
    finally:
        if window.lockdown is not None:
            window.lockdown.release()
        window.close()


def test_without_any_pin_configured_every_pin_is_refused(qtbot, make_ctx):
    window = _locked(qtbot, make_ctx)
    try:
        _five_taps(qtbot, window)
        overlay = window.lockdown.pin_overlay
        for _ in range(3):
            overlay.enter("000000")
            overlay.submit()
        assert not overlay.isVisible()   # three wrong PINs close the keypad
        assert window.isVisible()
    finally:
        window.lockdown.release()
        window.close()


def test_a_gate_from_outside_decides(qtbot, make_ctx):
    window = create_main_window(make_ctx("kiosk"))
    qtbot.addWidget(window)
    asked = []
    window.lock_down(gate=lambda parent, done: (asked.append(parent), done(True)))
    qtbot.waitExposed(window)
    window.request_exit()
    assert asked == [window]
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)


def test_the_gesture_counts_only_quick_taps_in_its_corner(qtbot, make_ctx):
    window = create_main_window(make_ctx("kiosk"))
    qtbot.addWidget(window)
    window.resize(1000, 800)
    now = [0.0]
    gesture = HiddenGesture(window, window.input, corner=Corner.BOTTOM_RIGHT, taps=3, within_s=3.0,
                            clock=lambda: now[0])
    try:
        corner = QPoint(990, 790)
        assert not gesture.tap(corner)
        now[0] = 2.0
        assert not gesture.tap(corner)
        now[0] = 3.5            # the first tap is too old now: two count
        assert not gesture.tap(corner)
        now[0] = 4.0            # three within 3 s
        assert gesture.tap(corner)
        assert not gesture.in_corner(QPoint(10, 10))
    finally:
        gesture.close()
