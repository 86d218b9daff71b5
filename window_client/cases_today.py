"""今日办件: today's cases at this terminal, searchable by case number or applicant (masked), with their
state, and a reprint of the documents of the selected case."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.acceptance import documents_for
from core.documents.common import local
from ui_common.print_flow import hall_info, print_document
from ui_common.tasks import describe_failure

log = logging.getLogger(__name__)


class CasesTodayScreen(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "panel")
        self.ctx: Any = None
        self.cases: list = []
        self.shown: list = []
        self.title_label = QLabel()
        self.title_label.setProperty("role", "panel-title")
        self.search_edit = QLineEdit()
        self.search_edit.textChanged.connect(self._filter)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        self.reprint_button = QPushButton()
        self.reprint_button.clicked.connect(self.reprint_selected)
        self.waiting_label = QLabel()
        self.table = QTableWidget(0, 5)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda _index: self.reprint_selected())
        top = QHBoxLayout()
        top.addWidget(self.title_label)
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.reprint_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.waiting_label)
        self.retranslate()

    def refresh(self) -> None:
        if self.ctx is None or self.ctx.store is None or self.ctx.tasks is None:
            return
        store, printing = self.ctx.store, self.ctx.printing

        def load() -> tuple[list, int]:
            cases = store.cases.list(datetime.now(UTC).date(), limit=500)
            return cases, len(printing.waiting()) if printing is not None else 0

        self.ctx.tasks.run(load, on_success=lambda r: self.show_cases(*r),
                           on_failure=lambda exc: log.warning("COUNTER_CASES_FAILED %s", describe_failure(exc)))

    def show_cases(self, cases: list, waiting: int = 0) -> None:
        self.cases = cases
        self.waiting_label.setText(self.tr("补打队列：{count} 份文书等待打印").format(count=waiting) if waiting
                                   else self.tr("补打队列：无"))
        self._filter(self.search_edit.text())

    def _filter(self, text: str) -> None:
        text = text.strip()
        self.shown = [c for c in self.cases if not text or text in c.case_number or text in c.applicant.name
                      or text.upper() == c.applicant.id_number.upper()]
        self.table.setRowCount(len(self.shown))
        for row, case in enumerate(self.shown):
            values = (case.case_number, f"{local(case.created_at):%H:%M}", case.item_name,
                      case.applicant.masked_name, case.state.label)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)
        if self.shown:
            self.table.selectRow(0)

    def selected(self) -> Any:
        row = self.table.currentRow()
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def reprint_selected(self) -> None:
        case = self.selected()
        if case is None or self.ctx is None or self.ctx.signing_key is None:
            return
        ctx = self.ctx
        hall = hall_info(ctx)

        def render() -> list:
            return list(documents_for(case, ctx.catalog, hall=hall, key=ctx.signing_key))

        def rendered(documents: list) -> None:
            if ctx.store is not None:
                ctx.tasks.run(lambda: ctx.store.audit.append("counter", "document.reprint", case.case_number,
                                                             {"documents": len(documents)}), on_success=lambda _: None)
            for document in documents:
                print_document(ctx, document, case_id=case.case_id, on_result=lambda _r: self.refresh())
            self.waiting_label.setText(self.tr("{number} 的文书已重新打印").format(number=case.case_number))

        ctx.tasks.run(render, on_success=rendered,
                      on_failure=lambda exc: log.warning("COUNTER_REPRINT_FAILED %s", describe_failure(exc)))

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("今日办件"))
        self.search_edit.setPlaceholderText(self.tr("按办件编号、姓名或身份证号查找"))
        self.refresh_button.setText(self.tr("刷新"))
        self.reprint_button.setText(self.tr("补打文书 (Enter)"))
        self.table.setHorizontalHeaderLabels([self.tr("办件编号"), self.tr("时间"), self.tr("事项"),
                                              self.tr("申请人"), self.tr("状态")])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
