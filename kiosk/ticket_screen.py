"""取号 (take a ticket): choose the service, place the ID card, the ticket prints with the wait estimate.

Kiosk rule (as most halls do it, 刷证取号): a ticket is taken with the ID card. The hall server keeps one open
ticket per person and service a day, and the kiosk sends it the person's pseudonym (``person_hmac``) so it
can refuse a second one kindly. The pseudonym is this terminal's lookup HMAC of the ID number
(``Store.keys.person_hmac``): the hall server never sees the number (so the refusal holds for tickets
taken on this kiosk; a hall-wide key would extend it to every kiosk). A person who identified earlier in
the session (``KioskSession.person``) is not asked again. Without a card the screen
sends the person to the information desk (咨询台), which issues tickets by hand.

Hall server down: the screen says so and offers what still works on this kiosk without it (办事, 查进度,
打印证照); a kiosk with degraded mode (``HallClient.offline``) still issues a provisional number.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from core.documents.ticket import TicketData, render_ticket
from core.queueing.errors import HallError, HallUnavailable
from core.queueing.models import ServiceQueue, Ticket
from kiosk.journey_frame import JourneyScreen
from kiosk.session import KioskEvents, KioskSession
from ui_common.context import AppContext
from ui_common.widgets import TouchTile

log = logging.getLogger(__name__)
ALREADY_OPEN = "TICKET_ALREADY_OPEN"


def wait_minutes(seconds: int | None) -> int | None:
    return None if seconds is None else max(1, round(seconds / 60))


class TicketDisplay(QFrame):
    """The ticket as the screen shows it: the number large, the wait as an estimate."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "hint")
        self.number = QLabel(self)
        self.number.setProperty("role", "ticket-number")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.service = QLabel(self)
        self.waiting = QLabel(self)
        self.estimate = QLabel(self)
        self.status = QLabel(self)
        for label in (self.service, self.waiting, self.estimate, self.status):
            label.setProperty("role", "body")
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(12)
        for widget in (self.number, self.service, self.waiting, self.estimate, self.status):
            layout.addWidget(widget)


