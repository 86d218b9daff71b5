"""The Qt binding itself must not leak or drop references: a kiosk makes millions of Qt calls in a month.

PySide6 6.12.0 on Python 3.11 released a reference to ``None`` on every call of a Qt method returning
nothing; after enough calls the interpreter aborted with "none_dealloc". pyproject.toml excludes that
release; this test catches the next binding that does the same.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_qt_calls_keep_the_reference_count_of_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("办事")
        label.setVisible(False)
    drift = sys.getrefcount(None) - before
    assert abs(drift) < 100, f"None's reference count drifted by {drift} over 4000 Qt calls"
