"""The hall's call board: the latest call huge, the calls before it, and how many wait per service.

Read from across a hall, so it is light on dark, few words, and the ticket number and counter stand out
in the highlight colour. It is fed by the hall queue's events on the bus only (``core.queueing.events``,
through the Qt bridge), so it works however the hall link is built:

* ``TicketCalled``: the call goes up huge, the previous one moves to the recent list, and the announcer
  says it (chime + "请 A012 号 到 3 号窗口 办理"; a recall twice);
* ``QueueSnapshot``: waiting counts per service, and the recent calls (a display that starts or
  reconnects mid-day shows what was called while it was away, without saying it again);
* ``HallLinkStatusChanged``: a calm banner while the hall server cannot be reached.

The voice is ``ctx.announcer`` when the composition root made one (shared with other screens), else the
board's own. Without a voice (espeak-ng missing) the board works silently and says 语音不可用 in small type.
"""

from __future__ import annotations

import html
from collections import deque
from collections.abc import Iterable, Mapping

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from core.queueing.events import HallLinkState, HallLinkStatusChanged, QueueSnapshot, TicketCalled
from core.queueing.models import Ticket
from core.voice import call_announcement
from core.voice.spoken import counter_number
from ui_common.announcer import RECALL_TIMES, Announcer
from ui_common.context import AppContext
from ui_common.event_bridge import QtEventBridge
from ui_common.theme import NORMAL
from ui_common.widgets import TopBar, role_label

RECENT_CALLS = 5
NUMBER_SCALE = 1.5
FULL_WIDTH = 1920


