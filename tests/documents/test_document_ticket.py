"""The queue ticket as ESC/POS bytes, read back by the parser and the preview renderer."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from document_checks import decode_qr

from core.documents.errors import DocumentError
from core.documents.escpos_preview import MARGIN, render_preview
from core.documents.escpos_reader import Cut, RasterImage, TextLine, read_escpos
from core.documents.ticket import (
    FS_KANJI_ON,
    PAPER_DOTS,
    TicketData,
    display_width,
    render_ticket,
    ticket_fields,
    wrap_columns,
)
from core.documents.tokens import DocumentKind, verify_token

TICKET = TicketData(number="A012", service="公共场所卫生许可证核发（新办）", waiting_ahead=5,
                    estimated_wait_minutes=15, issued_at=datetime(2026, 3, 2, 1, 10, tzinfo=UTC),
                    hall_name="长沙市芙蓉区政务服务中心")


@pytest.mark.parametrize("width", [80, 58])
def test_ticket_text_reads_back_in_chinese(key, width):
    job = render_ticket(TICKET, width, key=key).content
    text = "".join(read_escpos(job).text.split("\n"))
    for expected in ("长沙市芙蓉区政务服务中心", "排队凭条", "A012", "公共场所卫生许可证核发（新办）",
                     "您前面还有 5 人等候", "预计等候：约15分钟（估算）", "取号时间：2026-03-02 09:10"):
        assert expected in text, expected
    assert "?" not in text          # full-width punctuation survives (python-escpos's encoder prints "?")


def test_chinese_goes_out_as_gb18030_in_chinese_mode(key):
    job = render_ticket(TICKET, 80, key=key).content
    assert job.startswith(b"\x1b@" + FS_KANJI_ON)
    assert "办理业务：公共场所卫生许可证核发（新办）".encode("gb18030") in job
    assert "（".encode("gb18030") == b"\xa3\xa8"


@pytest.mark.parametrize("width", [80, 58])
def test_the_raster_qr_code_decodes_and_verifies(key, keyring, width):
    issued = render_ticket(TICKET, width, key=key)
    document = read_escpos(issued.content)
    assert len(document.images) == 1
    image = document.images[0]
    assert image.width <= PAPER_DOTS[width]
    found = decode_qr(image.to_pil())
    assert found == [issued.token]
    verified = verify_token(found[0], keyring)
    assert verified.kind is DocumentKind.QUEUE_TICKET and verified.reference == "A012"
    assert verified.matches(ticket_fields(TICKET))


def test_native_qr_carries_the_same_token(key, keyring):
    issued = render_ticket(TICKET, 80, key=key, native_qr=True)
    document = read_escpos(issued.content)
    assert document.images == []
    (qr,) = document.native_qr_codes
    assert qr.data == issued.token
    # what the printer would draw, through the preview renderer, still scans
    preview = render_preview(document, PAPER_DOTS[80])
    assert [verify_token(t, keyring).reference for t in decode_qr(preview)] == ["A012"]


@pytest.mark.parametrize("width", [80, 58])
def test_ticket_ends_with_a_cut_and_leaves_chinese_mode(key, width):
    job = render_ticket(TICKET, width, key=key).content
    document = read_escpos(job)
    assert isinstance(document.items[-1], Cut)
    assert len(document.cuts) == 1
    assert b"\x1c." in job[job.rindex(b"\n"):]


@pytest.mark.parametrize("width", [80, 58])
def test_no_line_is_wider_than_the_paper(key, width):
    long = TicketData(number="B107", service="在城市建筑物、设施上张挂、张贴宣传品审批（户外招牌设置），含延续和变更",
                      waiting_ahead=123, estimated_wait_minutes=None, issued_at=TICKET.issued_at,
                      hall_name="长沙市芙蓉区政务服务中心（芙蓉区市民之家）五一大道分中心")
    document = read_escpos(render_ticket(long, width, key=key).content)
    columns = PAPER_DOTS[width] // 12
    lines = [item for item in document.items if isinstance(item, TextLine)]
    for line in lines:
        used = sum(display_width(run.text) * run.width for run in line.runs)
        assert used <= columns, line.text
    text = "".join(line.text for line in lines)
    assert "含延续和变更" in text and "暂无法估算" in text
    assert len(document.images) == 1 and isinstance(document.images[0], RasterImage)


def test_wrapping_keeps_closing_punctuation_off_the_line_start():
    lines = wrap_columns("办理业务：公共场所卫生许可证核发（新办）", 28)
    assert all(not line.startswith(("）", "，", "。")) for line in lines)
    assert "".join(lines) == "办理业务：公共场所卫生许可证核发（新办）"
    assert all(display_width(line) <= 28 for line in lines)


def test_preview_draws_text_qr_and_cut(key):
    job = render_ticket(TICKET, 58, key=key).content
    preview = render_preview(job, PAPER_DOTS[58])
    assert preview.width == PAPER_DOTS[58] + 2 * MARGIN
    assert preview.height > 600
    inked = preview.crop((MARGIN, 0, MARGIN + PAPER_DOTS[58], preview.height)).getextrema()
    assert inked == (0, 255)


def test_unknown_commands_are_reported_with_their_offset():
    with pytest.raises(DocumentError) as caught:
        read_escpos(b"\x1b@hello\n\x1b\x7f")
    assert caught.value.code == "DOC_ESCPOS_UNSUPPORTED"
    assert "byte" in caught.value.detail
    with pytest.raises(DocumentError):
        read_escpos(b"\x1dv0\x00\x10\x00")       # truncated raster header


def test_reader_handles_plain_python_escpos_output():
    """What python-escpos itself sends for text, sizes and a cut parses too."""
    from escpos.printer import Dummy

    printer = Dummy()
    printer.set(align="center", bold=True, double_height=True, double_width=True)
    printer.text("TOTAL 12\n")
    printer.set(normal_textsize=True)
    printer.cut()
    document = read_escpos(printer.output)
    (line,) = [i for i in document.items if isinstance(i, TextLine)]
    assert line.text == "TOTAL 12" and line.align == "center"
    assert line.runs[0].width == 2 and line.runs[0].height == 2 and line.runs[0].bold
    assert document.cuts
