"""The journeys of 取号, 查进度 and 打印证照, registered on the kiosk window.

Each factory builds a fresh screen for one citizen and wires its ``home_requested`` to the window, which
drops the screen (and what it knew about the person) on the way home.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.home_screen import PRINT, PROGRESS, TICKET
from kiosk.print_results_screen import PrintResultsScreen
from kiosk.progress_screen import ProgressScreen
from kiosk.ticket_screen import TicketScreen

if TYPE_CHECKING:
    from kiosk.journey_frame import JourneyScreen
    from kiosk.main_window import KioskMainWindow
    from ui_common.context import AppContext


def register_service_journeys(window: KioskMainWindow) -> None:
    def factory(screen_class: Callable[..., JourneyScreen]) -> Callable[[AppContext], JourneyScreen]:
        def build(ctx: AppContext) -> JourneyScreen:
            screen = screen_class(ctx, window.session, window.events)
            # 返回首页 / 完成 ends the person's session: the next citizen starts clean.
            screen.home_requested.connect(window.reset)
            return screen

        return build

    window.register_journey(TICKET, factory(TicketScreen))
    window.register_journey(PROGRESS, factory(ProgressScreen))
    window.register_journey(PRINT, factory(PrintResultsScreen))
