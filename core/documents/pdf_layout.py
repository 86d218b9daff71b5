"""The A4 page every PDF document shares: styles, heading, tables, the QR and seal block, page numbers.

Layout follows the habits of GB/T 9704-2012 (党政机关公文格式) without copying a 公文: A4, text block about
156 mm wide, the title centred in a heavy face, the issuing unit and date bottom right over the place where
the seal goes. The seal place is a dashed outline labelled 盖章处: a printed imitation of an official seal
would be forgery, the QR code is what makes a printout verifiable.

Every text goes through ``Paragraph`` with ``wordWrap="CJK"``, so long addresses and item names wrap inside
their cell instead of running off the page; tables have fixed column widths that add up to the text width.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib import textsplit as _rl_textsplit
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, HRFlowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus import paragraph as _rl_paragraph

from core.documents.common import HallInfo
from core.documents.fonts import pdf_font_name
from core.documents.qr import qr_matrix

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 26 * mm
MARGIN_TOP = 15 * mm
MARGIN_BOTTOM = 22 * mm
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
INK = colors.black
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#9b1c1c")       # a dark red rule under the heading, as hall printouts use
LABEL_FILL = colors.HexColor("#f1f1f1")


# reportlab's CJK line breaking keeps a list of characters that may not start a line, drawn from Japanese
# typesetting: it lacks the full-width comma, colon, semicolon, ! ? and the closing quotes Chinese text uses
# (GB/T 15834-2011 4.1: 点号 and closing quotes never begin a line). Extend it once, idempotently; such a
# character then moves to the end of the previous line (reportlab lets it hang one character into the
# margin, as Chinese typesetting does).
# Both modules hold their own copy of the list (paragraph.py imports it by name).
_CHINESE_CANNOT_START = "，：；！？”’》〉」』】〕…·"
for _module in (_rl_textsplit, _rl_paragraph):
    _module.ALL_CANNOT_START += "".join(c for c in _CHINESE_CANNOT_START if c not in _module.ALL_CANNOT_START)


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    font = pdf_font_name()
    base = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=17, wordWrap="CJK", textColor=INK)
    return {
        "body": base,
        "indent": ParagraphStyle("indent", parent=base, firstLineIndent=21),   # two characters, as Chinese prose
        "hall": ParagraphStyle("hall", parent=base, fontSize=14, leading=20, alignment=TA_CENTER),
        "number": ParagraphStyle("number", parent=base, fontSize=10.5, leading=15, alignment=TA_RIGHT),
        "cell": ParagraphStyle("cell", parent=base, fontSize=10, leading=14.5),
        "cell_center": ParagraphStyle("cell_center", parent=base, fontSize=10, leading=14.5, alignment=TA_CENTER),
        "cell_small": ParagraphStyle("cell_small", parent=base, fontSize=9, leading=13),
        "cell_small_center": ParagraphStyle("cell_small_center", parent=base, fontSize=9, leading=13,
                                            alignment=TA_CENTER),
        "label": ParagraphStyle("label", parent=base, fontSize=10, leading=14.5, alignment=TA_CENTER),
        "small": ParagraphStyle("small", parent=base, fontSize=9, leading=13, textColor=MUTED),
        "list": ParagraphStyle("list", parent=base, fontSize=10, leading=15.5, leftIndent=12, firstLineIndent=-12),
        "section": ParagraphStyle("section", parent=base, fontSize=12.5, leading=19, spaceBefore=4, spaceAfter=2),
        "licence_number": ParagraphStyle("licence_number", parent=base, fontSize=13, leading=18,
                                         alignment=TA_CENTER),
        "licence": ParagraphStyle("licence", parent=base, fontSize=13, leading=20),
        "licence_label": ParagraphStyle("licence_label", parent=base, fontSize=12.5, leading=20, alignment=TA_CENTER),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "left": ParagraphStyle("left", parent=base, alignment=TA_LEFT),
    }


def para(text: str, style: str = "body") -> Paragraph:
    """A paragraph of plain text (escaped: names and addresses may hold ``&`` or ``<``)."""
    return Paragraph(escape(text).replace("\n", "<br/>"), styles()[style])


def markup(text: str, style: str = "body") -> Paragraph:
    """A paragraph of trusted reportlab markup (our own templates, with values already escaped)."""
    return Paragraph(text, styles()[style])


def esc(text: object) -> str:
    return escape(str(text))


class Heavy(Flowable):
    """Centred text in a heavy face. The embedded font has no bold, so the glyphs are filled and stroked
    (PDF text render mode 2), which still extracts as ordinary text. The size shrinks to fit, then wraps."""

    def __init__(self, text: str, size: float = 22, min_size: float = 16, space_after: float = 4):
        super().__init__()
        self.text, self.size, self.min_size, self.space_after = text, size, min_size, space_after
        self.lines: list[str] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        font = pdf_font_name()
        size = self.size
        while size > self.min_size and stringWidth(self.text, font, size) > avail_width:
            size -= 1
        self.used_size = size
        self.lines = wrap_chars(self.text, font, size, avail_width)
        self.width = avail_width
        self.height = len(self.lines) * size * 1.35 + self.space_after
        return self.width, self.height

    def draw(self) -> None:
        canvas, size = self.canv, self.used_size
        canvas.saveState()
        canvas.setLineWidth(size * 0.035)
        y = self.height - size * 1.1
        for line in self.lines:
            text = canvas.beginText()
            text.setTextRenderMode(2)
            text.setFont(pdf_font_name(), size)
            text.setTextOrigin((self.width - stringWidth(line, pdf_font_name(), size)) / 2, y)
            text.textOut(line)
            canvas.drawText(text)
            y -= size * 1.35
        canvas.restoreState()


def wrap_chars(text: str, font: str, size: float, width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width``, between any two characters (Chinese has no
    spaces; reportlab's ``simpleSplit`` breaks only at spaces)."""
    lines, line = [], ""
    for char in text:
        if line and stringWidth(line + char, font, size) > width:
            lines.append(line)
            line = char
        else:
            line += char
    return [*lines, line]


