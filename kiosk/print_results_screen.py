"""打印证照: the identified person's completed cases that carry a licence; a tap prints the licence again.

Identification is the shared identify screen (card or e-licence QR); a person who identified earlier in
the session goes straight to the list. The licence is rendered again from the case (same number, same
holder, a fresh QR signed by this terminal) and printed on the A4 printer; when it cannot print, it shows
on the screen with its QR and where to collect the print.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from core.cases.model import Case, CaseState
from core.documents.licence import render_licence
from kiosk.case_list_view import CaseListView
from kiosk.identify_screen import IdentifyScreen
from kiosk.journey_frame import JourneyScreen, hall_info
from kiosk.session import KioskEvents, KioskSession
from ui_common.context import AppContext

log = logging.getLogger(__name__)
PRINTABLE_STATES = (CaseState.COMPLETED, CaseState.DELIVERED)


def printable(cases: list[Case]) -> list[Case]:
    """Completed cases with a licence, newest first."""
    return [c for c in cases if c.state in PRINTABLE_STATES and c.licence is not None]


class PrintResultsScreen(JourneyScreen):
    def __init__(self, ctx: AppContext, session: KioskSession, events: KioskEvents,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, session, events, parent)
        self.setObjectName("kiosk-print-results")
        self._state = "identify"
        self.cases: list[Case] = []

        self.identify = IdentifyScreen(ctx, session, events, self)
        self.identify.heading.hide()            # this screen's heading says what the journey is
        self.identify.back_button.hide()        # and its own 返回首页 sits below
        self.identify.identified.connect(self.identified)
        self.add_page(self.identify)

        self.list_page = QWidget(self)
        self.intro = QLabel(self.list_page)
        self.intro.setProperty("role", "body")
        self.intro.setWordWrap(True)
        self.case_list = CaseListView(self.list_page)
        self.status = QLabel(self.list_page)
        self.status.setProperty("role", "body")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self.list_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(self.intro)
        layout.addWidget(self.case_list, 1)
        layout.addWidget(self.status)
        self.add_page(self.list_page)

        self.retranslate()
        if session.person is not None:
            self.identified(session.person)
        else:
            self.show_page(self.identify)

    @property
    def state(self) -> str:
        return self._state

    def identified(self, person: Any) -> None:
        if not self.alive() or self._state not in ("identify",):
            return
        store, tasks = self.ctx.store, self.ctx.tasks
        if store is None or tasks is None or not getattr(person, "id_number", ""):
            self._state = "unavailable"
            self.say(self.tr("暂时无法查询"), self.tr("请到大厅服务台打印证照。"))
            return
        self._state = "looking"
        self.say(self.tr("正在查找您的证照…"), self.tr("请稍候。"))
        tasks.run(lambda: printable(store.cases.by_person(person.id_number)), on_success=self.show_cases,
                  on_failure=self._lookup_failed)

    def _lookup_failed(self, exc: BaseException) -> None:
        log.error("PRINT_RESULTS_LOOKUP_FAILED %s", getattr(exc, "code", type(exc).__name__))
        if self.alive():
            self._state = "unavailable"
            self.say(self.tr("暂时无法查询"), self.tr("请稍候再试，或到大厅服务台打印证照。"))

    def show_cases(self, cases: list[Case]) -> None:
        if not self.alive():
            return
        self.cases = list(cases)
        if not self.cases:
            self._state = "none"
            self.say(self.tr("没有可打印的证照"),
                     self.tr("本机没有查到您已办结、可当场打印的证照。办理中的事项可在“查进度”查看；"
                             "其他渠道办结的证照，请到综合窗口领取。"))
            return
        self._state = "list"
        self.case_list.set_cases(self.cases, action=self.tr("打印"), on_action=self.print_licence)
        self._label_list()
        self.status.clear()
        self.show_page(self.list_page)

    def print_licence(self, case: Case) -> None:
        catalog, key = self.ctx.catalog, self.ctx.signing_key
        item = catalog.item(case.item_code) if catalog is not None else None
        if item is None or key is None:
            log.error("PRINT_RESULTS_NOT_READY item=%s catalogue=%s key=%s", case.item_code,
                      catalog is not None, key is not None)
            self.status.setText(self.tr("暂时无法打印这份证照，请到大厅服务台打印。"))
            return
        department, hall = catalog.department_of(item), hall_info(self.ctx)
        self._state = "printing"
        self.status.setText(self.tr("正在打印{name}…").format(name=case.licence.name))
        for card in self.case_list.cards:
            if card.action_button is not None:
                card.action_button.setEnabled(False)
        self.render_and_print(lambda: render_licence(case, item, department=department, hall=hall, key=key),
                              case_id=case.case_id, on_printed=lambda _r: self._printed(case))

    def _printed(self, case: Case) -> None:
        self._state = "printed"
        self.status.setText(self.tr("{name}已打印，请从下方出纸口取走。").format(name=case.licence.name))
        for card in self.case_list.cards:
            if card.action_button is not None:
                card.action_button.setEnabled(True)

    def _label_list(self) -> None:
        self.intro.setText(self.tr("您有 {n} 份可打印的证照，点“打印”即可重新打印：").format(n=len(self.cases)))

    def retranslate(self) -> None:
        super().retranslate()
        self.heading.setText(self.tr("打印证照：请刷身份证，或出示电子证照二维码")
                             if self._state == "identify" else self.tr("打印证照"))
        if self.cases:
            self._label_list()
            self.case_list.set_cases(self.cases, action=self.tr("打印"), on_action=self.print_licence)

    def show_page(self, page: QWidget) -> None:
        super().show_page(page)
        self.heading.setText(self.tr("打印证照：请刷身份证，或出示电子证照二维码")
                             if page is self.identify else self.tr("打印证照"))
