"""The clerk's workspace (综合窗口): header, queue panel, the applicant/case area, shortcuts in sight.

A clerk serves 80 people a day, so every frequent step has a function key, registered once as a QAction
and listed in the status bar: F2 叫号, F3 重呼, F4 过号, F5 读卡. Until the hall-queue and device issues
wire them, each says what is missing instead of doing nothing.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMainWindow, QVBoxLayout, QWidget

from core.sync.events import SyncStatusChanged
from ui_common.context import AppContext
from ui_common.event_bridge import QtEventBridge
from ui_common.widgets import NoticeBanner, StatusPill
from window_client.case_area import CaseArea
from window_client.queue_panel import QueuePanel

log = logging.getLogger(__name__)

SHORTCUTS = {"call_next": Qt.Key.Key_F2, "recall": Qt.Key.Key_F3, "skip": Qt.Key.Key_F4, "read_card": Qt.Key.Key_F5}


class CounterMainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setProperty("surface", "counter")
        self.setMinimumSize(1280, 720)
        self.hall_connected = False
        self.sync_status: SyncStatusChanged | None = None

        self.actions_by_name: dict[str, QAction] = {}
        for name, key in SHORTCUTS.items():
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
            self.actions_by_name[name] = action
        self.call_next_action = self.actions_by_name["call_next"]
        self.recall_action = self.actions_by_name["recall"]
        self.skip_action = self.actions_by_name["skip"]
        self.read_card_action = self.actions_by_name["read_card"]
        for name in ("call_next", "recall", "skip"):
            self.actions_by_name[name].triggered.connect(self._queue_not_connected)
        self.read_card_action.triggered.connect(self._reader_not_connected)

        self.header = self._build_header()
        self.notice = NoticeBanner()
        self.queue_panel = QueuePanel(self.call_next_action, self.recall_action, self.skip_action)
        self.queue_panel.setFixedWidth(360)
        self.case_area = CaseArea()
        body = QHBoxLayout()
        body.setSpacing(16)
        body.addWidget(self.queue_panel)
        body.addWidget(self.case_area, 1)
        content = QVBoxLayout()
        content.setContentsMargins(16, 16, 16, 12)
        content.setSpacing(12)
        content.addWidget(self.notice)
        content.addLayout(body, 1)
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.header)
        outer.addLayout(content, 1)
        self.setCentralWidget(central)

        self.sync_label = QLabel()
        self.sync_label.setObjectName("syncStatus")
        self.shortcuts_label = QLabel()
        self.statusBar().addWidget(self.sync_label)
        self.statusBar().addPermanentWidget(self.shortcuts_label)
        self.statusBar().setSizeGripEnabled(False)
        self.events = QtEventBridge(ctx.bus, parent=self)
        self.events.on(SyncStatusChanged, self.show_sync_status)
        self.retranslate()

    def show_sync_status(self, status: SyncStatusChanged) -> None:
        """The outbox as the clerk needs it: nothing lost, how much waits, whether someone must look."""
        self.sync_status = status
        self._render_sync_status()

    def _render_sync_status(self) -> None:
        status = self.sync_status
        if status is None:
            self.sync_label.setText(self.tr("办件同步：未启动"))
            return
        if status.cases_waiting:
            parts = [self.tr("{count} 件办件待同步").format(count=status.cases_waiting)]
        else:
            parts = [self.tr("办件已全部同步")]
        if status.parked or status.conflicts:
            parts.append(self.tr("{count} 条需技术人员处理").format(count=status.parked + status.conflicts))
        if status.last_success_at is not None:
            parts.append(self.tr("最近同步 {time}").format(time=f"{status.last_success_at.astimezone():%H:%M}"))
        if not status.online:
            parts.append(self.tr("政务服务平台暂时无法连接，办件已安全保存在本机"))
        self.sync_label.setText("，".join(parts))

    def _build_header(self) -> QFrame:
        header = QFrame()
        header.setProperty("role", "header")
        self.counter_label = QLabel()
        self.counter_label.setProperty("role", "header-title")
        self.hall_label = QLabel(self.ctx.setting("terminal.hall_name", ""))
        self.clerk_label = QLabel()
        self.link_pill = StatusPill(state="error")
        layout = QHBoxLayout(header)
        layout.setContentsMargins(20, 10, 20, 10)
        layout.setSpacing(20)
        layout.addWidget(self.counter_label)
        layout.addWidget(self.hall_label)
        layout.addStretch(1)
        layout.addWidget(self.clerk_label)
        layout.addWidget(self.link_pill)
        return header

    def set_hall_link(self, connected: bool) -> None:
        self.hall_connected = connected
        self.queue_panel.set_link_state(connected)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("综合受理窗口"))
        number = self.ctx.setting("counter.number")
        self.counter_label.setText(self.tr("{number} 号窗口").format(number=number) if number
                                   else self.tr("窗口号未设置"))
        clerk = self.ctx.setting("counter.clerk_name")
        self.clerk_label.setText(self.tr("工作人员：{name}").format(name=clerk) if clerk
                                 else self.tr("工作人员：未登录"))
        if self.hall_connected:
            self.link_pill.set_state("ok", self.tr("叫号服务已连接"))
        else:
            self.link_pill.set_state("error", self.tr("叫号服务未连接"))
        names = {"call_next": self.tr("叫号"), "recall": self.tr("重呼"), "skip": self.tr("过号"),
                 "read_card": self.tr("读卡")}
        for name, action in self.actions_by_name.items():
            action.setText(names[name])
        self.shortcuts_label.setText("　　".join(
            f"{action.shortcut().toString()} {action.text()}" for action in self.actions_by_name.values()))
        self._render_sync_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _queue_not_connected(self) -> None:
        log.info("queue shortcut used while no hall server is connected")
        self.notice.show_notice(self.tr("叫号服务未连接"), timeout_ms=5000)

    def _reader_not_connected(self) -> None:
        self.notice.show_notice(self.tr("读卡器未连接"), timeout_ms=5000)
