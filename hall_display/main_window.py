"""The hall's call board: the latest call huge, the calls before it, and how many wait per service.

Read from across a hall, so it is light on dark, few words, and the ticket number and counter stand out
in the highlight colour. ``show_call(number, counter)`` is the one way in; the hall-queue issue feeds it
from the hall server's call events (and adds the spoken call).
"""

from __future__ import annotations

import html
from collections import deque
from collections.abc import Mapping

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui_common.context import AppContext
from ui_common.theme import NORMAL
from ui_common.widgets import TopBar

RECENT_CALLS = 5


def _label(role: str, *, wrap: bool = False) -> QLabel:
    label = QLabel()
    label.setProperty("role", role)
    label.setWordWrap(wrap)
    return label


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

        self.top_bar = TopBar(ctx.setting("terminal.hall_name", ""))
        self.call_label = _label("call", wrap=True)
        self.call_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.call_label.setTextFormat(Qt.TextFormat.RichText)

        self.recent_title = _label("display-heading")
        self.recent_rows = [_label("display-row") for _ in range(RECENT_CALLS)]
        self.waiting_title = _label("display-heading")
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
        layout.addLayout(body, 1)
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
        """Announce ``number`` at ``counter``; the previous call moves to the recent list."""
        if self._current is not None:
            self._recent.appendleft(self._current)
        self._current = (str(number), str(counter))
        self.retranslate()

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
        template = self.tr("请 {number} 号\n到 {counter} 号窗口办理")
        if not rich:
            return " ".join(template.format(number=number, counter=counter).split("\n"))
        colour = NORMAL.display_highlight

        def mark(text: str) -> str:
            return f'<span style="color:{colour}">{html.escape(text)}</span>'

        return html.escape(template).replace("\n", "<br>").format(number=mark(number), counter=mark(counter))

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
                row.setText(self.tr("{number} 号　→　{counter} 号窗口").format(number=number, counter=counter))
            else:
                row.setText(self.tr("暂无") if index == 0 else "")
        self.waiting_title.setText(self.tr("等候人数"))
        self._fill_waiting()

    def _fill_waiting(self) -> None:
        # Rebuilt whole: the set of services changes with the hall's opening hours, and it is a handful of rows.
        rows = QWidget()
        grid = QGridLayout(rows)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(0, 1)
        if not self._waiting:
            empty = _label("display-row")
            empty.setText(self.tr("暂无等候"))
            grid.addWidget(empty, 0, 0)
        for row, (service, count) in enumerate(self._waiting.items()):
            name = _label("display-row")
            name.setText(service)
            amount = _label("display-count")
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

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
