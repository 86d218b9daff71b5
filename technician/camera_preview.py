"""摄像头预览: the camera's picture with every decoded QR code outlined and its text drawn over it.

Frames come from Qt Multimedia (``QVideoSink``); every few frames one is decoded with zxing-cpp on the
GUI thread's idle time (a 640x480 grayscale frame takes a few milliseconds). Without a camera the page
says so and what to check, instead of opening an empty window.
"""

from __future__ import annotations

from typing import Any

import zxingcpp
from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

DECODE_EVERY = 5


def _t(text: str) -> str:
    return QCoreApplication.translate("CameraPreview", text)


def camera_inputs() -> list[Any]:
    from PySide6.QtMultimedia import QMediaDevices

    return list(QMediaDevices.videoInputs())


def open_camera_preview(parent: QWidget) -> str:
    """Open the preview if a camera exists; returns the sentence for the test result line."""
    cameras = camera_inputs()
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
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = gray.width(), gray.height(), gray.bytesPerLine()
    data = bytes(gray.constBits())[: stride * height]
    rows = b"".join(data[y * stride : y * stride + width] for y in range(height)) if stride != width else data
    from PIL import Image

    results = zxingcpp.read_barcodes(Image.frombytes("L", (width, height), rows), formats=zxingcpp.BarcodeFormat.QRCode)
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
    def __init__(self, device: Any, parent: QWidget | None = None) -> None:
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QVideoSink

        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("CameraPreview", "摄像头预览"))
        self.picture = QLabel()
        self.picture.setMinimumSize(640, 480)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.found = QLabel(QCoreApplication.translate("CameraPreview", "尚未识别到二维码"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture, 1)
        layout.addWidget(self.found)
        self._frames = 0
        self.camera = QCamera(device, self)
        self.session = QMediaCaptureSession(self)
        self.sink = QVideoSink(self)
        self.session.setCamera(self.camera)
        self.session.setVideoSink(self.sink)
        self.sink.videoFrameChanged.connect(self._frame)
        self.camera.start()

    def _frame(self, frame: Any) -> None:
        self._frames += 1
        image = frame.toImage()
        if image.isNull():
            return
        if self._frames % DECODE_EVERY == 0:
            image, texts = draw_codes(image)
            if texts:
                self.found.setText(
                    QCoreApplication.translate("CameraPreview", "识别到：{text}").format(
                        text="；".join(t[:60] for t in texts)
                    )
                )
        self.picture.setPixmap(QPixmap.fromImage(image).scaled(self.picture.size(), Qt.AspectRatioMode.KeepAspectRatio))

    def closeEvent(self, event: Any) -> None:
        self.camera.stop()
        super().closeEvent(event)
