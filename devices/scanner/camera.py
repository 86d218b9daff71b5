"""Camera scanning: QR codes from video frames with zxing-cpp, and the ``camera_scanner`` driver.

The frame source (a Qt camera in ``ui_common``) hands frames to :class:`CameraScanner.submit_frame`;
decoding runs on the device's worker, one frame at a time, and a frame that arrives while another is
being decoded replaces the one waiting (a kiosk camera gives 25-30 frames a second; the newest is the
one worth decoding). :class:`QrFrameDecoder` is the decoding itself, usable on its own.

Only QR codes are looked for (``formats=QRCode``): fewer detectors run, so a 1280x720 frame takes a few
milliseconds, and a barcode on a citizen's papers is never mistaken for a scan. A code held in front of
the camera shows up in frame after frame; it is reported once, and again only after it has been out of
sight for ``forget_after`` frames.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import zxingcpp
from PIL import Image

from devices.base import DeviceError, Health, Listener
from devices.registry import register_driver
from devices.scanner.code import MSG_SCANNER_FAULT
from devices.scanner.device import ScannerDevice

# pixel format -> (zxing-cpp image format, bytes per pixel). QImage.Format_Grayscale8 is "L";
# Format_RGB32 / ARGB32 lie in memory as B, G, R, A on little-endian machines: "BGRA".
_FORMATS = {
    "L": (zxingcpp.ImageFormat.Lum, 1),
    "RGB": (zxingcpp.ImageFormat.RGB, 3),
    "BGR": (zxingcpp.ImageFormat.BGR, 3),
    "RGBA": (zxingcpp.ImageFormat.RGBA, 4),
    "BGRA": (zxingcpp.ImageFormat.BGRA, 4),
    "ARGB": (zxingcpp.ImageFormat.ARGB, 4),
    "ABGR": (zxingcpp.ImageFormat.ABGR, 4),
}


@dataclass(frozen=True)
class RawFrame:
    """A frame as bytes: ``row_stride`` is the bytes from one row to the next (0 = tightly packed)."""

    data: bytes | bytearray | memoryview
    width: int
    height: int
    pixel_format: str = "L"
    row_stride: int = 0


Frame = RawFrame | Image.Image | Any  # Any: a numpy array (grayscale H x W, or BGR H x W x 3)


def _frame_error(detail: str) -> DeviceError:
    return DeviceError("SCANNER_FRAME_INVALID", MSG_SCANNER_FAULT, detail)


def read_qr_codes(frame: Frame, *, try_invert: bool = True) -> list[str]:
    """Every QR code's text in one frame, in zxing-cpp's order. Raises SCANNER_FRAME_INVALID."""
    options = {"formats": zxingcpp.BarcodeFormat.QRCode, "try_invert": try_invert,
               # QR finder patterns are found in any orientation; try_rotate only adds 90/270 degree passes
               # for linear barcodes, which we do not look for.
               "try_rotate": False}
    if isinstance(frame, RawFrame):
        return [code.text for code in zxingcpp.read_barcodes(_image_view(frame), **options)]
    if isinstance(frame, Image.Image):
        if frame.mode not in ("L", "RGB", "RGBA"):
            frame = frame.convert("L")
    elif not hasattr(frame, "__array_interface__"):
        raise _frame_error(f"cannot decode a frame of type {type(frame).__name__}")
    try:
        return [code.text for code in zxingcpp.read_barcodes(frame, **options)]
    except (ValueError, TypeError) as exc:
        raise _frame_error(f"zxing-cpp rejected the frame: {exc}") from exc


def _image_view(frame: RawFrame) -> zxingcpp.ImageView:
    if frame.pixel_format not in _FORMATS:
        raise _frame_error(f"pixel format {frame.pixel_format!r} is not one of {', '.join(_FORMATS)}")
    image_format, pixel_size = _FORMATS[frame.pixel_format]
    if frame.width <= 0 or frame.height <= 0:
        raise _frame_error(f"frame size {frame.width}x{frame.height}")
    row = frame.row_stride or frame.width * pixel_size
    needed = row * (frame.height - 1) + frame.width * pixel_size
    size = memoryview(frame.data).nbytes
    # zxing-cpp reads the buffer without bounds checks: a short buffer would read past its end.
    if row < frame.width * pixel_size or size < needed:
        raise _frame_error(f"{size} bytes for a {frame.width}x{frame.height} {frame.pixel_format} frame "
                           f"with {row}-byte rows; needs {needed}")
    # The view does not keep the buffer alive; ``frame`` holds it until read_barcodes returns.
    return zxingcpp.ImageView(frame.data, frame.width, frame.height, image_format, row, pixel_size)


class QrFrameDecoder:
    """Decodes frames and reports each code once per appearance."""

    def __init__(self, *, forget_after: int = 5, try_invert: bool = True):
        self.forget_after = forget_after
        self.try_invert = try_invert
        self._frame = 0
        self._seen: dict[str, int] = {}  # code -> number of the last frame it was in

    def decode(self, frame: Frame) -> list[str]:
        """The codes in ``frame`` that were not in sight in any of the last ``forget_after`` frames."""
        texts = read_qr_codes(frame, try_invert=self.try_invert)
        self._frame += 1
        new = [text for text in dict.fromkeys(texts) if text not in self._seen]
        for text in texts:
            self._seen[text] = self._frame
        # forget a code once it has been missing from more than forget_after frames in a row
        self._seen = {text: at for text, at in self._seen.items() if self._frame - at <= self.forget_after}
        return new

    def reset(self) -> None:
        self._seen.clear()


class CameraScanner(ScannerDevice):
    """``driver = "camera_scanner"``. Config: ``camera`` (which camera the frame source opens: ``auto``, or a
    device id or part of its name), ``forget_after_frames`` (5), ``try_invert`` (true)."""

    source = "camera"

    def __init__(self, name: str, *, listener: Listener | None = None, decoder: QrFrameDecoder | None = None,
                 camera: str = "auto"):
        super().__init__(name, listener)
        self.camera = camera
        self.decoder = decoder or QrFrameDecoder()
        self._mailbox_lock = threading.Lock()
        self._waiting: Frame | None = None
        self._scheduled = False
        self._bad_frames_told = False  # a source sending broken frames would otherwise be told 30 times a second
        self._totals.update(frames=0, frames_skipped=0)

    @classmethod
    def from_config(cls, name: str, config: Mapping[str, Any], listener: Listener | None = None) -> CameraScanner:
        try:
            decoder = QrFrameDecoder(forget_after=int(config.get("forget_after_frames", 5)),
                                     try_invert=bool(config.get("try_invert", True)))
        except (TypeError, ValueError) as exc:
            raise DeviceError("DEVICE_CONFIG_INVALID", MSG_SCANNER_FAULT, f"device {name!r}: {exc}") from exc
        return cls(name, listener=listener, decoder=decoder, camera=str(config.get("camera", "auto")))

    def submit_frame(self, frame: Frame) -> None:
        """From the frame source's thread: decode this frame when the worker is free. Never blocks."""
        if not self.enabled:
            return
        with self._mailbox_lock:
            if self._waiting is not None:
                self._totals["frames_skipped"] += 1
            self._waiting = frame
            if self._scheduled:
                return
            self._scheduled = True
        self._later(self._decode_waiting)

    def source_health(self, health: Health, detail: str = "") -> None:
        """The frame source says whether the camera delivers (it knows; the decoder cannot)."""
        self._later(lambda: self._set_health(health, detail))

    def _decode_waiting(self) -> None:
        with self._mailbox_lock:
            frame, self._waiting, self._scheduled = self._waiting, None, False
        if frame is None:
            return
        self._totals["frames"] += 1
        try:
            texts = self.decoder.decode(frame)
        except DeviceError as exc:
            self._totals["errors"] += 1
            if not self._bad_frames_told:
                self._bad_frames_told = True
                self._report(exc)
            return
        self._bad_frames_told = False
        for text in texts:
            self._publish(text)

    def _do_disable(self) -> None:
        with self._mailbox_lock:
            self._waiting = None
        self._on_worker(self.decoder.reset)  # a code still in view when re-enabled is a new scan


register_driver("camera_scanner", CameraScanner.from_config)
