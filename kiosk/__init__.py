"""Self-service kiosk (自助终端): what a citizen touches."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui_common.context import AppContext


def create_main_window(ctx: AppContext) -> QWidget:
    from kiosk.main_window import KioskMainWindow
    from kiosk.service_journeys import register_service_journeys

    window = KioskMainWindow(ctx)
    register_service_journeys(window)
    return window
