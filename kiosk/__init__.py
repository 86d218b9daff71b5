"""Self-service kiosk (自助终端): what a citizen touches."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui_common.context import AppContext


def create_main_window(ctx: AppContext) -> QWidget:
    from kiosk.home_screen import APPLY, GUIDE
    from kiosk.main_window import KioskMainWindow
    from kiosk.service_journeys import register_service_journeys

    window = KioskMainWindow(ctx)
    register_service_journeys(window)

    def journey(browse_first: bool):
        def factory(context: AppContext) -> QWidget:
            from kiosk.apply_journey import ApplyJourney  # on first use: it loads the guide, rules, documents

            screen = ApplyJourney(context, window.session, window.events, browse_first=browse_first)
            screen.finished.connect(window.reset)
            return screen
        return factory

    window.register_journey(APPLY, journey(False))
    window.register_journey(GUIDE, journey(True))
    return window
