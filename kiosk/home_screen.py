"""The citizen's start screen: five big choices and where to put the ID card.

A citizen who has never used a kiosk reads the screen top to bottom: a greeting, the five things the
machine does (办事 is the largest, since it is why most people come), and a hint where the ID card goes.
Each tile emits ``journey_requested(key)``; the main window decides what opens.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.screen_shown import ReportsShown
from ui_common.widgets import TouchTile

# The journeys a tile starts, in reading order. Later issues register a screen for each key.
APPLY, TICKET, PROGRESS, PRINT, GUIDE = "apply", "ticket", "progress", "print", "guide"
JOURNEYS = (APPLY, TICKET, PROGRESS, PRINT, GUIDE)


class KioskHomeScreen(ReportsShown, QWidget):
    journey_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kiosk-home")
        self.heading = QLabel()
        self.heading.setProperty("role", "heading")
        self.heading.setWordWrap(True)
        self.tiles = {key: TouchTile(key, primary=(key == APPLY)) for key in JOURNEYS}
        for tile in self.tiles.values():
            tile.clicked.connect(lambda _=False, key=tile.key: self.journey_requested.emit(key))
        self._grid = QGridLayout()
        self._grid.setSpacing(24)
        self._portrait: bool | None = None
        self._arrange(portrait=False)

        self.card_hint = QFrame()
        self.card_hint.setProperty("role", "hint")
        self.card_hint_arrow = QLabel("↓")
        self.card_hint_arrow.setProperty("role", "hint-arrow")
        self.card_hint_text = QLabel()
        self.card_hint_text.setProperty("role", "hint-text")
        self.card_hint_text.setWordWrap(True)
        hint_layout = QHBoxLayout(self.card_hint)
        hint_layout.setContentsMargins(28, 16, 28, 16)
        hint_layout.setSpacing(20)
        hint_layout.addWidget(self.card_hint_arrow)
        hint_layout.addWidget(self.card_hint_text, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.setSpacing(24)
        layout.addWidget(self.heading)
        layout.addLayout(self._grid, 1)
        layout.addWidget(self.card_hint)
        self.retranslate()

    def voice_instruction(self) -> str:
        """What 长者模式's voice says on the home screen: the greeting and where the card goes."""
        return f"{self.heading.text()}。{self.card_hint_text.text()}"

    def retranslate(self) -> None:
        self.heading.setText(self.tr("您好！请选择要办理的业务"))
        texts = {
            APPLY: (self.tr("办事"), self.tr("刷身份证或扫电子证照，在线办理政务服务事项")),
            TICKET: (self.tr("取号"), self.tr("领取排队号，到人工窗口办理")),
            PROGRESS: (self.tr("查进度"), self.tr("查询已提交办件的办理进度")),
            PRINT: (self.tr("打印证照"), self.tr("打印已办结的证照和办理结果")),
            GUIDE: (self.tr("办事指南"), self.tr("查看办理条件、所需材料和流程")),
        }
        for key, (title, subtitle) in texts.items():
            self.tiles[key].set_texts(title, subtitle)
        self.card_hint_text.setText(self.tr("办理业务时，请将身份证平放在屏幕下方的读卡区"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # A portrait kiosk (1080 x 1920) stacks the tiles two wide instead of three.
        self._arrange(portrait=event.size().height() > event.size().width())
        super().resizeEvent(event)

    def _arrange(self, *, portrait: bool) -> None:
        if portrait == self._portrait:
            return
        self._portrait = portrait
        for tile in self.tiles.values():
            self._grid.removeWidget(tile)
        others = [self.tiles[key] for key in JOURNEYS if key != APPLY]
        for column in range(3):
            self._grid.setColumnStretch(column, 0)
        for row in range(3):
            self._grid.setRowStretch(row, 0)
        if portrait:
            # 办事 across the top, the other four in two rows of two.
            self._grid.addWidget(self.tiles[APPLY], 0, 0, 1, 2)
            for index, tile in enumerate(others):
                self._grid.addWidget(tile, 1 + index // 2, index % 2)
            rows, columns = 3, 2
        else:
            # 办事 down the left, the other four in a 2 x 2 block beside it.
            self._grid.addWidget(self.tiles[APPLY], 0, 0, 2, 1)
            for index, tile in enumerate(others):
                self._grid.addWidget(tile, index // 2, 1 + index % 2)
            rows, columns = 2, 3
        for column in range(columns):
            self._grid.setColumnStretch(column, 1)
        for row in range(rows):
            self._grid.setRowStretch(row, 1)
