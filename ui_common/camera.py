"""The document camera (高拍仪): a live picture of the paper under it, and a still taken from that picture.

    camera = open_document_camera(ctx.setting("kiosk.document_camera", "auto"), parent)
    camera.preview.connect(pane.show_image)     # the newest picture, about ten times a second
    camera.failed.connect(say_so)               # (code, detail): once, and the camera stops
    camera.start()
    still = camera.take_still()                 # Still(data, content_type, ...) or None before the first frame
    image = camera.picture()                    # the same frame as a QImage: still_of(image) on a worker

One pipeline serves every source: Qt Multimedia's ``QMediaCaptureSession`` delivers frames to a
``QVideoSink``; the newest frame is kept, shown at a bounded rate, and encoded when the person taps 拍照.
The source is a UVC camera (``QCamera``, highest resolution it offers) or, in the demo and the tests, a
``QVideoFrameInput`` fed with the sample page, so the demo runs the same sink, preview and still code as
a hall's camera. What is saved is exactly what the person saw on the screen when they tapped.

Failures have stable codes, logged once, and tell the screen to say so calmly:

* ``CAMERA_ABSENT``: no video input matches the setting (unplugged, or none installed);
* ``CAMERA_FAILED``: the camera reported an error or stopped by itself (cable pulled, device busy);
* ``CAMERA_NO_PICTURE``: it started but no frame came within ``first_frame_timeout_ms``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen

log = logging.getLogger(__name__)

SAMPLE_PATH = Path(__file__).resolve().parent.parent / "resources" / "samples" / "material_sample.png"

AUTO, SAMPLE = "auto", "sample"                 # values of the kiosk.document_camera setting
CAMERA_ABSENT, CAMERA_FAILED, CAMERA_NO_PICTURE = "CAMERA_ABSENT", "CAMERA_FAILED", "CAMERA_NO_PICTURE"

PREVIEW_INTERVAL_MS = 100        # at most ten pictures a second: enough to line a page up, cheap on the GIL
FIRST_FRAME_TIMEOUT_MS = 5000    # a UVC camera gives its first frame within a second or two
MAX_STILL_SIDE = 2400            # px on the long side: an A4 page stays legible, the upload stays small
JPEG_QUALITY = 85


@dataclass(frozen=True)
class Still:
    data: bytes
    content_type: str
    width: int
    height: int

    def __repr__(self) -> str:   # the photo is of a citizen's papers
        return f"Still({self.content_type}, {self.width}x{self.height}, {len(self.data)} bytes)"


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


def sample_page() -> QImage:
    image = QImage(str(SAMPLE_PATH))
    return image if not image.isNull() else draw_sample_page()


def encoded(image: QImage, fmt: str = "PNG", quality: int = -1) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, fmt, quality)
    buffer.close()
    return bytes(data.data())


def png_bytes(image: QImage) -> bytes:
    return encoded(image, "PNG")


def still_of(image: QImage) -> Still:
    """A JPEG of the picture, no larger than MAX_STILL_SIDE on its long side."""
    if max(image.width(), image.height()) > MAX_STILL_SIDE:
        image = image.scaled(MAX_STILL_SIDE, MAX_STILL_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    return Still(encoded(image.convertToFormat(QImage.Format.Format_RGB32), "JPEG", JPEG_QUALITY), "image/jpeg",
                 image.width(), image.height())


# --- where frames come from ---------------------------------------------------------------------------

def video_inputs() -> list[Any]:
    from PySide6.QtMultimedia import QMediaDevices

    return list(QMediaDevices.videoInputs())


def find_camera(choice: str) -> Any | None:
    """The video input the setting names: ``auto`` is the system's default (else the first); any other
    value matches a device's id exactly or its description in part (``"Eloam"``, ``"/dev/video2"``)."""
    inputs = video_inputs()
    if not inputs:
        return None
    if choice in ("", AUTO):
        from PySide6.QtMultimedia import QMediaDevices

        default = QMediaDevices.defaultVideoInput()
        return default if not default.isNull() else inputs[0]
    for device in inputs:
        if bytes(device.id().data()).decode(errors="replace") == choice:
            return device
    folded = choice.casefold()
    return next((d for d in inputs if folded in d.description().casefold()), None)


def best_format(device: Any) -> Any | None:
    """The sharpest picture at a usable rate: the largest resolution that still gives 5 frames a second."""
    formats = [f for f in device.videoFormats() if f.maxFrameRate() >= 5] or list(device.videoFormats())
    if not formats:
        return None
    return max(formats, key=lambda f: (f.resolution().width() * f.resolution().height(), f.maxFrameRate()))


class _CameraSource:
    """A UVC camera through QCamera."""

    def __init__(self, device: Any, owner: DocumentCamera) -> None:
        from PySide6.QtMultimedia import QCamera

        self.name = device.description()
        self.camera = QCamera(device, owner)
        fmt = best_format(device)
        if fmt is not None:
            self.camera.setCameraFormat(fmt)
        self.camera.errorOccurred.connect(lambda _error, text: owner.fail(CAMERA_FAILED, text or "camera error"))
        self.camera.activeChanged.connect(lambda active: active or owner.source_stopped())

    def attach(self, session: Any) -> None:
        session.setCamera(self.camera)

    def start(self) -> None:
        self.camera.start()

    def stop(self) -> None:
        self.camera.stop()


