"""Document camera frames: what the kiosk photographs a paper material with.

``FrameSource.capture()`` returns one still as (bytes, content type). A hall's document camera (a UVC
device) would be read with QtMultimedia's QCamera + QImageCapture behind the same interface; the demo and
the tests use ``SampleDocumentSource``, which returns the sample page shipped in
``resources/samples/material_sample.png`` (drawn here if the file is missing), so the whole loop, sync of
the attachment included, runs without a camera.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen

SAMPLE_PATH = Path(__file__).resolve().parent.parent / "resources" / "samples" / "material_sample.png"


class FrameSource(Protocol):
    def capture(self) -> tuple[bytes, str]: ...


def draw_sample_page(width: int = 620, height: int = 877) -> QImage:
    """A plain A4-shaped page with a title and lines, like a photographed document."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#FBFBF8"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#9AA5B4"), 3))
    painter.drawRect(QRectF(20, 20, width - 40, height - 40))
    font = QFont()
    font.setFamilies(["Noto Sans CJK SC", "WenQuanYi Micro Hei", "Sans Serif"])
    font.setPixelSize(34)
    painter.setFont(font)
    painter.setPen(QColor("#1A2433"))
    painter.drawText(QRectF(20, 60, width - 40, 60), Qt.AlignmentFlag.AlignHCenter, "材料样张（演示）")
    painter.setPen(QPen(QColor("#C9D1DB"), 6))
    for row in range(16):
        y = 170 + row * 40
        painter.drawLine(70, y, width - 70 - (row % 3) * 60, y)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


class SampleDocumentSource:
    """The demo's document camera: always the same sample page."""

    def __init__(self, path: Path = SAMPLE_PATH) -> None:
        self.path = path

    def capture(self) -> tuple[bytes, str]:
        try:
            return self.path.read_bytes(), "image/png"
        except OSError:
            return png_bytes(draw_sample_page()), "image/png"
