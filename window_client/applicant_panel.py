"""办事人: read the ID card (fills everything), scan an e-licence QR (the platform resolves it), or type with
live validation; a returning applicant's earlier cases, found by the HMAC of the ID number.

A person read from a card or the platform is kept as read (source CARD / ELICENCE); typing over a field
turns it into a typed person, so the case records truthfully where each applicant came from.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.errors import HalltermError, ValidationError
from core.identity import IdentitySource, Person, validate_id_number, validate_phone
from ui_common.tasks import describe_failure

log = logging.getLogger(__name__)


class ApplicantPanel(QFrame):
    person_changed = Signal(object)      # Person or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "panel")
        self.ctx: Any = None
        self.read_person: Person | None = None      # as the card or platform gave it
        self.licences: list = []                     # e-licences the platform returned for a QR
        self._licences_holder = ""                   # whose they are (ID number)
        self._filling = False
        self.title_label = QLabel()
        self.title_label.setProperty("role", "panel-title")
        self.source_label = QLabel()
        self.source_label.setProperty("role", "caption")
        self.name_edit = QLineEdit()
        self.id_edit = QLineEdit()
        self.id_edit.setMaxLength(18)
        self.phone_edit = QLineEdit()
        self.phone_edit.setMaxLength(11)
        self.address_edit = QLineEdit()
        self.qr_edit = QLineEdit()
        self.qr_button = QPushButton()
        self.id_error, self.phone_error = QLabel(), QLabel()
        for label in (self.id_error, self.phone_error):
            label.setProperty("role", "error")
            label.hide()
        self.captions = [QLabel() for _ in range(5)]
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.captions[0], 0, 0)
        grid.addWidget(self.name_edit, 0, 1)
        grid.addWidget(self.captions[1], 0, 2)
        grid.addWidget(self.id_edit, 0, 3)
        grid.addWidget(self.id_error, 1, 3)
        grid.addWidget(self.captions[2], 2, 0)
        grid.addWidget(self.phone_edit, 2, 1)
        grid.addWidget(self.captions[3], 2, 2)
        grid.addWidget(self.address_edit, 2, 3)
        grid.addWidget(self.phone_error, 3, 1)
        grid.addWidget(self.captions[4], 4, 0)
        qr_row = QHBoxLayout()
        qr_row.addWidget(self.qr_edit, 1)
        qr_row.addWidget(self.qr_button)
        grid.addLayout(qr_row, 4, 1)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 3)
        self.history_caption = QLabel()
        self.history_caption.setProperty("role", "caption")
        self.history_list = QListWidget()
        self.history_list.setMaximumHeight(64)
        grid.addWidget(self.history_caption, 4, 2)
        grid.addWidget(self.history_list, 4, 3, 2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(4)
        header = QHBoxLayout()
        header.addWidget(self.title_label)
        header.addStretch(1)
        header.addWidget(self.source_label)
        layout.addLayout(header)
        layout.addLayout(grid)
        for edit in (self.name_edit, self.id_edit, self.phone_edit, self.address_edit):
            edit.textEdited.connect(self._edited)
        self.qr_edit.returnPressed.connect(self.resolve_qr)
        self.qr_button.clicked.connect(self.resolve_qr)
        self.retranslate()

    # --- sources -----------------------------------------------------------------------------------

    def fill(self, person: Person, *, problems: tuple[str, ...] = (), licences: list | None = None) -> None:
        """Everything the card or the platform knows, in one go. E-licences stay only with their holder."""
        if licences is not None:
            self.licences, self._licences_holder = list(licences), person.id_number
        elif person.id_number != self._licences_holder:
            self.licences = []
        self._filling = True
        self.read_person = person
        self.name_edit.setText(person.name)
        self.id_edit.setText(person.id_number)
        self.phone_edit.setText(person.phone)
        self.address_edit.setText(person.address)
        self._filling = False
        self._validate()
        self._render_source(problems)
        self.person_changed.emit(self.person())
        self._load_history(person.id_number)

    def resolve_qr(self) -> None:
        """亮证: the platform resolves the e-licence token to the person and their licences."""
        token = self.qr_edit.text().strip()
        if not token:
            return
        central = getattr(self.ctx, "central", None)
        if central is None:
            self.source_label.setText(self.tr("政务服务平台未连接，无法解析电子证照"))
            return
        self.source_label.setText(self.tr("正在向平台查询电子证照……"))

        def resolved(lookup: Any) -> None:
            self.qr_edit.clear()
            self.fill(lookup.person.to_person(), licences=lookup.licences)

        def failed(exc: BaseException) -> None:
            log.warning("COUNTER_ELICENCE_LOOKUP_FAILED %s", describe_failure(exc))
            self.source_label.setText(exc.user_message if isinstance(exc, HalltermError) and exc.user_message
                                      else self.tr("电子证照无法解析，请读取身份证或手工录入"))

        self.ctx.tasks.run(lambda: central.licence_by_token(token), on_success=resolved, on_failure=failed)

    def clear(self) -> None:
        self._filling = True
        for edit in (self.name_edit, self.id_edit, self.phone_edit, self.address_edit, self.qr_edit):
            edit.clear()
        self._filling = False
        self.read_person = None
        self.licences = []
        self.history_list.clear()
        self.id_error.clear()
        self.phone_error.clear()
        self._render_source(())
        self.person_changed.emit(None)

    # --- typing ------------------------------------------------------------------------------------

    def _edited(self, _text: str) -> None:
        if self._filling:
            return
        self._validate()
        person = self.person()
        self._render_source(())
        self.person_changed.emit(person)
        if self.sender() is self.id_edit and person is not None:
            self._load_history(person.id_number)

    def _validate(self) -> bool:
        ok = True
        number = self.id_edit.text().strip().upper()
        self.id_error.clear()
        if number:
            try:
                validate_id_number(number)
            except ValidationError as exc:
                ok = False
                self.id_error.setText(exc.user_message or self.tr("身份证号码有误"))
        phone = self.phone_edit.text().strip()
        self.phone_error.clear()
        if phone:
            try:
                validate_phone(phone)
            except ValidationError as exc:
                ok = False
                self.phone_error.setText(exc.user_message or self.tr("手机号码有误"))
        self.id_error.setVisible(bool(self.id_error.text()))
        self.phone_error.setVisible(bool(self.phone_error.text()))
        return ok

    def person(self) -> Person | None:
        """The applicant as the form stands, or None while the name or ID number is missing or invalid."""
        name, number = self.name_edit.text().strip(), self.id_edit.text().strip().upper()
        if not name or not number or not self._validate():
            return None
        phone, address = self.phone_edit.text().strip(), self.address_edit.text().strip()
        read = self.read_person
        if read is not None and read.name == name and read.id_number == number:
            return replace(read, phone=phone or read.phone, address=address or read.address)
        return Person(name=name, id_number=number, source=IdentitySource.TYPED, phone=phone, address=address)

    # --- earlier cases -----------------------------------------------------------------------------

    def _load_history(self, id_number: str) -> None:
        store = getattr(self.ctx, "store", None)
        self.history_list.clear()
        if store is None or self.ctx.tasks is None or len(id_number) != 18:
            return

        def shown(cases: list) -> None:
            self.history_list.clear()
            for case in cases:
                self.history_list.addItem(f"{case.case_number}  {case.item_name}  {case.state.label}")
            self.history_caption.setText(self.tr("以往办件（{count} 件）").format(count=len(cases)) if cases
                                         else self.tr("以往办件：无"))

        self.ctx.tasks.run(lambda: store.cases.by_person(id_number, limit=20), on_success=shown,
                           on_failure=lambda exc: log.warning("COUNTER_HISTORY_FAILED %s", describe_failure(exc)))

    # --- text --------------------------------------------------------------------------------------

    def _render_source(self, problems: tuple[str, ...]) -> None:
        person = self.person()
        if person is None:
            text = self.tr("按 F5 读取身份证，扫描电子证照，或手工录入")
        elif person.source is IdentitySource.CARD:
            text = self.tr("已读取身份证")
        elif person.source is IdentitySource.ELICENCE:
            text = self.tr("已通过电子证照核验")
        else:
            text = self.tr("手工录入")
        if problems:
            text += self.tr("（证件数据有疑问，请核对）")
        self.source_label.setText(text)

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("办事人"))
        for label, text in zip(self.captions, (self.tr("姓名"), self.tr("身份证号"), self.tr("手机号"),
                                               self.tr("住址"), self.tr("电子证照")), strict=True):
            label.setText(text)
        self.qr_edit.setPlaceholderText(self.tr("扫描群众出示的亮证二维码"))
        self.qr_button.setText(self.tr("解析"))
        self.history_caption.setText(self.tr("以往办件"))
        self._render_source(())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
