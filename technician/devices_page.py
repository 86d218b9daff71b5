"""设备: every configured device with its live health; pick one to set its driver and port, connect it,
read its event log and test it (read a card, print a test page, scan a code, camera preview).

Changes are saved to the ``[devices]`` table (audited) and the device is restarted alone with the new
parameters, off the GUI thread. The sentence at the top says what is wrong with the chosen device and
what to try next. The settings form, the test buttons and the live feed are their own modules
(``device_form``, ``device_tests``, ``device_feed``); this page holds the list and the connecting.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QListWidget, QPushButton, QVBoxLayout, QWidget

from core.errors import HalltermError
from technician.device_control import StartResult, start_device
from technician.device_feed import DeviceFeed, EventLogPanel
from technician.device_form import DeviceSettingsForm
from technician.device_tests import DeviceTestsPanel
from technician.device_words import advice_for, health_state, health_text
from technician.page_parts import PageFrame, audit, failure_text
from ui_common.tasks import TaskRunner

log = logging.getLogger(__name__)

# The names offered for a new device, each with the driver it starts with.
NEW_DEVICE_DRIVERS = {
    "idcard": "samv_serial",
    "receipt_printer": "escpos",
    "a4_printer": "cups",
    "qr_scanner": "serial_scanner",
    "staff_card": "pcsc",
    "camera": "camera_scanner",
}


class DevicesPage(PageFrame):
    def __init__(self, ctx: Any, feed: DeviceFeed | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = ctx.settings
        self.shared = getattr(ctx, "devices", None)  # the composition root's manager, if it runs one
        self._tasks = ctx.tasks or TaskRunner(self)
        self.managers: dict[str, Any] = {}
        self.results: dict[str, StartResult] = {}
        self.feed = feed or DeviceFeed(ctx.bus, self.shared, parent=self)
        self.health = self.feed.health
        self.events = self.feed.events
        self._started = False
        self._closed = False

        self.device_list = QListWidget()
        self.device_list.setMinimumWidth(260)
        self.device_list.currentRowChanged.connect(self._show_device)
        self.new_name = QComboBox()
        self.new_name.setEditable(True)
        self.new_name.addItems(NEW_DEVICE_DRIVERS)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_device)
        left = QVBoxLayout()
        left.addWidget(self.device_list, 1)
        adder = QHBoxLayout()
        adder.addWidget(self.new_name, 1)
        adder.addWidget(self.add_button)
        left.addLayout(adder)

        self.form = DeviceSettingsForm(self._tasks)
        self.form.apply_button.clicked.connect(self.apply)
        self.tests = DeviceTestsPanel(ctx, self._tasks, self.feed, self.current, self._manager_for, self)
        self.log_panel = EventLogPanel()
        self.feed.changed.connect(self._after_event)
        self.feed.identity.connect(lambda event: self._show_events_of(event.device))
        self.feed.code.connect(lambda event: self._show_events_of(event.device))

        right = QVBoxLayout()
        right.addWidget(self.form.frame)
        right.addWidget(self.tests.frame)
        right.addWidget(self.log_panel.frame, 1)
        columns = QHBoxLayout()
        columns.addLayout(left)
        columns.addLayout(right, 1)
        self.body.addLayout(columns, 1)
        self.retranslate()
        self._fill_list()

    # --- list ---------------------------------------------------------------------------------------

    def names(self) -> list[str]:
        return list(self.settings.devices)

    def current(self) -> str:
        item = self.device_list.currentItem()
        return item.data(256) if item is not None else ""

    def select(self, name: str) -> None:
        self.device_list.setCurrentRow(self.names().index(name))

    def _fill_list(self) -> None:
        """Show each device with its health. The same devices are only relabelled, so a health change does
        not re-choose the device (which would rebuild the form over the technician's unsaved edits)."""
        names = self.names()
        if names and [self.device_list.item(row).data(256) for row in range(self.device_list.count())] == names:
            for row, name in enumerate(names):
                self.device_list.item(row).setText(self._list_text(name))
            return
        chosen = self.current()
        self.device_list.blockSignals(True)
        self.device_list.clear()
        for name in names:
            self.device_list.addItem(self._list_text(name))
            self.device_list.item(self.device_list.count() - 1).setData(256, name)
        self.device_list.blockSignals(False)
        if names:
            self.device_list.setCurrentRow(names.index(chosen) if chosen in names else 0)
        else:
            self._show_device(-1)

    def _list_text(self, name: str) -> str:
        return f"{name}　{health_text(self.health[name])}" if self.health.get(name) else name

    def _show_device(self, _row: int) -> None:
        name = self.current()
        has = bool(name)
        self.form.set_editable(has and not self.settings.is_locked(f"devices.{name}"))
        self.tests.reset(has)
        self.form.title.setText(name or QCoreApplication.translate("DevicesPage", "未选择设备"))
        if not has:
            self.advice.set_advice(
                "info",
                QCoreApplication.translate("DevicesPage", "本机还没有配置设备：在左下角选择设备名称后点“添加”。"),
            )
            self.form.build_rows({})
            return
        self.form.show_params(self.settings.device(name) or {})
        self._refresh_status()
        self._show_events_of(name)

    # --- connecting ---------------------------------------------------------------------------------

    def start_all(self) -> None:
        """Bring every configured device up (once, when the page is first shown)."""
        if self._started or self.shared is not None:
            self._started = True   # the composition root runs them; the feed follows their health
            return
        self._started = True
        for name in self.names():
            self._restart(name, self.settings.device(name) or {})

    def _manager_for(self, name: str) -> Any:
        return self.shared or self.managers.get(name)

    def _restart(self, name: str, params: dict[str, Any]) -> None:
        old = self.managers.pop(name, None)
        self.feed.set_health(name, "")
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
        if result.port_problem:
            self.events.add(result.name, "port", result.port_problem)
        self.feed.set_health(result.name, result.health.value)

    def _start_failed(self, name: str, exc: BaseException) -> None:
        self.feed.set_health(name, "nodevice")
        self.advice.set_advice(
            "error",
            QCoreApplication.translate("DevicesPage", "设备启动失败：{reason}").format(reason=failure_text(exc)),
        )

    def apply(self) -> None:
        name = self.current()
        if not name:
            return
        params = self.form.typed_params()
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
        driver = NEW_DEVICE_DRIVERS.get(name, "samv_serial")
        try:
            self.settings.set_device(name, {"driver": driver})
        except HalltermError as exc:
            self.advice.set_advice("error", failure_text(exc))
            return
        audit(self.ctx, "device.add", f"devices.{name}", {"driver": driver})
        self._fill_list()
        self.select(name)
        self.advice.set_advice(
            "info", QCoreApplication.translate("DevicesPage", "已添加：选择驱动和端口后点“保存并连接”。")
        )

    # --- status -------------------------------------------------------------------------------------

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
            self.form.pill.set_state("unknown", QCoreApplication.translate("DevicesPage", "检测中"))
            self.advice.set_advice("info", QCoreApplication.translate("DevicesPage", "正在连接设备，请稍候…"))
            return
        self.form.pill.set_state(health_state(health), health_text(health))
        params = self.settings.device(name) or {}
        port = str(params.get("port") or params.get("url") or params.get("queue") or "")
        state, text = advice_for(self.results.get(name), health, port)
        self.advice.set_advice(state, text)

    def _show_events_of(self, device: str) -> None:
        if device == self.current():
            self.log_panel.show(self.events.for_device(device))

    def _after_event(self, device: str) -> None:
        self._fill_list()
        if device == self.current():
            self._refresh_status()
            self._show_events_of(device)

    # --- lifetime -----------------------------------------------------------------------------------

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.start_all()

    def stop_devices(self) -> None:
        """Stop the devices this page started (the window calls it on close)."""
        self._closed = True
        self.feed.close()
        for manager in self.managers.values():
            if manager is not None:
                manager.stop()
        self.managers.clear()

    def retranslate(self) -> None:
        self.title_label.setText(QCoreApplication.translate("DevicesPage", "设备"))
        self.add_button.setText(QCoreApplication.translate("DevicesPage", "添加"))
        self.form.retranslate()
        self.tests.retranslate()
        self.log_panel.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _shown(params: dict[str, Any] | None) -> dict[str, Any]:
    from core.config.devices import redacted_params

    return redacted_params(params or {})
