"""Counter client (窗口受理): the clerk's workspace."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui_common.context import AppContext


def create_main_window(ctx: AppContext) -> QWidget:
    from window_client.main_window import CounterMainWindow

    return CounterMainWindow(ctx)
