"""The demo's device simulator (``--demo``): a second window beside the kiosk to play the hardware.

* ID card reader (``samv_simulated``): place one of the sample cards, or one of the seeded citizens' cards
  (``ui_common.demo_cards``), and take it away again. The reader reads it over its real wire protocol.
* QR scanner (``qr_simulator``): scan a sample code (the signed receipt QR of a stored case, the same code
  altered, an e-licence 亮证 code the platform simulator knows, a code that is not ours) or any typed text.
* Printers (``capture``): set the paper status (out of paper, cover open …) and see every printed ticket,
  receipt and licence as a picture: ESC/POS through ``core.documents.escpos_preview``, PDF pages through
  ``core.documents.raster`` (pdftoppm), both rendered off the GUI thread.

The terminal's services start after the first frame, so ``attach()`` is called once they run; until then
the window says it is waiting for the devices.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui_common.context import AppContext
from ui_common.demo_cards import add_demo_cards

log = logging.getLogger(__name__)
IDCARD, SCANNER = "idcard", "qr_scanner"
PRINTERS = ("receipt_printer", "a4_printer")
PAPER_STATUSES = ("ok", "paper_low", "paper_out", "cover_open", "offline")
RECEIPT_PAPER_DOTS = 576
MAX_SHOWN_JOBS = 12
ELICENCE_SAMPLE = "DEMO-ELIC-LIMING"


def job_images(data: bytes) -> list[bytes]:
    """PNG images of one captured job: a slip for ESC/POS, one per page for a PDF. Blocking."""
    if data.startswith(b"%PDF-"):
        from core.documents.raster import pdf_pages_to_png

        return pdf_pages_to_png(data, dpi=60)
    from core.documents.escpos_preview import preview_png

    return [preview_png(data, RECEIPT_PAPER_DOTS)]


def sample_receipt_code(ctx: AppContext) -> str | None:
    """The signed receipt QR of the newest stored case, as the acceptance receipt prints it. Blocking."""
    from core.documents.receipt import receipt_fields
    from core.documents.tokens import DocumentKind, encode_token

    if ctx.store is None or ctx.signing_key is None:
        return None
    cases = ctx.store.cases.list(limit=1)
    if not cases:
        return None
    case = cases[0]
    return encode_token(DocumentKind.ACCEPTANCE_RECEIPT, case.case_number, datetime.now(UTC), receipt_fields(case),
                        ctx.signing_key)


def altered(code: str) -> str:
    """The same code with one character of its signed body changed (a forgery)."""
    position = min(len(code) - 1, len("HT1:") + 20)
    return code[:position] + ("A" if code[position] != "A" else "B") + code[position + 1:]


class DeviceSimulatorWindow(QWidget):
    job_captured = Signal(str, object)   # printer name, CapturedJob (emitted on the capture's thread)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setProperty("surface", "simulator")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setMinimumSize(560, 700)
        # An operator's tool: it keeps a plain desktop look when the kiosk switches to 长者模式.
        self.setStyleSheet("QWidget { font-size: 12pt; } QPushButton { min-height: 36px; min-width: 0; "
                           "padding: 4px 10px; }")
        self.attached = False
        self._unsubscribe: list[Any] = []
        self.shown_jobs: list[tuple[str, int]] = []   # (printer, job number), newest first
        self.job_captured.connect(self._render_job, Qt.ConnectionType.QueuedConnection)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.card_box = QGroupBox(self)
        self.card_buttons: dict[str, QPushButton] = {}
        self.card_grid = QGridLayout(self.card_box)
        self.remove_button = QPushButton(self.card_box)
        self.remove_button.clicked.connect(self.remove_card)
        self.card_grid.addWidget(self.remove_button, 0, 0, 1, 3)

        self.scan_box = QGroupBox(self)
        self.scan_buttons: dict[str, QPushButton] = {}
        scan_layout = QVBoxLayout(self.scan_box)
        samples = QHBoxLayout()
        for key in ("receipt", "forged", "elicence", "foreign"):
            button = QPushButton(self.scan_box)
            button.clicked.connect(lambda _=False, k=key: self.scan_sample(k))
            self.scan_buttons[key] = button
            samples.addWidget(button)
        self.code_edit = QLineEdit(self.scan_box)
        self.scan_button = QPushButton(self.scan_box)
        self.scan_button.clicked.connect(lambda: self.scan(self.code_edit.text()))
        typed = QHBoxLayout()
        typed.addWidget(self.code_edit, 1)
        typed.addWidget(self.scan_button)
        scan_layout.addLayout(samples)
        scan_layout.addLayout(typed)

        self.printer_box = QGroupBox(self)
        printer_layout = QVBoxLayout(self.printer_box)
        self.paper_labels: dict[str, QLabel] = {}
        self.paper_choices: dict[str, QComboBox] = {}
        for printer in PRINTERS:
            row = QHBoxLayout()
            label = QLabel(self.printer_box)
            choice = QComboBox(self.printer_box)
            choice.addItems(PAPER_STATUSES)
            choice.currentTextChanged.connect(lambda status, p=printer: self.set_paper(p, status))
            self.paper_labels[printer], self.paper_choices[printer] = label, choice
            row.addWidget(label)
            row.addWidget(choice, 1)
            printer_layout.addLayout(row)
        self.jobs_area = QScrollArea(self.printer_box)
        self.jobs_area.setWidgetResizable(True)
        self.jobs_inner = QWidget()
        self.jobs_layout = QVBoxLayout(self.jobs_inner)
        self.jobs_layout.addStretch(1)
        self.jobs_area.setWidget(self.jobs_inner)
        printer_layout.addWidget(self.jobs_area, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.card_box)
        layout.addWidget(self.scan_box)
        layout.addWidget(self.printer_box, 1)
        self.retranslate()

    # --- hooking up the devices -----------------------------------------------------------------

    def attach(self) -> bool:
        """Find the simulated devices on ``ctx.devices`` (call once the services run). True when found."""
        devices = self.ctx.devices
        if devices is None or self.attached:
            return self.attached
        self.attached = True
        reader = self._device(IDCARD)
        if reader is not None:
            add_demo_cards(reader)
            for index, (card_id, card) in enumerate(getattr(reader, "cards", {}).items()):
                button = QPushButton(f"{card.fields.get('name', card_id)}（{card_id}）", self.card_box)
                button.clicked.connect(lambda _=False, c=card_id: self.place_card(c))
                self.card_buttons[card_id] = button
                self.card_grid.addWidget(button, index // 3, index % 3)
            self.card_grid.removeWidget(self.remove_button)
            self.card_grid.addWidget(self.remove_button, (len(self.card_buttons) + 2) // 3, 0, 1, 3)
        for printer in PRINTERS:
            device = self._device(printer)
            store = getattr(device, "store", None)
            if store is not None:
                self._unsubscribe.append(store.subscribe(lambda job, p=printer: self.job_captured.emit(p, job)))
        self.retranslate()
        return True

    def _device(self, name: str) -> Any:
        try:
            return self.ctx.devices.get(name)
        except Exception:   # not configured on this terminal: that part of the window stays empty
            log.info("simulator: no device %s", name)
            return None

    # --- cards, codes, paper ----------------------------------------------------------------------

    def place_card(self, card_id: str) -> None:
        reader = self._device(IDCARD)
        if reader is not None:
            reader.place(card_id)
            self.status.setText(self.tr("已放卡：{card}").format(card=card_id))

    def remove_card(self) -> None:
        reader = self._device(IDCARD)
        if reader is not None:
            reader.remove()
            self.status.setText(self.tr("已取走身份证"))

    def scan(self, text: str) -> None:
        scanner = self._device(SCANNER)
        if scanner is not None and text.strip():
            scanner.scan(text.strip())
            self.status.setText(self.tr("已扫码"))

    def scan_sample(self, key: str) -> None:
        if key == "elicence":
            self.scan(ELICENCE_SAMPLE)
        elif key == "foreign":
            self.scan("https://pay.example.com/qr?order=20260305")
        elif self.ctx.tasks is not None:
            forge = key == "forged"
            self.ctx.tasks.run(lambda: sample_receipt_code(self.ctx),
                               on_success=lambda code: self._scan_receipt(code, forge))

    def _scan_receipt(self, code: str | None, forge: bool) -> None:
        if code is None:
            self.status.setText(self.tr("本机还没有办件，先在自助终端办一件事。"))
            return
        self.scan(altered(code) if forge else code)

    def set_paper(self, printer: str, status: str) -> None:
        device = self._device(printer)
        capture = getattr(device, "capture", None)
        if capture is not None:
            capture.set_status(status)

    # --- printed jobs as pictures -----------------------------------------------------------------

    def _render_job(self, printer: str, job: Any) -> None:
        if self.ctx.tasks is None:
            return
        self.ctx.tasks.run(lambda: job_images(job.data), on_success=lambda pngs: self.show_job(printer, job, pngs),
                           on_failure=lambda exc: log.warning("SIMULATOR_PREVIEW_FAILED %s",
                                                              getattr(exc, "code", type(exc).__name__)))

    def show_job(self, printer: str, job: Any, pngs: list[bytes]) -> None:
        box = QWidget(self.jobs_inner)
        layout = QVBoxLayout(box)
        caption = QLabel(self.tr("{printer} 第 {n} 份 {time}").format(
            printer=self.paper_labels[printer].text() if printer in self.paper_labels else printer,
            n=job.number, time=job.received_at.astimezone().strftime("%H:%M:%S")), box)
        layout.addWidget(caption)
        for png in pngs:
            image = QLabel(box)
            pixmap = QPixmap()
            pixmap.loadFromData(png, "PNG")
            image.setPixmap(pixmap.scaledToWidth(min(pixmap.width(), 480),
                                                 Qt.TransformationMode.SmoothTransformation))
            layout.addWidget(image)
        self.jobs_layout.insertWidget(0, box)
        self.shown_jobs.insert(0, (printer, job.number))
        while len(self.shown_jobs) > MAX_SHOWN_JOBS:
            self.shown_jobs.pop()
            old = self.jobs_layout.itemAt(self.jobs_layout.count() - 2).widget()
            self.jobs_layout.removeWidget(old)
            old.deleteLater()

    # --- Qt ---------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("设备模拟器（演示）"))
        if not self.status.text() or not self.attached:
            self.status.setText(self.tr("设备已就绪：放卡、扫码，打印的凭条和证照显示在下方。") if self.attached
                                else self.tr("正在等待终端设备启动…"))
        self.card_box.setTitle(self.tr("身份证读卡器"))
        self.remove_button.setText(self.tr("取走身份证"))
        self.scan_box.setTitle(self.tr("二维码扫描器"))
        for key, text in (("receipt", self.tr("受理回执二维码")), ("forged", self.tr("被篡改的回执二维码")),
                          ("elicence", self.tr("电子证照亮证码")), ("foreign", self.tr("非本系统二维码"))):
            self.scan_buttons[key].setText(text)
        self.code_edit.setPlaceholderText(self.tr("输入任意内容模拟扫码"))
        self.scan_button.setText(self.tr("扫码"))
        self.printer_box.setTitle(self.tr("打印机（打印件显示为图片）"))
        self.paper_labels["receipt_printer"].setText(self.tr("凭条打印机"))
        self.paper_labels["a4_printer"].setText(self.tr("A4 打印机"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()
        super().closeEvent(event)
