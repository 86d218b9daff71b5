"""The window's input is watched where it enters (the QWindow), not by an application-wide filter: presses
and keys reach the handlers with window coordinates, the widget under the finger still gets them, a
handler can eat a key, nothing else calls into the handlers, and a re-created native window (lockdown
changes the window flags) is followed."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget

from ui_common.window_input import WindowInput


def _window(qtbot):
    window = QWidget()
    layout = QVBoxLayout(window)
    button = QPushButton("按钮")
    edit = QLineEdit("示例")
    layout.addWidget(button)
    layout.addWidget(edit)
    qtbot.addWidget(window)
    window.resize(400, 300)
    window.show()
    qtbot.waitExposed(window)
    return window, button, edit


def _centre_in_window(widget: QWidget, window: QWidget) -> QPoint:
    return widget.mapTo(window, widget.rect().center())


def test_a_press_on_a_child_is_seen_at_the_window_and_still_reaches_the_child(qtbot):
    window, button, _edit = _window(qtbot)
    seen = []
    watch = WindowInput(window)
    watch.subscribe(lambda event, point: seen.append((event.type(), point)))
    clicked = []
    button.clicked.connect(lambda: clicked.append(True))
    where = _centre_in_window(button, window)
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)
    assert clicked == [True]
    points = [point for _kind, point in seen if point is not None]
    assert points == [where]


def test_painting_and_layout_never_call_the_handlers(qtbot):
    window, button, _edit = _window(qtbot)
    seen = []
    WindowInput(window).subscribe(lambda event, point: seen.append(event.type()))
    for _ in range(3):
        button.setText(button.text() + "！")
        window.repaint()
        qtbot.wait(5)
    assert seen == []


def test_a_handler_can_eat_a_key_before_the_focused_field_gets_it(qtbot):
    window, _button, edit = _window(qtbot)
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    edit.end(False)
    watch = WindowInput(window)
    eat = [True]
    watch.subscribe(lambda event, _point: eat[0] and event.type() == event.Type.KeyPress
                    and event.key() == Qt.Key.Key_Backspace)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Backspace)
    assert edit.text() == "示例"
    eat[0] = False
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Backspace)
    assert edit.text() == "示"


def test_a_recreated_native_window_is_followed(qtbot):
    window, button, _edit = _window(qtbot)
    seen = []
    WindowInput(window).subscribe(lambda event, point: point is not None and seen.append(point))
    window.setWindowFlags(window.windowFlags() | Qt.WindowType.FramelessWindowHint)
    window.show()
    qtbot.waitExposed(window)
    where = _centre_in_window(button, window)
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)
    assert seen == [where]


def test_closed_it_calls_nobody(qtbot):
    window, button, _edit = _window(qtbot)
    seen = []
    watch = WindowInput(window)
    watch.subscribe(lambda event, point: seen.append(point))
    watch.close()
    watch.close()     # twice is harmless
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     _centre_in_window(button, window))
    assert seen == []
