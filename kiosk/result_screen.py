"""Submit and hear the answer: 正在审核 while the rules decide, then one of

* 审批通过 — the licence prints at once (or shows on screen with its QR when the printer cannot);
* 已受理 — the acceptance receipt prints (same fallback);
* 暂不能自助办结 — in plain words what to do next: where to go, what to bring (the rules' advice).

Emits ``next`` (完成 → evaluation) once the citizen has the answer.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from core.selfservice.apply import ACCEPTED, INSTANT, ApplyOutcome
from kiosk.page import JourneyPage
from ui_common.document_on_screen import DocumentOnScreen


class ResultScreen(JourneyPage):
    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.outcome: ApplyOutcome | None = None
        self.print_result: Any = None
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

    def show_outcome(self, outcome: ApplyOutcome) -> None:
        self.outcome = outcome
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

    def printed(self, result: Any) -> None:
        self.print_result = result
        self.next_button.setEnabled(True)
        if result.printed or self.outcome is None or self.outcome.document is None:
            return
        # Paper out, no printer: the document on screen with its QR, and where a print can be collected.
        self.document_view = DocumentOnScreen(self.outcome.document, result.user_message)
        self.document_view.done.connect(self.next)
        self.details.hide()   # the document on screen shows the same numbers, beside its QR code
        self.content.insertWidget(2, self.document_view, 1)
        self.content.setStretch(self.content.count() - 1, 0)   # the document takes the room the spacer had
        self.message.setText(self.tr("打印机暂时不能打印，请用手机拍下您的文书"))

    def retranslate(self) -> None:
        super().retranslate()
        self.heading.setText(self.tr("办理结果"))
        self.next_button.setText(self.tr("完成"))
