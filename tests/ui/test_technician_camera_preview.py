"""The technician's camera preview: pictures through the camera pipeline, QR codes found and outlined, and a
camera that gives no picture said plainly."""

from __future__ import annotations

import qrcode
from PIL.ImageQt import ImageQt
from PySide6.QtGui import QImage

from technician.camera_preview import CameraPreview


def qr_picture(text: str) -> QImage:
    image = qrcode.make(text, box_size=8, border=4).get_image().convert("RGB")
    return QImage(ImageQt(image)).convertToFormat(QImage.Format.Format_RGB32)


def test_a_code_in_front_of_the_camera_is_read_and_named(qtbot) -> None:
    dialog = CameraPreview(frames=[qr_picture("HT1-TEST-0042")])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: "HT1-TEST-0042" in dialog.found.text(), timeout=10_000)
    assert dialog.picture.pixmap() is not None and not dialog.picture.pixmap().isNull()
    dialog.close()
    assert not dialog.camera.source.timer.isActive()


def test_a_camera_without_picture_says_what_to_check(qtbot) -> None:
    dialog = CameraPreview(frames=[], first_frame_timeout_ms=100)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: "CAMERA_NO_PICTURE" in dialog.picture.text(), timeout=5000)
    assert "USB" in dialog.picture.text()
    dialog.close()
