"""Camera scanning: QR codes rendered with ``qrcode`` onto noisy 1280x720 frames, decoded with zxing-cpp;
the ``camera_scanner`` and ``qr_simulator`` drivers."""

from __future__ import annotations

import random

import pytest
import qrcode
from PIL import Image

from devices.base import DataEvent, DeviceError, ErrorEvent, Health, StatusChanged
from devices.registry import create_device
from devices.scanner.camera import CameraScanner, QrFrameDecoder, RawFrame, read_qr_codes
from devices.scanner.code import ScannedCode
from devices.scanner.simulated import SimulatedScanner

WIDTH, HEIGHT = 1280, 720
PAYLOAD = "hallterm:ecert:v1:营业执照:91330100MA2XXXXX0A:签名AbC123=="


def noisy_frame(seed: int, *codes: tuple[str, tuple[int, int]], angle: float = 0.0) -> Image.Image:
    """A grey 1280x720 frame of random noise with each code pasted at its place, then noise over all."""
    rng = random.Random(seed)
    frame = Image.frombytes("L", (WIDTH, HEIGHT), rng.randbytes(WIDTH * HEIGHT)).point(lambda v: 60 + v // 2)
    for text, place in codes:
        symbol = qrcode.make(text, box_size=5, border=4).get_image().convert("L")
        if angle:
            symbol = symbol.rotate(angle, expand=True, fillcolor=255)
        frame.paste(symbol, place)
    grain = Image.frombytes("L", (WIDTH, HEIGHT), rng.randbytes(WIDTH * HEIGHT))
    return Image.blend(frame, grain, 0.15)  # sensor noise over the code too


def test_code_on_a_noisy_frame_is_decoded():
    assert read_qr_codes(noisy_frame(1, (PAYLOAD, (420, 120)))) == [PAYLOAD]


def test_frame_without_a_code_yields_nothing():
    assert read_qr_codes(noisy_frame(2)) == []
    assert QrFrameDecoder().decode(noisy_frame(3)) == []


@pytest.mark.parametrize("angle", [30, 90, 180])
def test_tilted_code_is_decoded(angle):
    assert read_qr_codes(noisy_frame(4, (PAYLOAD, (400, 60)), angle=angle)) == [PAYLOAD]


def test_two_codes_in_one_frame():
    frame = noisy_frame(5, ("CODE-LEFT", (40, 200)), ("CODE-RIGHT", (900, 200)))
    assert sorted(read_qr_codes(frame)) == ["CODE-LEFT", "CODE-RIGHT"]


def test_raw_frames_in_camera_pixel_formats():
    image = noisy_frame(6, (PAYLOAD, (420, 120)))
    gray = image.tobytes()
    assert read_qr_codes(RawFrame(gray, WIDTH, HEIGHT)) == [PAYLOAD]
    rgb = image.convert("RGB")
    assert read_qr_codes(RawFrame(rgb.tobytes(), WIDTH, HEIGHT, "RGB")) == [PAYLOAD]
    # a QImage.Format_RGB32 frame with padded rows: B, G, R, A per pixel, 5136 bytes per row
    r, g, b = rgb.split()
    bgra = Image.merge("RGBA", (b, g, r, Image.new("L", rgb.size, 255))).tobytes()
    stride = WIDTH * 4 + 16
    padded = b"".join(bgra[y * WIDTH * 4:(y + 1) * WIDTH * 4] + bytes(16) for y in range(HEIGHT))
    assert read_qr_codes(RawFrame(padded, WIDTH, HEIGHT, "BGRA", row_stride=stride)) == [PAYLOAD]


@pytest.mark.parametrize("frame", [
    RawFrame(bytes(WIDTH * HEIGHT - 1), WIDTH, HEIGHT),          # one byte short: would read past the end
    RawFrame(bytes(WIDTH * HEIGHT), WIDTH, HEIGHT, "YUYV"),
    RawFrame(bytes(WIDTH * HEIGHT), WIDTH, HEIGHT, "L", row_stride=WIDTH - 1),
    RawFrame(b"", 0, 0),
    "not a frame",
])
def test_malformed_frames_are_typed_errors(frame):
    with pytest.raises(DeviceError) as caught:
        read_qr_codes(frame)
    assert caught.value.code == "SCANNER_FRAME_INVALID"


def test_a_code_held_in_view_is_reported_once_per_appearance():
    decoder = QrFrameDecoder(forget_after=2)
    seen = noisy_frame(7, (PAYLOAD, (420, 120)))
    empty = noisy_frame(8)
    assert decoder.decode(seen) == [PAYLOAD]
    assert decoder.decode(seen) == [] and decoder.decode(seen) == []
    assert decoder.decode(empty) == [] and decoder.decode(empty) == []  # a blurred frame or two ...
    assert decoder.decode(seen) == []  # ... is still the same showing
    for _ in range(3):
        decoder.decode(empty)  # out of sight for longer than forget_after
    assert decoder.decode(seen) == [PAYLOAD]


def test_camera_scanner_publishes_new_codes(recorder):
    scanner = create_device("camera", {"driver": "camera_scanner", "forget_after_frames": 3}, recorder)
    assert isinstance(scanner, CameraScanner)
    frame = noisy_frame(9, (PAYLOAD, (420, 120)))
    scanner.submit_frame(frame)  # not enabled: ignored
    scanner.open()
    scanner.claim()
    scanner.enable()
    try:
        for _ in range(4):
            scanner.submit_frame(frame)
        [event] = recorder.wait_for(DataEvent)
        assert isinstance(event.data, ScannedCode)
        assert (event.data.text, event.data.source) == (PAYLOAD, "camera")
        assert PAYLOAD not in repr(event.data)
        scanner.submit_frame(RawFrame(b"", 10, 10))
        scanner.submit_frame(RawFrame(b"", 10, 10))
        recorder.wait_for(ErrorEvent, code="SCANNER_FRAME_INVALID")
        scanner.source_health(Health.NODEVICE, "camera unplugged")
        recorder.wait_for(StatusChanged, health=Health.NODEVICE)
        scanner.disable()
        scanner.enable()
        scanner.submit_frame(frame)  # re-enabled: a code in view is a new scan
        recorder.wait_for(DataEvent, count=2)
    finally:
        scanner.shutdown()
    facts = scanner.diagnostics()
    assert facts["codes"] == 2 and facts["frames"] + facts["frames_skipped"] == 7
    assert len(recorder.of(ErrorEvent)) == 1  # a run of broken frames is told once


def test_simulator_delivers_what_it_is_told(recorder):
    scanner = create_device("qr", {"driver": "qr_simulator", "codes": ["demo-1"]}, recorder)
    assert isinstance(scanner, SimulatedScanner) and scanner.codes == ["demo-1"]
    scanner.open()
    scanner.claim()
    scanner.scan("too early")  # claimed, not enabled: no data events (UnifiedPOS)
    scanner.enable()
    try:
        scanner.scan("办件查询:2024000123")
        [event] = recorder.wait_for(DataEvent)
        assert (event.data.text, event.data.source, event.device) == ("办件查询:2024000123", "simulator", "qr")
        assert scanner.health is Health.ONLINE
    finally:
        scanner.shutdown()
    assert len(recorder.of(DataEvent)) == 1