class _FrameFeedSource:
    """Pictures pushed through QVideoFrameInput, one every ``interval_ms``: the demo's sample page, a test's
    frames. An empty list starts and never sends a frame (a camera that gives no picture)."""

    def __init__(self, images: Sequence[QImage], owner: DocumentCamera, interval_ms: int = 200) -> None:
        from PySide6.QtMultimedia import QVideoFrameInput

        self.name = "sample"
        self.images = list(images)
        self.input = QVideoFrameInput(owner)
        self.timer = QTimer(owner)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._send)
        self._next = 0

    def attach(self, session: Any) -> None:
        session.setVideoFrameInput(self.input)

    def start(self) -> None:
        if self.images:
            self._send()
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _send(self) -> None:
        from PySide6.QtMultimedia import QVideoFrame

        self.input.sendVideoFrame(QVideoFrame(self.images[self._next % len(self.images)]))
        self._next += 1


class DocumentCamera(QObject):
    """Frames from one source to a preview and to stills. Start and stop it with the screen that shows it."""

    preview = Signal(QImage)
    failed = Signal(str, str)      # (code, detail)

    def __init__(self, parent: QObject | None = None, *, device: Any = None, frames: Sequence[QImage] | None = None,
                 absent: str = "", first_frame_timeout_ms: int = FIRST_FRAME_TIMEOUT_MS,
                 preview_interval_ms: int = PREVIEW_INTERVAL_MS) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QMediaCaptureSession, QVideoSink

        self._absent = absent
        self._failure: str | None = None
        self._running = False
        self._latest: Any = None           # the newest QVideoFrame
        self._shown: Any = None            # the frame last turned into a preview picture
        self.session = QMediaCaptureSession(self)
        self.sink = QVideoSink(self)
        self.session.setVideoSink(self.sink)
        self.sink.videoFrameChanged.connect(self._frame)
        self.source: _CameraSource | _FrameFeedSource | None = None
        if device is not None:
            self.source = _CameraSource(device, self)
        elif frames is not None:
            self.source = _FrameFeedSource(frames, self)
        if self.source is not None:
            self.source.attach(self.session)
        self._preview_timer = QTimer(self)
        self._preview_timer.setInterval(preview_interval_ms)
        self._preview_timer.timeout.connect(self._show_latest)
        self._first_frame = QTimer(self)
        self._first_frame.setSingleShot(True)
        self._first_frame.setInterval(first_frame_timeout_ms)
        self._first_frame.timeout.connect(lambda: self.fail(CAMERA_NO_PICTURE, "no frame after start"))

    @property
    def name(self) -> str:
        return self.source.name if self.source is not None else ""

    @property
    def failure(self) -> str | None:
        return self._failure

    @property
    def has_picture(self) -> bool:
        return self._latest is not None

    def start(self) -> None:
        if self._running or self._failure is not None:
            return
        if self.source is None:
            QTimer.singleShot(0, self, lambda: self.fail(CAMERA_ABSENT, self._absent or "no video input"))
            return
        self._running = True
        self._first_frame.start()
        self._preview_timer.start()
        self.source.start()

    def stop(self) -> None:
        self._running = False
        self._first_frame.stop()
        self._preview_timer.stop()
        if self.source is not None:
            self.source.stop()

    def picture(self) -> QImage | None:
        """The picture on the screen now, at the camera's full resolution; None before the first frame.
        Turn it into a JPEG with ``still_of``, off the GUI thread for a large camera (QImage may cross threads)."""
        if self._latest is None:
            return None
        image = self._latest.toImage()
        return None if image.isNull() else image

    def take_still(self) -> Still | None:
        """``picture()`` as a JPEG, here and now."""
        image = self.picture()
        return None if image is None else still_of(image)

    def forget(self) -> None:
        """Drop the last frame (a citizen's papers) without stopping."""
        self._latest = self._shown = None

    def fail(self, code: str, detail: str) -> None:
        if self._failure is not None:
            return
        self._failure = code
        log.warning("%s %s (source %s)", code, detail, self.name or "none")
        self.stop()
        self.failed.emit(code, detail)

    def source_stopped(self) -> None:
        if self._running:
            self.fail(CAMERA_FAILED, "the camera stopped by itself")

    def _frame(self, frame: Any) -> None:
        if not self._running or not frame.isValid():
            return
        self._latest = frame
        self._first_frame.stop()

    def _show_latest(self) -> None:
        frame = self._latest
        if frame is None or frame is self._shown:
            return
        self._shown = frame
        image = frame.toImage()
        if not image.isNull():
            self.preview.emit(image)


def open_document_camera(choice: str, parent: QObject | None = None, **options: Any) -> DocumentCamera:
    """The camera the setting ``kiosk.document_camera`` names: ``sample`` (the demo's page), ``auto``, or a
    device id or part of its description. A camera that is not there gives a DocumentCamera that fails
    with CAMERA_ABSENT on start, so the screen has one path for every kind of trouble."""
    if choice == SAMPLE:
        return DocumentCamera(parent, frames=[sample_page()], **options)
    device = find_camera(choice)
    if device is None:
        return DocumentCamera(parent, absent=f"no video input matches {choice or AUTO!r}", **options)
    return DocumentCamera(parent, device=device, **options)
