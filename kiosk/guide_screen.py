"""Read the guide: the plain-language guide, what to bring, how long it takes, what it costs, whether it is
decided on the spot (秒批). A 一件事 bundle lists its items (each opens its own guide) and the materials asked
for once for all of them.

``next`` (开始办理) only when the item, or every item of the bundle, can be done at this kiosk; otherwise the
screen says where to go (for a bundle: which of its items need the counter). Emits ``open_item(code)`` when
a bundle's item is chosen.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from core.guide import EntryKind, GuideEntry
from core.selfservice.bundle import ApplicationScope
from kiosk.page import JourneyPage, elderly
from ui_common.widgets import role_label

# Guide text: wrapped, and shown literally (catalogue text is never rich text).
_text = partial(role_label, wrap=True, plain=True)


class GuideScreen(JourneyPage):
    open_item = Signal(str)

    def __init__(self, ctx: Any, entry: GuideEntry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.entry = entry
        self.can_apply = False
        body = QWidget()
        self.body = QVBoxLayout(body)
        self.body.setSpacing(12)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        self.content.addWidget(scroll, 1)
        self.where = _text("", "status")
        self.content.addWidget(self.where)
        self._build()
        self.retranslate()

    def _build(self) -> None:
        catalog = self.ctx.catalog
        if self.entry.kind is EntryKind.BUNDLE:
            self._build_bundle(ApplicationScope.of(catalog, self.entry.code))
            return
        item = catalog.item(self.entry.code)
        self.can_apply = item.kiosk_capable
        facts = [
            self.tr("办理时限：{limit}").format(limit=self.tr("当场办结") if item.is_immediate and
                                               item.promised_limit.amount == 0 else item.limit_label),
            self.tr("收费：{fee}").format(fee=item.fee.description if item.fee.charged else self.tr("不收费")),
            self.tr("秒批：符合条件的，审核通过后当场打印证照") if item.instant_approval else
            self.tr("受理后由工作人员审核，办好后通知您"),
        ]
        self.body.addWidget(_text(self.tr("怎么办"), "section"))
        for line in item.guide:
            self.body.addWidget(_text(f"• {line}"))
        self.body.addWidget(_text(self.tr("要准备的材料"), "section"))
        for n, material in enumerate(item.materials, 1):
            extra = self.tr("（可容缺后补）") if material.tolerable else ""
            self.body.addWidget(_text(f"{n}. {material.name}{extra}"))
        self.body.addWidget(_text(self.tr("时限与费用"), "section"))
        for fact in facts:
            self.body.addWidget(_text(fact))
        self.body.addStretch(1)
        if not self.can_apply:
            where = self.tr("本事项请到 {place} 办理（{hours}）。")
            self.where.setText(where.format(place=item.location, hours=item.hours))
        self.next_button.setVisible(self.can_apply)

    def _build_bundle(self, scope: ApplicationScope) -> None:
        counter_only = scope.counter_only
        self.can_apply = not counter_only
        self.body.addWidget(_text(self.tr("一件事一次办：一次申请，多个部门联办。"), "section"))
        for line in scope.bundle.guide if scope.bundle is not None else ():
            self.body.addWidget(_text(f"• {line}"))
        self.body.addWidget(_text(self.tr("包含的事项（点选可查看说明）："), "section"))
        grid = QGridLayout()
        grid.setSpacing(12)
        columns = 1 if elderly() else 2
        for n, item in enumerate(scope.items):
            name = item.display_name if item.kiosk_capable else self.tr("{name}（需到窗口办理）").format(
                name=item.display_name)
            button = QPushButton(name)
            button.setProperty("role", "entry")
            button.clicked.connect(lambda _=False, code=item.implementation_code: self.open_item.emit(code))
            grid.addWidget(button, n // columns, n % columns)
        self.body.addLayout(grid)
        if self.can_apply:
            self.body.addWidget(_text(self.tr("要准备的材料（每样只交一次）"), "section"))
            for n, material in enumerate(scope.materials, 1):
                extra = self.tr("（可容缺后补）") if material.tolerable else ""
                self.body.addWidget(_text(f"{n}. {material.name}{extra}"))
        self.body.addStretch(1)
        if counter_only:
            names = "、".join(item.display_name for item in counter_only)
            self.where.setText(self.tr("其中“{names}”需要到人工窗口办理，这件事请到大厅的人工窗口一次办好。").format(
                names=names))
        self.next_button.setVisible(self.can_apply)

    def retranslate(self) -> None:
        super().retranslate()
        self.heading.setText(self.entry.name)
        self.next_button.setText(self.tr("开始办理"))
        self.where.setVisible(bool(self.where.text()))
