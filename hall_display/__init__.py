"""Hall call display (叫号屏)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui_common.context import AppContext


def create_main_window(ctx: AppContext) -> QWidget:
    from hall_display.main_window import HallDisplayWindow

    return HallDisplayWindow(ctx)
