"""A person's cases as large cards: what was applied for, its number, and where it stands in plain words.

Shown by 查进度 and 打印证照. Only what a receipt prints about a case appears (item, number, dates, state),
never the applicant's ID number. A card can carry one action button (打印证照).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from core.cases.model import Case, CaseState, Outcome
from core.documents.common import cn_date


def state_words(case: Case) -> str:
    """Where the case stands, in the words a citizen would use, with the next step if there is one."""
    state = case.state
    if state is CaseState.COMPLETED:
        if case.outcome is Outcome.ISSUED and case.licence is not None:
            return QCoreApplication.translate("CaseListView", "已办结，准予许可。证照可在本机“打印证照”打印。")
        if case.outcome is Outcome.DENIED:
            return QCoreApplication.translate("CaseListView", "已办结，不予许可。请查看办理部门出具的决定书。")
        return QCoreApplication.translate("CaseListView", "已办结。")
    words = {
        CaseState.DRAFT: QCoreApplication.translate("CaseListView", "尚未提交。"),
        CaseState.SUBMITTED: QCoreApplication.translate("CaseListView", "已提交，等待工作人员受理。"),
        CaseState.PRE_REVIEW: QCoreApplication.translate("CaseListView", "材料正在预审。"),
        CaseState.CORRECTION: QCoreApplication.translate(
            "CaseListView", "需要补齐材料：请按一次性告知书准备材料，到综合窗口补交。"),
        CaseState.ACCEPTED: QCoreApplication.translate("CaseListView", "已受理，正在安排办理。"),
        CaseState.NOT_ACCEPTED: QCoreApplication.translate("CaseListView", "不予受理。原因见不予受理通知书。"),
        CaseState.RETURNED: QCoreApplication.translate("CaseListView", "已退件。如需继续办理，请重新申请。"),
        CaseState.PROCESSING: QCoreApplication.translate("CaseListView", "正在办理。"),
        CaseState.SUSPENDED: QCoreApplication.translate(
            "CaseListView", "特别程序中（如检测、听证），这段时间不计入办理时限。"),
        CaseState.DELIVERED: QCoreApplication.translate("CaseListView", "已办结，证照已领取。"),
    }
    return words.get(state, state.label)


def date_words(case: Case) -> str:
    if case.completed_at is not None:
        return QCoreApplication.translate("CaseListView", "办结日期：{date}").format(date=cn_date(case.completed_at))
    if case.promised_date is not None and not case.state.is_final:
        return QCoreApplication.translate("CaseListView", "承诺办结日期：{date}").format(
            date=cn_date(case.promised_date))
    return QCoreApplication.translate("CaseListView", "申请日期：{date}").format(
        date=cn_date(case.submitted_at or case.created_at))


class CaseCard(QFrame):
    def __init__(self, case: Case, parent: QWidget | None = None, *, action: str = "",
                 on_action: Callable[[Case], None] | None = None) -> None:
        super().__init__(parent)
        self.case = case
        self.setProperty("role", "hint")
        self.item = QLabel(case.item_name, self)
        self.item.setProperty("role", "hint-text")
        self.item.setWordWrap(True)
        self.state = QLabel(state_words(case), self)
        number = QCoreApplication.translate("CaseListView", "办件编号：{number}").format(number=case.case_number)
        self.details = QLabel(f"{number}　{date_words(case)}", self)
        for label in (self.state, self.details):
            label.setProperty("role", "body")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
        text = QVBoxLayout()
        text.setSpacing(6)
        text.addWidget(self.item)
        text.addWidget(self.state)
        text.addWidget(self.details)
        row = QHBoxLayout(self)
        row.setContentsMargins(28, 20, 28, 20)
        row.setSpacing(24)
        row.addLayout(text, 1)
        self.action_button: QPushButton | None = None
        if action and on_action is not None:
            self.action_button = QPushButton(action, self)
            self.action_button.setProperty("role", "primary")
            self.action_button.setMinimumSize(220, 96)
            self.action_button.setProperty("touch", "large")
            self.action_button.clicked.connect(lambda: on_action(case))
            row.addWidget(self.action_button, 0, Qt.AlignmentFlag.AlignVCenter)


class CaseListView(QScrollArea):
    """Cards in a vertical list that scrolls with a finger when there are many."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cards: list[CaseCard] = []
        self._inner = QWidget()
        self._layout = QVBoxLayout(self._inner)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(16)
        self._layout.addStretch(1)
        self.setWidget(self._inner)

    def set_cases(self, cases: Sequence[Case], *, action: str = "",
                  on_action: Callable[[Case], None] | None = None) -> None:
        for card in self.cards:
            self._layout.removeWidget(card)
            card.deleteLater()
        self.cards = []
        for case in cases:
            card = CaseCard(case, self._inner, action=action, on_action=on_action)
            self._layout.insertWidget(self._layout.count() - 1, card)
            self.cards.append(card)
