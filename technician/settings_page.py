"""A technician page made of settings forms: one panel per section, then 保存 / 撤销修改 / 恢复默认.

Saving checks every row first (nothing is written while one is wrong), applies the changes, writes the
config file atomically and records one audit entry per changed key (secret values redacted). A terminal
started without a config file (``--demo``) keeps the change until it stops, and the page says so.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from core.config import Setting
from core.errors import HalltermError
from technician.page_parts import PageFrame, audit, failure_text, label, panel
from technician.settings_form import ChoicesFor, SettingsForm

log = logging.getLogger(__name__)


class SettingsPage(PageFrame):
    def __init__(
        self,
        ctx: Any,
        groups: Sequence[tuple[str, Sequence[Setting]]],
        *,
        choices_for: ChoicesFor | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = ctx.settings
        self.forms: list[SettingsForm] = []
        self.group_titles = []
        for title, declarations in groups:
            title_label = label(title, "panel-title")
            frame, layout = panel(title_label)
            form = SettingsForm(self.settings, declarations, choices_for=choices_for)
            form.changed.connect(self._on_edit)
            layout.addWidget(form)
            self.body.addWidget(frame)
            self.forms.append(form)
            self.group_titles.append(title_label)
        self.extra = QWidget()
        self.extra_layout = QHBoxLayout(self.extra)
        self.extra_layout.setContentsMargins(0, 0, 0, 0)
        self.save_button = QPushButton()
        self.undo_button = QPushButton()
        self.defaults_button = QPushButton()
        self.save_button.setProperty("primary", True)
        self.save_button.clicked.connect(self.save)
        self.undo_button.clicked.connect(self.load)
        self.defaults_button.clicked.connect(self.restore_defaults)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.defaults_button)
        buttons.addStretch(1)
        self.body.addLayout(buttons)
        self.body.addWidget(self.extra)
        self.body.addStretch(1)
        self.retranslate_buttons()
        self.advise_idle()

    # --- the page contract --------------------------------------------------------------------------

    def form_for(self, key: str) -> SettingsForm:
        return next(form for form in self.forms if key in form.rows)

    def load(self) -> None:
        for form in self.forms:
            form.load()
        self.advise_idle()

    def check(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        for form in self.forms:
            problems.update(form.check())
        return problems

    def restore_defaults(self) -> None:
        for form in self.forms:
            form.restore_defaults()
        self.advice.set_advice(
            "info", QCoreApplication.translate("SettingsPage", "已填入默认值，点“保存”后生效；已锁定的项不变。")
        )

    def save(self) -> bool:
        problems = self.check()
        if problems:
            first = next(iter(problems.values()))
            self.advice.set_advice(
                "error",
                QCoreApplication.translate(
                    "SettingsPage", "有 {n} 项填写不正确：{first} 请按红字修改后再保存。"
                ).format(n=len(problems), first=first),
            )
            return False
        changes: dict[str, tuple[Any, Any]] = {}
        try:
            for form in self.forms:
                changes.update(form.save())
            changes.update(self.save_extra())
            written = self.write_file() if changes else True
        except HalltermError as exc:
            self.advice.set_advice(
                "error",
                QCoreApplication.translate("SettingsPage", "保存失败：{reason}").format(reason=failure_text(exc)),
            )
            return False
        for key, (old, new) in changes.items():
            declaration = self.settings.declaration(key)
            audit(self.ctx, "config.set", key, {"from": declaration.display(old), "to": declaration.display(new)})
        if not changes:
            self.advice.set_advice("info", QCoreApplication.translate("SettingsPage", "没有修改需要保存。"))
        elif not written:
            self.advice.set_advice(
                "ok",
                QCoreApplication.translate(
                    "SettingsPage", "已生效 {n} 项；本机没有设置文件（演示模式），重启后恢复原值。"
                ).format(n=len(changes)),
            )
        else:
            restart = any(self.settings.declaration(k).restart_required for k in changes)
            text = QCoreApplication.translate("SettingsPage", "已保存 {n} 项。").format(n=len(changes))
            if restart:
                text += QCoreApplication.translate("SettingsPage", "其中有的项需要重启程序后才生效。")
            self.advice.set_advice("ok", text)
        self.after_save(changes)
        return True

    # --- for subclasses -------------------------------------------------------------------------------

    def save_extra(self) -> dict[str, tuple[Any, Any]]:
        """Changes a subclass makes beside the forms (the PIN); same shape as ``SettingsForm.save``."""
        return {}

    def after_save(self, changes: dict[str, tuple[Any, Any]]) -> None:
        return None

    def advise_idle(self) -> None:
        self.advice.set_advice(
            "info", QCoreApplication.translate("SettingsPage", "修改后点“保存”；灰色的项已被锁定，不能在此修改。")
        )

    def write_file(self) -> bool:
        if getattr(self.settings, "source", None) is None:
            return False
        self.settings.save()
        return True

    def _on_edit(self) -> None:
        if self.advice.state == "ok":
            self.advise_idle()

    def retranslate_buttons(self) -> None:
        self.save_button.setText(QCoreApplication.translate("SettingsPage", "保存"))
        self.undo_button.setText(QCoreApplication.translate("SettingsPage", "撤销修改"))
        self.defaults_button.setText(QCoreApplication.translate("SettingsPage", "恢复默认"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_buttons()
        super().changeEvent(event)
