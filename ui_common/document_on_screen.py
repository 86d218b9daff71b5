"""A document shown on the screen when it could not be printed: what it is, its number, its QR code, and
where to collect the print.

The QR carries the same signed token as the paper would, so a photo of the screen is as good as the slip:
the progress query and any counter verify it. Only what the document certifies about the case is shown
(number, item, dates), never the applicant's ID number.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from core.documents.common import IssuedDocument
from core.documents.tokens import DocumentKind
from ui_common.qr_view import QrCodeView

# What each kind shows beside its QR code, in order: the reference number first.
_SHOWN_FIELDS: Mapping[DocumentKind, tuple[str, ...]] = {
    DocumentKind.QUEUE_TICKET: ("number", "service", "waiting_ahead", "issued_at"),
    DocumentKind.LICENCE: ("licence_number", "licence_name", "holder", "valid", "case_number"),
}
_DEFAULT_FIELDS = ("case_number", "item_name", "promised_date", "accepted_at")


class DocumentOnScreen(QFrame):
    """The document's essentials and its QR code. ``done`` fires when the person taps 我已拍照 / 完成."""

    done = Signal()

    def __init__(self, document: IssuedDocument, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setProperty("role", "card")
        self.title = QLabel(self)
        self.title.setProperty("role", "title")
        self.reason = QLabel(reason, self)
        self.reason.setProperty("role", "body")
        self.reason.setWordWrap(True)
        self.details = QLabel(self)
        self.details.setProperty("role", "body")
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.qr = QrCodeView(document.token, self, minimum_px=300)
        self.hint = QLabel(self)
        self.hint.setProperty("role", "body")
        self.hint.setWordWrap(True)
        self.done_button = QPushButton(self)
        self.done_button.setProperty("primary", True)
        self.done_button.setMinimumSize(240, 88)
        self.done_button.clicked.connect(self.done)

        # The words scroll if they must (a licence's lines in 长者模式's large type on a small card), so
        # they never overlap; the title and the reason come first, in sight.
        words = QWidget()
        text = QVBoxLayout(words)
        text.setContentsMargins(0, 0, 0, 0)
        text.addWidget(self.title)
        text.addWidget(self.reason)
        text.addWidget(self.details)
        text.addWidget(self.hint)
        text.addStretch(1)
        self.words = QScrollArea(self)
        self.words.setWidgetResizable(True)
        self.words.setFrameShape(QFrame.Shape.NoFrame)
        self.words.setWidget(words)
        for surface in (words, self.words.viewport()):
            surface.setAutoFillBackground(False)
        # The button sits under the QR code: the text column is the tall one in elderly mode.
        code = QVBoxLayout()
        code.addWidget(self.qr, 1)
        code.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignHCenter)
        row = QHBoxLayout(self)
        row.setContentsMargins(32, 24, 32, 24)
        row.setSpacing(32)
        row.addWidget(self.words, 3)
        row.addLayout(code, 2)
        self.retranslate()

    def shown_lines(self) -> list[str]:
        keys = _SHOWN_FIELDS.get(self.document.kind, _DEFAULT_FIELDS)
        labels = self._labels()
        return [f"{labels[k]}：{self.document.fields[k]}" for k in keys if self.document.fields.get(k)]

    def _labels(self) -> dict[str, str]:
        return {"number": self.tr("排队号"), "service": self.tr("业务"), "waiting_ahead": self.tr("前面等候人数"),
                "issued_at": self.tr("取号时间"), "licence_number": self.tr("证号"),
                "licence_name": self.tr("证照"), "holder": self.tr("持证单位"), "valid": self.tr("有效期"),
                "case_number": self.tr("办件编号"), "item_name": self.tr("事项"),
                "promised_date": self.tr("承诺办结日期"), "accepted_at": self.tr("受理时间")}

    def _kind_label(self) -> str:
        return {DocumentKind.QUEUE_TICKET: self.tr("排队凭条"), DocumentKind.ACCEPTANCE_RECEIPT: self.tr("受理回执"),
                DocumentKind.CORRECTION_NOTICE: self.tr("一次性告知书"),
                DocumentKind.TOLERANCE_NOTICE: self.tr("容缺受理通知书"),
                DocumentKind.REFUSAL_NOTICE: self.tr("不予受理通知书"), DocumentKind.LICENCE: self.tr("许可证"),
                DocumentKind.PROGRESS_SUMMARY: self.tr("办件进度")}.get(self.document.kind, self.document.kind.label)

    def retranslate(self) -> None:
        self.title.setText(self.tr("您的{kind}").format(kind=self._kind_label()))
        self.details.setText("\n".join(self.shown_lines()))
        self.hint.setText(self.tr("任一窗口或自助终端均可凭此码查询、补打。"))
        self.done_button.setText(self.tr("我已拍照"))
