"""The chosen device's settings on the technician's devices page: its driver, a row per driver parameter
(``devices.setup.DRIVER_PARAMS``), the health pill, and the 保存并连接 / 刷新端口列表 buttons.

Ports, CUPS queues and card readers are looked up off the GUI thread (``lpstat`` and pcscd may take
seconds); each row is usable at once with its fixed choices and gains the found ones when they arrive.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QPushButton
from shiboken6 import isValid

from devices.registry import driver_names
from devices.setup import DriverParam, discover, params_for
from technician.page_parts import label, panel
from ui_common.widgets import StatusPill


class DeviceSettingsForm:
    def __init__(self, tasks: Any) -> None:
        self._tasks = tasks
        self._param_edits: dict[str, QComboBox] = {}
        self._notes: list[str] = []
        self._generation = 0           # rows built so far; a lookup for older rows is dropped
        self.title = label("", "panel-title")
        self.frame, layout = panel(self.title)
        self.pill = StatusPill()
        self.driver = QComboBox()
        self.driver.addItems(driver_names())
        self.driver.currentTextChanged.connect(lambda _d: self.build_rows({}))
        self.form = QFormLayout()
        self.driver_label = label("", "value")
        self.form.addRow(self.driver_label, self.driver)
        self.discover_note = label("", "caption", wrap=True)
        self.apply_button = QPushButton()
        self.apply_button.setProperty("primary", True)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(lambda: self.build_rows(self.typed_params()))
        top = QHBoxLayout()
        top.addWidget(self.pill)
        top.addStretch(1)
        layout.addLayout(top)
        layout.addLayout(self.form)
        layout.addWidget(self.discover_note)
        actions = QHBoxLayout()
        actions.addWidget(self.apply_button)
        actions.addWidget(self.refresh_button)
        actions.addStretch(1)
        layout.addLayout(actions)

    def show_params(self, params: dict[str, Any]) -> None:
        """Fill the form with a device's saved table (its driver and parameters)."""
        driver = str(params.get("driver", ""))
        self.driver.blockSignals(True)
        if self.driver.findText(driver) < 0:
            self.driver.addItem(driver)
        self.driver.setCurrentText(driver)
        self.driver.blockSignals(False)
        self.build_rows(params)

    def set_editable(self, editable: bool) -> None:
        for widget in (self.driver, self.apply_button, self.refresh_button):
            widget.setEnabled(editable)

    def build_rows(self, params: dict[str, Any]) -> None:
        while self.form.rowCount() > 1:
            self.form.removeRow(1)
        self._generation += 1
        self._param_edits = {}
        self._notes = []
        for param in params_for(self.driver.currentText()):
            combo = QComboBox()
            combo.setEditable(True)
            combo.addItems(param.choices)
            value = params.get(param.name, param.default)
            combo.setCurrentText("" if value is None else str(value))
            self._param_edits[param.name] = combo
            self.form.addRow(label(param.label, "value"), combo)
            if param.discover:
                generation = self._generation
                self._tasks.run(lambda source=param.discover: discover(source),
                                on_success=lambda found, p=param, g=generation: self._discovered(g, p, *found))
        self._show_notes()

    def _discovered(self, generation: int, param: DriverParam, found: list[str], problem: str) -> None:
        combo = self._param_edits.get(param.name)
        if generation != self._generation or combo is None or not isValid(combo):
            return
        text = combo.currentText()
        combo.addItems(found)
        combo.setCurrentText(text)
        if problem:
            self._notes.append(problem)
        elif not found:
            self._notes.append(
                QCoreApplication.translate("DevicesPage", "没有找到可用的{what}").format(what=param.label)
            )
        self._show_notes()

    def _show_notes(self) -> None:
        self.discover_note.setText("；".join(self._notes))
        self.discover_note.setVisible(bool(self._notes))

    def typed_params(self) -> dict[str, Any]:
        params: dict[str, Any] = {"driver": self.driver.currentText().strip()}
        for param in params_for(params["driver"]):
            text = self._param_edits[param.name].currentText().strip()
            if text == "":
                continue
            params[param.name] = _convert(param, text)
        return params

    def retranslate(self) -> None:
        self.driver_label.setText(QCoreApplication.translate("DevicesPage", "驱动"))
        self.apply_button.setText(QCoreApplication.translate("DevicesPage", "保存并连接"))
        self.refresh_button.setText(QCoreApplication.translate("DevicesPage", "刷新端口列表"))


def _convert(param: DriverParam, text: str) -> Any:
    if param.kind == "int":
        try:
            return int(text)
        except ValueError:
            return text  # the driver refuses it with its own code, shown on the page
    if param.kind == "bool":
        return text.lower() in ("true", "1", "yes", "是")
    return text
