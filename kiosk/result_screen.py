"""Submit and hear the answer: 正在审核 while the rules decide, then one of

* 审批通过 — the licence prints at once (or shows on screen with its QR when the printer cannot);
* 已受理 — the acceptance receipt prints (same fallback);
* 暂不能自助办结 — in plain words what to do next: where to go, what to bring (the rules' advice).

A 一件事 bundle answers with one line per item (已办结 / 已受理·承诺X个工作日 / 请到窗口办理) and prints each
item's document in turn; ``printed`` is called once per document.

Emits ``next`` (完成 → evaluation) once the citizen has the answer.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from core.catalog.calendar import LimitUnit
from core.selfservice.apply import ACCEPTED, INSTANT, ApplyOutcome
from core.selfservice.bundle import BundleOutcome
from kiosk.page import JourneyPage
from ui_common.document_on_screen import DocumentOnScreen


class ResultScreen(JourneyPage):
    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.outcome: ApplyOutcome | BundleOutcome | None = None
        self.documents: list[Any] = []          # what is printed, in order
        self.print_results: list[Any] = []      # one per document, in the same order
        self.print_result: Any = None           # the last one, once every document has its answer
        self.item_lines: list[str] = []         # a bundle's rows as "name：answer" (what the rows show)
        self.document_view: DocumentOnScreen | None = None
        self.message = QLabel()
        self.message.setProperty("role", "result")
        self.message.setWordWrap(True)
        self.details = QLabel()
        self.details.setProperty("role", "body")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.content.addWidget(self.message)
        self.content.addWidget(self.details)
        self.content.addStretch(1)
        self.back_button.hide()
        self.next_button.setEnabled(False)
        self.retranslate()
        self.show_waiting()

    def show_waiting(self) -> None:
        self.message.setText(self.tr("正在审核，请稍候……"))
        self.details.setText(self.tr("系统正在按审批规则自动核验，一般只要几秒钟。"))

    def show_failure(self, text: str) -> None:
        self.message.setText(self.tr("提交没有成功"))
        self.details.setText(text)
        self.back_button.show()
        self.back_button.setText(self.tr("返回修改"))

    def show_outcome(self, outcome: ApplyOutcome | BundleOutcome) -> None:
        self.outcome = outcome
        self.print_results = []
        if isinstance(outcome, BundleOutcome):
            self._show_bundle(outcome)
            return
        self.documents = [outcome.document] if outcome.document is not None else []
        case = outcome.case
        if outcome.kind == INSTANT:
            self.message.setText(self.tr("审批通过！许可证正在打印，请在出证口取走。"))
            self.details.setText(self.tr("办件编号：{number}\n证照：{name}  编号：{licence}").format(
                number=case.case_number, name=case.licence.name, licence=case.licence.number))
        elif outcome.kind == ACCEPTED:
            self.message.setText(self.tr("申请已受理，受理回执正在打印。"))
            self.details.setText(self.tr("办件编号：{number}\n承诺办结日期：{day}").format(
                number=case.case_number, day=case.promised_date.isoformat() if case.promised_date else ""))
        else:
            self.message.setText(self.tr("您的申请暂时不能在自助机上办结"))
            lines = [self.tr("请按下面的提示办理：")] + [f"• {line}" for line in outcome.advice]
            self.details.setText("\n".join(lines))
            self.next_button.setEnabled(True)
        if outcome.document is None:
            self.next_button.setEnabled(True)

    def _show_bundle(self, outcome: BundleOutcome) -> None:
        """One row per item: its name, its answer in plain words, its case number; the advice below."""
        self.documents = list(outcome.documents)
        self.message.setText(self.tr("“{name}”已一次提交，{n}个事项的结果如下：").format(
            name=outcome.bundle_name, n=len(outcome.items)))
        box = QFrame()
        box.setProperty("role", "card")
        grid = QGridLayout(box)
        grid.setContentsMargins(24, 16, 24, 16)
        grid.setHorizontalSpacing(32)
        grid.setVerticalSpacing(12)
        grid.setColumnStretch(1, 1)
        self.item_lines = []
        for n, item in enumerate(outcome.items):
            name, words = self._item_name(item.case), self._result_words(item)
            self.item_lines.append(f"{name}：{words}")
            cells = ((name, "body"), (words, "body" if item.kind in (INSTANT, ACCEPTED) else "status"),
                     (self.tr("办件编号 {number}").format(number=item.case.case_number), "field-help"))
            for column, (text, role) in enumerate(cells):
                label = QLabel(text)
                label.setProperty("role", role)
                label.setTextFormat(Qt.TextFormat.PlainText)
                grid.addWidget(label, n, column)
        self.content.insertWidget(1, box)
        lines = [f"• {line}" for item in outcome.items if item.kind not in (INSTANT, ACCEPTED)
                 for line in item.advice]
        if any(item.kind == INSTANT for item in outcome.items):
            lines.append(self.tr("证照和受理回执正在打印，请在出证口取走。"))
        elif self.documents:
            lines.append(self.tr("受理回执正在打印，请在出证口取走。"))
        self.details.setText("\n".join(lines))
        self.next_button.setEnabled(not self.documents)

    def _item_name(self, case: Any) -> str:
        catalog = getattr(self.ctx, "catalog", None)
        if catalog is not None and catalog.has_item(case.item_code):
            return catalog.item(case.item_code).display_name
        return case.item_name

    def _result_words(self, item: ApplyOutcome) -> str:
        """One item's answer in plain words: 已办结 / 已受理·承诺X个工作日 / 请到窗口办理."""
        if item.kind == INSTANT:
            return self.tr("已办结")
        if item.kind != ACCEPTED:
            return self.tr("请到窗口办理")
        limit = self.ctx.catalog.item(item.case.item_code).promised_limit
        if limit.amount == 0:
            return self.tr("已受理·当天办结")
        if limit.unit is LimitUnit.WORKING_DAY:
            return self.tr("已受理·承诺{n}个工作日").format(n=limit.amount)
        return self.tr("已受理·承诺{n}个自然日").format(n=limit.amount)

    def printed(self, result: Any) -> None:
        """One document's print answer; once every document has one, 完成 is possible."""
        self.print_results.append(result)
        if len(self.print_results) < len(self.documents):
            return
        self.print_result = result
        self.next_button.setEnabled(True)
        missed = [doc for doc, answer in zip(self.documents, self.print_results, strict=False) if not answer.printed]
        if not missed:
            return
        # Paper out, no printer: the document on screen with its QR, and where a print can be collected.
        failed = next(answer for answer in self.print_results if not answer.printed)
        self.document_view = DocumentOnScreen(missed[0], failed.user_message)
        self.document_view.done.connect(self.next)
        self.details.hide()   # the document on screen shows the same numbers, beside its QR code
        self.content.insertWidget(2, self.document_view, 1)
        self.content.setStretch(self.content.count() - 1, 0)   # the document takes the room the spacer had
        self.message.setText(self.tr("打印机暂时不能打印，请用手机拍下您的文书"))

    def retranslate(self) -> None:
        super().retranslate()
        self.heading.setText(self.tr("办理结果"))
        self.next_button.setText(self.tr("完成"))
