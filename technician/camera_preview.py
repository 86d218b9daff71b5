"""摄像头预览: the camera's picture with every decoded QR code outlined and its text drawn over it.

Frames come through the kiosk's own camera pipeline (``ui_common.camera.DocumentCamera``: Qt Multimedia's
capture session and video sink, the preview at a bounded rate); every few pictures one is decoded with
zxing-cpp on the GUI thread (a 640x480 grayscale frame takes a few milliseconds). Without a camera the page
says so and what to check, instead of opening an empty window; a camera that fails while open says so in
the dialog.
"""

from __future__ import annotations

from typing import Any

import zxingcpp
from PIL import Image
from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from ui_common.camera import DocumentCamera, video_inputs
from ui_common.camera_scan_feed import raw_frame_of

DECODE_EVERY = 2   # of the preview pictures (about ten a second)


def open_camera_preview(parent: QWidget) -> str:
    """Open the preview if a camera exists; returns the sentence for the test result line."""
    cameras = video_inputs()
    if not cameras:
        return QCoreApplication.translate(
            "CameraPreview", "未检测到摄像头：请检查高拍仪或摄像头的 USB 线，插好后再点“摄像头预览”。"
        )
    dialog = CameraPreview(cameras[0], parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return QCoreApplication.translate(
        "CameraPreview", "正在预览 {name}：把二维码放到镜头前，识别到的码会用绿框标出。"
    ).format(name=cameras[0].description())


def draw_codes(image: QImage) -> tuple[QImage, list[str]]:
    """The image with each QR code outlined and labelled; and the texts found."""
    raw = raw_frame_of(image)
    gray = Image.frombuffer("L", (raw.width, raw.height), raw.data, "raw", "L", raw.row_stride, 1)
    results = zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode)
    out = image.convertToFormat(QImage.Format.Format_RGB32)
    painter = QPainter(out)
    painter.setPen(QPen(QColor("#1E6B3A"), 4))
    texts = []
    for result in results:
        p = result.position
        corners = [QPointF(c.x, c.y) for c in (p.top_left, p.top_right, p.bottom_right, p.bottom_left)]
        painter.drawPolygon(QPolygonF(corners))
        painter.drawText(corners[0] + QPointF(0, -8), result.text[:60])
        texts.append(result.text)
    painter.end()
    return out, texts


class CameraPreview(QDialog):
    """``device``: a QCameraDevice; ``frames``: pictures fed through the same pipeline (the tests)."""

    def __init__(self, device: Any = None, parent: QWidget | None = None, *, frames: Any = None,
                 **camera_options: Any) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("CameraPreview", "摄像头预览"))
        self.picture = QLabel()
        self.picture.setMinimumSize(640, 480)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.found = QLabel(QCoreApplication.translate("CameraPreview", "尚未识别到二维码"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture, 1)
        layout.addWidget(self.found)
        self._pictures = 0
        self.camera = DocumentCamera(self, device=device, frames=frames, **camera_options)
        self.camera.preview.connect(self._picture)
        self.camera.failed.connect(self._failed)
        self.camera.start()

    def _picture(self, image: QImage) -> None:
        self._pictures += 1
        if self._pictures % DECODE_EVERY == 0:
            image, texts = draw_codes(image)
            if texts:
                self.found.setText(
                    QCoreApplication.translate("CameraPreview", "识别到：{text}").format(
                        text="；".join(t[:60] for t in texts)
                    )
                )
        self.picture.setPixmap(QPixmap.fromImage(image).scaled(self.picture.size(), Qt.AspectRatioMode.KeepAspectRatio))

    def _failed(self, code: str, _detail: str) -> None:
        self.picture.setPixmap(QPixmap())
        self.picture.setText(QCoreApplication.translate(
            "CameraPreview", "摄像头没有画面（{code}）：请检查 USB 线和供电，或换一个 USB 口后重新打开预览。"
        ).format(code=code))

    def closeEvent(self, event: Any) -> None:
        self.camera.stop()
        super().closeEvent(event)
