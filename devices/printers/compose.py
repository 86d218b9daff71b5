"""Building ESC/POS jobs in the driver's own settings: paper width, python-escpos profile, Chinese encoding.

Documents are rendered by the domain (queue tickets arrive as finished ESC/POS bytes); this composer is
for what the device layer prints by itself, the technician's test page.

Chinese text is encoded here and sent with ``_raw``: python-escpos's own encoder picks a code page per
character and prints lone full-width punctuation (，：（）) as ``?``. GB18030 is the default (GB 18030-2022
is mandatory for Chinese-market products; its two-byte part equals GBK, which older printers take);
UTF-8 is for printers switched to a UTF-8 mode. GB encodings need the printer's Chinese (Kanji) mode,
``FS &`` (Epson "Select Kanji character mode"); it is on for the profiles of Chinese-market vendors and
for the generic profile, off for Epson/Star/Seiko firmware where ``FS &`` selects Shift-JIS. The config
key ``chinese_mode`` overrides the profile either way.

QR codes print as raster images (``GS v 0``) unless ``qr = "native"``: every printer prints images, while
``GS ( k`` QR is missing on many cheap 58 mm models.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

from devices.base import DeviceError
from devices.printers.codes import MSG_PRINTER_CONFIG

PAPER_DOTS = {80: 576, 58: 384}           # printable dots of a 203 dpi head on 80 / 58 mm paper
PAPER_MM = {80: 72, 58: 48}
ENCODINGS = {"gb18030": "gb18030", "gbk": "gbk", "utf-8": "utf-8", "utf8": "utf-8"}
FS_KANJI_ON = b"\x1c\x26"                  # FS &
FS_KANJI_OFF = b"\x1c\x2e"                 # FS .
INIT = b"\x1b\x40"                         # ESC @
QR_MODULE_DOTS = {80: 5, 58: 4}
# python-escpos profile vendors whose firmware takes GB18030/GBK in FS & mode.
CHINESE_MODE_VENDORS = frozenset({"Generic", "Zjiang", "ZiJiang", "Netum", "Rongta", "Sunmi"})


def _config_error(reason: str) -> DeviceError:
    return DeviceError("PRINTER_CONFIG_INVALID", MSG_PRINTER_CONFIG, reason)


@lru_cache(maxsize=16)
def escpos_profile(name: str, width_mm: int) -> Any:
    """The python-escpos profile ``name`` with the paper width in dots filled in (most stock profiles lack
    it, and then ``image(center=True)`` prints a warning on stdout and does not centre)."""
    from escpos.capabilities import CAPABILITIES, Profile

    profiles = CAPABILITIES["profiles"]
    if name not in profiles:
        raise _config_error(f"unknown python-escpos profile {name!r}; known: {', '.join(sorted(profiles))}")
    data = copy.deepcopy(profiles[name])
    data["media"] = {"dpi": 203, "width": {"mm": PAPER_MM[width_mm], "pixels": PAPER_DOTS[width_mm]}}
    # A ``Profile`` subclass, because python-escpos takes only those as objects; it starts with no features
    # unless given some (and then cut() silently sends nothing).
    profile_class = type(f"Hallterm_{name}_{width_mm}mm", (Profile,), {"profile_data": data})
    return profile_class(features=dict(data["features"]))


def profile_wants_chinese_mode(name: str) -> bool:
    from escpos.capabilities import CAPABILITIES

    profile = CAPABILITIES["profiles"].get(name, {})
    return profile.get("vendor") in CHINESE_MODE_VENDORS


def check_encoding(name: str) -> str:
    codec = ENCODINGS.get(name.strip().lower())
    if codec is None:
        raise _config_error(f"encoding {name!r} is not one of gb18030, gbk, utf-8")
    return codec


class EscposComposer:
    """Collects one job. ``build()`` returns the bytes: ESC @, Chinese mode, the content, a cut."""

    def __init__(self, *, paper_width_mm: int = 80, profile: str = "default", encoding: str = "gb18030",
                 chinese_mode: bool | None = None, native_qr: bool = False):
        if paper_width_mm not in PAPER_DOTS:
            raise _config_error(f"paper width must be 80 or 58 mm, not {paper_width_mm}")
        from escpos.printer import Dummy

        self.paper_width_mm = paper_width_mm
        self.profile_name = profile
        self.codec = check_encoding(encoding)
        if chinese_mode is None:
            chinese_mode = self.codec != "utf-8" and profile_wants_chinese_mode(profile)
        self.chinese_mode = chinese_mode
        self.native_qr = native_qr
        self._printer = Dummy(profile=escpos_profile(profile, paper_width_mm))
        self._printer._raw(INIT + (FS_KANJI_ON if chinese_mode else b""))

    @property
    def columns(self) -> int:
        """Half-width columns per line in Font A (12 dots wide)."""
        return PAPER_DOTS[self.paper_width_mm] // 12

    def text(self, line: str, *, bold: bool = False, size: int = 1, align: str = "left") -> None:
        """One line; ``size`` scales width and height (GS !, which scales Chinese characters too)."""
        self._printer.set(align=align, bold=bold, custom_size=True, width=size, height=size)
        self._printer._raw(line.encode(self.codec, errors="replace") + b"\n")

    def rule(self) -> None:
        self.text("-" * self.columns)

    def qr(self, data: str) -> None:
        """A centred QR code (error correction M) of ``data``."""
        from escpos.constants import QR_ECLEVEL_M

        module = QR_MODULE_DOTS[self.paper_width_mm]
        self._printer.set(align="center", custom_size=True, width=1, height=1)
        if self.native_qr and self._printer.profile.supports("qrCode"):
            self._printer.qr(data, ec=QR_ECLEVEL_M, size=module, native=True)
            self._printer._raw(b"\n")
        else:
            self._printer.image(qr_image(data, module), center=True)

    def build(self) -> bytes:
        if self.chinese_mode:
            self._printer._raw(FS_KANJI_OFF)
        self._printer.cut()
        return bytes(self._printer.output)


def qr_image(text: str, module_px: int) -> Any:
    """A 1-bit Pillow image of ``text`` as a QR code (error correction M, quiet zone 4 modules)."""
    import qrcode
    from PIL import Image

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix)
    pixels = bytes(0 if dark else 255 for row in matrix for dark in row)
    image = Image.frombytes("L", (size, size), pixels)
    return image.resize((size * module_px, size * module_px), Image.Resampling.NEAREST).convert("1")
