"""Photograph one material with the document camera (高拍仪): the live picture, 拍照, then the photo to check
with 重拍 or 使用这张照片.

The camera runs only while this screen is on show. When there is no camera or it fails, the screen says
so in plain words and what else the person can do (the 容缺 promise if the material allows it, the
e-licence if there is one, or the paper at a counter), and 返回 takes them back to choose; the failure's
code is in the log (``ui_common.camera``). ``taken(data, content_type)`` carries the accepted photo.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QHideEvent, QImage, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QSizePolicy, QStackedLayout, QWidget

from kiosk.page import JourneyPage
from ui_common.camera import CAMERA_FAILED, DocumentCamera, Still, still_of
from ui_common.widgets import role_label

LIVE, TAKEN, FAILED = "live", "taken", "failed"


class PicturePane(QLabel):
    """A picture scaled to fit, kept sharp on resize."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "empty-body")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setMinimumSize(320, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.image: QImage | None = None
        self.smooth = True

    def show_image(self, image: QImage | None, *, smooth: bool = True) -> None:
        """``smooth=False`` for live frames: ten a second on the GUI thread, a fast scale is enough."""
        self.image, self.smooth = image, smooth
        if image is None:
            self.setPixmap(QPixmap())
        self._fit()

    def _fit(self) -> None:
        if self.image is None or self.image.isNull():
            return       # keeps whatever text it shows instead
        size = self.contentsRect().size() - QSize(16, 16)
        mode = Qt.TransformationMode.SmoothTransformation if self.smooth else Qt.TransformationMode.FastTransformation
        self.setPixmap(QPixmap.fromImage(self.image.scaled(size, Qt.AspectRatioMode.KeepAspectRatio, mode)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()


class CaptureScreen(JourneyPage):
    taken = Signal(bytes, str)

    def __init__(self, material_name: str, camera_factory: Callable[[Any], DocumentCamera], *,
                 tasks: Any, alternatives: tuple[str, ...] = (), parent: QWidget | None = None) -> None:
        """``tasks``: the terminal's task runner (``ctx.tasks``); the photo is encoded there."""
        super().__init__(parent)
        self.material_name = material_name
        self.tasks = tasks
        self._encoding: object | None = None   # the shot whose JPEG is being made
        self.alternatives = alternatives        # e.g. ("tolerate", "elicence"): what else this material allows
        self.camera = camera_factory(self)
        self.camera.preview.connect(self.show_preview)
        self.camera.failed.connect(self._failed)
        self.state = LIVE
        self.still: Still | None = None
        self.hint = role_label("", "body", wrap=True)
        self.picture = PicturePane()
        self.trouble = role_label("", "empty-title", wrap=True)     # instead of the picture, when it fails
        self.trouble.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.trouble.setContentsMargins(48, 24, 48, 24)
        card = QFrame()
        card.setProperty("role", "card")
        self.view = QStackedLayout(card)
        self.view.addWidget(self.picture)
        self.view.addWidget(self.trouble)
        self.content.addWidget(self.hint)
        self.content.addWidget(card, 1)
        self.retake_button = QPushButton()
        self.retake_button.setMinimumSize(220, 72)
        self.retake_button.clicked.connect(self.retake)
        self.bottom.insertWidget(self.bottom.count() - 1, self.retake_button)
        self.next_button.clicked.disconnect()
        self.next_button.clicked.connect(self.primary)
        self.retranslate()

    # --- the camera runs while the screen is on show ---------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.state == LIVE:
            self.camera.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.camera.stop()
        super().hideEvent(event)

    def show_preview(self, image: QImage) -> None:
        if self.state == LIVE:
            self.picture.show_image(image, smooth=False)
            self.next_button.setEnabled(True)

    def _failed(self, _code: str, _detail: str) -> None:
        self.state = FAILED
        self.still = None
        self.picture.show_image(None)
        self.retranslate()

    # --- 拍照 / 使用这张照片 / 重拍 -------------------------------------------------------------------------

    def primary(self) -> None:
        if self.state == LIVE:
            self.shoot()
        elif self.state == TAKEN and self.still is not None:
            self.camera.forget()
            self.taken.emit(self.still.data, self.still.content_type)

    def shoot(self) -> None:
        """Hold the picture on the screen at once; its JPEG is made on a worker (a 高拍仪's frame is large)."""
        image = self.camera.picture()
        if image is None:
            return
        self.camera.stop()
        self.state, self.still = TAKEN, None
        self.picture.show_image(image)
        self.retranslate()
        shot = self._encoding = object()

        def encoded(still: Still) -> None:
            if self._encoding is shot and self.state == TAKEN:
                self.still = still
                self.retranslate()

        def failed(exc: BaseException) -> None:
            if self._encoding is shot:
                self.camera.fail(CAMERA_FAILED, f"the photo could not be encoded: {exc}")
        self.tasks.run(lambda: still_of(image), on_success=encoded, on_failure=failed)

    def show_still(self, still: Still) -> None:
        """The photo as it will be saved, for the person to check."""
        self.still = still
        self.state = TAKEN
        self.picture.show_image(QImage.fromData(still.data))
        self.retranslate()

    def retake(self) -> None:
        if self.state != TAKEN:
            return
        self.still, self._encoding = None, None
        self.state = LIVE
        self.camera.forget()
        self.retranslate()
        self.camera.start()

    def retranslate(self) -> None:
        super().retranslate()
        self.heading.setText(self.tr("拍照：{name}").format(name=self.material_name))
        self.back_button.setText(self.tr("返回"))
        self.retake_button.setText(self.tr("重拍"))
        self.retake_button.setVisible(self.state == TAKEN)
        self.next_button.setVisible(self.state != FAILED)
        if self.state == LIVE:
            self.hint.setText(self.tr("请把材料正面朝上，平放在高拍仪下方的灯光区域。看到屏幕上的画面清楚、完整后，点“拍照”。"))
            self.next_button.setText(self.tr("拍照"))
            self.next_button.setEnabled(self.camera.has_picture)
            if self.picture.image is None:
                self.picture.setText(self.tr("正在打开高拍仪，请稍候…"))
        elif self.state == TAKEN:
            self.hint.setText(self.tr("请看一下照片：文字清楚、四个角都在，就点“使用这张照片”；不清楚就点“重拍”。"))
            self.next_button.setText(self.tr("使用这张照片"))
            self.next_button.setEnabled(self.still is not None)     # once its JPEG is ready (milliseconds)
        else:
            self.hint.setText(self.tr("高拍仪暂时不能使用"))
            self.trouble.setText(self.failure_text())
        self.view.setCurrentWidget(self.trouble if self.state == FAILED else self.picture)

    def failure_text(self) -> str:
        ways = []
        if "elicence" in self.alternatives:
            ways.append(self.tr("用电子证照代替"))
        if "tolerate" in self.alternatives:
            ways.append(self.tr("选“容缺后补”，30天内补交"))
        ways.append(self.tr("带上纸质材料到人工窗口办理"))
        joined = self.tr("；或").join(ways)
        return self.tr("高拍仪暂时不能拍照，这不是您的问题。您可以点“返回”，{ways}。").format(ways=joined)

    def voice_instruction(self) -> str:
        return self.trouble.text() if self.state == FAILED else self.hint.text()
