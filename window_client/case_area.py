"""受理: choose an item or a bundle (一件事), check the materials, decide.

The checklist is one row per material (deduplicated across a bundle's items): its name, what the item
asks for (必备 / 可容缺 / 非必备) and a status box (原件已收 / 复印件已收 / 电子证照复用 / 缺少 / 有误) with
a note for what is wrong. Rows are plain widgets in a grid, so Tab walks through them in order.

The four decisions (Ctrl+Enter accepts) go to ``core.acceptance.decide`` on a worker: the case, its event,
the outbox row and the audit entry in one transaction; then the documents render and are handed to the
print queue (A4), never lost if the printer fails.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from core.acceptance import Checklist, Decision, DecisionRequest, MaterialCheck, checklist, decide, documents_for
from core.cases.model import MaterialStatus
from core.errors import HalltermError
from ui_common.print_flow import hall_info, print_document
from ui_common.signature_pad import SignaturePad
from ui_common.tasks import describe_failure
from ui_common.widgets import EmptyState

log = logging.getLogger(__name__)

STATUSES = (MaterialStatus.ORIGINAL, MaterialStatus.COPY, MaterialStatus.ELICENCE, MaterialStatus.MISSING,
            MaterialStatus.DEFECTIVE)
DECISION_KEYS = {Decision.ACCEPT: "Ctrl+Return", Decision.TOLERATE: "Ctrl+R", Decision.CORRECT: "Ctrl+B",
                 Decision.REFUSE: "Ctrl+J"}


class MaterialRow:
    def __init__(self, material: Any) -> None:
        self.material = material
        self.name = QLabel(material.name)
        self.name.setWordWrap(True)
        self.demand = QLabel()
        self.demand.setProperty("role", "caption")
        self.status = QComboBox()
        self.note = QLineEdit()
        self.licence: Any = None      # the applicant's e-licence that can stand in for this material

    def check(self) -> MaterialCheck:
        status = MaterialStatus(self.status.currentData())
        number = self.licence.number if status is MaterialStatus.ELICENCE and self.licence is not None else None
        return MaterialCheck(status, note=self.note.text().strip(), licence_number=number)


class CaseArea(QFrame):
    decided = Signal(object, object)      # (Decision, list[Case])
    problem = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "panel")
        self.ctx: Any = None
        self.clerk: Any = None
        self.ticket: Any = None
        self.applicant_source = None          # callable -> Person | None
        self.desk: Checklist | None = None
        self.rows: list[MaterialRow] = []
        self.busy = False
        self.licences: list = []          # the applicant's e-licences (set by the window from the applicant panel)
        self.last_cases: list = []
        self.title_label = QLabel()
        self.title_label.setProperty("role", "panel-title")
        self.item_combo = QComboBox()
        self.item_combo.setEditable(True)
        self.item_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.item_combo.activated.connect(self._item_chosen)
        self.all_received_button = QPushButton()
        self.all_received_button.clicked.connect(self.mark_all_received)
        self.empty_state = EmptyState()
        self.rows_widget = QWidget()
        self.rows_layout = QGridLayout(self.rows_widget)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setVerticalSpacing(4)
        self.rows_layout.setColumnStretch(0, 3)
        self.rows_layout.setColumnStretch(3, 2)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.rows_widget)
        self.reason_edit = QLineEdit()
        self.deadline_edit = QDateEdit()
        self.deadline_edit.setCalendarPopup(True)
        self.deadline_edit.setDisplayFormat("yyyy-MM-dd")
        self.reason_caption, self.deadline_caption = QLabel(), QLabel()
        self.signature = SignaturePad()
        self.signature.setFixedSize(300, 72)
        self.clear_signature_button = QPushButton()
        self.clear_signature_button.clicked.connect(self.signature.clear)
        self.decision_buttons: dict[Decision, QPushButton] = {}
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.title_label)
        top.addWidget(self.item_combo, 1)
        top.addWidget(self.all_received_button)
        extra = QGridLayout()
        extra.addWidget(self.reason_caption, 0, 0)
        extra.addWidget(self.reason_edit, 0, 1, 1, 3)
        extra.addWidget(self.deadline_caption, 1, 0)
        extra.addWidget(self.deadline_edit, 1, 1)
        extra.addWidget(self.signature, 0, 4, 2, 1)
        extra.addWidget(self.clear_signature_button, 0, 5)
        extra.setColumnStretch(3, 1)
        buttons = QHBoxLayout()
        for decision in Decision:
            button = QPushButton()
            button.setMinimumHeight(40)
            if decision is Decision.ACCEPT:
                button.setProperty("role", "primary")
            button.clicked.connect(lambda _=False, d=decision: self.decide(d))
            shortcut = QShortcut(QKeySequence(DECISION_KEYS[decision]), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda d=decision: self.decide(d))
            if decision is Decision.ACCEPT:
                enter = QShortcut(QKeySequence("Ctrl+Enter"), self)
                enter.setContext(Qt.ShortcutContext.WindowShortcut)
                enter.activated.connect(lambda: self.decide(Decision.ACCEPT))
            self.decision_buttons[decision] = button
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.empty_state, 1)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(extra)
        layout.addWidget(self.result_label)
        layout.addLayout(buttons)
        self.scroll.hide()
        self.retranslate()

    # --- catalogue ---------------------------------------------------------------------------------

    def load_catalog(self, catalog: Any) -> None:
        self.item_combo.clear()
        for bundle in catalog.bundles:
            self.item_combo.addItem(self.tr("【一件事】{name}").format(name=bundle.name), bundle.code)
        for item in catalog.items:
            self.item_combo.addItem(f"{item.name}  {item.implementation_code}", item.implementation_code)
        completer = QCompleter(self.item_combo.model(), self.item_combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.item_combo.setCompleter(completer)
        self.item_combo.setCurrentIndex(-1)
        self.item_combo.lineEdit().setPlaceholderText(self.tr("输入事项名称或编码选择事项，或选择“一件事”"))
        today = datetime.now(UTC).date()
        due = catalog.calendar.add_working_days(today, 10)
        self.deadline_edit.setDate(QDate(due.year, due.month, due.day))

    def _item_chosen(self, index: int) -> None:
        code = self.item_combo.itemData(index)
        if code and self.ctx is not None and self.ctx.catalog is not None:
            self.choose(code)

    def choose(self, code: str) -> None:
        """Show the merged checklist of an item or bundle."""
        self.desk = checklist(self.ctx.catalog, code)
        index = self.item_combo.findData(code)
        if index >= 0 and self.item_combo.currentIndex() != index:
            self.item_combo.setCurrentIndex(index)
        for row in self.rows:
            for widget in (row.name, row.demand, row.status, row.note):
                self.rows_layout.removeWidget(widget)
                widget.deleteLater()
        self.rows = []
        labels = self._status_labels()
        previous: QWidget = self.item_combo
        for n, material in enumerate(self.desk.materials):
            row = MaterialRow(material)
            for status in STATUSES:
                row.status.addItem(labels[status], status)
            row.status.setCurrentIndex(STATUSES.index(MaterialStatus.MISSING))
            row.demand.setText(self.tr("必备，可容缺") if material.tolerable else
                               self.tr("必备") if material.required else self.tr("非必备"))
            row.note.setPlaceholderText(self.tr("有误时说明问题"))
            self.rows_layout.addWidget(row.name, n, 0)
            self.rows_layout.addWidget(row.demand, n, 1)
            self.rows_layout.addWidget(row.status, n, 2)
            self.rows_layout.addWidget(row.note, n, 3)
            QWidget.setTabOrder(previous, row.status)
            QWidget.setTabOrder(row.status, row.note)
            previous = row.note
            self.rows.append(row)
        QWidget.setTabOrder(previous, self.reason_edit)
        self.offer_licences(self.licences)
        self.empty_state.hide()
        self.scroll.show()
        self.result_label.clear()
        if self.rows:
            self.rows[0].status.setFocus()

    def offer_licences(self, licences: list) -> None:
        """The applicant's e-licences from the platform (亮证): what they cover is not asked for again, its
        row is set to 电子证照复用 (unless the clerk already decided otherwise); rows whose e-licence went
        (another applicant) fall back to missing."""
        self.licences = list(licences)
        catalog = self.ctx.catalog if self.ctx is not None else None
        by_type = {catalog.elicence_type_of(lic.licence_type): lic for lic in self.licences} if catalog else {}
        reuse, missing = STATUSES.index(MaterialStatus.ELICENCE), STATUSES.index(MaterialStatus.MISSING)
        for row in self.rows:
            licence = by_type.get(row.material.elicence_type or "")
            if licence is not None and row.licence is None and row.status.currentIndex() == missing:
                row.status.setCurrentIndex(reuse)
                row.note.setText(self.tr("电子证照 {number}").format(number=licence.number))
            elif licence is None and row.licence is not None and row.status.currentIndex() == reuse:
                row.status.setCurrentIndex(missing)
                row.note.clear()
            row.licence = licence

    def mark_all_received(self) -> None:
        for row in self.rows:
            if row.material.required and row.licence is None:
                row.status.setCurrentIndex(STATUSES.index(MaterialStatus.ORIGINAL))

    def set_status(self, code: str, status: MaterialStatus, note: str = "") -> None:
        row = next(r for r in self.rows if r.material.code == code)
        row.status.setCurrentIndex(STATUSES.index(status))
        row.note.setText(note)

    def reset(self) -> None:
        self.desk = None
        self.item_combo.setCurrentIndex(-1)
        for row in self.rows:
            for widget in (row.name, row.demand, row.status, row.note):
                widget.deleteLater()
        self.rows = []
        self.reason_edit.clear()
        self.signature.clear()
        self.scroll.hide()
        self.empty_state.show()

    # --- deciding ----------------------------------------------------------------------------------

    def request(self, decision: Decision) -> DecisionRequest | None:
        person = self.applicant_source() if self.applicant_source else None
        if person is None:
            self.problem.emit(self.tr("请先读取身份证或录入办事人信息"))
            return None
        if self.desk is None:
            self.problem.emit(self.tr("请先选择事项"))
            self.item_combo.setFocus()
            return None
        deadline = self.deadline_edit.date().toPython()
        return DecisionRequest(
            decision=decision, applicant=person, code=self.desk.code,
            checks={row.material.code: row.check() for row in self.rows}, reason=self.reason_edit.text().strip(),
            deadline=deadline if decision in (Decision.TOLERATE, Decision.CORRECT) else None,
            signature_png=self.signature.to_png() if decision is Decision.TOLERATE and not self.signature.empty
            else b"",
            ticket_id=self.ticket.id if self.ticket else None,
            ticket_number=self.ticket.number if self.ticket else None)

    def decide(self, decision: Decision) -> None:
        if self.busy or self.ctx is None or self.clerk is None or not self.isVisible():
            return
        request = self.request(decision)
        if request is None:
            return
        ctx, actor = self.ctx, self.clerk.actor
        terminal = ctx.setting("terminal.id", "C01")
        region = ctx.setting("terminal.region_code", "430102")
        hall = hall_info(ctx, self.tr("综合窗口 {number}号").format(number=self.clerk.counter))

        def work() -> tuple[list, list]:
            cases = decide(ctx.store, ctx.catalog, request, clerk_actor=actor, terminal_id=terminal,
                           region_code=region, now=datetime.now(UTC), bus=ctx.bus)
            documents = []
            if ctx.signing_key is not None:
                for case in cases:
                    documents += [(case, d) for d in documents_for(case, ctx.catalog, hall=hall, key=ctx.signing_key,
                                                                   commitment_text=request.commitment_text,
                                                                   deadline=request.deadline)]
            return cases, documents

        self.busy = True
        self.result_label.setText(self.tr("正在保存……"))
        self.ctx.tasks.run(work, on_success=lambda result: self._decided(decision, *result),
                           on_failure=self._failed)

    def _decided(self, decision: Decision, cases: list, documents: list) -> None:
        self.busy = False
        self.last_cases = cases
        if self.ctx.sync is not None:
            self.ctx.sync.nudge()
        numbers = "、".join(case.case_number for case in cases)
        names = {Decision.ACCEPT: self.tr("已受理"), Decision.TOLERATE: self.tr("已容缺受理"),
                 Decision.CORRECT: self.tr("已出具补齐补正一次性告知书"),
                 Decision.REFUSE: self.tr("已出具不予受理通知书")}
        self.result_label.setText(self.tr("{what}，办件编号 {numbers}，正在打印……").format(what=names[decision],
                                                                                 numbers=numbers))
        for case, document in documents:
            print_document(self.ctx, document, case_id=case.case_id, on_result=self._printed)
        self.decided.emit(decision, cases)

    def _printed(self, result: Any) -> None:
        if result.printed:
            self.result_label.setText(self.result_label.text().replace(self.tr("正在打印……"), self.tr("已打印。")))
        else:
            self.problem.emit(self.tr("打印机暂时无法使用，文书已进入补打队列，可在“今日办件”中补打。"))

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.result_label.clear()
        log.warning("COUNTER_DECISION_FAILED %s", describe_failure(exc))
        self.problem.emit(exc.user_message if isinstance(exc, HalltermError) and exc.user_message
                          else self.tr("保存失败，请重试或联系技术人员。"))

    # --- text --------------------------------------------------------------------------------------

    def _status_labels(self) -> dict[MaterialStatus, str]:
        return {MaterialStatus.ORIGINAL: self.tr("原件已收"), MaterialStatus.COPY: self.tr("复印件已收"),
                MaterialStatus.ELICENCE: self.tr("电子证照复用"), MaterialStatus.MISSING: self.tr("缺少"),
                MaterialStatus.DEFECTIVE: self.tr("有误")}

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("受理"))
        self.empty_state.set_texts(self.tr("尚未选择事项"),
                                   self.tr("按 F2 叫号、F5 读卡，然后在上方输入事项名称选择事项。"))
        self.all_received_button.setText(self.tr("必备材料全部收到"))
        self.reason_caption.setText(self.tr("理由 / 审查意见"))
        self.reason_edit.setPlaceholderText(self.tr("不予受理必须填写理由；补齐补正可补充说明"))
        self.deadline_caption.setText(self.tr("补交期限"))
        self.clear_signature_button.setText(self.tr("清除签名"))
        self.signature.setToolTip(self.tr("请申请人在此签名"))
        self.signature.placeholder = self.tr("申请人签名")
        self.signature.update()
        names = {Decision.ACCEPT: self.tr("受理"), Decision.TOLERATE: self.tr("容缺受理"),
                 Decision.CORRECT: self.tr("补齐补正"), Decision.REFUSE: self.tr("不予受理")}
        for decision, button in self.decision_buttons.items():
            key = QKeySequence(DECISION_KEYS[decision]).toString(QKeySequence.SequenceFormat.NativeText)
            button.setText(f"{names[decision]} ({key})")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

