"""Photographing a material at the demo kiosk: the live picture, 重拍, the camera off once the screen has
gone, and a missing or silent camera said in plain words with the other ways offered."""

from __future__ import annotations

import logging

import shiboken6

from core.cases.model import MaterialStatus
from core.demo import INSTANT_ITEM
from kiosk.capture_screen import FAILED, LIVE, TAKEN, CaptureScreen
from kiosk.materials_screen import MaterialsScreen
from tests.kiosk.test_apply_journey import journey, step


def at_materials(qtbot, window, ctx) -> MaterialsScreen:
    ctx.devices.get("idcard").place("resident")
    qtbot.waitUntil(lambda: window.current_journey == "apply", timeout=10_000)
    journey(window).start_item(INSTANT_ITEM)
    journey(window).open_materials()
    return step(qtbot, window, MaterialsScreen)


def open_capture(qtbot, window, materials: MaterialsScreen, code: str) -> CaptureScreen:
    materials.rows[code].capture_button.click()
    return step(qtbot, window, CaptureScreen)


def test_retake_then_use_and_the_camera_is_off_afterwards(demo_kiosk, qtbot) -> None:
    window, ctx, _ = demo_kiosk
    materials = at_materials(qtbot, window, ctx)
    capture = open_capture(qtbot, window, materials, "floor_plan")
    feed = capture.camera.source.timer
    assert capture.state == LIVE and capture.next_button.text() == "拍照"
    qtbot.waitUntil(capture.next_button.isEnabled, timeout=10_000)
    capture.next_button.click()
    assert capture.state == TAKEN and not feed.isActive()      # the picture holds still while it is checked
    capture.retake_button.click()
    assert capture.state == LIVE and capture.still is None and feed.isActive()
    qtbot.waitUntil(capture.next_button.isEnabled, timeout=10_000)
    capture.next_button.click()
    qtbot.waitUntil(capture.next_button.isEnabled, timeout=10_000)
    capture.next_button.click()                                # 使用这张照片
    assert step(qtbot, window, MaterialsScreen) is materials
    choice = window.session.materials["floor_plan"]
    assert choice.content_type == "image/jpeg" and choice.image[:2] == b"\xff\xd8"
    assert not shiboken6.isValid(feed) or not feed.isActive()


def test_back_from_the_camera_records_nothing(demo_kiosk, qtbot) -> None:
    window, ctx, _ = demo_kiosk
    materials = at_materials(qtbot, window, ctx)
    capture = open_capture(qtbot, window, materials, "floor_plan")
    qtbot.waitUntil(capture.next_button.isEnabled, timeout=10_000)
    capture.back_button.click()
    assert step(qtbot, window, MaterialsScreen) is materials
    assert "floor_plan" not in window.session.materials
    assert materials.rows["floor_plan"].state.text() == "请选择提交方式"


def test_no_camera_says_so_and_offers_the_other_ways(demo_kiosk, qtbot, caplog) -> None:
    window, ctx, _ = demo_kiosk
    ctx.settings.set("kiosk.document_camera", "no-such-document-camera")
    materials = at_materials(qtbot, window, ctx)
    with caplog.at_level(logging.WARNING, logger="ui_common.camera"):
        capture = open_capture(qtbot, window, materials, "hygiene_report")     # a material that allows 容缺
        qtbot.waitUntil(lambda: capture.state == FAILED, timeout=5000)
    assert any(r.getMessage().startswith("CAMERA_ABSENT") for r in caplog.records)
    text = capture.voice_instruction()
    assert capture.trouble.isVisible() and capture.trouble.text() == text
    assert "高拍仪暂时不能拍照" in text and "容缺后补" in text and "人工窗口" in text
    assert not capture.next_button.isVisible() and capture.back_button.isVisible()
    capture.back_button.click()
    step(qtbot, window, MaterialsScreen).rows["hygiene_report"].tolerate_button.click()
    assert window.session.materials["hygiene_report"].status is MaterialStatus.TOLERATED_MISSING

    required = open_capture(qtbot, window, materials, "business_licence")     # no 容缺 for this one
    qtbot.waitUntil(lambda: required.state == FAILED, timeout=5000)
    assert "容缺" not in required.trouble.text() and "人工窗口" in required.trouble.text()


def test_idle_reset_on_the_camera_forgets_the_photo_and_stops_the_camera(demo_kiosk, qtbot) -> None:
    window, ctx, _ = demo_kiosk
    materials = at_materials(qtbot, window, ctx)
    capture = open_capture(qtbot, window, materials, "floor_plan")
    feed = capture.camera.source.timer
    qtbot.waitUntil(capture.next_button.isEnabled, timeout=10_000)
    capture.next_button.click()
    qtbot.waitUntil(lambda: capture.still is not None, timeout=10_000)
    window.reset()
    qtbot.waitUntil(lambda: window.current_journey is None, timeout=5000)
    assert not window.session.active and not window.session.materials
    assert not shiboken6.isValid(feed) or not feed.isActive()
