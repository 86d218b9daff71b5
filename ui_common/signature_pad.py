"""A pad to sign on with a finger or a pen: the kiosk's 告知承诺 signature and the counter's 容缺受理 one.

The strokes are QPainter paths; ``to_png()`` renders them black on white at the pad's size, and the PNG is
stored with the case (encrypted at rest, sent as an attachment).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui_common.camera import png_bytes

MIN_STROKE_POINTS = 5      # a tap is not a signature


class SignaturePad(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(600, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.paths: list[QPainterPath] = []
        self.points = 0
        self.placeholder = ""

    @property
    def empty(self) -> bool:
        return self.points < MIN_STROKE_POINTS

    def clear(self) -> None:
        self.paths, self.points = [], 0
        self.update()
        self.changed.emit()

    def add_stroke(self, points: list[QPointF]) -> None:
        """A whole stroke at once (tests and the bench sign this way)."""
        if not points:
            return
        path = QPainterPath(points[0])
        for point in points[1:]:
            path.lineTo(point)
        self.paths.append(path)
        self.points += len(points)
        self.update()
        self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.paths.append(QPainterPath(event.position()))
        self.points += 1

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.paths:
            self.paths[-1].lineTo(event.position())
            self.points += 1
            self.update()

    def mouseReleaseEvent(self, _event: QMouseEvent) -> None:
        self.changed.emit()

    def _draw(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#000000"), 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        for path in self.paths:
            painter.drawPath(path)

    def paintEvent(self, _event: Any) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#FFFFFF"))
        painter.setPen(QPen(QColor("#9AA5B4"), 2, Qt.PenStyle.DashLine))
        painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
        if not self.paths and self.placeholder:
            painter.setPen(QColor("#4A5568"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.placeholder)
        self._draw(painter)
        painter.end()

    def to_png(self) -> bytes:
        image = QImage(max(self.width(), 1), max(self.height(), 1), QImage.Format.Format_RGB32)
        image.fill(QColor("#FFFFFF"))
        painter = QPainter(image)
        self._draw(painter)
        painter.end()
        return png_bytes(image)