class TicketScreen(JourneyScreen):
    ticket_issued = Signal(object)   # core.queueing.models.Ticket

    def __init__(self, ctx: AppContext, session: KioskSession, events: KioskEvents,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, session, events, parent)
        self.setObjectName("kiosk-ticket")
        self.services: tuple[ServiceQueue, ...] = ()
        self.chosen: ServiceQueue | None = None
        self.person: Any = session.person
        self.ticket: Ticket | None = None
        self.tiles: dict[str, TouchTile] = {}
        self._state = "loading"
        self._print_status = "none"   # printing | printed | none
        self._existing_number: str | None = None

        self.choose_page = QWidget(self)
        self.choose_hint = QLabel(self.choose_page)
        self.choose_hint.setProperty("role", "body")
        self.choose_hint.setWordWrap(True)
        self.tile_grid = QGridLayout()
        self.tile_grid.setSpacing(24)
        choose_layout = QVBoxLayout(self.choose_page)
        choose_layout.setContentsMargins(0, 0, 0, 0)
        choose_layout.addWidget(self.choose_hint)
        choose_layout.addLayout(self.tile_grid, 1)
        self.add_page(self.choose_page)

        self.card_page = QFrame(self)
        self.card_page.setProperty("role", "hint")
        self.card_arrow = QLabel("↓", self.card_page)
        self.card_arrow.setProperty("role", "hint-arrow")
        self.card_text = QLabel(self.card_page)
        self.card_text.setProperty("role", "heading")
        self.card_text.setWordWrap(True)
        self.no_card_button = QPushButton(self.card_page)
        self.no_card_button.setMinimumSize(280, 88)
        self.no_card_button.setProperty("touch", "large")
        self.no_card_button.clicked.connect(self._no_card)
        card_layout = QVBoxLayout(self.card_page)
        card_layout.setContentsMargins(40, 40, 40, 40)
        row = QHBoxLayout()
        row.addWidget(self.card_arrow)
        row.addWidget(self.card_text, 1)
        card_layout.addStretch(1)
        card_layout.addLayout(row)
        card_layout.addStretch(1)
        card_layout.addWidget(self.no_card_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.add_page(self.card_page)

        self.result_page = QWidget(self)
        self.ticket_view = TicketDisplay(self.result_page)
        self.done_button = QPushButton(self.result_page)
        self.done_button.setProperty("role", "primary")
        self.done_button.setMinimumSize(280, 96)
        self.done_button.setProperty("touch", "large")
        self.done_button.clicked.connect(self.home_requested)
        result_layout = QVBoxLayout(self.result_page)
        result_layout.setContentsMargins(0, 0, 0, 0)
        result_layout.addWidget(self.ticket_view, 1)
        result_layout.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.add_page(self.result_page)

        session.started.connect(self._identified)
        self.retranslate()
        self.load_services()

    # --- 1. the services --------------------------------------------------------------------------

    def load_services(self) -> None:
        hall = self.ctx.hall
        if hall is None or self.ctx.tasks is None:
            self._hall_down()
            return
        self._state = "loading"
        self.say(self.tr("正在获取排队信息…"), self.tr("请稍候。"))
        self.ctx.tasks.run(hall.snapshot, on_success=lambda snap: self.show_services(snap.services),
                           on_failure=self._snapshot_failed)

    def _snapshot_failed(self, exc: BaseException) -> None:
        log.warning("TICKET_SNAPSHOT_FAILED %s", getattr(exc, "code", type(exc).__name__))
        self._hall_down()

    def show_services(self, services: tuple[ServiceQueue, ...] | list[ServiceQueue]) -> None:
        if not self.alive():
            return
        self.services = tuple(services)
        for tile in self.tiles.values():
            self.tile_grid.removeWidget(tile)
            tile.deleteLater()
        self.tiles = {}
        columns = 2 if len(self.services) <= 4 else 3
        for index, service in enumerate(self.services):
            tile = TouchTile(service.code, self.choose_page)
            tile.clicked.connect(lambda _=False, code=service.code: self.choose(code))
            self.tile_grid.addWidget(tile, index // columns, index % columns)
            self.tiles[service.code] = tile
        self._state = "choose"
        self._label_tiles()
        self.show_page(self.choose_page)

    def _label_tiles(self) -> None:
        for service in self.services:
            minutes = wait_minutes(service.estimated_wait_s)
            waiting = self.tr("等候 {n} 人").format(n=service.waiting)
            estimate = (self.tr("预计约 {m} 分钟（估算）").format(m=minutes) if minutes is not None
                        else self.tr("暂无法估算等候时间"))
            self.tiles[service.code].set_texts(service.name, f"{waiting} · {estimate}")

    def choose(self, service_code: str) -> None:
        self.chosen = next((s for s in self.services if s.code == service_code), None)
        if self.chosen is None:
            return
        if self.person is None:
            self._state = "card"
            self._label_card_page()
            self.show_page(self.card_page)
            return
        self.issue()

    # --- 2. the card ------------------------------------------------------------------------------

    def _identified(self, person: Any) -> None:
        """The main window read the card (or a QR) and started the session."""
        self.person = person
        if self._state == "card" and self.chosen is not None:
            self.issue()

    def _no_card(self) -> None:
        self.say(self.tr("请到咨询台取号"), self.tr("本机凭身份证取号。未带身份证的，请到大厅咨询台，"
                                                 "工作人员会为您取号。"))

    # --- 3. the ticket ----------------------------------------------------------------------------

    def person_key(self) -> str | None:
        store = self.ctx.store
        if self.person is None or store is None or not getattr(self.person, "id_number", ""):
            return None
        return store.keys.person_hmac(self.person.id_number)

    def issue(self) -> None:
        hall, service = self.ctx.hall, self.chosen
        if hall is None or service is None or self.ctx.tasks is None:
            self._hall_down()
            return
        self._state = "issuing"
        self.say(self.tr("正在取号…"), self.tr("请稍候，凭条马上打印。"))
        key = self.person_key()
        self.ctx.tasks.run(lambda: hall.issue_ticket(service.code, person_hmac=key),
                           on_success=self.show_ticket, on_failure=self._issue_failed)

    def _issue_failed(self, exc: BaseException) -> None:
        if not self.alive():
            return
        code = getattr(exc, "code", type(exc).__name__)
        log.info("TICKET_NOT_ISSUED %s", code)
        if isinstance(exc, HallError) and code == ALREADY_OPEN:
            self.show_already_open(exc.body.get("existing_number"))
        elif isinstance(exc, HallUnavailable):
            self._hall_down()
        else:
            message = exc.user_message if isinstance(exc, HallError) else self.tr("暂时无法取号。")
            self.say(self.tr("暂时无法取号"), message + "\n" + self.tr("请到大厅咨询台取号。"))

    def show_already_open(self, number: str | None) -> None:
        self._state = "refused"
        self._existing_number = number
        body = (self.tr("您今天已经取过这项业务的号：{number}。请留意叫号屏幕和语音提示，不必再取。")
                .format(number=number) if number else
                self.tr("您今天已经取过这项业务的号，请留意叫号屏幕和语音提示，不必再取。"))
        self.say(self.tr("您已经有号了"), body + "\n" + self.tr("如果号码已过号，请到咨询台咨询。"))

    def show_ticket(self, ticket: Ticket, *, print_it: bool = True) -> None:
        if not self.alive():
            return
        self.ticket = ticket
        self._state = "issued"
        self.ticket_issued.emit(ticket)
        self._print_status = "printing" if print_it else "none"
        if print_it and self.ctx.signing_key is None:
            log.error("TICKET_NOT_SIGNED: no signing key; the ticket shows on screen only")
            self._print_status = "none"
        self._label_ticket()
        self.show_page(self.result_page)
        if self._print_status == "printing":
            data, key = self._ticket_data(ticket), self.ctx.signing_key
            self.render_and_print(lambda: render_ticket(data, key=key), on_printed=self._printed,
                                  on_failed=self._not_printed)

    def _not_printed(self, _exc: BaseException) -> None:
        self._print_status = "none"
        self._label_ticket()

    def _printed(self, _result: object) -> None:
        self._print_status = "printed"
        self._label_ticket()

    def _ticket_data(self, ticket: Ticket) -> TicketData:
        return TicketData(number=ticket.number, service=ticket.service_name, waiting_ahead=ticket.waiting_ahead or 0,
                          estimated_wait_minutes=wait_minutes(ticket.estimated_wait_s),
                          issued_at=ticket.issued_at or datetime.now().astimezone(),
                          hall_name=self.ctx.setting("terminal.hall_name", ""))

    def _label_ticket(self) -> None:
        ticket = self.ticket
        if ticket is None:
            return
        view = self.ticket_view
        view.number.setText(ticket.number)
        view.service.setText(self.tr("办理业务：{service}").format(service=ticket.service_name))
        view.waiting.setText(self.tr("您前面还有 {n} 人等候").format(n=ticket.waiting_ahead or 0))
        minutes = wait_minutes(ticket.estimated_wait_s)
        view.estimate.setText(self.tr("预计等候约 {m} 分钟（估算，仅供参考）").format(m=minutes)
                              if minutes is not None else self.tr("暂无法估算等候时间"))
        if ticket.provisional:
            view.status.setText(self.tr("排队服务暂时连接不上，这是本机发出的临时号，同样有效，请留意叫号。"))
        elif self._print_status == "printing":
            view.status.setText(self.tr("凭条正在打印…"))
        elif self._print_status == "printed":
            view.status.setText(self.tr("凭条已打印，请取走凭条，留意叫号屏幕和语音提示。"))
        else:
            view.status.setText(self.tr("请记下您的号码，留意叫号屏幕和语音提示。"))

    # --- the hall server is away -----------------------------------------------------------------

    def _hall_down(self) -> None:
        if not self.alive():
            return
        self._state = "hall_down"
        self.say(self.tr("取号服务暂时连接不上"),
                 self.tr("请稍候再试，或到大厅咨询台取号。\n办事、查进度和打印证照不受影响，仍可在本机办理。"),
                 [(self.tr("再试一次"), self.load_services)])

    # --- words ------------------------------------------------------------------------------------

    @property
    def state(self) -> str:
        return self._state

    def _label_card_page(self) -> None:
        service = self.chosen.name if self.chosen is not None else ""
        self.card_text.setText(self.tr("您选择了：{service}\n请将身份证平放在屏幕下方的读卡区取号").format(service=service))

    def retranslate(self) -> None:
        super().retranslate()
        self.heading.setText(self.tr("取号"))
        self.choose_hint.setText(self.tr("请选择要办理的业务，取号后到人工窗口办理"))
        self.no_card_button.setText(self.tr("没有带身份证"))
        self.done_button.setText(self.tr("完成"))
        if self.services:
            self._label_tiles()
        self._label_card_page()
        if self.ticket is not None:
            self._label_ticket()
        if self._state == "hall_down":
            self._hall_down()
        elif self._state == "refused":
            self.show_already_open(self._existing_number)
