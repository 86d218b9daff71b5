"""The live side of the technician's devices: each device's last health and its recent events, followed
from the event bus once for the whole console (the overview's pills and the devices page read the same
feed), and the panel that shows the chosen device's event log.

A terminal whose composition root already runs the devices (``ctx.devices``) seeds the feed with their
current health, so the console does not say 未检测 for a device that has long been online.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QPlainTextEdit

from core.events import CodeScanned, DeviceProblem, DeviceStatusChanged, EventBus, IdentityPresented
from technician.device_control import EventLog
from technician.page_parts import label, panel
from ui_common.event_bridge import QtEventBridge


class DeviceFeed(QObject):
    """Health (``devices.base.Health`` values, ``""`` while a device is starting) and events per device."""

    changed = Signal(str)        # the device whose health changed or that reported a problem
    identity = Signal(object)    # IdentityPresented (already in the event log), for the card test
    code = Signal(object)        # CodeScanned (already in the event log), for the scan test

    def __init__(self, bus: EventBus, shared: Any = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.health: dict[str, str] = {}
        self.events = EventLog()
        if shared is not None:
            self.health.update({name: health.value for name, health in shared.health().items()})
        self._bridge = QtEventBridge(bus, self)
        self._bridge.on(DeviceStatusChanged, self._on_status)
        self._bridge.on(DeviceProblem, self._on_problem)
        self._bridge.on(IdentityPresented, self._on_identity)
        self._bridge.on(CodeScanned, self._on_code)

    def set_health(self, device: str, health: str) -> None:
        self.health[device] = health
        self.changed.emit(device)

    def add_event(self, device: str, kind: str, text: str) -> None:
        self.events.add(device, kind, text)
        self.changed.emit(device)

    def close(self) -> None:
        self._bridge.close()

    def _on_status(self, event: DeviceStatusChanged) -> None:
        self.events.add(event.device, "status", f"{event.previous} -> {event.health}")
        self.set_health(event.device, event.health)

    def _on_problem(self, event: DeviceProblem) -> None:
        self.add_event(event.device, "problem", f"{event.code} {event.user_message}")

    def _on_identity(self, event: IdentityPresented) -> None:
        self.events.add(
            event.device,
            "card",
            QCoreApplication.translate("DevicesPage", "读到证件 {id}").format(id=event.person.masked_id_number),
        )
        self.identity.emit(event)

    def _on_code(self, event: CodeScanned) -> None:
        self.events.add(
            event.device, "scan", QCoreApplication.translate("DevicesPage", "扫到 {n} 个字符").format(n=len(event.text))
        )
        self.code.emit(event)


class EventLogPanel:
    """The chosen device's recent events, newest last."""

    def __init__(self) -> None:
        self.title = label("", "panel-title")
        self.frame, layout = panel(self.title)
        self.view = QPlainTextEdit()
        self.view.setProperty("role", "event-log")
        self.view.setReadOnly(True)
        self.view.setMinimumHeight(120)
        layout.addWidget(self.view)

    def show(self, entries: list[dict[str, str]]) -> None:
        lines = [f"{e['at']}  {e['event']:<8} {e['text']}" for e in entries]
        self.view.setPlainText("\n".join(lines) or QCoreApplication.translate("DevicesPage", "（暂无事件）"))

    def retranslate(self) -> None:
        self.title.setText(QCoreApplication.translate("DevicesPage", "事件记录"))
