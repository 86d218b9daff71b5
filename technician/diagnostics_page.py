"""诊断导出: one zip for support (no personal data, no secret), and the factory reset with a typed
confirmation that refuses while any case has not reached the platform.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from core.diagnostics import build_diagnostics
from core.errors import HalltermError
from core.factory_reset import CONFIRMATION, FactoryResetRefused, factory_reset, reset_plan
from technician.page_parts import PageFrame, actor, audit, failure_text, label, panel
from ui_common.tasks import TaskRunner


def _t(text: str) -> str:
    return QCoreApplication.translate("DiagnosticsPage", text)


class DiagnosticsPage(PageFrame):
    def __init__(
        self,
        ctx: Any,
        *,
        device_status: Callable[[], dict[str, Any]] = dict,
        recent_events: Callable[[], list[dict[str, str]]] = list,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._device_status = device_status
        self._recent_events = recent_events
        self._tasks = ctx.tasks or TaskRunner(self)
        self.last_export: Path | None = None

        self.export_title = label("", "panel-title")
        export, export_layout = panel(self.export_title)
        self.export_text = label("", "caption", wrap=True)
        self.export_button = QPushButton()
        self.export_button.setProperty("primary", True)
        self.export_button.clicked.connect(self.export)
        self.export_result = label("", "value", wrap=True)
        export_layout.addWidget(self.export_text)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addStretch(1)
        export_layout.addLayout(row)
        export_layout.addWidget(self.export_result)

        self.reset_title = label("", "panel-title")
        reset, reset_layout = panel(self.reset_title)
        self.reset_text = label("", "caption", wrap=True)
        self.confirm_edit = QLineEdit()
        self.reset_button = QPushButton()
        self.reset_button.clicked.connect(self.reset)
        self.reset_result = label("", "value", wrap=True)
        reset_layout.addWidget(self.reset_text)
        row = QHBoxLayout()
        row.addWidget(self.confirm_edit, 1)
        row.addWidget(self.reset_button)
        reset_layout.addLayout(row)
        reset_layout.addWidget(self.reset_result)

        self.body.addWidget(export)
        self.body.addWidget(reset)
        self.body.addStretch(1)
        self.retranslate()

    def export_folder(self) -> Path:
        paths = getattr(self.ctx, "paths", None)
        if paths is not None:
            return Path(paths.data_dir) / "diagnostics"
        return Path(tempfile.gettempdir()) / "hallterm-diagnostics"

    def export(self) -> None:
        ctx = self.ctx
        folder = self.export_folder()
        logs = getattr(getattr(ctx, "paths", None), "logs_dir", None)
        status, events = self._device_status(), self._recent_events()
        self.export_button.setEnabled(False)
        self.advice.set_advice("info", QCoreApplication.translate("DiagnosticsPage", "正在生成诊断包，请稍候…"))
        self._tasks.run(
            lambda: build_diagnostics(
                folder,
                settings=ctx.settings,
                store=ctx.store,
                logs_dir=logs,
                device_status=status,
                recent_events=events,
            ),
            on_success=self._exported,
            on_failure=self._export_failed,
        )

    def _exported(self, path: Path) -> None:
        self.export_button.setEnabled(True)
        self.last_export = path
        self.export_result.setText(QCoreApplication.translate("DiagnosticsPage", "已生成：{path}").format(path=path))
        self.advice.set_advice(
            "ok",
            QCoreApplication.translate(
                "DiagnosticsPage", "诊断包已生成，请把文件拷到 U 盘发给技术支持；文件中不含个人信息和密钥。"
            ),
        )
        audit(self.ctx, "technician.diagnostics_export", path.name)

    def _export_failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.advice.set_advice(
            "error",
            QCoreApplication.translate("DiagnosticsPage", "诊断包生成失败：{reason} 请检查磁盘空间后重试。").format(
                reason=failure_text(exc)
            ),
        )

    def reset(self) -> None:
        store = getattr(self.ctx, "store", None)
        try:
            result = factory_reset(self.ctx.settings, store, typed=self.confirm_edit.text(), actor=actor(self.ctx))
        except FactoryResetRefused as exc:
            self.reset_result.setText(exc.user_message)
            self.advice.set_advice("error", exc.user_message)
            return
        except HalltermError as exc:
            self.advice.set_advice(
                "error",
                QCoreApplication.translate("DiagnosticsPage", "恢复出厂设置失败：{reason}").format(
                    reason=failure_text(exc)
                ),
            )
            return
        self.confirm_edit.clear()
        text = QCoreApplication.translate(
            "DiagnosticsPage", "已恢复出厂设置：{settings} 项设置恢复默认，删除 {devices} 台设备；请重启程序。"
        ).format(settings=result.settings_reset, devices=result.devices_removed)
        self.reset_result.setText(text)
        self.advice.set_advice("ok", text)

    def refresh_plan(self) -> None:
        store = getattr(self.ctx, "store", None)
        try:
            plan = reset_plan(self.ctx.settings, store)
        except (HalltermError, AttributeError):
            return
        if plan.allowed:
            self.advice.set_advice(
                "info",
                QCoreApplication.translate("DiagnosticsPage", "需要技术支持时点“导出诊断包”；恢复出厂设置前请先导出。"),
            )
        else:
            self.advice.set_advice(
                "error",
                QCoreApplication.translate(
                    "DiagnosticsPage",
                    "还有 {n} 条办件数据未上传到平台，现在不能恢复出厂设置；请先到“连接”页检查平台连接。",
                ).format(n=plan.unsent),
            )

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.refresh_plan()

    def retranslate(self) -> None:
        self.title_label.setText(QCoreApplication.translate("DiagnosticsPage", "诊断导出"))
        self.export_title.setText(QCoreApplication.translate("DiagnosticsPage", "诊断包"))
        self.export_text.setText(
            QCoreApplication.translate(
                "DiagnosticsPage",
                "打包版本信息、设置（密钥已隐去）、设备状态和最近事件、最近的日志、"
                "待上传数量和审计链校验结果，不含任何个人信息。",
            )
        )
        self.export_button.setText(QCoreApplication.translate("DiagnosticsPage", "导出诊断包"))
        self.reset_title.setText(QCoreApplication.translate("DiagnosticsPage", "恢复出厂设置"))
        self.reset_text.setText(
            QCoreApplication.translate(
                "DiagnosticsPage",
                "所有设置恢复默认、删除设备配置；本机办件记录保留，已上传办件的个人信息立即清除。"
                "有未上传的办件时不能执行。请输入“{word}”后点按钮。",
            ).format(word=CONFIRMATION)
        )
        self.confirm_edit.setPlaceholderText(CONFIRMATION)
        self.reset_button.setText(QCoreApplication.translate("DiagnosticsPage", "恢复出厂设置"))
        self.advice.set_advice(
            "info",
            QCoreApplication.translate("DiagnosticsPage", "需要技术支持时点“导出诊断包”；恢复出厂设置前请先导出。"),
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
