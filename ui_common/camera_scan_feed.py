"""Camera QR scanning: the frame source of a ``camera_scanner`` device (devices/scanner/camera.py).

The device decodes; it cannot open a camera (``devices`` does not import Qt). This feed opens the camera
its ``camera`` parameter names through the same pipeline as the document camera (``ui_common.camera``),
hands each preview picture (at most ten a second) to ``submit_frame`` as a grayscale ``RawFrame``, and
tells the device whether the camera delivers (``source_health``), so the technician console shows a
camera that is missing or gives no picture as offline, with the camera's failure code. A failed camera
is opened again every ``RETRY_MS``: plugging it back in brings scanning back without a restart.

    feeds = start_camera_scanners(ctx, parent)     # once the devices are up, on the GUI thread
    for feed in feeds: feed.stop()                 # at exit
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QImage

from devices.base import Health
from devices.scanner.camera import RawFrame
from ui_common.camera import DocumentCamera, open_document_camera

log = logging.getLogger(__name__)

DRIVER = "camera_scanner"
RETRY_MS = 15_000


def raw_frame_of(image: QImage) -> RawFrame:
    """The picture as an 8-bit grayscale frame, copied (the device decodes it on its own thread)."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    stride, height = gray.bytesPerLine(), gray.height()
    return RawFrame(bytes(gray.constBits())[: stride * height], gray.width(), height, "L", stride)


class CameraScanFeed(QObject):
    """``make_camera(owner)``: a camera other than the one ``choice`` names (the tests' frames)."""

    def __init__(self, device: Any, choice: str, parent: QObject | None = None, *, retry_ms: int = RETRY_MS,
                 make_camera: Callable[[QObject], DocumentCamera] | None = None) -> None:
        super().__init__(parent)
        self.device = device
        self.make_camera = make_camera or (lambda owner: open_document_camera(choice, owner))
        self.camera: DocumentCamera | None = None
        self.delivering = False
        self.retry = QTimer(self)
        self.retry.setSingleShot(True)
        self.retry.setInterval(retry_ms)
        self.retry.timeout.connect(self.start)

    def start(self) -> None:
        """Open the camera afresh and feed the device from it."""
        self.stop()
        self.camera = self.make_camera(self)
        self.camera.preview.connect(self._picture)
        self.camera.failed.connect(self._failed)
        self.camera.start()

    def stop(self) -> None:
        self.retry.stop()
        if self.camera is not None:
            self.camera.stop()
            self.camera.deleteLater()
            self.camera = None

    def _picture(self, image: QImage) -> None:
        if not self.delivering:
            self.delivering = True
            self.device.source_health(Health.ONLINE, self.camera.name if self.camera else "")
        self.device.submit_frame(raw_frame_of(image))

    def _failed(self, code: str, detail: str) -> None:
        # OFFLINE, not NODEVICE: the device manager would try to reconnect the decoder, which has no port
        self.delivering = False
        self.device.source_health(Health.OFFLINE, f"{code}: {detail}")
        self.retry.start()


def start_camera_scanners(ctx: Any, parent: QObject | None = None) -> list[CameraScanFeed]:
    """A started feed for every configured ``camera_scanner`` device."""
    feeds = []
    if ctx.devices is None:
        return feeds
    for name, params in ctx.settings.devices.items():
        if params.get("driver") != DRIVER:
            continue
        device = ctx.devices.get(name)
        feed = CameraScanFeed(device, getattr(device, "camera", "auto"), parent)
        feed.start()
        feeds.append(feed)
        log.info("camera scanner %s fed by camera %s", name, feed.camera.name or "(none found yet)")
    return feeds
