"""查进度: scan the QR code of a receipt (or licence, or notice), or place the ID card, and see where the cases
stand in plain words; the list can be printed (办件进度查询结果).

A scanned code is untrusted until ``verify_token`` has checked its signature against the keys this terminal
trusts: an altered or forged code is refused with a clear sentence, never looked up. A verified code shows
that one case; the ID card shows all of the person's cases on this terminal (found by the HMAC of the ID
number, ``Store.cases.by_person``).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from core.cases.model import Case
from core.documents.errors import DocumentError
from core.documents.keys import TrustedKeys
from core.documents.progress import render_progress_summary
from core.documents.tokens import DocumentKind, verify_token
from core.events import CodeScanned
from kiosk.case_list_view import CaseListView
from kiosk.journey_frame import JourneyScreen, hall_info
from kiosk.session import KioskEvents, KioskSession
from ui_common.context import AppContext

log = logging.getLogger(__name__)


class ProgressScreen(JourneyScreen):
    def __init__(self, ctx: AppContext, session: KioskSession, events: KioskEvents,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, session, events, parent)
        self.setObjectName("kiosk-progress")
        self._state = "waiting"
        self.person: Any = None
        self.cases: list[Case] = []

        self.start_page = QWidget(self)
        self.scan_box = self._hint_box("▣")
        self.card_box = self._hint_box("↓")
        start = QVBoxLayout(self.start_page)
        start.setContentsMargins(0, 0, 0, 0)
        start.setSpacing(24)
        start.addWidget(self.scan_box)
        start.addWidget(self.card_box)
        start.addStretch(1)
        self.add_page(self.start_page)

        self.result_page = QWidget(self)
        self.result_intro = QLabel(self.result_page)
        self.result_intro.setProperty("role", "body")
        self.result_intro.setWordWrap(True)
        self.case_list = CaseListView(self.result_page)
        self.print_button = QPushButton(self.result_page)
        self.print_button.setProperty("role", "primary")
        self.print_button.setMinimumSize(320, 96)
        self.print_button.setProperty("touch", "large")
        self.print_button.clicked.connect(self.print_summary)
        self.print_status = QLabel(self.result_page)
        self.print_status.setProperty("role", "body")
        self.print_status.setWordWrap(True)
        result = QVBoxLayout(self.result_page)
        result.setContentsMargins(0, 0, 0, 0)
        result.setSpacing(16)
        result.addWidget(self.result_intro)
        result.addWidget(self.case_list, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.print_button)
        actions.addWidget(self.print_status, 1)
        result.addLayout(actions)
        self.add_page(self.result_page)

        events.code_scanned.connect(self.code_scanned)
        session.started.connect(self.identified)
        self.retranslate()
        self.show_page(self.start_page)
        if session.person is not None:
            self.identified(session.person)

    def _hint_box(self, symbol: str) -> QFrame:
        box = QFrame(self.start_page)
        box.setProperty("role", "hint")
        arrow = QLabel(symbol, box)
        arrow.setProperty("role", "hint-arrow")
        text = QLabel(box)
        text.setProperty("role", "hint-text")
        text.setWordWrap(True)
        row = QHBoxLayout(box)
        row.setContentsMargins(32, 28, 32, 28)
        row.setSpacing(24)
        row.addWidget(arrow, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(text, 1)
        box.text = text   # type: ignore[attr-defined]
        return box

    @property
    def state(self) -> str:
        return self._state

    # --- a scanned code ---------------------------------------------------------------------------

    def code_scanned(self, event: CodeScanned) -> None:
        if not self.alive() or self._state == "looking":
            return
        key = self.ctx.signing_key
        if key is None:
            self.refuse(self.tr("本机暂时无法核验二维码，请到人工窗口查询。"))
            return
        try:
            verified = verify_token(event.text, TrustedKeys.for_terminal(key))
        except DocumentError as exc:
            log.info("PROGRESS_CODE_REFUSED %s", exc.code)
            self.refuse(exc.user_message)
            return
        if verified.kind is DocumentKind.QUEUE_TICKET:
            self.refuse(self.tr("这是排队凭条。查询办件进度，请扫描受理回执或许可证上的二维码。"))
            return
        if not verified.case_number:
            self.refuse(self.tr("这是进度查询结果。查询最新进度，请扫描受理回执上的二维码，或刷身份证。"))
            return
        self._lookup(lambda: _one(self.ctx.store.cases.by_number(verified.case_number)), person=None)

    def refuse(self, reason: str) -> None:
        self._state = "refused"
        self.say(self.tr("无法查询"), reason,
                 [(self.tr("重新扫描"), self.restart)])

    # --- the ID card ------------------------------------------------------------------------------

    def identified(self, person: Any) -> None:
        """The main window read the card and started the session."""
        if not getattr(person, "id_number", ""):
            return
        self._lookup(lambda: self.ctx.store.cases.by_person(person.id_number), person=person)

    # --- looking up and showing -------------------------------------------------------------------

    def _lookup(self, find: Any, *, person: Any) -> None:
        if self.ctx.store is None or self.ctx.tasks is None:
            self.refuse(self.tr("本机暂时无法查询，请到人工窗口查询。"))
            return
        self._state = "looking"
        self.say(self.tr("正在查询…"), self.tr("请稍候。"))
        self.ctx.tasks.run(find, on_success=lambda cases: self.show_cases(cases, person=person),
                           on_failure=self._lookup_failed)

    def _lookup_failed(self, exc: BaseException) -> None:
        log.error("PROGRESS_LOOKUP_FAILED %s", getattr(exc, "code", type(exc).__name__))
        if self.alive():
            self.refuse(self.tr("暂时无法查询，请稍候再试，或到人工窗口查询。"))

    def show_cases(self, cases: list[Case], *, person: Any = None) -> None:
        if not self.alive():
            return
        self.cases = list(cases)
        self.person = person if person is not None else (self.cases[0].applicant if self.cases else None)
        if not self.cases:
            self._state = "none"
            self.say(self.tr("没有查到办件"),
                     self.tr("本机没有查到您的办件记录。通过其他渠道或其他大厅申请的事项，请到综合窗口查询。"),
                     [(self.tr("重新查询"), self.restart)])
            return
        self._state = "shown"
        self.case_list.set_cases(self.cases)
        self._label_results()
        self.print_status.clear()
        self.print_button.setEnabled(self._can_print())
        self.show_page(self.result_page)

    def _can_print(self) -> bool:
        return (self.ctx.signing_key is not None and self.person is not None
                and bool(getattr(self.person, "id_number", "")))

    def restart(self) -> None:
        self._state = "waiting"
        self.cases, self.person = [], None
        self.case_list.set_cases([])
        self.show_page(self.start_page)

    # --- printing the summary ---------------------------------------------------------------------

    def print_summary(self) -> None:
        if not self._can_print():
            return
        cases, person, hall, key = list(self.cases), self.person, hall_info(self.ctx), self.ctx.signing_key
        self.print_button.setEnabled(False)
        self.print_status.setText(self.tr("正在打印…"))
        self.render_and_print(lambda: render_progress_summary(cases, applicant=person, hall=hall, key=key),
                              on_printed=lambda _r: self.print_status.setText(self.tr("已打印，请取走打印件。")))

    # --- words ------------------------------------------------------------------------------------

    def _label_results(self) -> None:
        self.result_intro.setText(self.tr("共查到 {n} 件办件：").format(n=len(self.cases)))

    def retranslate(self) -> None:
        super().retranslate()
        self.heading.setText(self.tr("查进度"))
        self.scan_box.text.setText(self.tr("扫描受理回执或许可证上的二维码：请将二维码对准屏幕下方的扫描口"))
        self.card_box.text.setText(self.tr("或者刷身份证，查看您在本机办理的全部办件：请将身份证平放在读卡区"))
        self.print_button.setText(self.tr("打印查询结果"))
        if self.cases:
            self._label_results()
            self.case_list.set_cases(self.cases)


def _one(case: Case | None) -> list[Case]:
    return [case] if case is not None else []
