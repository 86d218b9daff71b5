"""Kiosk screens say when they appear, so the voice guide can read the new one.

Each screen base (the home screen, journey steps and frames, message pages, overlays) mixes in
``ReportsShown`` ahead of its Qt class; a page switched in without a base of its own is reported with
``screen_shown(page)``. The voice guide listens to ``shown_screens().shown``.

This replaced an application-wide event filter that watched every Show event: such a filter is called
for every event of every object (thousands per journey), each call takes the GIL, and with a worker
thread busy that stretched single frames past 100 ms (see ui_common/window_input.py).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget


class ShownScreens(QObject):
    shown = Signal(QWidget)


_shown: ShownScreens | None = None


def shown_screens() -> ShownScreens:
    global _shown
    if _shown is None:
        _shown = ShownScreens()
    return _shown


def screen_shown(widget: QWidget) -> None:
    shown_screens().shown.emit(widget)


class ReportsShown:
    """Mix in before the Qt widget class: the screen reports itself each time it is shown."""

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        screen_shown(self)
