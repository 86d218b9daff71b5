"""Drawing ESC/POS bytes as a picture of the printed slip, for samples, tests and the technician console.

It imitates a 203 dpi thermal head: Font A cells of 12 x 24 dots (24 x 24 for Chinese), GS ! scaling by
pixel replication, raster images dot for dot, a dashed line where the cutter cuts. Paper margins outside the
printable width are drawn grey so a line that would run off the paper shows.
"""

from __future__ import annotations

import io
import unicodedata

from PIL import Image, ImageDraw

from core.documents.escpos_reader import Cut, EscposDocument, Feed, NativeQr, RasterImage, TextLine, read_escpos
from core.documents.fonts import pil_font
from core.documents.qr import qr_image

CELL_HEIGHT = 24
HALF_CELL = 12
LINE_GAP = 6              # Epson default line spacing is 30 dots at 180 dpi; close enough for a preview
MARGIN = 32               # unprintable edge of the paper, each side


def _run_image(text: str, bold: bool) -> Image.Image:
    cells = [2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text]
    image = Image.new("L", (max(1, sum(cells) * HALF_CELL), CELL_HEIGHT), 255)
    draw = ImageDraw.Draw(image)
    font = pil_font(22)
    x = 0
    for ch, cell in zip(text, cells, strict=True):
        width = draw.textlength(ch, font=font)
        draw.text((x + (cell * HALF_CELL - width) / 2, 1), ch, font=font, fill=0,
                  stroke_width=1 if bold else 0, stroke_fill=0)
        x += cell * HALF_CELL
    return image


def _line_image(line: TextLine) -> Image.Image:
    parts = []
    for run in line.runs:
        image = _run_image(run.text, run.bold)
        if run.width > 1 or run.height > 1:
            image = image.resize((image.width * run.width, image.height * run.height), Image.Resampling.NEAREST)
        parts.append(image)
    height = max([p.height for p in parts], default=CELL_HEIGHT)
    out = Image.new("L", (max(1, sum(p.width for p in parts)), height), 255)
    x = 0
    for part in parts:
        out.paste(part, (x, height - part.height))   # runs share a baseline at the bottom of the line
        x += part.width
    return out


def _placed(image: Image.Image, align: str, paper_dots: int) -> int:
    if align == "center":
        return (paper_dots - image.width) // 2
    if align == "right":
        return paper_dots - image.width
    return 0


def render_preview(job: bytes | EscposDocument, paper_dots: int) -> Image.Image:
    """The printed slip as a greyscale image ``paper_dots`` + margins wide."""
    document = read_escpos(job) if isinstance(job, bytes | bytearray) else job
    blocks: list[tuple[Image.Image | None, int, int]] = []   # (image, x, height); None draws a cut line
    for item in document.items:
        if isinstance(item, TextLine):
            image = _line_image(item) if item.runs else None
            height = (image.height if image else CELL_HEIGHT) + LINE_GAP
            blocks.append((image, _placed(image, item.align, paper_dots) if image else 0, height))
        elif isinstance(item, RasterImage | NativeQr):
            image = item.to_pil() if isinstance(item, RasterImage) else qr_image(item.data, item.module_dots)
            blocks.append((image.convert("L"), _placed(image, item.align, paper_dots), image.height))
        elif isinstance(item, Feed):
            blocks.append((None, 0, item.dots))
        elif isinstance(item, Cut):
            blocks.append((None, -1, 24))
    total = sum(height for _, _, height in blocks) + 2 * MARGIN
    slip = Image.new("L", (paper_dots + 2 * MARGIN, total), 255)
    draw = ImageDraw.Draw(slip)
    draw.rectangle((0, 0, MARGIN - 1, total), fill=235)
    draw.rectangle((MARGIN + paper_dots, 0, paper_dots + 2 * MARGIN, total), fill=235)
    y = MARGIN
    for image, x, height in blocks:
        if image is not None:
            slip.paste(image, (MARGIN + x, y))
        elif x == -1:
            for dash in range(0, slip.width, 16):
                draw.line((dash, y + 12, dash + 8, y + 12), fill=120, width=2)
        y += height
    return slip


def preview_png(job: bytes, paper_dots: int) -> bytes:
    buffer = io.BytesIO()
    render_preview(job, paper_dots).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
