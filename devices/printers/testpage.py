"""The technician's test page: Chinese text and a QR code, on a receipt printer or through a CUPS queue.

    print_test_page("tcp://192.168.1.50:9100")                 # ESC/POS, GB18030, raster QR, cut
    print_test_page("serial:///dev/ttyS0?baudrate=19200&paper_width_mm=58&encoding=gbk")
    print_test_page("cups://HallA4?server=127.0.0.1:631")      # an A4 PDF through lp

The page carries a line in GB18030's four-byte range (䶮, as in some people's names): a printer that only
knows GBK prints it as ``?``, which is exactly what a technician needs to see before a citizen's name is
printed wrong. The QR code holds ``HALLTERM-PRINT-TEST:<time>``; scanning it proves the printed code reads.

The A4 page is drawn with Pillow and saved as a one-page PDF, so it needs only a font that has Chinese
glyphs (any TrueType or OpenType CJK font; ``$HALLTERM_DOCUMENT_FONT`` names one, as for documents).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import uuid
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from devices.base import DeviceError
from devices.printers.codes import MSG_PRINTER_UNAVAILABLE
from devices.printers.compose import qr_image

CHINA_TIME = timezone(timedelta(hours=8), "CST")
FONT_ENV = "HALLTERM_DOCUMENT_FONT"
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "C:/Windows/Fonts/msyh.ttc", "C:/Windows/Fonts/simhei.ttf", "/System/Library/Fonts/PingFang.ttc",
)
A4_DPI = 150
A4_PIXELS = (1240, 1754)          # 210 x 297 mm at 150 dpi
_ESCPOS_KEYS = ("paper_width_mm", "profile", "encoding", "chinese_mode", "qr", "job_timeout_s", "status")


def page_code(now: datetime) -> str:
    return f"HALLTERM-PRINT-TEST:{now.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def page_lines(now: datetime, where: str, settings: str) -> list[str]:
    return [
        "政务服务大厅终端 hallterm",
        "中文：一窗受理，集成服务（GB18030）",
        "全角标点：，。、；：？！“”（）【】《》",
        "GB18030 四字节汉字：䶮",
        settings,
        f"打印机：{where}",
        f"时间：{now.astimezone(CHINA_TIME):%Y-%m-%d %H:%M:%S}",
        "扫描下方二维码应显示：",
        page_code(now),
    ]


def escpos_test_page(printer: Any, now: datetime) -> bytes:
    """The receipt test page in ``printer``'s own settings (an ``EscposPrinter``)."""
    composer = printer.composer()
    settings = (f"纸宽 {printer.paper_width_mm}mm，编码 {printer.encoding}，"
                f"中文模式{'开' if printer.chinese_mode else '关'}，{'原生' if printer.native_qr else '图像'}二维码")
    composer.text("打印测试页", bold=True, size=2, align="center")
    for line in page_lines(now, printer.target.describe(), settings):
        composer.text(line)
    composer.qr(page_code(now))
    composer.text("文字或二维码异常时，请检查打印机编码设置。", align="center")
    return composer.build()


def find_cjk_font(size: int) -> Any:
    """A Pillow font with Chinese glyphs; DeviceError PRINTER_FONT_MISSING naming what to install."""
    from PIL import ImageFont

    candidates: list[tuple[str, int]] = []
    override = os.environ.get(FONT_ENV, "").strip()
    if override:
        path, _, index = override.partition("#")
        candidates.append((path, int(index) if index.isdigit() else 0))
    fc_match = shutil.which("fc-match")
    if fc_match:
        found = subprocess.run([fc_match, "-f", "%{file}#%{index}", ":lang=zh-cn"], capture_output=True,
                               text=True, timeout=10, check=False).stdout.strip()
        path, _, index = found.partition("#")
        if path:
            candidates.append((path, int(index) if index.isdigit() else 0))
    candidates.extend((path, 0) for path in FONT_CANDIDATES)
    for path, index in candidates:
        if not Path(path).is_file():
            continue
        try:
            font = ImageFont.truetype(path, size, index=index)
        except OSError:
            continue
        # A font without the glyph draws its "missing" box: the same picture as a private-use character.
        if _ink(font, "政") not in (b"", _ink(font, "\ue000")):
            return font
    raise DeviceError("PRINTER_FONT_MISSING", MSG_PRINTER_UNAVAILABLE,
                      f"no font with Chinese glyphs for the A4 test page; install fonts-wqy-microhei or set {FONT_ENV}")


