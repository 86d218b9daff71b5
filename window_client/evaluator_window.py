"""评价器: the citizen-facing screen at the counter (its second screen, or ``python main.py evaluator``).

It shows who serves (the clerk's name, staff number and counter) and the ticket being served, from the
hall's events; when the service finishes it shows the five levels. 不满意 / 非常不满意 ask for reasons (a
checklist and optional text). Nothing is recorded if nobody answers before the timeout. The evaluation
is tied to the case numbers decided for that ticket (found in the store by ``ticket_id``) and queued in
the outbox for the platform in one transaction.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.errors import HalltermError
from core.evaluations import DISSATISFIED, LEVELS, REASONS, cases_of_ticket, record_service_evaluation
from core.queueing.events import CounterChanged, TicketCalled, TicketChanged
from core.staff import Clerk, ClerkDirectory
from ui_common.event_bridge import QtEventBridge
from ui_common.tasks import describe_failure

log = logging.getLogger(__name__)
THANKS_MS = 4000


def _big(role: str = "value") -> QLabel:
    label = QLabel()
    label.setProperty("role", role)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    return label


class EvaluatorWindow(QWidget):
    def __init__(self, ctx: Any, directory: ClerkDirectory | None = None, counter_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setProperty("surface", "kiosk")
        self.directory = directory or ClerkDirectory(())
        self.counter_id = counter_id or (str(ctx.setting("counter.number")) if ctx.setting("counter.number") else None)
        self.clerk: Clerk | None = None
        self.ticket: Any = None
        self.finished_ticket: Any = None
        self.level: str | None = None
        self.recorded: list = []
        self.timeout = QTimer(self)
        self.timeout.setSingleShot(True)
        self.timeout.setInterval(int(ctx.setting("counter.evaluation_timeout_s", 30)) * 1000)
        self.timeout.timeout.connect(self.time_out)
        self.thanks_timer = QTimer(self)
        self.thanks_timer.setSingleShot(True)
        self.thanks_timer.setInterval(THANKS_MS)
        self.thanks_timer.timeout.connect(self.show_serving)

        self.clerk_label = _big("header-title")
        self.clerk_label.setStyleSheet("font-size: 34px;")
        self.staff_label = _big("caption")
        self.staff_label.setStyleSheet("font-size: 24px; color: white;")
        self.ticket_label = _big("ticket-number")
        self.ticket_caption = _big("caption")
        self.ticket_caption.setStyleSheet("font-size: 30px;")
        self.question_label = _big("panel-title")
        self.level_buttons: dict[str, QPushButton] = {}
        self.reason_boxes = [QCheckBox(reason) for reason in REASONS]
        self.reason_text = QLineEdit()
        self.reason_text.setMaxLength(200)
        self.reason_text.setMinimumHeight(52)
        self.submit_button = QPushButton()
        self.submit_button.setProperty("role", "primary")
        self.submit_button.setMinimumHeight(56)
        self.submit_button.clicked.connect(self.submit_reasons)
        self.reason_error = _big("error")
        self.thanks_label = _big("panel-title")

        self.pages = QStackedWidget()
        serving = QWidget()
        serving_layout = QVBoxLayout(serving)
        serving_layout.addStretch(1)
        serving_layout.addWidget(self.ticket_caption)
        serving_layout.addWidget(self.ticket_label)
        serving_layout.addStretch(2)
        levels = QWidget()
        levels_layout = QVBoxLayout(levels)
        levels_layout.addStretch(1)
        self.question_label.setStyleSheet("font-size: 34px;")
        levels_layout.addWidget(self.question_label)
        levels_layout.addSpacing(24)
        row = QHBoxLayout()
        row.setContentsMargins(40, 0, 40, 0)
        row.setSpacing(20)
        for n, level in enumerate(LEVELS, 1):
            button = QPushButton(f"{level}\n({n})")
            button.setMinimumSize(180, 180)
            button.setStyleSheet("font-size: 28px; font-weight: 600;")
            button.setShortcut(str(n))
            button.clicked.connect(lambda _=False, lv=level: self.choose(lv))
            self.level_buttons[level] = button
            row.addWidget(button)
        levels_layout.addLayout(row)
        levels_layout.addStretch(2)
        reasons = QWidget()
        reasons_layout = QVBoxLayout(reasons)
        reasons_layout.setContentsMargins(60, 30, 60, 30)
        reasons_layout.setSpacing(16)
        self.reasons_title = _big("panel-title")
        reasons_layout.addWidget(self.reasons_title)
        grid = QGridLayout()
        for n, box in enumerate(self.reason_boxes):
            box.setMinimumHeight(56)
            box.setStyleSheet("font-size: 22px;")
            grid.addWidget(box, n // 2, n % 2)
        reasons_layout.addLayout(grid)
        reasons_layout.addWidget(self.reason_text)
        reasons_layout.addWidget(self.reason_error)
        reasons_layout.addWidget(self.submit_button)
        reasons_layout.addStretch(1)
        thanks = QWidget()
        thanks_layout = QVBoxLayout(thanks)
        thanks_layout.addStretch(1)
        thanks_layout.addWidget(self.thanks_label)
        thanks_layout.addStretch(1)
        for page in (serving, levels, reasons, thanks):
            self.pages.addWidget(page)
        self.serving_page, self.levels_page, self.reasons_page, self.thanks_page = serving, levels, reasons, thanks

        header = QFrame()
        header.setProperty("role", "header")
        header_layout = QVBoxLayout(header)
        header_layout.addWidget(self.clerk_label)
        header_layout.addWidget(self.staff_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(header)
        layout.addWidget(self.pages, 1)

        self.events = QtEventBridge(ctx.bus, parent=self)
        self.events.on(TicketCalled, self._called)
        self.events.on(TicketChanged, self._changed)
        self.events.on(CounterChanged, self._counter_changed)
        self.retranslate()

    # --- who serves, what is served ----------------------------------------------------------------

    def set_clerk(self, clerk: Clerk | None, counter_id: str | None = None) -> None:
        self.clerk = clerk
        if counter_id:
            self.counter_id = counter_id
        self.retranslate()

    def _called(self, event: TicketCalled) -> None:
        if event.counter_id != self.counter_id:
            return
        self.ticket = event.ticket
        if event.ticket.clerk_id and (self.clerk is None or self.clerk.staff_number != event.ticket.clerk_id):
            self.clerk = self.directory.by_staff_number(event.ticket.clerk_id) or self.clerk
        if self.pages.currentWidget() is self.serving_page:
            self.retranslate()

    def _counter_changed(self, event: CounterChanged) -> None:
        if event.counter.id == self.counter_id and event.counter.clerk_id:
            self.clerk = self.directory.by_staff_number(event.counter.clerk_id) or self.clerk
            self.retranslate()

    def _changed(self, event: TicketChanged) -> None:
        ticket = event.ticket
        if event.kind.value == "ticket_finished" and ticket.counter_id == self.counter_id:
            self.service_finished(ticket)
        elif self.ticket is not None and ticket.id == self.ticket.id and event.kind.value in (
                "ticket_no_show", "ticket_transferred", "ticket_cancelled"):
            self.ticket = None
            self.retranslate()

    # --- evaluating --------------------------------------------------------------------------------

    def service_finished(self, ticket: Any) -> None:
        if self.finished_ticket is not None and self.finished_ticket.id == ticket.id:
            return      # the counter's own call and the hall's event both say so
        self.finished_ticket = ticket
        self.ticket = None
        self.level = None
        for box in self.reason_boxes:
            box.setChecked(False)
        self.reason_text.clear()
        self.reason_error.clear()
        self.thanks_timer.stop()
        self.pages.setCurrentWidget(self.levels_page)
        self.timeout.start()
        self.retranslate()

    def choose(self, level: str) -> None:
        if self.pages.currentWidget() is not self.levels_page:
            return
        self.level = level
        if level in DISSATISFIED:
            self.pages.setCurrentWidget(self.reasons_page)
            self.timeout.start()
            self.retranslate()
            return
        self._record(level, (), "")

    def submit_reasons(self) -> None:
        reasons = [box.text() for box in self.reason_boxes if box.isChecked()]
        text = self.reason_text.text().strip()
        if not reasons and not text:
            self.reason_error.setText(self.tr("请至少选择一项原因"))
            return
        self._record(self.level or LEVELS[-1], reasons, text)

    def _record(self, level: str, reasons: Any, text: str) -> None:
        self.timeout.stop()
        ticket, clerk, ctx = self.finished_ticket, self.clerk, self.ctx
        self.thanks_label.setText(self.tr("感谢您的评价！"))
        self.pages.setCurrentWidget(self.thanks_page)
        self.thanks_timer.start()
        if ctx.store is None or ticket is None:
            log.warning("EVALUATION_NOT_RECORDED: no store or no finished ticket")
            return
        actor = clerk.actor if clerk is not None else f"counter:{self.counter_id}"
        terminal = ctx.setting("terminal.id", "C01")

        def work() -> int:
            cases = cases_of_ticket(ctx.store, ticket.id)
            return record_service_evaluation(ctx.store, cases, level=level, reasons=reasons, text=text,
                                             terminal_id=terminal, actor=actor, at=datetime.now(UTC),
                                             ticket_reference=f"{ticket.business_day}-{ticket.number}")

        def done(count: int) -> None:
            self.recorded.append((ticket.number, level, count))
            if ctx.sync is not None:
                ctx.sync.nudge()

        def failed(exc: BaseException) -> None:
            log.error("EVALUATION_RECORD_FAILED %s", describe_failure(exc))
            if isinstance(exc, HalltermError) and exc.user_message:
                self.thanks_label.setText(exc.user_message)

        ctx.tasks.run(work, on_success=done, on_failure=failed)

    def time_out(self) -> None:
        """Nobody answered: nothing is recorded."""
        log.info("EVALUATION_TIMEOUT ticket=%s (nothing recorded)", self.finished_ticket.number
                 if self.finished_ticket else "-")
        self.show_serving()

    def show_serving(self) -> None:
        self.timeout.stop()
        self.thanks_timer.stop()
        self.pages.setCurrentWidget(self.serving_page)
        self.retranslate()

    # --- text --------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("服务评价"))
        if self.clerk is not None:
            self.clerk_label.setText(self.tr("{counter} 号窗口  工作人员 {name}").format(
                counter=self.counter_id or self.clerk.counter, name=self.clerk.name))
            self.staff_label.setText(self.tr("工号 {number}").format(number=self.clerk.staff_number))
        else:
            self.clerk_label.setText(self.tr("{counter} 号窗口").format(counter=self.counter_id or "—"))
            self.staff_label.setText(self.tr("暂停服务"))
        self.ticket_caption.setText(self.tr("正在办理") if self.ticket else self.tr("欢迎您"))
        self.ticket_label.setText(self.ticket.number if self.ticket else self.tr("请稍候"))
        self.question_label.setText(self.tr("请您对本次服务作出评价"))
        self.reasons_title.setText(self.tr("请告诉我们哪里做得不好（可多选）"))
        self.reason_text.setPlaceholderText(self.tr("其他意见（可不填）"))
        self.submit_button.setText(self.tr("提交评价"))

    def closeEvent(self, event: Any) -> None:
        self.events.close()
        self.timeout.stop()
        self.thanks_timer.stop()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
