"""我的今日: how many this clerk served, the average service time (the hall's statistics) and the
evaluations received today."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from core.documents.common import local
from core.evaluations import LEVELS, day_summary
from ui_common.tasks import describe_failure

log = logging.getLogger(__name__)


def _value() -> QLabel:
    label = QLabel()
    label.setProperty("role", "value")
    return label


class MyDayScreen(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "panel")
        self.ctx: Any = None
        self.clerk: Any = None
        self.title_label = QLabel()
        self.title_label.setProperty("role", "panel-title")
        self.captions = [QLabel() for _ in range(3)]
        self.served_label, self.service_time_label, self.cases_label = _value(), _value(), _value()
        self.evaluation_caption = QLabel()
        self.level_labels = {level: QLabel() for level in LEVELS}
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        for row, (caption, value) in enumerate(zip(self.captions, (self.served_label, self.service_time_label,
                                                                   self.cases_label), strict=True)):
            grid.addWidget(caption, row, 0)
            grid.addWidget(value, row, 1)
        grid.addWidget(self.evaluation_caption, 3, 0)
        for n, label in enumerate(self.level_labels.values()):
            grid.addWidget(label, 3 + n, 1)
        grid.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(self.title_label)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(self.refresh_button)
        self.show_numbers(None, None, 0, {level: 0 for level in LEVELS})
        self.retranslate()

    def refresh(self) -> None:
        if self.ctx is None or self.clerk is None or self.ctx.tasks is None:
            return
        ctx, clerk = self.ctx, self.clerk

        def load() -> tuple:
            today = local(datetime.now(UTC)).date()
            served = mean = None
            if ctx.hall is not None:
                try:
                    kpi = ctx.hall.stats().by_clerk.get(clerk.staff_number)
                    served, mean = (kpi.served, kpi.service_mean_s) if kpi else (0, None)
                except Exception as exc:   # the hall may be away; the rest of the page still shows
                    log.warning("COUNTER_STATS_FAILED %s", describe_failure(exc))
            cases = sum(1 for c in ctx.store.cases.list(datetime.now(UTC).date(), limit=500)
                        if any(e.actor == clerk.actor for e in c.events)) if ctx.store else 0
            evaluations = day_summary(ctx.store, clerk.actor, today) if ctx.store else {}
            return served, mean, cases, evaluations

        ctx.tasks.run(load, on_success=lambda r: self.show_numbers(*r),
                      on_failure=lambda exc: log.warning("COUNTER_MY_DAY_FAILED %s", describe_failure(exc)))

    def show_numbers(self, served: int | None, mean_s: float | None, cases: int, evaluations: dict) -> None:
        self.served_label.setText(self.tr("未连接叫号服务") if served is None else self.tr("%n 人", "", served))
        self.service_time_label.setText(self.tr("暂无") if mean_s is None else
                                        self.tr("{minutes} 分 {seconds} 秒").format(minutes=int(mean_s) // 60,
                                                                                 seconds=int(mean_s) % 60))
        self.cases_label.setText(self.tr("%n 件", "", cases))
        total = sum(evaluations.values())
        for level, label in self.level_labels.items():
            label.setText(f"{level}：{evaluations.get(level, 0)}")
        self.evaluation_caption.setText(self.tr("今日评价（共 {total} 条）").format(total=total))

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("我的今日"))
        for caption, text in zip(self.captions, (self.tr("已服务"), self.tr("平均办理时长"), self.tr("经办办件")),
                                 strict=True):
            caption.setText(text)
        self.refresh_button.setText(self.tr("刷新"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
