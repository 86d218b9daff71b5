"""The technician console: a sidebar of pages (概览, 设备, 连接, 自助终端设置, 诊断导出) and the page shown.

Only the overview exists now; the other pages say which issue brings them, so a technician is never left
with a blank pane.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QListWidget, QStackedWidget, QVBoxLayout, QWidget

from technician.overview_page import OverviewPage
from ui_common.context import AppContext
from ui_common.widgets import EmptyState

PAGES = ("overview", "devices", "links", "kiosk_settings", "diagnostics")


class TechnicianMainWindow(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
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
        self.overview = OverviewPage(ctx)
        self.pages.addWidget(self.overview)
        self._placeholders = [EmptyState() for _ in PAGES[1:]]
        for placeholder in self._placeholders:
            self.pages.addWidget(placeholder)
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
        coming = [
            (self.tr("设备检测"), self.tr("逐台打开、自检和测试设备，将在设备接入后提供。")),
            (self.tr("连接检测"), self.tr("测试大厅排队服务和政务服务平台的连接，将在对接完成后提供。")),
            (self.tr("自助终端设置"), self.tr("按配置项修改本机设置，将在后续版本提供。")),
            (self.tr("诊断导出"), self.tr("导出日志和设备状态（不含个人信息），将在后续版本提供。")),
        ]
        for placeholder, (title, body) in zip(self._placeholders, coming, strict=True):
            placeholder.set_texts(title, body)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
