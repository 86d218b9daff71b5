"""Materials: for each one, reuse the e-licence the platform holds, photograph the paper with the document
camera, or (for a secondary material on the item's 容缺 list) declare it missing and promise it in 30 days.

拍照上传 asks for the capture screen (``photo_wanted(code)``; the journey opens ``kiosk.capture_screen``) and
the accepted photo comes back through ``record_photo``.

The ID card needs nothing (it was read); the 告知承诺书 is signed on the next step. 下一步 is possible once
every required material is received or declared under 容缺.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QWidget

from core.cases.model import MaterialStatus
from core.catalog.models import Material
from kiosk.page import JourneyPage
from kiosk.session import KioskSession, MaterialChoice

AUTOMATIC = ("idcard", "commitment")    # read from the card / signed on the next step


class MaterialRow:
    """One material's name, what was done about it, and its buttons (made by the screen)."""

    def __init__(self, material: Material, licence: Any, name: str) -> None:
        self.material = material
        self.licence = licence
        self.name = QLabel(name)
        self.name.setProperty("role", "field-label")
        self.name.setWordWrap(True)
        self.state = QLabel()
        self.state.setProperty("role", "field-help")
        self.state.setWordWrap(True)
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(12)
        self.reuse_button: QPushButton | None = None
        self.capture_button: QPushButton | None = None
        self.tolerate_button: QPushButton | None = None


class MaterialsScreen(JourneyPage):
    """``materials``: an item's, or a 一件事 bundle's merged checklist (each asked for once)."""

    photo_wanted = Signal(str)     # a material's code

    def __init__(self, ctx: Any, materials: Sequence[Material], session: KioskSession,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.session = ctx, session
        licences = {ctx.catalog.elicence_type_of(lic.licence_type): lic for lic in session.elicences}
        body = QWidget()
        grid = QGridLayout(body)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        self.rows: dict[str, MaterialRow] = {}
        for n, material in enumerate(materials):
            optional = "" if material.required else self.tr("（可选）")
            row = MaterialRow(material, licences.get(material.elicence_type or ""), material.name + optional)
            self._add_buttons(row)
            self.rows[material.code] = row
            grid.addWidget(row.name, n * 2, 0)
            grid.addLayout(row.buttons, n * 2, 1)
            grid.addWidget(row.state, n * 2 + 1, 0, 1, 2)
        grid.setRowStretch(len(materials) * 2, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        self.content.addWidget(scroll, 1)
        self.retranslate()

    def _add_buttons(self, row: MaterialRow) -> None:
        if row.material.code in AUTOMATIC:
            return
        if row.licence is not None:
            row.reuse_button = self.button(self.tr("用电子证照"), lambda: self.reuse(row))
        row.capture_button = self.button(self.tr("拍照上传"), lambda: self.capture(row))
        if row.material.tolerable:
            row.tolerate_button = self.button(self.tr("容缺后补"), lambda: self.tolerate(row))
        for button in (row.reuse_button, row.capture_button, row.tolerate_button):
            if button is not None:
                row.buttons.addWidget(button)
        row.buttons.addStretch(1)

    def button(self, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setProperty("role", "chip")
        button.clicked.connect(slot)
        return button

    # --- choices ------------------------------------------------------------------------------------

    def reuse(self, row: MaterialRow) -> None:
        self.session.materials[row.material.code] = MaterialChoice(MaterialStatus.ELICENCE,
                                                                   licence_number=row.licence.number)
        self.refresh()

    def capture(self, row: MaterialRow) -> None:
        self.photo_wanted.emit(row.material.code)

    def record_photo(self, code: str, data: bytes, content_type: str) -> None:
        self.session.materials[code] = MaterialChoice(MaterialStatus.UPLOADED, image=data, content_type=content_type)
        self.refresh()

    def alternatives(self, code: str) -> tuple[str, ...]:
        """What else the material allows, for the capture screen to offer if the camera fails."""
        row = self.rows[code]
        return tuple(way for way, button in (("elicence", row.reuse_button), ("tolerate", row.tolerate_button))
                     if button is not None)

    def tolerate(self, row: MaterialRow) -> None:
        self.session.materials[row.material.code] = MaterialChoice(MaterialStatus.TOLERATED_MISSING)
        self.refresh()

    def ready(self) -> bool:
        for code, row in self.rows.items():
            if code in AUTOMATIC or not row.material.required:
                continue
            if code not in self.session.materials:
                return False
        return True

    def refresh(self) -> None:
        person = self.session.person
        for code, row in self.rows.items():
            choice = self.session.materials.get(code)
            if code == "idcard":
                text = self.tr("已通过刷身份证核验，不用提交") if person is not None and \
                    person.source.value == "card" else self.tr("已通过电子证照核验，不用提交")
            elif code == "commitment":
                text = self.tr("下一步在屏幕上签署")
            elif choice is None:
                text = self.tr("请选择提交方式") if row.material.required else self.tr("可以不交")
            elif choice.status is MaterialStatus.ELICENCE:
                text = self.tr("✔ 已调用电子证照")
            elif choice.status is MaterialStatus.UPLOADED:
                text = self.tr("✔ 已拍照")
            else:
                text = self.tr("✔ 容缺：请在30天内补交")
            row.state.setText(text)
        self.next_button.setEnabled(self.ready())

    def retranslate(self) -> None:
        super().retranslate()
        self.heading.setText(self.tr("提交材料"))
        self.refresh()
