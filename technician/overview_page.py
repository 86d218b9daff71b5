"""The technician's first page: every configured device and link, each with its last known state.

A device's pill follows the console's ``DeviceFeed`` (the health the devices page also shows); until a
device has reported, and for the links, it says 未检测. The list comes from the terminal's ``[devices]``
table, so a technician on a ladder sees at once what this terminal expects.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from technician.device_feed import DeviceFeed
from technician.device_words import health_state, health_text
from ui_common.context import AppContext
from ui_common.widgets import StatusPill


def configured_devices(settings: Any) -> list[tuple[str, str]]:
    """``(name, driver)`` for each device in ``settings.devices`` (a mapping or a list), in config order."""
    devices = getattr(settings, "devices", None)
    if devices is None and settings is not None and hasattr(settings, "get"):
        try:
            devices = settings.get("devices")
        except Exception:  # an undeclared key in a strict Settings: no devices to show
            devices = None
    if not devices:
        return []
    items: Iterable[tuple[str, Any]]
    if isinstance(devices, Mapping):
        items = devices.items()
    else:
        items = ((getattr(d, "name", None) or (d.get("name") if isinstance(d, Mapping) else str(d)), d)
                 for d in devices)
    found = []
    for name, params in items:
        driver = params.get("driver") if isinstance(params, Mapping) else getattr(params, "driver", "")
        found.append((str(name), str(driver or "")))
    return found


def _label(text: str, role: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", role)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class OverviewPage(QScrollArea):
    def __init__(self, ctx: AppContext, feed: DeviceFeed | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._health = feed.health if feed is not None else {}
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.devices = configured_devices(ctx.settings)
        self.title_label = _label("", "page-title")
        self.devices_title = _label("", "panel-title")
        self.links_title = _label("", "panel-title")
        self.device_pills: dict[str, StatusPill] = {}
        self.link_pills: dict[str, StatusPill] = {}
        self._device_names: dict[str, QLabel] = {}
        self._link_names: dict[str, QLabel] = {}
        self._link_targets: dict[str, QLabel] = {}
        self._no_devices = _label("", "empty-body")

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(16)
        layout.addWidget(self.title_label)
        layout.addWidget(self._panel(self.devices_title, self._device_grid()))
        layout.addWidget(self._panel(self.links_title, self._link_grid()))
        layout.addStretch(1)
        self.setWidget(body)
        self.retranslate()
        if feed is not None:
            feed.changed.connect(self._show_health)

    def _panel(self, title: QLabel, grid: QGridLayout) -> QFrame:
        panel = QFrame()
        panel.setProperty("role", "panel")
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(title)
        layout.addLayout(grid)
        return panel

    def _device_grid(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(1, 1)
        if not self.devices:
            grid.addWidget(self._no_devices, 0, 0, 1, 3)
        for row, (name, driver) in enumerate(self.devices):
            self._device_names[name] = _label("", "value")
            self.device_pills[name] = StatusPill()
            grid.addWidget(self._device_names[name], row, 0)
            grid.addWidget(_label(f"{name} · {driver}", "caption"), row, 1)
            grid.addWidget(self.device_pills[name], row, 2)
        return grid

    def _link_grid(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(1, 1)
        for row, key in enumerate(("hall_server", "central")):
            self._link_names[key] = _label("", "value")
            self._link_targets[key] = _label("", "caption")
            self.link_pills[key] = StatusPill()
            grid.addWidget(self._link_names[key], row, 0)
            grid.addWidget(self._link_targets[key], row, 1)
            grid.addWidget(self.link_pills[key], row, 2)
        return grid

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("概览"))
        self.devices_title.setText(self.tr("设备"))
        self.links_title.setText(self.tr("连接"))
        self._no_devices.setText(self.tr("本机未配置设备（配置文件的 [devices] 表为空）"))
        known = {
            "idcard": self.tr("身份证阅读器"), "receipt_printer": self.tr("凭条打印机"),
            "a4_printer": self.tr("A4 打印机"), "qr_scanner": self.tr("扫码器"),
            "staff_card": self.tr("工作人员卡读卡器"), "camera": self.tr("高拍仪"),
        }
        unchecked = self.tr("未检测")
        for name, label in self._device_names.items():
            label.setText(known.get(name, name))
            self._show_health(name)
        for pill in self.link_pills.values():
            pill.set_state(pill.state, unchecked)
        self._link_names["hall_server"].setText(self.tr("大厅排队服务"))
        self._link_names["central"].setText(self.tr("政务服务平台"))
        not_set = self.tr("未配置")
        self._link_targets["hall_server"].setText(self.ctx.setting("hall_server.url", not_set))
        self._link_targets["central"].setText(self.ctx.setting("central.url", not_set))

    def _show_health(self, device: str) -> None:
        pill = self.device_pills.get(device)
        if pill is None:
            return
        health = self._health.get(device)
        if health is None:
            pill.set_state("unknown", self.tr("未检测"))
        elif health == "":
            pill.set_state("unknown", QCoreApplication.translate("DevicesPage", "检测中"))
        else:
            pill.set_state(health_state(health), health_text(health))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
