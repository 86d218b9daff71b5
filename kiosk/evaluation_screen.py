"""好差评: five levels after every journey. 不满意 and 非常不满意 ask why (a few common reasons, tap one or
more); 跳过 records nothing at all, never a default "satisfied". The evaluation is tied to the case (each case
of a 一件事 bundle: one tap evaluates the service, recorded per case) and queued for the platform in the outbox
through ``core.evaluations.record_service_evaluation``, as at the counter.

Emits ``next`` when done (submitted or skipped).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from core.evaluations import DISSATISFIED, KIOSK_CHANNEL, LEVELS, record_service_evaluation
from kiosk.page import JourneyPage


class EvaluationScreen(JourneyPage):
    """``cases``: what the service decided; one case, or each case of a 一件事 bundle (one evaluation each)."""

    def __init__(self, ctx: Any, cases: Sequence[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.cases = ctx, tuple(cases)
        self.level: str | None = None
        self.recorded = False
        self.level_buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.setSpacing(16)
        for level in LEVELS:
            button = QPushButton()
            button.setCheckable(True)
            button.setProperty("role", "rating")
            button.setMinimumSize(180, 120)
            button.clicked.connect(lambda _=False, lv=level: self.choose(lv))
            self.level_buttons[level] = button
            row.addWidget(button)
        self.reason_label = QLabel()
        self.reason_label.setProperty("role", "body")
        self.reason_buttons: list[QPushButton] = []
        self.reason_grid = QGridLayout()
        self.reason_grid.setSpacing(12)
        self.content.addLayout(row)
        self.content.addWidget(self.reason_label)
        self.content.addLayout(self.reason_grid)
        self.content.addStretch(1)
        self.back_button.clicked.disconnect()
        self.back_button.clicked.connect(self.skip)
        self.next_button.clicked.disconnect()
        self.next_button.clicked.connect(self.submit)
        self.retranslate()
        self._show_reasons(False)
        self.next_button.setEnabled(False)

    def _reasons(self) -> list[tuple[str, str]]:
        """(what is recorded, what is shown): the record is always in Chinese."""
        return [("等候时间长", self.tr("等候时间长")), ("操作太复杂", self.tr("操作太复杂")),
                ("看不懂提示", self.tr("看不懂提示")), ("设备有故障", self.tr("设备有故障")),
                ("没能办成", self.tr("没能办成")), ("其他", self.tr("其他"))]

    def choose(self, level: str) -> None:
        self.level = level
        for name, button in self.level_buttons.items():
            button.setChecked(name == level)
        unhappy = level in DISSATISFIED
        self._show_reasons(unhappy)
        self.next_button.setEnabled(not unhappy or bool(self.chosen_reasons()))

    def _show_reasons(self, show: bool) -> None:
        self.reason_label.setVisible(show)
        if show and not self.reason_buttons:
            for n, (reason, shown) in enumerate(self._reasons()):
                button = QPushButton(shown)
                button.setProperty("reason", reason)
                button.setCheckable(True)
                button.setProperty("role", "chip")
                button.clicked.connect(lambda _=False: self.next_button.setEnabled(bool(self.chosen_reasons())))
                self.reason_grid.addWidget(button, n // 3, n % 3)
                self.reason_buttons.append(button)
        for button in self.reason_buttons:
            button.setVisible(show)

    def chosen_reasons(self) -> list[str]:
        return [b.property("reason") for b in self.reason_buttons if b.isChecked() and not b.isHidden()]

    def submit(self) -> None:
        if self.level is None or self.recorded or (self.level in DISSATISFIED and not self.chosen_reasons()):
            return
        self.recorded = True
        self.next_button.setEnabled(False)
        store, cases, level = self.ctx.store, self.cases, self.level
        reasons = self.chosen_reasons() if level in DISSATISFIED else []
        terminal = self.ctx.setting("terminal.id", "K01")

        def record() -> Any:
            return record_service_evaluation(store, cases, level=level, reasons=reasons, terminal_id=terminal,
                                             actor=f"kiosk:{terminal}", channel=KIOSK_CHANNEL)

        def done(_row: Any) -> None:
            if self.ctx.sync is not None:
                self.ctx.sync.nudge()
            self.next.emit()

        self.ctx.tasks.run(record, on_success=done, on_failure=lambda _exc: self.next.emit())

    def skip(self) -> None:
        self.next.emit()

    def retranslate(self) -> None:
        super().retranslate()
        self.heading.setText(self.tr("请对本次服务评价"))
        labels = {"非常满意": self.tr("非常满意"), "满意": self.tr("满意"), "基本满意": self.tr("基本满意"),
                  "不满意": self.tr("不满意"), "非常不满意": self.tr("非常不满意")}
        for level, button in self.level_buttons.items():
            button.setText(labels[level])
        self.reason_label.setText(self.tr("请告诉我们哪里不满意（可多选）："))
        self.back_button.setText(self.tr("跳过"))
        self.next_button.setText(self.tr("提交评价"))
