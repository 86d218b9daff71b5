"""The technician console: a sidebar of pages (概览, 设备, 连接, 自助终端设置, 诊断导出) and the page shown.

Every change made on a page is audited. Closing the window stops the devices the devices page started.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QListWidget, QStackedWidget, QVBoxLayout, QWidget

from technician.device_feed import DeviceFeed
from technician.devices_page import DevicesPage
from technician.diagnostics_page import DiagnosticsPage
from technician.kiosk_page import KioskSettingsPage
from technician.links_page import LinksPage
from technician.overview_page import OverviewPage
from ui_common.context import AppContext
from ui_common.tasks import TaskRunner

PAGES = ("overview", "devices", "links", "kiosk_settings", "diagnostics")


class TechnicianMainWindow(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        # Pages run their blocking work on ctx.tasks; without one (tests, screenshots) the window owns a runner
        # and waits for it on close, so no worker outlives the window.
        self._own_tasks: TaskRunner | None = None
        if ctx.tasks is None:
            self._own_tasks = ctx.tasks = TaskRunner(self)
        self.setProperty("surface", "technician")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setMinimumSize(1024, 640)

        header = QFrame()
        header.setProperty("role", "header")
        self.title_label = QLabel()
        self.title_label.setProperty("role", "header-title")
        self.terminal_label = QLabel()
        header_layout = QHBoxLayout(header)
        header_layout.setContentsMargins(20, 10, 20, 10)
        header_layout.addWidget(self.title_label)
        header_layout.addStretch(1)
        header_layout.addWidget(self.terminal_label)

        self.sidebar = QListWidget()
        self.sidebar.setProperty("role", "sidebar")
        self.sidebar.setFixedWidth(240)
        self.sidebar.addItems([""] * len(PAGES))
        self.pages = QStackedWidget()
        # One feed of device health and events for the overview's pills and the devices page.
        self.device_feed = DeviceFeed(ctx.bus, ctx.devices, self)
        self.overview = OverviewPage(ctx, self.device_feed)
        self.pages.addWidget(self.overview)
        if not hasattr(ctx.settings, "declarations"):
            # A stand-in settings object (a screenshot or widget test): the pages need the typed settings.
            from dataclasses import replace

            from core.config import Settings

            ctx = replace(ctx, settings=Settings.demo_defaults())
        self.devices = DevicesPage(ctx, self.device_feed)
        self.links = LinksPage(ctx)
        self.kiosk_settings = KioskSettingsPage(ctx)
        self.diagnostics = DiagnosticsPage(ctx, device_status=self.devices.device_status,
                                           recent_events=self.devices.events.all)
        for page in (self.devices, self.links, self.kiosk_settings, self.diagnostics):
            self.pages.addWidget(page)
        self.sidebar.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.sidebar.setCurrentRow(0)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.sidebar)
        body.addWidget(self.pages, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addLayout(body, 1)
        self.retranslate()

    def show_page(self, name: str) -> None:
        self.sidebar.setCurrentRow(PAGES.index(name))

    def current_page(self) -> str:
        return PAGES[self.pages.currentIndex()]

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("技术维护"))
        self.title_label.setText(self.tr("技术维护"))
        hall = self.ctx.setting("terminal.hall_name", "")
        terminal = self.ctx.setting("terminal.id", "")
        self.terminal_label.setText(self.tr("{hall}　终端 {terminal}").format(hall=hall, terminal=terminal))
        titles = [self.tr("概览"), self.tr("设备"), self.tr("连接"), self.tr("自助终端设置"), self.tr("诊断导出")]
        for row, title in enumerate(titles):
            self.sidebar.item(row).setText(title)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.devices.stop_devices()
        if self._own_tasks is not None:
            self._own_tasks.shutdown()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
