"""The test buttons of the technician's devices page: read a card, print the test page, scan a code,
open the camera preview. Card and scan tests wait for the device's next event (``DeviceFeed``); the test
page is printed on the live printer off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from core.events import CodeScanned, IdentityPresented
from devices.base import DeviceError
from devices.printers.testpage import print_test_on
from technician.device_feed import DeviceFeed
from technician.page_parts import audit, failure_text, label, panel


class DeviceTestsPanel:
    def __init__(self, ctx: Any, tasks: Any, feed: DeviceFeed, current: Callable[[], str],
                 manager_for: Callable[[str], Any], owner: QWidget) -> None:
        self.ctx = ctx
        self._tasks = tasks
        self._current = current            # the chosen device's name
        self._manager_for = manager_for    # name -> the DeviceManager running it, or None
        self._owner = owner                # parent of the camera preview
        self.waiting_for: str = ""         # "card" | "scan" while a test waits for the device
        feed.identity.connect(self._on_identity)
        feed.code.connect(self._on_code)
        self.title = label("", "panel-title")
        self.frame, layout = panel(self.title)
        self.card_button = QPushButton()
        self.print_button = QPushButton()
        self.scan_button = QPushButton()
        self.camera_button = QPushButton()
        self.card_button.clicked.connect(self.test_card)
        self.print_button.clicked.connect(self.test_print)
        self.scan_button.clicked.connect(self.test_scan)
        self.camera_button.clicked.connect(self.test_camera)
        row = QHBoxLayout()
        for button in self.buttons():
            row.addWidget(button)
        row.addStretch(1)
        self.result = label("", "value", wrap=True)
        layout.addLayout(row)
        layout.addWidget(self.result)

    def buttons(self) -> tuple[QPushButton, ...]:
        return (self.card_button, self.print_button, self.scan_button, self.camera_button)

    def reset(self, enabled: bool) -> None:
        """A device was chosen (or none): clear the last result and stop waiting."""
        for button in self.buttons():
            button.setEnabled(enabled)
        self.result.setText("")
        self.waiting_for = ""

    def test_card(self) -> None:
        self.waiting_for = "card"
        self.result.setText(QCoreApplication.translate("DevicesPage", "请在读卡器上放一张身份证（或员工卡）…"))

    def test_scan(self) -> None:
        self.waiting_for = "scan"
        self.result.setText(QCoreApplication.translate("DevicesPage", "请把二维码对准扫码器…"))

    def _on_identity(self, event: IdentityPresented) -> None:
        if self.waiting_for == "card" and event.device == self._current():
            person = event.person
            self.result.setText(
                QCoreApplication.translate("DevicesPage", "读卡成功：{name}，证件号 {id}，有效期至 {valid}").format(
                    name=person.name,
                    id=person.masked_id_number,
                    valid=QCoreApplication.translate("DevicesPage", "长期")
                    if person.valid_long_term
                    else str(person.valid_to or "-"),
                )
            )
            self.waiting_for = ""

    def _on_code(self, event: CodeScanned) -> None:
        if self.waiting_for == "scan" and event.device == self._current():
            self.result.setText(
                QCoreApplication.translate("DevicesPage", "扫码成功：{text}").format(text=event.text[:120])
            )
            self.waiting_for = ""

    def test_print(self) -> None:
        name = self._current()
        manager = self._manager_for(name)
        if manager is None:
            self.result.setText(
                QCoreApplication.translate("DevicesPage", "设备还没有连接上，不能打印：请先点“保存并连接”。")
            )
            return
        self.result.setText(QCoreApplication.translate("DevicesPage", "正在打印测试页…"))
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
        self.result.setText(
            QCoreApplication.translate(
                "DevicesPage", "测试页已打印：请检查中文和二维码是否清晰（二维码内容 {code}）。"
            ).format(code=code)
        )
        audit(self.ctx, "device.print_test", f"devices.{self._current()}", {"ok": True})

    def _print_failed(self, exc: BaseException) -> None:
        self.print_button.setEnabled(True)
        self.result.setText(
            QCoreApplication.translate("DevicesPage", "测试页没有打印成功：{reason}").format(reason=failure_text(exc))
        )

    def test_camera(self) -> None:
        from technician.camera_preview import open_camera_preview

        self.result.setText(open_camera_preview(self._owner))

    def retranslate(self) -> None:
        self.title.setText(QCoreApplication.translate("DevicesPage", "测试"))
        self.card_button.setText(QCoreApplication.translate("DevicesPage", "读卡测试"))
        self.print_button.setText(QCoreApplication.translate("DevicesPage", "打印测试页"))
        self.scan_button.setText(QCoreApplication.translate("DevicesPage", "扫码测试"))
        self.camera_button.setText(QCoreApplication.translate("DevicesPage", "摄像头预览"))
