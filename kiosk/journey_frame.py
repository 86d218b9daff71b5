"""What the ticket, progress and print-results journeys share: a heading, a stack of pages, a calm message
page, the 返回首页 button, device events on the GUI thread, and printing with the on-screen fallback.

A journey screen is dropped by the main window when the citizen goes home (or the idle reset does it), so
all it holds about a person goes with it. Who the person is lives in the window's ``KioskSession``; device
events come through the window's one ``KioskEvents`` (Qt drops the connections with the screen). Work that
finishes after the screen has gone (a print, a look-up) is dropped: ``alive()`` says whether to go on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget
from shiboken6 import isValid

from core.documents.common import HallInfo, IssuedDocument
from core.print_queue import PrintResult
from kiosk.screen_shown import ReportsShown, screen_shown
from kiosk.session import KioskEvents, KioskSession
from ui_common import print_flow
from ui_common.context import AppContext
from ui_common.document_on_screen import DocumentOnScreen
from ui_common.print_flow import print_document

log = logging.getLogger(__name__)


def hall_info(ctx: AppContext) -> HallInfo:
    """The hall as documents print it, from the terminal's settings."""
    terminal = ctx.setting("terminal.id", "")
    return print_flow.hall_info(ctx, f"自助终端 {terminal}" if terminal else "")


class MessagePage(ReportsShown, QWidget):
    """A calm full-page message: a title, what happened in plain words, and up to two ways on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setProperty("role", "heading")
        self.title.setWordWrap(True)
        self.body = QLabel(self)
        self.body.setProperty("role", "body")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.actions = QHBoxLayout()
        self.actions.setSpacing(24)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 24, 0, 0)
        layout.setSpacing(24)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addStretch(1)
        layout.addLayout(self.actions)
        self._buttons: list[QPushButton] = []

    def show_message(self, title: str, body: str, actions: list[tuple[str, Callable[[], None]]] = ()) -> None:
        self.title.setText(title)
        self.body.setText(body)
        while self.actions.count():
            widget = self.actions.takeAt(0).widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self._buttons = []
        for index, (text, slot) in enumerate(actions):
            button = QPushButton(text, self)
            button.setMinimumSize(280, 96)
            button.setProperty("role", "primary" if index == 0 else "")
            button.setProperty("touch", "large")
            button.clicked.connect(slot)
            self.actions.addWidget(button)
            self._buttons.append(button)
        self.actions.addStretch(1)

    @property
    def buttons(self) -> list[QPushButton]:
        return list(self._buttons)


class JourneyScreen(ReportsShown, QWidget):
    """Base of a journey: ``home_requested`` asks the main window to go back to the start screen."""

    home_requested = Signal()

    def __init__(self, ctx: AppContext, session: KioskSession, events: KioskEvents,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        self.events = events
        self._left = False
        self.heading = QLabel(self)
        self.heading.setProperty("role", "heading")
        self.heading.setWordWrap(True)
        self.pages = QStackedWidget(self)
        self.message = MessagePage(self)
        self.pages.addWidget(self.message)
        self.home_button = QPushButton(self)
        self.home_button.setMinimumSize(240, 88)
        self.home_button.setProperty("touch", "large")
        self.home_button.clicked.connect(self.home_requested)
        self.document_view: DocumentOnScreen | None = None

        bottom = QHBoxLayout()
        bottom.addWidget(self.home_button)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.setSpacing(24)
        layout.addWidget(self.heading)
        layout.addWidget(self.pages, 1)
        layout.addLayout(bottom)

    # --- pages and messages ---------------------------------------------------------------------

    def add_page(self, page: QWidget) -> QWidget:
        self.pages.addWidget(page)
        return page

    def show_page(self, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)
        screen_shown(page)

    def say(self, title: str, body: str, actions: list[tuple[str, Callable[[], None]]] = ()) -> None:
        self.message.show_message(title, body, list(actions))
        self.show_page(self.message)

    def alive(self) -> bool:
        """False once the screen has been left or deleted: late results are dropped."""
        return not self._left and isValid(self)

    def leave(self) -> None:
        self._left = True

    # --- printing -------------------------------------------------------------------------------

    def print_or_show(self, document: IssuedDocument, *, case_id: str | None = None,
                      on_printed: Callable[[PrintResult], None] | None = None) -> None:
        """Print ``document``; if it cannot print, show it on the screen with its QR and where to collect it."""

        def done(result: PrintResult) -> None:
            if not self.alive():
                return
            if result.printed:
                if on_printed is not None:
                    on_printed(result)
                return
            log.warning("JOURNEY_PRINT_FALLBACK %s [%s]", document.kind.name, result.reason_code)
            self.show_document(document, self.tr("打印机暂时无法使用，请用手机拍下右侧二维码，"
                                                 "或凭二维码到大厅服务台领取打印件。"))

        print_document(self.ctx, document, case_id=case_id, on_result=done)

    def render_and_print(self, render: Callable[[], IssuedDocument], *, case_id: str | None = None,
                         on_printed: Callable[[PrintResult], None] | None = None,
                         on_failed: Callable[[BaseException], None] | None = None) -> None:
        """Render off the GUI thread (a PDF takes a moment), then ``print_or_show``."""

        def rendered(document: IssuedDocument) -> None:
            if self.alive():
                self.print_or_show(document, case_id=case_id, on_printed=on_printed)

        def failed(exc: BaseException) -> None:
            log.error("JOURNEY_RENDER_FAILED %s", getattr(exc, "code", type(exc).__name__))
            if not self.alive():
                return
            if on_failed is not None:
                on_failed(exc)
            else:
                self.say(self.tr("暂时无法出具文书"), self.tr("请到大厅服务台办理打印。"))

        if self.ctx.tasks is None:
            failed(RuntimeError("no task runner"))
            return
        self.ctx.tasks.run(render, on_success=rendered, on_failure=failed)

    def show_document(self, document: IssuedDocument, reason: str) -> DocumentOnScreen:
        if self.document_view is not None:
            self.pages.removeWidget(self.document_view)
            self.document_view.deleteLater()
        self.document_view = DocumentOnScreen(document, reason, self)
        self.document_view.done.connect(self.home_requested)
        self.add_page(self.document_view)
        self.show_page(self.document_view)
        return self.document_view

    # --- words ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.home_button.setText(self.tr("返回首页"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