class HallDisplayWindow(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setProperty("surface", "display")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setMinimumSize(1024, 576)
        self._current: tuple[str, str] | None = None
        self._recent: deque[tuple[str, str]] = deque(maxlen=RECENT_CALLS)
        self._waiting: dict[str, int] = {}
        self._link_down = False

        self.top_bar = TopBar(ctx.setting("terminal.hall_name", ""))
        self.voice_status = role_label("", "display-status")
        self.voice_status.hide()
        self.top_bar.add_trailing(self.voice_status)
        self.link_banner = role_label("", "display-banner", wrap=True)
        self.link_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.link_banner.hide()
        self.call_label = role_label("", "call", wrap=True)
        self.call_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.call_label.setTextFormat(Qt.TextFormat.RichText)

        self.recent_title = role_label("", "display-heading")
        self.recent_rows = [role_label("", "display-row") for _ in range(RECENT_CALLS)]
        self.waiting_title = role_label("", "display-heading")
        self.waiting_box = QVBoxLayout()
        self._waiting_rows: QWidget | None = None

        side = QVBoxLayout()
        side.setSpacing(20)
        side.addWidget(self._panel(self.recent_title, self.recent_rows))
        waiting_panel = QFrame()
        waiting_panel.setProperty("role", "display-panel")
        waiting_layout = QVBoxLayout(waiting_panel)
        waiting_layout.setContentsMargins(28, 20, 28, 20)
        waiting_layout.addWidget(self.waiting_title)
        waiting_layout.addLayout(self.waiting_box)
        waiting_layout.addStretch(1)
        side.addWidget(waiting_panel, 1)

        body = QHBoxLayout()
        body.setContentsMargins(48, 32, 48, 40)
        body.setSpacing(40)
        body.addWidget(self.call_label, 3)
        body.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.top_bar)
        layout.addWidget(self.link_banner)
        layout.addLayout(body, 1)

        self._own_announcer = ctx.announcer is None
        self.announcer: Announcer = ctx.announcer or Announcer.from_context(ctx, parent=self)
        self.announcer.availability_changed.connect(self.show_voice_available)
        self.show_voice_available(self.announcer.available)
        self.bridge = QtEventBridge(ctx.bus, self)
        self.bridge.on(TicketCalled, self._on_ticket_called)
        self.bridge.on(QueueSnapshot, self._on_snapshot)
        self.bridge.on(HallLinkStatusChanged, self._on_link_status)
        self.retranslate()

    def _panel(self, title: QLabel, rows: list[QLabel]) -> QFrame:
        panel = QFrame()
        panel.setProperty("role", "display-panel")
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(28, 20, 28, 20)
        layout.setSpacing(8)
        layout.addWidget(title)
        for row in rows:
            layout.addWidget(row)
        return panel

    # --- what the hall server feeds ----------------------------------------------------------------------

    def show_call(self, number: str, counter: str | int) -> None:
        """Put ``number`` at ``counter`` up; the previous call moves to the recent list.

        A number called again (a recall, or at another counter after a transfer) appears once, newest.
        """
        call = (str(number), str(counter))
        if self._current is not None and self._current[0] != call[0]:
            self._recent.appendleft(self._current)
        self._recent = deque((c for c in self._recent if c[0] != call[0]), maxlen=RECENT_CALLS)
        self._current = call
        self.retranslate()

    def set_calls(self, calls: Iterable[tuple[str, str]]) -> None:
        """The calls, newest first (from a snapshot): the first goes up, the rest are the recent list."""
        unique: list[tuple[str, str]] = []
        for number, counter in calls:
            if all(number != seen for seen, _ in unique):
                unique.append((number, counter))
        self._current = unique[0] if unique else None
        self._recent = deque(unique[1:], maxlen=RECENT_CALLS)
        self.retranslate()

    def set_link_down(self, down: bool) -> None:
        """Show or hide the "排队服务连接中断" banner."""
        self._link_down = down
        self.link_banner.setVisible(down)
        self.retranslate()

    # --- the hall's events (on the GUI thread, through the bridge) -------------------------------------

    def _on_ticket_called(self, event: TicketCalled) -> None:
        counter = _counter_of(event.ticket, event.counter_id, event.counter_name)
        self.show_call(event.ticket.number, counter)
        self.announcer.announce(call_announcement(event.ticket.number, counter),
                                times=RECALL_TIMES if event.recall else 1)

    def _on_snapshot(self, event: QueueSnapshot) -> None:
        snapshot = event.snapshot
        self.set_waiting_counts({service.name: service.waiting for service in snapshot.services})
        calls = [(a.ticket.number, _counter_of(a.ticket)) for a in snapshot.recent_calls if a.ticket is not None]
        if calls:
            self.set_calls(calls)

    def _on_link_status(self, event: HallLinkStatusChanged) -> None:
        if event.state is HallLinkState.OFFLINE:
            self.set_link_down(True)
        elif event.state is HallLinkState.ONLINE:
            self.set_link_down(False)

    def show_voice_available(self, available: bool) -> None:
        """The small 语音不可用 in the top bar, for the technician walking by."""
        self.voice_status.setVisible(not available)

    def set_waiting_counts(self, counts: Mapping[str, int]) -> None:
        """People waiting per service (service name as the hall server names it)."""
        self._waiting = dict(counts)
        self.retranslate()

    @property
    def current_call(self) -> tuple[str, str] | None:
        return self._current

    @property
    def recent_calls(self) -> list[tuple[str, str]]:
        return list(self._recent)

    def call_text(self) -> str:
        """The big line as plain text (what a screen reader, a test or the voice issue uses)."""
        return self.call_label.text() if self._current is None else self._call_sentence(*self._current, rich=False)

    # --- words ---------------------------------------------------------------------------------------------

    def _call_sentence(self, number: str, counter: str, *, rich: bool) -> str:
        # Two lines on purpose: who is called, then where to go. Read from afar, a break mid-phrase is worse.
        if counter.isdigit():
            template = self.tr("请 {number} 号\n到 {counter} 号窗口办理")
        else:  # a counter with a name rather than a number ("综合服务窗口")
            template = self.tr("请 {number} 号\n到 {counter} 办理")
        if not rich:
            return " ".join(template.format(number=number, counter=counter).split("\n"))
        colour = NORMAL.display_highlight
        # Sized for a full-HD board; a smaller window scales it down so the sentence never wraps mid-word.
        base = self.call_label.font().pointSizeF() * min(1.0, self.width() / FULL_WIDTH)
        # The number and the counter are what people look for from across the hall: half as big again.
        size = round(base * NUMBER_SCALE)

        def mark(text: str) -> str:
            return f'<span style="color:{colour}; font-size:{size}pt">{html.escape(text)}</span>'

        sentence = html.escape(template).replace("\n", "<br>").format(number=mark(number), counter=mark(counter))
        return f'<span style="font-size:{round(base)}pt">{sentence}</span>'

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._current is not None:
            self.call_label.setText(self._call_sentence(*self._current, rich=True))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("叫号屏"))
        if self._current is None:
            self.call_label.setProperty("role", "call-empty")
            self.call_label.setText(self.tr("暂无叫号"))
        else:
            self.call_label.setProperty("role", "call")
            self.call_label.setText(self._call_sentence(*self._current, rich=True))
        self.call_label.style().unpolish(self.call_label)
        self.call_label.style().polish(self.call_label)
        self.recent_title.setText(self.tr("最近叫号"))
        for index, row in enumerate(self.recent_rows):
            if index < len(self._recent):
                number, counter = self._recent[index]
                row.setText((self.tr("{number} 号　→　{counter} 号窗口") if counter.isdigit()
                             else self.tr("{number} 号　→　{counter}")).format(number=number, counter=counter))
            else:
                row.setText(self.tr("暂无") if index == 0 else "")
        self.waiting_title.setText(self.tr("等候人数"))
        self.link_banner.setText(self.tr("排队服务连接中断，正在重连…"))
        self.voice_status.setText(self.tr("语音不可用"))
        self._fill_waiting()

    def _fill_waiting(self) -> None:
        # Rebuilt whole: the set of services changes with the hall's opening hours, and it is a handful of rows.
        rows = QWidget()
        grid = QGridLayout(rows)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(0, 1)
        if not self._waiting:
            empty = role_label("", "display-row")
            empty.setText(self.tr("暂无等候"))
            grid.addWidget(empty, 0, 0)
        for row, (service, count) in enumerate(self._waiting.items()):
            name = role_label("", "display-row")
            name.setText(service)
            amount = role_label("", "display-count")
            amount.setText(self.tr("%n 人", "", count))
            amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(name, row, 0)
            grid.addWidget(amount, row, 1)
        if self._waiting_rows is not None:
            self.waiting_box.removeWidget(self._waiting_rows)
            self._waiting_rows.hide()  # deleteLater waits for the event loop; until then it must not show
            self._waiting_rows.deleteLater()
        self._waiting_rows = rows
        self.waiting_box.addWidget(rows)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.bridge.close()
        if self._own_announcer:
            self.announcer.close()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _counter_of(ticket: Ticket, counter_id: str | None = None, counter_name: str | None = None) -> str:
    """What the board and the voice call a counter: its number when it has one ("3号窗口" → "3"), else its name."""
    name = counter_name or ticket.counter_name or ""
    ident = counter_id or ticket.counter_id or ""
    return counter_number(name) or counter_number(ident) or name or ident
