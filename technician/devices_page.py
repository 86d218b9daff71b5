"""设备: every configured device with its live health; pick one to set its driver and port, connect it,
read its event log and test it (read a card, print a test page, scan a code, camera preview).

Changes are saved to the ``[devices]`` table (audited) and the device is restarted alone with the new
parameters, off the GUI thread. The sentence at the top says what is wrong with the chosen device and
what to try next.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.errors import HalltermError
from core.events import CodeScanned, DeviceProblem, DeviceStatusChanged, IdentityPresented
from devices.base import DeviceError
from devices.registry import driver_names
from devices.setup import DriverParam, discover, params_for, print_test_on
from technician.device_control import EventLog, StartResult, start_device
from technician.page_parts import PageFrame, audit, failure_text, label, panel
from ui_common.event_bridge import QtEventBridge
from ui_common.tasks import TaskRunner
from ui_common.widgets import StatusPill

log = logging.getLogger(__name__)

NEW_DEVICE_NAMES = ("idcard", "receipt_printer", "a4_printer", "qr_scanner", "staff_card", "camera")


def _t(text: str) -> str:
    return QCoreApplication.translate("DevicesPage", text)


def health_text(health: str) -> str:
    return {
        "online": QCoreApplication.translate("DevicesPage", "正常"),
        "offline": QCoreApplication.translate("DevicesPage", "无应答"),
        "nodevice": QCoreApplication.translate("DevicesPage", "未连接"),
        "hwerror": QCoreApplication.translate("DevicesPage", "硬件故障"),
        "usererror": QCoreApplication.translate("DevicesPage", "需人工处理"),
        "busy": QCoreApplication.translate("DevicesPage", "忙"),
    }.get(health, health)


def health_state(health: str) -> str:
    return "ok" if health == "online" else ("unknown" if health in ("busy", "") else "error")


def advice_for(result: StartResult | None, health: str, port: str) -> tuple[str, str]:
    """(state, sentence) for the chosen device: what is wrong and what to try next."""
    if result is not None and result.error_code:
        return "error", QCoreApplication.translate(
            "DevicesPage", "设备配置有误（{code}）：请检查驱动和参数后点“保存并连接”。"
        ).format(code=result.error_code)
    if health == "online":
        return "ok", QCoreApplication.translate("DevicesPage", "设备工作正常，可以用下面的按钮测试。")
    if result is not None and result.port_problem:
        return "error", QCoreApplication.translate(
            "DevicesPage", "打不开端口 {port}：请检查线缆是否插好、端口是否选对，改好后点“保存并连接”。"
        ).format(port=port or "-")
    return {
        "offline": (
            "error",
            QCoreApplication.translate("DevicesPage", "端口已打开但设备没有应答：请检查设备电源和波特率。"),
        ),
        "hwerror": (
            "error",
            QCoreApplication.translate("DevicesPage", "设备报告硬件故障：请关掉设备电源再打开，仍不行请更换设备。"),
        ),
        "usererror": (
            "error",
            QCoreApplication.translate("DevicesPage", "设备需要人工处理（如缺纸、盖子未合好）：处理后会自动恢复。"),
        ),
        "busy": ("info", QCoreApplication.translate("DevicesPage", "设备正忙，请稍候。")),
    }.get(
        health,
        (
            "error",
            QCoreApplication.translate(
                "DevicesPage", "设备没有连接上：请检查线缆和电源，确认驱动和端口后点“保存并连接”。"
            ),
        ),
    )


class DevicesPage(PageFrame):
    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = ctx.settings
        self.shared = getattr(ctx, "devices", None)  # the composition root's manager, if it runs one
        self._tasks = ctx.tasks or TaskRunner(self)
        self.managers: dict[str, Any] = {}
        self.results: dict[str, StartResult] = {}
        self.health: dict[str, str] = {}
        self.events = EventLog()
        self.waiting_for: str = ""  # "card" | "scan" while a test waits for the device
        self._started = False
        self._closed = False
        self._param_edits: dict[str, QComboBox] = {}
        self._bridge = QtEventBridge(ctx.bus, self)
        self._bridge.on(DeviceStatusChanged, self._on_status)
        self._bridge.on(DeviceProblem, self._on_problem)
        self._bridge.on(IdentityPresented, self._on_identity)
        self._bridge.on(CodeScanned, self._on_code)

        self.device_list = QListWidget()
        self.device_list.setMinimumWidth(260)
        self.device_list.currentRowChanged.connect(self._show_device)
        self.new_name = QComboBox()
        self.new_name.setEditable(True)
        self.new_name.addItems(NEW_DEVICE_NAMES)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_device)
        left = QVBoxLayout()
        left.addWidget(self.device_list, 1)
        adder = QHBoxLayout()
        adder.addWidget(self.new_name, 1)
        adder.addWidget(self.add_button)
        left.addLayout(adder)

        self.editor_title = label("", "panel-title")
        editor, editor_layout = panel(self.editor_title)
        self.pill = StatusPill()
        self.driver = QComboBox()
        self.driver.addItems(driver_names())
        self.driver.currentTextChanged.connect(lambda _d: self._build_param_rows({}))
        self.form = QFormLayout()
        self.driver_label = label("", "value")
        self.form.addRow(self.driver_label, self.driver)
        self.discover_note = label("", "caption", wrap=True)
        self.apply_button = QPushButton()
        self.apply_button.setProperty("primary", True)
        self.apply_button.clicked.connect(self.apply)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(lambda: self._build_param_rows(self._typed_params()))
        top = QHBoxLayout()
        top.addWidget(self.pill)
        top.addStretch(1)
        editor_layout.addLayout(top)
        editor_layout.addLayout(self.form)
        editor_layout.addWidget(self.discover_note)
        actions = QHBoxLayout()
        actions.addWidget(self.apply_button)
        actions.addWidget(self.refresh_button)
        actions.addStretch(1)
        editor_layout.addLayout(actions)

        self.tests_title = label("", "panel-title")
        tests, tests_layout = panel(self.tests_title)
        self.card_button = QPushButton()
        self.print_button = QPushButton()
        self.scan_button = QPushButton()
        self.camera_button = QPushButton()
        self.card_button.clicked.connect(self.test_card)
        self.print_button.clicked.connect(self.test_print)
        self.scan_button.clicked.connect(self.test_scan)
        self.camera_button.clicked.connect(self.test_camera)
        row = QHBoxLayout()
        for button in (self.card_button, self.print_button, self.scan_button, self.camera_button):
            row.addWidget(button)
        row.addStretch(1)
        self.test_result = label("", "value", wrap=True)
        tests_layout.addLayout(row)
        tests_layout.addWidget(self.test_result)
        self.log_title = label("", "panel-title")
        log_panel, log_layout = panel(self.log_title)
        self.event_view = QPlainTextEdit()
        self.event_view.setProperty("role", "event-log")
        self.event_view.setReadOnly(True)
        self.event_view.setMinimumHeight(120)
        log_layout.addWidget(self.event_view)

        right = QVBoxLayout()
        right.addWidget(editor)
        right.addWidget(tests)
        right.addWidget(log_panel, 1)
        columns = QHBoxLayout()
        columns.addLayout(left)
        columns.addLayout(right, 1)
        self.body.addLayout(columns, 1)
        self.retranslate()
        self._fill_list()

    # --- list and editor ----------------------------------------------------------------------------

    def names(self) -> list[str]:
        return list(self.settings.devices)

    def current(self) -> str:
        item = self.device_list.currentItem()
        return item.data(256) if item is not None else ""

    def select(self, name: str) -> None:
        self.device_list.setCurrentRow(self.names().index(name))

    def _fill_list(self) -> None:
        chosen = self.current()
        self.device_list.blockSignals(True)
        self.device_list.clear()
        for name in self.names():
            self.device_list.addItem(name)
            item = self.device_list.item(self.device_list.count() - 1)
            item.setData(256, name)
            item.setText(f"{name}　{health_text(self.health.get(name, ''))}" if name in self.health else name)
        self.device_list.blockSignals(False)
        names = self.names()
        if names:
            self.device_list.setCurrentRow(names.index(chosen) if chosen in names else 0)
        else:
            self._show_device(-1)

    def _show_device(self, _row: int) -> None:
        name = self.current()
        has = bool(name)
        locked = has and self.settings.is_locked(f"devices.{name}")
        for widget in (self.driver, self.apply_button, self.refresh_button):
            widget.setEnabled(has and not locked)
        for widget in (self.card_button, self.print_button, self.scan_button, self.camera_button):
            widget.setEnabled(has)
        self.editor_title.setText(name or QCoreApplication.translate("DevicesPage", "未选择设备"))
        self.test_result.setText("")
        self.waiting_for = ""
        if not has:
            self.advice.set_advice(
                "info",
                QCoreApplication.translate("DevicesPage", "本机还没有配置设备：在左下角选择设备名称后点“添加”。"),
            )
            self._build_param_rows({})
            return
        params = self.settings.device(name) or {}
        self.driver.blockSignals(True)
        if self.driver.findText(str(params.get("driver", ""))) < 0:
            self.driver.addItem(str(params.get("driver", "")))
        self.driver.setCurrentText(str(params.get("driver", "")))
        self.driver.blockSignals(False)
        self._build_param_rows(params)
        self._refresh_status()
        self._show_events()

    def _build_param_rows(self, params: dict[str, Any]) -> None:
        while self.form.rowCount() > 1:
            self.form.removeRow(1)
        self._param_edits = {}
        notes = []
        for param in params_for(self.driver.currentText()):
            combo = QComboBox()
            combo.setEditable(True)
            options = list(param.choices)
            if param.discover:
                found, problem = discover(param.discover)
                options += found
                if problem:
                    notes.append(problem)
                elif not found:
                    notes.append(
                        QCoreApplication.translate("DevicesPage", "没有找到可用的{what}").format(what=param.label)
                    )
            combo.addItems(options)
            value = params.get(param.name, param.default)
            combo.setCurrentText("" if value is None else str(value))
            self._param_edits[param.name] = combo
            self.form.addRow(label(param.label, "value"), combo)
        self.discover_note.setText("；".join(notes))
        self.discover_note.setVisible(bool(notes))

    def _typed_params(self) -> dict[str, Any]:
        params: dict[str, Any] = {"driver": self.driver.currentText().strip()}
        for param in params_for(params["driver"]):
            text = self._param_edits[param.name].currentText().strip()
            if text == "":
                continue
            params[param.name] = _convert(param, text)
        return params

    # --- connecting ---------------------------------------------------------------------------------

    def start_all(self) -> None:
        """Bring every configured device up (once, when the page is first shown)."""
        if self._started or self.shared is not None:
            self._started = True
            self._refresh_from_shared()
            return
        self._started = True
        for name in self.names():
            self._restart(name, self.settings.device(name) or {})

    def _restart(self, name: str, params: dict[str, Any]) -> None:
        old = self.managers.pop(name, None)
        self.health[name] = ""
        self._refresh_status()
        bus = self.ctx.bus
        self._tasks.run(
            lambda: start_device(name, params, bus, old),
            on_success=self._started_device,
            on_failure=lambda exc: self._start_failed(name, exc),
        )

    def _started_device(self, result: StartResult) -> None:
        if self._closed:
            if result.manager is not None:
                result.manager.stop()
            return
        self.managers[result.name] = result.manager
        self.results[result.name] = result
        self.health[result.name] = result.health.value
        if result.port_problem:
            self.events.add(result.name, "port", result.port_problem)
        self._fill_list()
        self._refresh_status()
        self._show_events()

    def _start_failed(self, name: str, exc: BaseException) -> None:
        self.health[name] = "nodevice"
        self.advice.set_advice(
            "error",
            QCoreApplication.translate("DevicesPage", "设备启动失败：{reason}").format(reason=failure_text(exc)),
        )

    def apply(self) -> None:
        name = self.current()
        if not name:
            return
        params = self._typed_params()
        old = self.settings.device(name)
        try:
            self.settings.set_device(name, params)
            if getattr(self.settings, "source", None) is not None:
                self.settings.save()
        except HalltermError as exc:
            self.advice.set_advice(
                "error",
                QCoreApplication.translate("DevicesPage", "保存失败：{reason}").format(reason=failure_text(exc)),
            )
            return
        audit(self.ctx, "device.set", f"devices.{name}", {"from": _shown(old), "to": _shown(params)})
        self.events.add(
            name, "config", QCoreApplication.translate("DevicesPage", "已保存：{params}").format(params=_shown(params))
        )
        if self.shared is not None:
            self.advice.set_advice(
                "info",
                QCoreApplication.translate("DevicesPage", "已保存；本机设备由主程序管理，重启程序后按新设置连接。"),
            )
            return
        self.advice.set_advice("info", QCoreApplication.translate("DevicesPage", "正在按新设置连接设备，请稍候…"))
        self._restart(name, params)

    def add_device(self) -> None:
        name = self.new_name.currentText().strip()
        if not name or name in self.names():
            self.advice.set_advice(
                "error", QCoreApplication.translate("DevicesPage", "设备名称为空或已存在：请换一个名称。")
            )
            return
        defaults = {
            "idcard": "samv_serial",
            "qr_scanner": "serial_scanner",
            "receipt_printer": "escpos",
            "a4_printer": "cups",
            "staff_card": "pcsc",
            "camera": "camera_scanner",
        }
        try:
            self.settings.set_device(name, {"driver": defaults.get(name, "samv_serial")})
        except HalltermError as exc:
            self.advice.set_advice("error", failure_text(exc))
            return
        audit(self.ctx, "device.add", f"devices.{name}", {"driver": defaults.get(name, "samv_serial")})
        self._fill_list()
        self.select(name)
        self.advice.set_advice(
            "info", QCoreApplication.translate("DevicesPage", "已添加：选择驱动和端口后点“保存并连接”。")
        )

    # --- status -------------------------------------------------------------------------------------

    def _refresh_from_shared(self) -> None:
        if self.shared is not None:
            self.health.update({n: h.value for n, h in self.shared.health().items()})
            self._fill_list()

    def device_status(self) -> dict[str, Any]:
        """name -> diagnostics facts, for the export."""
        facts: dict[str, Any] = {}
        sources = [self.shared] if self.shared is not None else list(self.managers.values())
        for manager in sources:
            if manager is not None:
                facts.update(manager.diagnostics())
        for name in self.names():
            facts.setdefault(name, {"name": name, "health": self.health.get(name, "unchecked")})
        return facts

    def _refresh_status(self) -> None:
        name = self.current()
        if not name:
            return
        health = self.health.get(name, "")
        if health == "":
            self.pill.set_state("unknown", QCoreApplication.translate("DevicesPage", "检测中"))
            self.advice.set_advice("info", QCoreApplication.translate("DevicesPage", "正在连接设备，请稍候…"))
            return
        self.pill.set_state(health_state(health), health_text(health))
        params = self.settings.device(name) or {}
        port = str(params.get("port") or params.get("url") or params.get("queue") or "")
        state, text = advice_for(self.results.get(name), health, port)
        self.advice.set_advice(state, text)

    def _show_events(self) -> None:
        lines = [f"{e['at']}  {e['event']:<8} {e['text']}" for e in self.events.for_device(self.current())]
        self.event_view.setPlainText("\n".join(lines) or QCoreApplication.translate("DevicesPage", "（暂无事件）"))

    def _on_status(self, event: DeviceStatusChanged) -> None:
        self.health[event.device] = event.health
        self.events.add(event.device, "status", f"{event.previous} -> {event.health}")
        self._after_event(event.device)

    def _on_problem(self, event: DeviceProblem) -> None:
        self.events.add(event.device, "problem", f"{event.code} {event.user_message}")
        self._after_event(event.device)

    def _after_event(self, device: str) -> None:
        self._fill_list()
        if device == self.current():
            self._refresh_status()
            self._show_events()

    # --- tests --------------------------------------------------------------------------------------

    def test_card(self) -> None:
        self.waiting_for = "card"
        self.test_result.setText(QCoreApplication.translate("DevicesPage", "请在读卡器上放一张身份证（或员工卡）…"))

    def test_scan(self) -> None:
        self.waiting_for = "scan"
        self.test_result.setText(QCoreApplication.translate("DevicesPage", "请把二维码对准扫码器…"))

    def _on_identity(self, event: IdentityPresented) -> None:
        self.events.add(
            event.device,
            "card",
            QCoreApplication.translate("DevicesPage", "读到证件 {id}").format(id=event.person.masked_id_number),
        )
        if self.waiting_for == "card" and event.device == self.current():
            person = event.person
            self.test_result.setText(
                QCoreApplication.translate("DevicesPage", "读卡成功：{name}，证件号 {id}，有效期至 {valid}").format(
                    name=person.name,
                    id=person.masked_id_number,
                    valid=QCoreApplication.translate("DevicesPage", "长期")
                    if person.valid_long_term
                    else str(person.valid_to or "-"),
                )
            )
            self.waiting_for = ""
        if event.device == self.current():
            self._show_events()

    def _on_code(self, event: CodeScanned) -> None:
        self.events.add(
            event.device, "scan", QCoreApplication.translate("DevicesPage", "扫到 {n} 个字符").format(n=len(event.text))
        )
        if self.waiting_for == "scan" and event.device == self.current():
            self.test_result.setText(
                QCoreApplication.translate("DevicesPage", "扫码成功：{text}").format(text=event.text[:120])
            )
            self.waiting_for = ""
        if event.device == self.current():
            self._show_events()

    def test_print(self) -> None:
        name = self.current()
        manager = self.shared or self.managers.get(name)
        if manager is None:
            self.test_result.setText(
                QCoreApplication.translate("DevicesPage", "设备还没有连接上，不能打印：请先点“保存并连接”。")
            )
            return
        self.test_result.setText(QCoreApplication.translate("DevicesPage", "正在打印测试页…"))
        self.print_button.setEnabled(False)

        def run() -> str:
            device = manager.get(name)
            if not hasattr(device, "print_bytes"):
                raise DeviceError(
                    "DEVICE_NOT_A_PRINTER", QCoreApplication.translate("DevicesPage", "这台设备不是打印机。"), name
                )
            return print_test_on(device)

        self._tasks.run(run, on_success=self._printed, on_failure=self._print_failed)

    def _printed(self, code: str) -> None:
        self.print_button.setEnabled(True)
        self.test_result.setText(
            QCoreApplication.translate(
                "DevicesPage", "测试页已打印：请检查中文和二维码是否清晰（二维码内容 {code}）。"
            ).format(code=code)
        )
        audit(self.ctx, "device.print_test", f"devices.{self.current()}", {"ok": True})

    def _print_failed(self, exc: BaseException) -> None:
        self.print_button.setEnabled(True)
        self.test_result.setText(
            QCoreApplication.translate("DevicesPage", "测试页没有打印成功：{reason}").format(reason=failure_text(exc))
        )

    def test_camera(self) -> None:
        from technician.camera_preview import open_camera_preview

        self.test_result.setText(open_camera_preview(self))

    # --- lifetime -----------------------------------------------------------------------------------

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.start_all()

    def stop_devices(self) -> None:
        """Stop the devices this page started (the window calls it on close)."""
        self._closed = True
        self._bridge.close()
        for manager in self.managers.values():
            if manager is not None:
                manager.stop()
        self.managers.clear()

    def retranslate(self) -> None:
        self.title_label.setText(QCoreApplication.translate("DevicesPage", "设备"))
        self.add_button.setText(QCoreApplication.translate("DevicesPage", "添加"))
        self.driver_label.setText(QCoreApplication.translate("DevicesPage", "驱动"))
        self.apply_button.setText(QCoreApplication.translate("DevicesPage", "保存并连接"))
        self.refresh_button.setText(QCoreApplication.translate("DevicesPage", "刷新端口列表"))
        self.tests_title.setText(QCoreApplication.translate("DevicesPage", "测试"))
        self.card_button.setText(QCoreApplication.translate("DevicesPage", "读卡测试"))
        self.print_button.setText(QCoreApplication.translate("DevicesPage", "打印测试页"))
        self.scan_button.setText(QCoreApplication.translate("DevicesPage", "扫码测试"))
        self.camera_button.setText(QCoreApplication.translate("DevicesPage", "摄像头预览"))
        self.log_title.setText(QCoreApplication.translate("DevicesPage", "事件记录"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _convert(param: DriverParam, text: str) -> Any:
    if param.kind == "int":
        try:
            return int(text)
        except ValueError:
            return text  # the driver refuses it with its own code, shown on the page
    if param.kind == "bool":
        return text.lower() in ("true", "1", "yes", "是")
    return text


def _shown(params: dict[str, Any] | None) -> dict[str, Any]:
    from core.config.devices import redacted_params

    return redacted_params(params or {})
