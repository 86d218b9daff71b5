"""The queue ticket (排队凭条) as ESC/POS bytes for 80 mm and 58 mm thermal paper.

python-escpos assembles the commands (a ``Dummy`` printer records them), but Chinese text is encoded here:
its own encoder picks a code page per character and prints lone full-width punctuation (，：（）) as ``?``.
So the ticket turns on Chinese character mode (``FS &``, Epson ESC/POS "Select Kanji character mode", which
Chinese-market printers use for GB2312/GBK/GB18030) and sends GB18030 bytes with ``_raw``. Sizes use
``GS !``, which scales Chinese characters too (``ESC !`` scales only ANK characters).

Paper geometry (203 dpi heads): 80 mm paper prints 72 mm = 576 dots, 58 mm paper 48 mm = 384 dots. Font A
is 12 x 24 dots for ASCII and 24 x 24 for Chinese, so a line holds 48 or 32 half-width columns; lines are
wrapped here by display width, because a printer wraps mid-character-pair if left to itself.

The QR code prints as a raster image (``GS v 0``) by default: every printer since the 1990s prints raster
images, while native QR (``GS ( k``) is missing on many cheap 58 mm models. ``native_qr=True`` selects it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from core.documents.common import ESCPOS, IssuedDocument, local
from core.documents.keys import SigningKey
from core.documents.qr import qr_image
from core.documents.tokens import DocumentKind, encode_token

PAPER_DOTS = {80: 576, 58: 384}
PAPER_MM = {80: 72, 58: 48}
HALF_WIDTH_DOTS = 12          # Font A
FS_KANJI_ON = b"\x1c\x26"     # FS &
FS_KANJI_OFF = b"\x1c\x2e"    # FS .
INIT = b"\x1b\x40"            # ESC @
QR_MODULE_DOTS = {80: 5, 58: 4}
# A line may not start with closing punctuation (GB/T 15834 标点符号用法: 句号、逗号… 不出现在一行之首).
_NO_LINE_START = frozenset("，。、；：！？）】》」』”’…,.;:!?)")


@dataclass(frozen=True)
class TicketData:
    """What a queue ticket shows. ``estimated_wait_minutes`` None means no estimate is available yet."""

    number: str                      # "A012": letters and digits
    service: str                     # the queue's business, e.g. 公共场所卫生许可证核发（新办）
    waiting_ahead: int
    estimated_wait_minutes: int | None
    issued_at: datetime
    hall_name: str
    note: tuple[str, ...] = ("请留意叫号屏幕和语音提示", "过号请重新取号")


def display_width(text: str) -> int:
    """Half-width columns ``text`` takes on the printer: Chinese and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap_columns(text: str, columns: int) -> list[str]:
    """Split ``text`` into lines of at most ``columns`` half-width columns, never starting a line with
    closing punctuation (the character before it moves down with it)."""
    lines: list[str] = []
    line, used = "", 0
    for ch in text:
        width = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + width > columns and line:
            if ch in _NO_LINE_START and len(line) > 1:
                carried, line = line[-1], line[:-1]
                lines.append(line)
                line, used = carried, display_width(carried)
            else:
                lines.append(line)
                line, used = "", 0
        line += ch
        used += width
    if line or not lines:
        lines.append(line)
    return lines


def ticket_fields(ticket: TicketData) -> dict[str, str]:
    return {"number": ticket.number, "service": ticket.service, "hall": ticket.hall_name,
            "issued_at": f"{local(ticket.issued_at):%Y-%m-%d %H:%M}", "waiting_ahead": str(ticket.waiting_ahead)}


def wait_text(minutes: int | None) -> str:
    if minutes is None:
        return "预计等候：暂无法估算"
    if minutes <= 1:
        return "预计等候：即将叫号（估算）"
    return f"预计等候：约{minutes}分钟（估算）"


@lru_cache(maxsize=2)
def _profile(width_mm: int):
    """A python-escpos profile that knows the paper width in dots (the stock "default" profile does not,
    and then ``image(center=True)`` prints a warning to stdout and does not centre)."""
    import copy

    from escpos.capabilities import Profile

    data = copy.deepcopy(Profile.profile_data)
    data["media"] = {"dpi": 203, "width": {"mm": PAPER_MM[width_mm], "pixels": PAPER_DOTS[width_mm]}}
    # Profile() starts with no features unless given some, and then cut() silently sends nothing.
    profile_class = type(f"Hallterm{width_mm}mmProfile", (Profile,), {"profile_data": data})
    return profile_class(features=dict(data["features"]))


def render_ticket(ticket: TicketData, width_mm: int = 80, *, key: SigningKey,
                  native_qr: bool = False) -> IssuedDocument:
    """ESC/POS bytes for ``ticket`` on ``width_mm`` (80 or 58) paper, ending with a cut."""
    if width_mm not in PAPER_DOTS:
        raise ValueError(f"paper width must be 80 or 58 mm, not {width_mm}")
    # Imported here: python-escpos loads its printer database at import (about 150 ms).
    from escpos.constants import QR_ECLEVEL_M
    from escpos.printer import Dummy

    fields = ticket_fields(ticket)
    token = encode_token(DocumentKind.QUEUE_TICKET, ticket.number, ticket.issued_at, fields, key)
    columns = PAPER_DOTS[width_mm] // HALF_WIDTH_DOTS
    printer = Dummy(profile=_profile(width_mm))

    def lines(text: str, scale: int = 1) -> None:
        for line in wrap_columns(text, columns // scale):
            printer._raw(line.encode("gb18030") + b"\n")

    printer._raw(INIT + FS_KANJI_ON)
    printer.set(align="center", bold=True, custom_size=True, width=1, height=2)
    lines(ticket.hall_name, 1)
    printer.set(bold=False, custom_size=True, width=1, height=1)
    lines("排队凭条")
    printer.set(custom_size=True, width=4, height=4)
    lines(ticket.number, 4)
    printer.set(custom_size=True, width=1, height=1, align="left")
    lines("-" * columns)
    printer.set(bold=True)
    lines(f"办理业务：{ticket.service}")
    printer.set(bold=False)
    lines(f"您前面还有 {ticket.waiting_ahead} 人等候")
    lines(wait_text(ticket.estimated_wait_minutes))
    lines(f"取号时间：{local(ticket.issued_at):%Y-%m-%d %H:%M}")
    lines("-" * columns)
    printer.set(align="center")
    if native_qr:
        printer.qr(token, ec=QR_ECLEVEL_M, size=QR_MODULE_DOTS[width_mm], native=True)
        printer._raw(b"\n")
    else:
        printer.image(qr_image(token, QR_MODULE_DOTS[width_mm]), center=True)
    lines("扫码核验凭条真伪")
    for note in ticket.note:
        lines(note)
    printer._raw(FS_KANJI_OFF)
    printer.cut()
    return IssuedDocument(DocumentKind.QUEUE_TICKET, printer.output, ESCPOS, token, fields, ticket.issued_at)
