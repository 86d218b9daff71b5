"""Find the service: type what you want in your own words (我想开个餐馆) or pinyin initials (ggcs), or browse
hot items, departments and life events. 一件事 bundles appear beside single items, marked as such.

The guide index (core.guide) is built once per catalogue (``core.selfservice.derived``), off the GUI thread,
and shared by every session.
Emits ``chosen(GuideEntry)``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QWidget,
)

from core.guide import EntryKind, GuideEntry, GuideIndex
from core.selfservice.derived import guide_index
from kiosk.page import JourneyPage, elderly


class EntryTile(QPushButton):
    def __init__(self, entry: GuideEntry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry = entry
        self.setProperty("role", "entry")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(96)
        badges = []
        if entry.kind is EntryKind.BUNDLE:
            badges.append(self.tr("一件事"))
        if entry.instant:
            badges.append(self.tr("秒批"))
        text = entry.name + (f"   【{' · '.join(badges)}】" if badges else "")
        self.setText(text)
        self.setAccessibleName(entry.name)


class SearchScreen(JourneyPage):
    chosen = Signal(object)    # GuideEntry

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.index: GuideIndex | None = None
        self.query = QLineEdit()
        self.query.setProperty("role", "search")
        self.query.setClearButtonEnabled(True)
        self.query.textChanged.connect(self._search)
        self.browse_row = QHBoxLayout()
        self.browse_row.setSpacing(12)
        self.hot_button = self._chip(self.show_hot)
        self.department_button = self._chip(self.show_departments)
        self.life_button = self._chip(self.show_life_events)
        self.browse_row.addStretch(1)
        self.caption = QLabel()
        self.caption.setProperty("role", "body")
        self.caption.setWordWrap(True)
        # The choices scroll rather than squeeze: 长者模式's large buttons can outgrow the screen.
        grid_holder = QWidget()
        self.grid = QGridLayout(grid_holder)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(16)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(grid_holder)
        self.tiles: list[QPushButton] = []
        self.content.addWidget(self.query)
        self.content.addLayout(self.browse_row)
        self.content.addWidget(self.caption)
        self.content.addWidget(self.scroll, 1)
        self.next_button.hide()
        self.retranslate()
        self.caption.setText(self.tr("正在准备事项目录……"))
        if ctx.catalog is not None and ctx.tasks is None:    # screenshots: no task runner, build in place
            self._ready(guide_index(ctx.catalog))
        elif ctx.catalog is not None:
            catalog = ctx.catalog
            ctx.tasks.run(lambda: guide_index(catalog), on_success=self._ready,
                          on_failure=lambda exc: self.caption.setText(self.tr("暂时无法查询事项，请到人工窗口咨询。")))
        else:
            self.caption.setText(self.tr("事项目录还在加载，请稍候再试。"))

    def _chip(self, slot: Any) -> QPushButton:
        button = QPushButton()
        button.setProperty("role", "chip")
        button.clicked.connect(slot)
        self.browse_row.addWidget(button)
        return button

    @property
    def limit(self) -> int:
        return 4 if elderly() else 8

    def _ready(self, index: GuideIndex) -> None:
        self.index = index
        if self.query.text().strip():
            self._search(self.query.text())
        else:
            self.show_hot()

    # --- what the grid shows ---------------------------------------------------------------------------

    def _clear(self) -> None:
        for tile in self.tiles:
            self.grid.removeWidget(tile)
            tile.hide()
            tile.deleteLater()
        self.tiles = []

    def _place(self, buttons: list[QPushButton], *, short: bool = False) -> None:
        """``short`` labels (departments, life events) fit two columns even in 长者模式."""
        self._clear()
        columns = 2 if short or not elderly() else 1
        for n, button in enumerate(buttons):
            self.grid.addWidget(button, n // columns, n % columns)
        self.tiles = buttons

    def show_entries(self, entries: list[GuideEntry], caption: str) -> None:
        self.caption.setText(caption)
        tiles: list[QPushButton] = []
        for entry in entries[: self.limit]:
            tile = EntryTile(entry)
            tile.clicked.connect(lambda _=False, e=entry: self.chosen.emit(e))
            tiles.append(tile)
        self._place(tiles)

    def _search(self, text: str) -> None:
        if self.index is None:
            return
        text = text.strip()
        if not text:
            self.show_hot()
            return
        results = self.index.search(text, limit=self.limit)
        if results:
            self.show_entries([r.entry for r in results], self.tr("为您找到以下事项，请点选："))
        else:
            self._clear()
            self.caption.setText(self.tr("没有找到相关事项。换个说法试试，比如“开饭店”，或到服务台咨询。"))

    def show_hot(self) -> None:
        if self.index is not None:
            self.show_entries(list(self.index.hot(self.limit)), self.tr("大家常办的事项："))

    def show_departments(self) -> None:
        if self.index is None:
            return
        self.caption.setText(self.tr("请选择部门："))
        buttons = []
        for department in self.index.departments():
            button = QPushButton(department.short_name or department.name)
            button.setProperty("role", "entry")
            button.setMinimumHeight(80)
            button.clicked.connect(lambda _=False, d=department: self.show_entries(
                list(self.index.by_department(d.code)), self.tr("{name}的事项：").format(name=d.name)))
            buttons.append(button)
        self._place(buttons, short=True)

    def show_life_events(self) -> None:
        if self.index is None:
            return
        self.caption.setText(self.tr("请选择您要办的事："))
        buttons = []
        for event in self.index.life_events():
            button = QPushButton(event)
            button.setProperty("role", "entry")
            button.setMinimumHeight(80)
            button.clicked.connect(lambda _=False, e=event: self.show_entries(
                list(self.index.by_life_event(e)), self.tr("“{event}”相关事项：").format(event=e)))
            buttons.append(button)
        self._place(buttons, short=True)

    def retranslate(self) -> None:
        super().retranslate()
        self.heading.setText(self.tr("您要办什么事？"))
        self.query.setPlaceholderText(self.tr("说说您要办的事，如“我想开个餐馆”，或输入拼音首字母"))
        self.hot_button.setText(self.tr("热门事项"))
        self.department_button.setText(self.tr("按部门"))
        self.life_button.setText(self.tr("按人生事件"))
        self.back_button.setText(self.tr("返回首页"))
        self.query.setInputMethodHints(Qt.InputMethodHint.ImhNone)
