"""A QR code drawn crisp at any size (a phone photographs it off the screen), from core.documents.qr."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from core.documents.qr import qr_matrix


class QrCodeView(QWidget):
    def __init__(self, text: str = "", parent: QWidget | None = None, *, minimum_px: int = 240) -> None:
        super().__init__(parent)
        self._matrix: tuple[tuple[bool, ...], ...] = ()
        self._minimum = minimum_px
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.set_text(text)

    def set_text(self, text: str) -> None:
        self.text = text
        self._matrix = qr_matrix(text) if text else ()
        self.setAccessibleName(self.tr("二维码"))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(self._minimum, self._minimum)

    def minimumSizeHint(self) -> QSize:
        return QSize(self._minimum, self._minimum)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        side = min(self.width(), self.height())
        painter.fillRect(self.rect(), QColor("white"))
        if not self._matrix:
            return
        count = len(self._matrix)
        module = side // count   # whole pixels per module: blurred edges scan badly
        if module < 1:
            return
        left = (self.width() - module * count) // 2
        top = (self.height() - module * count) // 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("black"))
        for y, row in enumerate(self._matrix):
            for x, dark in enumerate(row):
                if dark:
                    painter.drawRect(QRectF(left + x * module, top + y * module, module, module))
        painter.end()