def heading(hall: HallInfo, title: str, number_line: str = "") -> list[Flowable]:
    """Hall name, title, document number, and the rule under them."""
    parts: list[Flowable] = [para(hall.name, "hall"), Spacer(0, 2 * mm), Heavy(title)]
    if number_line:
        parts.append(para(number_line, "number"))
    parts += [HRFlowable(width="100%", thickness=1.2, color=RULE, spaceBefore=2, spaceAfter=1),
              HRFlowable(width="100%", thickness=0.4, color=RULE, spaceBefore=0, spaceAfter=6)]
    return parts


def _grid() -> list[tuple]:
    # FONTNAME: a table selects Helvetica for its cells unless told otherwise, even when every cell is a
    # Paragraph, and pdffonts would then list a font that is not embedded.
    return [("FONTNAME", (0, 0), (-1, -1), pdf_font_name()), *_GRID]


_GRID = [
    ("GRID", (0, 0), (-1, -1), 0.5, INK),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ("LEFTPADDING", (0, 0), (-1, -1), 5),
    ("RIGHTPADDING", (0, 0), (-1, -1), 5),
]


def field_table(rows: Sequence[tuple[str, str]], label_width: float = 34 * mm, style: str = "cell") -> Table:
    """Label | value rows; values wrap within the text width. ``style="licence"`` sets larger type."""
    label_style = "label" if style == "cell" else f"{style}_label"
    data = [[para(label, label_style), para(value, style)] for label, value in rows]
    table = Table(data, colWidths=[label_width, TEXT_WIDTH - label_width])
    table.setStyle(TableStyle([*_grid(), ("BACKGROUND", (0, 0), (0, -1), LABEL_FILL)]))
    return table


