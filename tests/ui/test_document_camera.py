"""The document camera pipeline (ui_common.camera): frames through Qt Multimedia's capture session and video
sink, as from a UVC camera, a bounded preview, stills as JPEG, and every kind of trouble as a stable code."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest
from PySide6.QtGui import QColor, QImage

from ui_common.camera import (
    CAMERA_ABSENT,
    CAMERA_NO_PICTURE,
    MAX_STILL_SIDE,
    SAMPLE,
    DocumentCamera,
    best_format,
    open_document_camera,
    sample_page,
)


def solid(width: int, height: int, colour: str = "#336699") -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    return image


@pytest.fixture
def cameras(qtbot):
    made: list[DocumentCamera] = []

    def make(camera: DocumentCamera) -> DocumentCamera:
        made.append(camera)
        return camera

    yield make
    for camera in made:
        camera.stop()
        camera.deleteLater()


def failures(qtbot, camera: DocumentCamera) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []
    camera.failed.connect(lambda code, detail: seen.append((code, detail)))
    return seen


def test_sample_camera_shows_the_page_and_takes_it_as_a_jpeg(qtbot, cameras) -> None:
    camera = cameras(open_document_camera(SAMPLE))
    shown: list[QImage] = []
    camera.preview.connect(shown.append)
    assert camera.take_still() is None                      # nothing to take before the first frame
    camera.start()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    page = sample_page()
    assert shown[0].size() == page.size()
    still = camera.take_still()
    assert still is not None and still.content_type == "image/jpeg" and still.data[:2] == b"\xff\xd8"
    assert (still.width, still.height) == (page.width(), page.height())
    decoded = QImage.fromData(still.data)
    assert decoded.size() == page.size()
    # the photo is the page: its top-left corner is the page's off-white, not black or empty
    assert decoded.pixelColor(5, 5).lightness() > 200
    assert "bytes" in repr(still) and still.data.hex()[:16] not in repr(still)


def test_a_big_frame_is_taken_no_larger_than_the_limit(qtbot, cameras) -> None:
    camera = cameras(DocumentCamera(frames=[solid(4000, 3000)]))
    camera.start()
    qtbot.waitUntil(lambda: camera.has_picture, timeout=5000)
    still = camera.take_still()
    assert (still.width, still.height) == (MAX_STILL_SIDE, MAX_STILL_SIDE * 3 // 4)


def test_forget_drops_the_last_picture(qtbot, cameras) -> None:
    camera = cameras(DocumentCamera(frames=[solid(640, 480)]))
    camera.start()
    qtbot.waitUntil(lambda: camera.has_picture, timeout=5000)
    camera.stop()
    camera.forget()
    assert not camera.has_picture and camera.take_still() is None


def test_preview_rate_is_bounded_whatever_the_camera_sends(qtbot, cameras) -> None:
    frames = [solid(320, 240, c) for c in ("#101010", "#202020", "#303030")]
    camera = cameras(DocumentCamera(frames=frames, preview_interval_ms=100))
    camera.source.timer.setInterval(5)                       # a camera far faster than the preview
    sent: list[int] = []
    camera.sink.videoFrameChanged.connect(lambda _frame: sent.append(1))
    shown: list[QImage] = []
    camera.preview.connect(shown.append)
    camera.start()
    qtbot.wait(600)
    camera.stop()
    assert len(sent) > 3 * len(shown) and 1 <= len(shown) <= 8


def test_a_camera_that_is_not_there_fails_calmly_with_its_code(qtbot, cameras, caplog) -> None:
    camera = cameras(open_document_camera("no-such-document-camera"))
    seen = failures(qtbot, camera)
    with caplog.at_level(logging.WARNING, logger="ui_common.camera"):
        camera.start()
        qtbot.waitUntil(lambda: bool(seen), timeout=2000)
    assert seen[0][0] == CAMERA_ABSENT and camera.failure == CAMERA_ABSENT
    assert any(r.getMessage().startswith("CAMERA_ABSENT") for r in caplog.records)
    camera.start()                                           # a failed camera stays failed: no second report
    qtbot.wait(50)
    assert len(seen) == 1


def test_a_camera_that_gives_no_picture_times_out(qtbot, cameras) -> None:
    camera = cameras(DocumentCamera(frames=[], first_frame_timeout_ms=150))
    seen = failures(qtbot, camera)
    camera.start()
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    assert seen == [(CAMERA_NO_PICTURE, "no frame after start")]
    assert camera.take_still() is None


def test_the_sharpest_format_at_a_usable_rate_is_chosen() -> None:
    def fmt(w: int, h: int, fps: float):
        return SimpleNamespace(resolution=lambda: SimpleNamespace(width=lambda: w, height=lambda: h),
                               maxFrameRate=lambda: fps)
    small, big_slow, big = fmt(640, 480, 30), fmt(4608, 3456, 2), fmt(2592, 1944, 15)
    assert best_format(SimpleNamespace(videoFormats=lambda: [small, big_slow, big])) is big
    assert best_format(SimpleNamespace(videoFormats=lambda: [big_slow])) is big_slow
    assert best_format(SimpleNamespace(videoFormats=lambda: [])) is None