def _ink(font: Any, char: str) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("L", (64, 64), 0)
    ImageDraw.Draw(image).text((0, 0), char, font=font, fill=255)
    return image.tobytes() if image.getbbox() else b""


def pdf_test_page(now: datetime, where: str) -> bytes:
    """The A4 test page as a one-page PDF (an image page at 150 dpi)."""
    from PIL import Image, ImageDraw

    page = Image.new("L", A4_PIXELS, 255)
    draw = ImageDraw.Draw(page)
    title, body = find_cjk_font(64), find_cjk_font(32)
    draw.text((A4_PIXELS[0] // 2, 180), "打印测试页", font=title, fill=0, anchor="mm")
    y = 300
    for line in page_lines(now, where, "A4 纸，PDF 经 CUPS 打印"):
        draw.text((150, y), line, font=body, fill=0)
        y += 60
    code = qr_image(page_code(now), 8).convert("L")
    page.paste(code, ((A4_PIXELS[0] - code.width) // 2, y + 40))
    buffer = io.BytesIO()
    page.convert("1").save(buffer, format="PDF", resolution=A4_DPI)
    return buffer.getvalue()


def print_test_on(printer: Any, *, now: datetime | None = None, where: str = "", job_id: str = "") -> str:
    """Print the test page on an open, enabled printer device; returns the page's QR text.

    A receipt (ESC/POS) printer gets the receipt page in its own width and encoding, any other printer (CUPS)
    the A4 PDF, labelled with ``where`` (default: the device's name). Raises DeviceError when the printer
    does not confirm the job in time.
    """
    now = now or datetime.now(UTC)
    where = where or printer.name
    document = escpos_test_page(printer, now) if hasattr(printer, "composer") else pdf_test_page(now, where)
    try:
        printer.print_bytes(document, job_id or f"print-test-{uuid.uuid4().hex[:8]}").result(timeout=printer.wait_limit)
    except TimeoutError:
        raise DeviceError("PRINTER_JOB_TIMEOUT", MSG_PRINTER_UNAVAILABLE,
                          f"{where}: the test page was not confirmed in time") from None
    return page_code(now)


def print_test_page(url: str, *, job_timeout: float = 30.0, now: datetime | None = None) -> str:
    """Print the test page on the printer at ``url``; returns the QR text. Raises DeviceError on failure."""
    now = now or datetime.now(UTC)
    parts = urlsplit(url.strip())
    options = dict(parse_qsl(parts.query))
    if parts.scheme == "cups":
        from devices.printers.cups_printer import CupsPrinter

        queue = parts.netloc or parts.path.strip("/")
        printer: Any = CupsPrinter("print_test", queue, server=options.get("server", ""),
                                   job_timeout=job_timeout, status_interval=0)
        where = f"CUPS 队列 {queue}"
    else:
        from devices.printers.escpos_printer import EscposPrinter

        config = {key: options[key] for key in _ESCPOS_KEYS if key in options}
        if "chinese_mode" in config:
            config["chinese_mode"] = config["chinese_mode"].lower() in ("1", "true", "yes", "on")
        config.setdefault("job_timeout_s", job_timeout)
        config.update(status_interval_s=0)
        printer = EscposPrinter("print_test", url, **EscposPrinter.options_from_config("print_test", config))
        where = url
    try:
        printer.open()
        printer.claim()
        printer.enable()
        return print_test_on(printer, now=now, where=where)
    finally:
        printer.shutdown()
