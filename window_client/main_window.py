"""The clerk's workspace (综合窗口): login first, then the queue panel, the applicant and the case, today's
cases and the clerk's day, with every frequent step on a key.

A clerk serves 80 people a day, so every step is a window-wide QAction listed in the status bar:
F2 叫号, F3 重呼, F4 过号, F5 读卡, F6 开始办理, F7 办结, F8 转移, F9 暂停/恢复; Ctrl+Enter 受理;
Ctrl+1/2/3 switch between 受理, 今日办件 and 我的今日; Ctrl+L 退出登录.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.events import CodeScanned, IdentityPresented, IdentityWithdrawn, StaffCardPresented
from core.queueing.events import HallLinkState, HallLinkStatusChanged
from core.staff import Clerk, ClerkDirectory, LoginGuard
from core.sync.events import SyncStatusChanged
from ui_common.context import AppContext
from ui_common.event_bridge import QtEventBridge
from ui_common.widgets import NoticeBanner, StatusPill
from window_client.applicant_panel import ApplicantPanel
from window_client.case_area import CaseArea
from window_client.cases_today import CasesTodayScreen
from window_client.login_screen import LoginScreen
from window_client.my_day import MyDayScreen
from window_client.queue_panel import QueuePanel

log = logging.getLogger(__name__)

SHORTCUTS = {"call_next": Qt.Key.Key_F2, "recall": Qt.Key.Key_F3, "skip": Qt.Key.Key_F4, "read_card": Qt.Key.Key_F5,
             "start": Qt.Key.Key_F6, "finish": Qt.Key.Key_F7, "transfer": Qt.Key.Key_F8, "pause": Qt.Key.Key_F9}


class CounterMainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, *, directory: ClerkDirectory | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.setProperty("surface", "counter")
        self.setMinimumSize(1280, 720)
        self.hall_connected = False
        self.sync_status: SyncStatusChanged | None = None
        self.clerk: Clerk | None = None
        self.last_person: Any = None
        self.evaluator: Any = None
        self.directory = directory if directory is not None else self._load_directory()
        self.guard = LoginGuard(self.directory, ctx.store.audit if ctx.store is not None else None,
                                max_failures=int(ctx.setting("counter.max_login_failures", 5)),
                                lockout=timedelta(minutes=int(ctx.setting("counter.lockout_minutes", 15))),
                                terminal=str(ctx.setting("terminal.id", "")))

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
        self.read_card_action.triggered.connect(self.read_card)
        self.logout_action = QAction(self)
        self.logout_action.setShortcut(QKeySequence("Ctrl+L"))
        self.logout_action.triggered.connect(self.logout)
        self.addAction(self.logout_action)

        self.header = self._build_header()
        self.notice = NoticeBanner()
        self.login_screen = LoginScreen(self.guard, ctx.tasks)
        self.login_screen.logged_in.connect(self.sign_in)
        self.queue_panel = QueuePanel(self.actions_by_name)
        self.queue_panel.setFixedWidth(340)
        self.queue_panel.problem.connect(self.say)
        self.queue_panel.ticket_changed.connect(self._ticket_changed)
        self.applicant_panel = ApplicantPanel()
        self.applicant_panel.ctx = ctx
        self.case_area = CaseArea()
        self.case_area.ctx = ctx
        self.case_area.applicant_source = self.applicant_panel.person
        self.applicant_panel.person_changed.connect(
            lambda _person: self.case_area.offer_licences(self.applicant_panel.licences))
        self.case_area.problem.connect(self.say)
        self.case_area.decided.connect(lambda *_: self.cases_today.refresh())
        self.cases_today = CasesTodayScreen()
        self.cases_today.ctx = ctx
        self.my_day = MyDayScreen()
        self.my_day.ctx = ctx

        desk = QWidget()
        desk_layout = QHBoxLayout(desk)
        desk_layout.setContentsMargins(0, 0, 0, 0)
        desk_layout.setSpacing(12)
        desk_layout.addWidget(self.queue_panel)
        right = QVBoxLayout()
        right.setSpacing(10)
        right.addWidget(self.applicant_panel)
        right.addWidget(self.case_area, 1)
        desk_layout.addLayout(right, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(desk, "")
        self.tabs.addTab(self.cases_today, "")
        self.tabs.addTab(self.my_day, "")
        self.tabs.currentChanged.connect(self._tab_changed)
        for n in range(3):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{n + 1}"))
            action.triggered.connect(lambda _=False, i=n: self.tabs.setCurrentIndex(i))
            self.addAction(action)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.login_screen)
        self.pages.addWidget(self.tabs)

        content = QVBoxLayout()
        content.setContentsMargins(12, 10, 12, 8)
        content.setSpacing(8)
        content.addWidget(self.notice)
        content.addWidget(self.pages, 1)
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
        self.events.on(HallLinkStatusChanged, lambda e: self.set_hall_link(e.state is HallLinkState.ONLINE))
        self.events.on(IdentityPresented, self._identity)
        self.events.on(IdentityWithdrawn, self._identity_withdrawn)
        self.events.on(StaffCardPresented, self._staff_card)
        self.events.on(CodeScanned, self._scanned)
        self._set_logged_in(False)
        self.retranslate()

    def _load_directory(self) -> ClerkDirectory:
        try:
            return ClerkDirectory.for_terminal(self.ctx.settings, self.ctx.paths, demo=self.ctx.demo)
        except Exception as exc:   # a broken clerks file: the login screen says so, the window still opens
            log.error("STAFF_DIRECTORY_FAILED %s", getattr(exc, "code", type(exc).__name__))
            return ClerkDirectory(())

    # --- login -------------------------------------------------------------------------------------

    def counter_id(self) -> str | None:
        number = self.ctx.setting("counter.number")
        if number:
            return str(number)
        return self.clerk.counter if self.clerk is not None and self.clerk.counter else None

    def sign_in(self, clerk: Clerk) -> None:
        self.clerk = clerk
        self.case_area.clerk = clerk
        self.my_day.clerk = clerk
        self._set_logged_in(True)
        counter = self.counter_id()
        if counter is not None:
            self.queue_panel.attach(self.ctx, self.events, counter, clerk.staff_number)
        self.ensure_catalog()
        if self.evaluator is not None:
            self.evaluator.set_clerk(clerk, counter)
        elif len(QGuiApplication.screens()) > 1:
            self.open_evaluator(QGuiApplication.screens()[1])
        self.cases_today.refresh()
        self.retranslate()
        self.call_next_action.setEnabled(True)

    def ensure_catalog(self) -> None:
        """The catalogue loads after the first frame: fill the item chooser once it is there."""
        if self.ctx.catalog is not None and self.case_area.item_combo.count() == 0:
            self.case_area.load_catalog(self.ctx.catalog)

    def logout(self) -> None:
        if self.clerk is None:
            return
        clerk, store = self.clerk, self.ctx.store
        if self.ctx.tasks is not None and store is not None:
            self.ctx.tasks.run(lambda: self.guard.logout(clerk), on_success=lambda _: None)
        self.clerk = None
        self.case_area.clerk = None
        self.queue_panel.detach()
        self.applicant_panel.clear()
        self.case_area.reset()
        if self.evaluator is not None:
            self.evaluator.set_clerk(None)
        self._set_logged_in(False)
        self.login_screen.reset()
        self.retranslate()

    def _set_logged_in(self, logged_in: bool) -> None:
        self.pages.setCurrentWidget(self.tabs if logged_in else self.login_screen)
        for action in self.actions_by_name.values():
            action.setEnabled(logged_in)
        self.logout_button.setVisible(logged_in)

    def open_evaluator(self, screen: Any = None) -> Any:
        """The citizen-facing evaluator as a second window (on ``screen``, the counter's second screen)."""
        from window_client.evaluator_window import EvaluatorWindow

        if self.evaluator is None:
            self.evaluator = EvaluatorWindow(self.ctx, self.directory, self.counter_id())
            self.evaluator.set_clerk(self.clerk, self.counter_id())
            if screen is not None:
                self.evaluator.setScreen(screen)
                self.evaluator.setGeometry(screen.geometry())
                self.evaluator.showFullScreen()
        return self.evaluator

    # --- devices -----------------------------------------------------------------------------------

    def _identity(self, event: IdentityPresented) -> None:
        self.last_person = (event.person, event.problems)
        self.ensure_catalog()
        if self.clerk is not None:
            self.applicant_panel.fill(event.person, problems=event.problems)

    def _identity_withdrawn(self, _event: IdentityWithdrawn) -> None:
        # The card left the reader: F5 must never fill in the previous citizen for the next one.
        self.last_person = None

    def read_card(self) -> None:
        """F5: the card on the reader (read when it was laid down) into the applicant form."""
        if self.ctx.devices is None:
            self.say(self.tr("读卡器未连接"))
            return
        if self.last_person is None:
            self.say(self.tr("请将身份证放在读卡器上"))
            return
        person, problems = self.last_person
        self.applicant_panel.fill(person, problems=problems)

    def _staff_card(self, event: StaffCardPresented) -> None:
        if self.clerk is None:
            self.login_screen.card_presented(event.uid_hex)

    def _scanned(self, event: CodeScanned) -> None:
        if self.clerk is not None:
            self.applicant_panel.qr_edit.setText(event.text.strip())
            self.applicant_panel.resolve_qr()

    # --- queue -------------------------------------------------------------------------------------

    def _ticket_changed(self, ticket: Any) -> None:
        self.ensure_catalog()
        previous = self.case_area.ticket
        self.case_area.ticket = ticket
        if ticket is not None and (previous is None or previous.id != ticket.id):
            self.applicant_panel.clear()
            self.case_area.reset()
            self.last_person = None

    def say(self, message: str) -> None:
        self.notice.show_notice(message, timeout_ms=6000)

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.cases_today:
            self.cases_today.refresh()
            self.cases_today.search_edit.setFocus()
        elif self.tabs.widget(index) is self.my_day:
            self.my_day.refresh()

    # --- status ------------------------------------------------------------------------------------

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
        self.logout_button = QPushButton()
        self.logout_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.logout_button.clicked.connect(self.logout)
        self.link_pill = StatusPill(state="error")
        layout = QHBoxLayout(header)
        layout.setContentsMargins(20, 8, 20, 8)
        layout.setSpacing(20)
        layout.addWidget(self.counter_label)
        layout.addWidget(self.hall_label)
        layout.addStretch(1)
        layout.addWidget(self.clerk_label)
        layout.addWidget(self.logout_button)
        layout.addWidget(self.link_pill)
        return header

    def set_hall_link(self, connected: bool) -> None:
        self.hall_connected = connected
        self.queue_panel.set_link_state(connected)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("综合受理窗口"))
        number = self.counter_id()
        self.counter_label.setText(self.tr("{number} 号窗口").format(number=number) if number
                                   else self.tr("窗口号未设置"))
        if self.clerk is not None:
            self.clerk_label.setText(self.tr("工作人员：{name}（工号 {number}）").format(
                name=self.clerk.name, number=self.clerk.staff_number))
        else:
            self.clerk_label.setText(self.tr("工作人员：未登录"))
        self.logout_button.setText(self.tr("退出登录 (Ctrl+L)"))
        if self.hall_connected:
            self.link_pill.set_state("ok", self.tr("叫号服务已连接"))
        else:
            self.link_pill.set_state("error", self.tr("叫号服务未连接"))
        names = {"call_next": self.tr("叫号"), "recall": self.tr("重呼"), "skip": self.tr("过号"),
                 "read_card": self.tr("读卡"), "start": self.tr("开始办理"), "finish": self.tr("办结"),
                 "transfer": self.tr("转移"), "pause": self.tr("暂停")}
        for name, action in self.actions_by_name.items():
            action.setText(names[name])
        self.logout_action.setText(self.tr("退出登录"))
        for index, text in enumerate((self.tr("受理 (Ctrl+1)"), self.tr("今日办件 (Ctrl+2)"),
                                      self.tr("我的今日 (Ctrl+3)"))):
            self.tabs.setTabText(index, text)
        shown = ("call_next", "recall", "skip", "read_card", "finish")
        keys = [f"{self.actions_by_name[n].shortcut().toString()} {self.actions_by_name[n].text()}" for n in shown]
        self.shortcuts_label.setText("　".join([*keys, self.tr("Ctrl+Enter 受理")]))
        self._render_sync_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: Any) -> None:
        if self.evaluator is not None:
            self.evaluator.close()
            self.evaluator.deleteLater()
            self.evaluator = None
        self.events.close()
        super().closeEvent(event)
