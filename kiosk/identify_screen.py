"""Identify: place the ID card on the reader, or show an e-licence QR code (亮证) to the scanner.

The left half shows where the card goes: a card that glides down onto the reader pad below the screen,
drawn with QPainter so it scales to any panel and to 长者模式. The right half offers the QR path, and
takes the lead when the reader is offline. Problems are said calmly, in one sentence, with what to do.

Reading the card is the main window's business (a card may be placed on any screen); this screen only
waits for the session to start. A scanned code is resolved here, through the platform, off the GUI thread.
Emits ``identified(person)`` once the session has a person, ``cancelled`` for 返回首页.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEasingCurve, QEvent, QPointF, QRectF, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QColor, QFont, QHideEvent, QPainter, QPainterPath, QPen, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from core.events import CodeScanned, DeviceStatusChanged
from core.selfservice.elicence import ElicenceIdentity, resolve_elicence
from kiosk.screen_shown import ReportsShown
from kiosk.session import KioskEvents, KioskSession
from ui_common.theme import palette

log = logging.getLogger(__name__)

IDCARD_DEVICE = "idcard"
_READER_DOWN = {"offline", "nodevice", "hwerror"}


class CardPlacementView(QWidget):
    """A card gliding down onto the reader pad, again and again, while the screen is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(360, 320)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.progress = 1.0
        self.animation = QVariantAnimation(self)
        self.animation.setStartValue(0.0)
        self.animation.setEndValue(1.0)
        self.animation.setDuration(1800)
        self.animation.setLoopCount(-1)
        self.animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self.animation.valueChanged.connect(self._step)
        self.dimmed = False

    def _step(self, value: Any) -> None:
        self.progress = float(value)
        self.update()

    def start(self) -> None:
        self.animation.start()

    def stop(self) -> None:
        self.animation.stop()
        self.progress = 1.0
        self.update()

    def paintEvent(self, _event: Any) -> None:
        colours = palette(False)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width(), self.height()
        pad = QRectF(w * 0.12, h * 0.68, w * 0.76, h * 0.24)
        # the reader pad below the screen
        painter.setPen(QPen(QColor(colours.border_strong), 3))
        painter.setBrush(QColor("#DDE3EA") if not self.dimmed else QColor("#EEEEEE"))
        painter.drawRoundedRect(pad, 18, 18)
        painter.setPen(QPen(QColor(colours.accent), 3, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        target = QRectF(pad.center().x() - w * 0.22, pad.top() + pad.height() * 0.12, w * 0.44, pad.height() * 0.76)
        painter.drawRoundedRect(target, 10, 10)
        # the card: from above the pad down into the dashed target, tilting flat as it lands
        card_w = min(target.width() * 0.8, (pad.top() - h * 0.04) * 1.58)
        card_h = card_w / 1.58
        start_y, end_y = h * 0.02, pad.top() + pad.height() * 0.5 - card_h * 0.75
        y = start_y + (end_y - start_y) * self.progress
        path = QPainterPath()
        card = QRectF(target.center().x() - card_w / 2, y, card_w, card_h)
        path.addRoundedRect(card, 12, 12)
        painter.setPen(QPen(QColor(colours.accent_pressed), 2))
        painter.setBrush(QColor("#F3F7FC") if not self.dimmed else QColor("#F5F5F5"))
        painter.drawPath(path)
        # photo box, lines of text and the national emblem's place, as on a real card
        painter.setBrush(QColor(colours.accent_soft))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(QRectF(card.right() - card_w * 0.32, card.top() + card_h * 0.15,
                                       card_w * 0.24, card_h * 0.6), 6, 6)
        painter.setBrush(QColor(colours.border))
        for row in range(4):
            painter.drawRoundedRect(QRectF(card.left() + card_w * 0.08, card.top() + card_h * (0.2 + row * 0.16),
                                           card_w * (0.48 - 0.06 * (row % 2)), card_h * 0.07), 4, 4)
        # a down arrow above the card while it moves
        if self.progress < 0.95 and not self.dimmed:
            painter.setPen(QPen(QColor(colours.accent), 6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            x = card.center().x()
            top = max(4.0, y - h * 0.12)
            painter.drawLine(QPointF(x, top), QPointF(x, y - 10))
            painter.drawLine(QPointF(x - 16, y - 26), QPointF(x, y - 10))
            painter.drawLine(QPointF(x + 16, y - 26), QPointF(x, y - 10))
        font = QFont(self.font())
        font.setPointSizeF(max(12.0, h / 26))
        painter.setFont(font)
        painter.setPen(QColor(colours.text))
        painter.drawText(QRectF(pad.left(), pad.bottom() + 4, pad.width(), h - pad.bottom() - 4),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, self.tr("读卡区（屏幕下方）"))
        painter.end()


class IdentifyScreen(ReportsShown, QWidget):
    identified = Signal(object)   # Person
    cancelled = Signal()

    def __init__(self, ctx: Any, session: KioskSession, events: KioskEvents,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        self.reader_offline = False
        self.resolving = False
        self.heading = QLabel()
        self.heading.setProperty("role", "heading")
        self.heading.setWordWrap(True)

        self.card_view = CardPlacementView()
        self.card_text = QLabel()
        self.card_text.setProperty("role", "body")
        self.card_text.setWordWrap(True)
        card_panel = QFrame()
        card_panel.setProperty("role", "card")
        card_layout = QVBoxLayout(card_panel)
        card_layout.setContentsMargins(24, 24, 24, 24)
        card_layout.addWidget(self.card_view, 1)
        card_layout.addWidget(self.card_text)

        self.qr_panel = QFrame()
        self.qr_panel.setProperty("role", "card")
        self.qr_title = QLabel()
        self.qr_title.setProperty("role", "panel-heading")
        self.qr_title.setWordWrap(True)
        self.qr_text = QLabel()
        self.qr_text.setProperty("role", "body")
        self.qr_text.setWordWrap(True)
        qr_layout = QVBoxLayout(self.qr_panel)
        qr_layout.setContentsMargins(28, 28, 28, 28)
        qr_layout.setSpacing(16)
        qr_layout.addWidget(self.qr_title)
        qr_layout.addWidget(self.qr_text)
        qr_layout.addStretch(1)

        self.status = QLabel()
        self.status.setProperty("role", "status")
        self.status.setWordWrap(True)
        self.status.hide()
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.cancelled)

        columns = QHBoxLayout()
        columns.setSpacing(32)
        columns.addWidget(card_panel, 3)
        columns.addWidget(self.qr_panel, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.setSpacing(24)
        layout.addWidget(self.heading)
        layout.addLayout(columns, 1)
        layout.addWidget(self.status)
        layout.addLayout(bottom)

        events.code_scanned.connect(self._on_code)
        events.device_status.connect(self._on_device_status)
        session.started.connect(self._on_session_started)
        self._check_reader()
        self.retranslate()

    # --- state -------------------------------------------------------------------------------------

    def _check_reader(self) -> None:
        devices = getattr(self.ctx, "devices", None)
        health = None
        if devices is not None:
            try:
                health = devices.health().get(IDCARD_DEVICE)
            except Exception:   # the manager stopping under us: treat as no reader
                log.debug("device health unavailable", exc_info=True)
        self.set_reader_offline(health is None or str(getattr(health, "value", health)) in _READER_DOWN)

    def set_reader_offline(self, offline: bool) -> None:
        self.reader_offline = offline
        self.card_view.dimmed = offline
        self.card_view.update()
        self.retranslate()

    def _on_device_status(self, event: DeviceStatusChanged) -> None:
        if event.device == IDCARD_DEVICE:
            self.set_reader_offline(event.health in _READER_DOWN)

    def _on_session_started(self, person: Any) -> None:
        self.status.hide()
        self.identified.emit(person)

    def show_problem(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()

    # --- the QR path ------------------------------------------------------------------------------

    def _on_code(self, event: CodeScanned) -> None:
        if not self.isVisible() or self.resolving:
            return
        self.resolve_code(event.text)

    def resolve_code(self, text: str) -> None:
        self.resolving = True
        self.show_problem(self.tr("正在核验电子证照，请稍候……"))
        central = getattr(self.ctx, "central", None)
        self.ctx.tasks.run(lambda: resolve_elicence(central, text), on_success=self._resolved,
                           on_failure=self._resolve_failed)

    def _resolved(self, identity: ElicenceIdentity) -> None:
        self.resolving = False
        self.status.hide()
        self.session.start(identity.person, elicences=list(identity.licences))

    def _resolve_failed(self, exc: BaseException) -> None:
        self.resolving = False
        log.info("ELICENCE_LOOKUP_FAILED %s", getattr(exc, "code", type(exc).__name__))
        message = getattr(exc, "user_message", "") or self.tr("暂时无法核验电子证照，请刷身份证，或到人工窗口办理。")
        self.show_problem(message)

    # --- Qt ---------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.heading.setText(self.tr("请刷身份证，或出示电子证照二维码"))
        if self.reader_offline:
            self.card_text.setText(self.tr("读卡器暂时不能使用。请用手机打开电子证照二维码，对准右侧扫码口。"))
        else:
            self.card_text.setText(self.tr("把身份证平放在屏幕下方的读卡区，听到“嘀”声后稍等一秒。"))
        self.qr_title.setText(self.tr("没带身份证？") if not self.reader_offline else self.tr("请扫电子证照二维码"))
        self.qr_text.setText(self.tr("打开手机上的电子证照（如“湘易办”），出示“亮证”二维码，对准扫码口。"))
        self.qr_panel.setProperty("emphasis", self.reader_offline)
        self.qr_panel.style().unpolish(self.qr_panel)
        self.qr_panel.style().polish(self.qr_panel)
        self.back_button.setText(self.tr("返回首页"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)     # ReportsShown: the voice guide reads this screen
        self._check_reader()
        if not self.reader_offline:
            self.card_view.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.card_view.stop()
        super().hideEvent(event)
