"""The counter's queue panel, live through the hall server's events: the ticket being served, how many wait,
and every queue step (call next, recall, no-show, start, finish, transfer, pause/resume).

Each step is a hall request run through ``ctx.tasks`` (never on the GUI thread); the panel's state then
follows the hall's events (``QueueSnapshot``, ``TicketCalled``, ``TicketChanged``, ``CounterChanged``), so
two clients and the display always agree. Until a hall server is connected it says so plainly instead of
showing a zero that a clerk could take for an empty hall.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QComboBox, QFrame, QGridLayout, QPushButton, QVBoxLayout, QWidget

from core.errors import HalltermError
from core.queueing.events import CounterChanged, QueueSnapshot, TicketCalled, TicketChanged
from core.queueing.models import HallSnapshot, Ticket
from ui_common.widgets import role_label

log = logging.getLogger(__name__)

STEP_NAMES = ("call_next", "recall", "skip", "start", "finish", "transfer", "pause")
FINISHED_KINDS = frozenset({"ticket_finished", "ticket_no_show", "ticket_transferred", "ticket_cancelled"})


class QueuePanel(QFrame):
    ticket_changed = Signal(object)       # the Ticket now being served at this counter, or None
    problem = Signal(str)                 # a calm sentence for the notice banner

    def __init__(self, actions: dict[str, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "panel")
        self.ctx: Any = None
        self.counter_id: str | None = None
        self.clerk_id: str | None = None
        self._connected = False
        self.current: Ticket | None = None
        self.paused = False
        self.pause_reason = ""
        self._waiting: int | None = None
        self._services: dict[str, str] = {}          # code -> name, of this counter
        self.busy = False
        self.title_label = role_label("", "panel-title", wrap=True)
        self.current_caption = role_label("", "caption", wrap=True)
        self.current_label = role_label("", "ticket-number", wrap=True)
        self.current_detail = role_label("", "caption", wrap=True)
        self.waiting_caption = role_label("", "caption", wrap=True)
        self.waiting_label = role_label("", "value", wrap=True)
        self.filter_caption = role_label("", "caption", wrap=True)
        self.filter_boxes: dict[str, QCheckBox] = {}
        self.filter_layout = QVBoxLayout()
        self.filter_layout.setSpacing(2)
        self.transfer_combo = QComboBox()
        self.pause_combo = QComboBox()
        self.pause_combo.setEditable(True)
        self.buttons: dict[str, QPushButton] = {}
        self._actions = actions
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(4)
        layout.addWidget(self.title_label)
        layout.addWidget(self.current_caption)
        layout.addWidget(self.current_label)
        layout.addWidget(self.current_detail)
        layout.addWidget(self.waiting_caption)
        layout.addWidget(self.waiting_label)
        layout.addWidget(self.filter_caption)
        layout.addLayout(self.filter_layout)
        layout.addStretch(1)
        grid = QGridLayout()
        grid.setSpacing(6)
        for index, name in enumerate(STEP_NAMES):
            button = QPushButton()
            button.setMinimumHeight(38)
            if name == "call_next":
                button.setProperty("role", "primary")
            button.clicked.connect(actions[name].trigger)
            self.buttons[name] = button
            if name == "transfer":
                grid.addWidget(self.transfer_combo, 4, 0)
                grid.addWidget(button, 4, 1)
            elif name == "pause":
                grid.addWidget(self.pause_combo, 5, 0)
                grid.addWidget(button, 5, 1)
            elif name == "call_next":
                grid.addWidget(button, 0, 0, 1, 2)
            else:
                grid.addWidget(button, 1 + (index - 1) // 2, (index - 1) % 2)
        layout.addLayout(grid)
        actions["call_next"].triggered.connect(self.call_next)
        actions["recall"].triggered.connect(lambda: self._step("recall"))
        actions["skip"].triggered.connect(lambda: self._step("no_show"))
        actions["start"].triggered.connect(lambda: self._step("start"))
        actions["finish"].triggered.connect(lambda: self._step("finish"))
        actions["transfer"].triggered.connect(self.transfer)
        actions["pause"].triggered.connect(self.toggle_pause)
        self.retranslate()

    # --- wiring ------------------------------------------------------------------------------------

    def attach(self, ctx: Any, events: Any, counter_id: str, clerk_id: str) -> None:
        """Serve at ``counter_id`` as ``clerk_id``; hall events arrive through ``events`` (QtEventBridge)."""
        first = self.ctx is None
        self.ctx, self.counter_id, self.clerk_id = ctx, counter_id, clerk_id
        if first:
            events.on(QueueSnapshot, lambda e: self.apply_snapshot(e.snapshot))
            events.on(TicketCalled, self._called)
            events.on(TicketChanged, self._changed)
            events.on(CounterChanged, self._counter_changed)
        if ctx.hall is not None:
            self._run(ctx.hall.snapshot, self.apply_snapshot)

    def detach(self) -> None:
        self.counter_id = self.clerk_id = None
        self.current = None
        self.retranslate()

    def set_link_state(self, connected: bool) -> None:
        self._connected = connected
        self.retranslate()

    def set_queue(self, current: str | None, waiting: int | None) -> None:
        """Shown values without a hall (screenshots, tests of the layout)."""
        self.current_label.setText(current or self.tr("暂无"))
        self._waiting = waiting
        self.retranslate(keep_current=current)

    # --- hall events -------------------------------------------------------------------------------

    def apply_snapshot(self, snapshot: HallSnapshot) -> None:
        self._connected = True
        counter = next((c for c in snapshot.counters if c.id == self.counter_id), None)
        if counter is not None:
            names = {s.code: s.name for s in snapshot.services}
            services = {code: names.get(code, code) for code in counter.service_codes}
            if services != self._services:
                self._set_services(services, {s.code: s.name for s in snapshot.services})
            self.paused, self.pause_reason = counter.paused, counter.pause_reason or ""
            self._set_current(counter.current)
        self._waiting = sum(s.waiting for s in snapshot.services if s.code in self._services)
        self.retranslate()

    def _called(self, event: TicketCalled) -> None:
        if event.counter_id == self.counter_id:
            self._set_current(event.ticket)
            self.retranslate()

    def _changed(self, event: TicketChanged) -> None:
        if self.current is not None and event.ticket.id == self.current.id:
            if event.kind.value in FINISHED_KINDS:
                self._set_current(None)
            else:
                self._set_current(event.ticket)
            self.retranslate()

    def _counter_changed(self, event: CounterChanged) -> None:
        if event.counter.id == self.counter_id:
            self.paused, self.pause_reason = event.counter.paused, event.counter.pause_reason or ""
            self.retranslate()

    def _set_current(self, ticket: Ticket | None) -> None:
        if (ticket.id if ticket else None) != (self.current.id if self.current else None) or ticket != self.current:
            self.current = ticket
            self.ticket_changed.emit(ticket)

    def _set_services(self, services: dict[str, str], all_services: dict[str, str]) -> None:
        self._services = services
        for box in self.filter_boxes.values():
            self.filter_layout.removeWidget(box)
            box.deleteLater()
        self.filter_boxes = {}
        for code, name in services.items():
            box = QCheckBox(name)
            box.setChecked(True)
            self.filter_boxes[code] = box
            self.filter_layout.addWidget(box)
        self.transfer_combo.clear()
        for code, name in all_services.items():
            self.transfer_combo.addItem(name, code)

    # --- steps -------------------------------------------------------------------------------------

    def chosen_services(self) -> list[str] | None:
        chosen = [code for code, box in self.filter_boxes.items() if box.isChecked()]
        return None if len(chosen) == len(self.filter_boxes) else chosen

    def call_next(self) -> None:
        if not self._ready():
            return
        if self.current is not None and self.current.state.value in ("called", "serving"):
            self.problem.emit(self.tr("请先办结或过号当前号码 {number}").format(number=self.current.number))
            return
        services = self.chosen_services()
        if services == []:
            self.problem.emit(self.tr("请至少选择一项叫号业务"))
            return
        hall, counter, clerk = self.ctx.hall, self.counter_id, self.clerk_id
        self._run(lambda: hall.call_next(counter, clerk, service_codes=services), self._after_call)

    def _after_call(self, ticket: Ticket | None) -> None:
        if ticket is None:
            self.problem.emit(self.tr("当前没有等候的群众"))
            return
        self._set_current(ticket)
        self.retranslate()

    def _step(self, step: str) -> None:
        if not self._ready():
            return
        if self.current is None:
            self.problem.emit(self.tr("当前没有正在办理的号码"))
            return
        hall, counter, clerk, ticket = self.ctx.hall, self.counter_id, self.clerk_id, self.current
        call = getattr(hall, step)
        self._run(lambda: call(counter, clerk_id=clerk, ticket_id=ticket.id), lambda t: self._after_step(step, t))

    def _after_step(self, step: str, ticket: Ticket) -> None:
        if step in ("no_show", "finish"):
            self._set_current(None)
        else:
            self._set_current(ticket)
        self.retranslate()

    def transfer(self) -> None:
        if not self._ready():
            return
        if self.current is None:
            self.problem.emit(self.tr("当前没有正在办理的号码"))
            return
        target = self.transfer_combo.currentData()
        hall, counter, clerk, ticket = self.ctx.hall, self.counter_id, self.clerk_id, self.current
        self._run(lambda: hall.transfer(counter, to_service_code=target, clerk_id=clerk, ticket_id=ticket.id),
                  self._transferred)

    def _transferred(self, ticket: Ticket) -> None:
        self._set_current(None)
        self.problem.emit(self.tr("{number} 已转至{service}，号码不变").format(number=ticket.number,
                                                                         service=self.transfer_combo.currentText()))
        self.retranslate()

    def toggle_pause(self) -> None:
        if not self._ready():
            return
        hall, counter, clerk = self.ctx.hall, self.counter_id, self.clerk_id
        if self.paused:
            self._run(lambda: hall.resume(counter, clerk), self._paused_changed)
            return
        reason = self.pause_combo.currentText().strip()
        if not reason:
            self.problem.emit(self.tr("请选择或填写暂停原因"))
            self.pause_combo.setFocus()
            return
        self._run(lambda: hall.pause(counter, clerk, reason), self._paused_changed)

    def _paused_changed(self, state: Any) -> None:
        self.paused, self.pause_reason = state.paused, state.pause_reason or ""
        self.retranslate()

    def _ready(self) -> bool:
        if self.ctx is None or self.ctx.hall is None or self.counter_id is None:
            self.problem.emit(self.tr("叫号服务未连接"))
            return False
        return not self.busy

    def _run(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self.busy = True

        def succeeded(result: Any) -> None:
            self.busy = False
            done(result)

        def failed(exc: BaseException) -> None:
            self.busy = False
            log.warning("COUNTER_QUEUE_STEP_FAILED %s", getattr(exc, "code", type(exc).__name__))
            self.problem.emit(exc.user_message if isinstance(exc, HalltermError) and exc.user_message
                              else self.tr("叫号服务暂时无法连接，请稍后再试"))

        self.ctx.tasks.run(work, on_success=succeeded, on_failure=failed)

    # --- text --------------------------------------------------------------------------------------

    def retranslate(self, keep_current: str | None = None) -> None:
        self.title_label.setText(self.tr("排队叫号"))
        self.current_caption.setText(self.tr("当前号码"))
        current = keep_current or (self.current.number if self.current else None)
        role = "ticket-number" if current else "value"
        if self.current_label.property("role") != role:
            self.current_label.setProperty("role", role)
            self.current_label.style().unpolish(self.current_label)
            self.current_label.style().polish(self.current_label)
        self.current_label.setText(current or self.tr("暂无"))
        states = {"called": self.tr("已叫号，等候群众到窗口"), "serving": self.tr("办理中")}
        detail = ""
        if self.current is not None:
            detail = f"{self.current.service_name} · {states.get(self.current.state.value, '')}"
        if self.paused:
            detail = self.tr("窗口已暂停：{reason}").format(reason=self.pause_reason)
        self.current_detail.setText(detail)
        self.waiting_caption.setText(self.tr("等候人数"))
        if not self._connected or self._waiting is None:
            self.waiting_label.setText(self.tr("未连接叫号服务"))
        else:
            self.waiting_label.setText(self.tr("%n 人等候", "", self._waiting))
        self.filter_caption.setText(self.tr("叫号业务") if self.filter_boxes else "")
        if self.pause_combo.count() == 0:
            self.pause_combo.addItems([self.tr("临时离开"), self.tr("业务咨询"), self.tr("系统故障"), self.tr("用餐")])
        labels = {"call_next": self.tr("叫号"), "recall": self.tr("重呼"), "skip": self.tr("过号"),
                  "start": self.tr("开始办理"), "finish": self.tr("办结"), "transfer": self.tr("转移"),
                  "pause": self.tr("恢复") if self.paused else self.tr("暂停")}
        for name, button in self.buttons.items():
            key = self._actions[name].shortcut().toString()
            button.setText(f"{labels[name]} ({key})")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
