"""A camera feeding a real ``camera_scanner`` device: pictures through the camera pipeline, codes decoded on
the device's worker, and a missing camera shown as the device's health and tried again."""

from __future__ import annotations

import qrcode
from PIL.ImageQt import ImageQt
from PySide6.QtGui import QImage

from devices.base import DataEvent, Health, StatusChanged
from devices.registry import create_device
from tests.devices.conftest import EventRecorder
from ui_common.camera import DocumentCamera
from ui_common.camera_scan_feed import CameraScanFeed, raw_frame_of

PAYLOAD = "hallterm:ecert:v1:营业执照:91330100MA2XXXXX0A"


def qr_picture(text: str) -> QImage:
    image = qrcode.make(text, box_size=6, border=4).get_image().convert("RGB")
    return QImage(ImageQt(image)).convertToFormat(QImage.Format.Format_RGB32)


def scanner(recorder: EventRecorder, **params):
    device = create_device("camera", {"driver": "camera_scanner", **params}, recorder)
    device.open()
    device.claim()
    device.enable()
    return device


def test_raw_frame_keeps_rows_and_stride() -> None:
    image = QImage(13, 7, QImage.Format.Format_RGB32)          # 13 px: gray rows are padded to 16 bytes
    image.fill(0xFF808080)
    frame = raw_frame_of(image)
    assert (frame.width, frame.height, frame.pixel_format) == (13, 7, "L")
    assert frame.row_stride >= 13 and len(frame.data) == frame.row_stride * 7 and frame.data[0] == 0x80


def test_a_code_shown_to_the_camera_is_scanned(qtbot) -> None:
    recorder = EventRecorder()
    device = scanner(recorder, camera="sample")
    assert device.camera == "sample"
    feed = CameraScanFeed(device, device.camera, make_camera=lambda owner: DocumentCamera(
        owner, frames=[qr_picture(PAYLOAD)]))
    try:
        feed.start()
        qtbot.waitUntil(lambda: bool(recorder.of(DataEvent)), timeout=10_000)   # the event loop runs the camera
        [event] = recorder.of(DataEvent)
        assert event.data.text == PAYLOAD and event.data.source == "camera"
        qtbot.waitUntil(lambda: any(e.health is Health.ONLINE for e in recorder.of(StatusChanged)), timeout=5000)
        qtbot.wait(300)                                       # more frames of the same code
    finally:
        feed.stop()
        device.shutdown()
    assert device.diagnostics()["codes"] == 1                  # in view frame after frame: scanned once


def test_a_missing_camera_is_the_device_offline_and_tried_again(qtbot) -> None:
    recorder = EventRecorder()
    device = scanner(recorder, camera="no-such-scan-camera")
    opened: list[DocumentCamera] = []

    def make(owner):
        from ui_common.camera import open_document_camera

        opened.append(open_document_camera(device.camera, owner))
        return opened[-1]

    feed = CameraScanFeed(device, device.camera, retry_ms=100, make_camera=make)
    try:
        feed.start()
        qtbot.waitUntil(lambda: any(e.health is Health.OFFLINE for e in recorder.of(StatusChanged)), timeout=5000)
        status = next(e for e in recorder.of(StatusChanged) if e.health is Health.OFFLINE)
        assert "CAMERA_ABSENT" in status.detail
        qtbot.waitUntil(lambda: len(opened) >= 2, timeout=3000)  # opened again, in case it was plugged in
    finally:
        feed.stop()
        device.shutdown()
    assert not feed.retry.isActive() and feed.camera is None
