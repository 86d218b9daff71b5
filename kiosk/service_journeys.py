"""The journeys of 取号, 查进度 and 打印证照, registered on the kiosk window.

Each factory builds a fresh screen for one citizen and wires its ``home_requested`` to the window, which
drops the screen (and what it knew about the person) on the way home.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.home_screen import PRINT, PROGRESS, TICKET

if TYPE_CHECKING:
    from kiosk.journey_frame import JourneyScreen
    from kiosk.main_window import KioskMainWindow
    from ui_common.context import AppContext


# Imported when first opened, not at start-up: the screens pull in documents, the store and the platform
# client, which the home screen's first frame does not need (bench/startup.py).
SCREENS = {TICKET: ("kiosk.ticket_screen", "TicketScreen"), PROGRESS: ("kiosk.progress_screen", "ProgressScreen"),
           PRINT: ("kiosk.print_results_screen", "PrintResultsScreen")}


def screen_class(journey: str) -> Callable[..., JourneyScreen]:
    module, name = SCREENS[journey]
    return getattr(importlib.import_module(module), name)


def register_service_journeys(window: KioskMainWindow) -> None:
    def factory(journey: str) -> Callable[[AppContext], JourneyScreen]:
        def build(ctx: AppContext) -> JourneyScreen:
            screen = screen_class(journey)(ctx, window.session, window.events)
            # 返回首页 / 完成 ends the person's session: the next citizen starts clean.
            screen.home_requested.connect(window.reset)
            return screen

        return build

    for journey in SCREENS:
        window.register_journey(journey, factory(journey))