def grid_table(header: Sequence[str], rows: Sequence[Sequence[str]], widths_mm: Sequence[float],
               centred: Sequence[int] = (0,), small: bool = False) -> Table:
    """A table with a shaded header row repeated on every page; ``widths_mm`` are scaled to the text
    width so the table can never be wider than the page."""
    scale = TEXT_WIDTH / (sum(widths_mm) * mm)
    widths = [w * mm * scale for w in widths_mm]

    base = "cell_small" if small else "cell"

    def cell(text: str, column: int) -> Paragraph:
        return para(text, f"{base}_center" if column in centred else base)

    data = [[para(h, "label") for h in header]]
    data += [[cell(value, c) for c, value in enumerate(row)] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1)
    narrow = [("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)] if small else []
    table.setStyle(TableStyle([*_grid(), *narrow, ("BACKGROUND", (0, 0), (-1, 0), LABEL_FILL)]))
    return table


def draw_qr(canvas: Canvas, token: str, x: float, y: float, size: float) -> None:
    """The token's QR code as vector squares, quiet zone included, lower-left corner at (x, y)."""
    matrix = qr_matrix(token)
    module = size / len(matrix)
    canvas.saveState()
    canvas.setFillColor(colors.white)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColor(colors.black)
    path = canvas.beginPath()
    for r, row in enumerate(matrix):
        top = y + size - (r + 1) * module
        c = 0
        while c < len(row):   # one rectangle per horizontal run keeps the PDF small and fast to rasterise
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1
            path.rect(x + start * module, top, (c - start) * module, module)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


class SignOff(Flowable):
    """The closing block: QR code and its caption on the left; issuing unit, date and the seal place on the
    right. Drawn as one flowable so it never splits across pages."""

    QR_SIZE = 30 * mm
    SEAL_RADIUS = 16 * mm

    def __init__(self, token: str, units: Sequence[str], date_text: str, *, caption: str = "扫码核验文书真伪",
                 seal: bool = True):
        super().__init__()
        self.token, self.units, self.date_text, self.caption, self.seal = token, list(units), date_text, caption, seal

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        font = pdf_font_name()
        self.width = avail_width
        self.right_width = avail_width - self.QR_SIZE - 16 * mm
        self.lines = [line for unit in self.units for line in wrap_chars(unit, font, 12, self.right_width)]
        self.height = max(self.QR_SIZE + 5 * mm, 2 * self.SEAL_RADIUS + 2 * mm, (len(self.lines) + 1) * 19 + 6 * mm)
        return self.width, self.height

    def draw(self) -> None:
        canvas, font = self.canv, pdf_font_name()
        qr_y = self.height - self.QR_SIZE
        draw_qr(canvas, self.token, 0, qr_y, self.QR_SIZE)
        canvas.setFont(font, 9)
        canvas.setFillColor(MUTED)
        canvas.drawCentredString(self.QR_SIZE / 2, qr_y - 11, self.caption)
        canvas.setFillColor(INK)
        # Right block: right-aligned lines, the date last, vertically centred on the seal place.
        lines = [*self.lines, self.date_text]
        block_height = len(lines) * 19
        centre_y = self.height - self.SEAL_RADIUS - 1 * mm
        y = centre_y + block_height / 2 - 13
        canvas.setFont(font, 12)
        widest = max(stringWidth(line, font, 12) for line in lines)
        right = self.width - 4 * mm
        for line in lines:
            canvas.drawRightString(right, y, line)
            y -= 19
        if self.seal:
            canvas.saveState()
            canvas.setStrokeColor(colors.HexColor("#b0b0b0"))
            canvas.setDash(3, 2.5)
            canvas.setLineWidth(0.7)
            centre_x = right - widest / 2
            canvas.circle(centre_x, centre_y, self.SEAL_RADIUS, stroke=1, fill=0)
            canvas.setFont(font, 8)
            canvas.setFillColor(colors.HexColor("#a0a0a0"))
            canvas.drawCentredString(centre_x, centre_y - self.SEAL_RADIUS + 5, "盖章处")
            canvas.restoreState()


def _numbered_canvas(hall: HallInfo, border: bool):
    font = pdf_font_name()

    class NumberedCanvas(Canvas):
        """Defers each page so the footer can say 第 x 页 共 n 页 (the total is known only at the end)."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                self._footer(number, total)
                super().showPage()
            super().save()

        def _footer(self, number: int, total: int) -> None:
            self.saveState()
            if border:   # a certificate's double frame: heavy outside, hairline inside
                self.setStrokeColor(RULE)
                self.setLineWidth(2.2)
                self.rect(10 * mm, 10 * mm, PAGE_WIDTH - 20 * mm, PAGE_HEIGHT - 20 * mm)
                self.setLineWidth(0.6)
                self.rect(12.5 * mm, 12.5 * mm, PAGE_WIDTH - 25 * mm, PAGE_HEIGHT - 25 * mm)
            self.setFont(font, 8.5)
            self.setFillColor(MUTED)
            if border:   # a certificate: where it was printed, no page numbers
                printed_at = " ".join(filter(None, (hall.name, hall.terminal_label, "打印")))
                self.drawCentredString(PAGE_WIDTH / 2, 17 * mm, printed_at)
                self.restoreState()
                return
            y = MARGIN_BOTTOM - 12 * mm
            self.drawString(MARGIN_X, y, hall.name)
            self.drawCentredString(PAGE_WIDTH / 2, y, f"第 {number} 页 共 {total} 页")
            if hall.phone:
                self.drawRightString(PAGE_WIDTH - MARGIN_X, y, f"咨询电话 {hall.phone}")
            self.restoreState()

    return NumberedCanvas


def build_pdf(story: list[Flowable], *, title: str, hall: HallInfo, subject: str = "", border: bool = False,
              top_margin: float = MARGIN_TOP) -> bytes:
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                                 topMargin=top_margin, bottomMargin=MARGIN_BOTTOM, title=title, author=hall.name,
                                 subject=subject or title, creator="hallterm", lang="zh-CN",
                                 # Without an initial font reportlab selects Helvetica on every page, which
                                 # pdffonts then lists as a font that is not embedded.
                                 initialFontName=pdf_font_name(), initialFontSize=10)
    document.build(story, canvasmaker=_numbered_canvas(hall, border))
    return buffer.getvalue()
