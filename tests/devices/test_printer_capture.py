"""The capture printer itself, the ``capture`` demo driver, the technician's print test and the status bytes."""

from __future__ import annotations

import socket
import time

import pytest
from printer_checks import decode_qr

from core.documents.escpos_preview import render_preview
from core.documents.escpos_reader import read_escpos
from devices.base import Health
from devices.cli import print_test
from devices.manager import DeviceManager
from devices.printers.capture import STATUSES, CapturePrinter
from devices.printers.codes import PrinterStatus
from devices.printers.compose import FS_KANJI_ON, PAPER_DOTS, EscposComposer
from devices.printers.escpos_link import parse_printer_url
from devices.printers.escpos_status import (
    PAPER_ACK_QUERY,
    STATUS_QUERY,
    decode_ack,
    decode_status,
    encode_ack,
    encode_status,
)
from devices.printers.simulated import CapturedEscposPrinter

pytest_plugins = ["printer_fixtures"]


def converse(url: str, *messages: bytes, answers: int, wait: float = 3.0) -> bytes:
    """Talk to the capture printer like a host: send, then read up to ``answers`` bytes for ``wait`` s."""
    target = parse_printer_url(url)
    with socket.create_connection((target.target, target.port), timeout=3) as conn:
        for message in messages:
            conn.sendall(message)
        conn.settimeout(0.1)
        received = b""
        deadline = time.monotonic() + wait
        while len(received) < answers and time.monotonic() < deadline:
            try:
                received += conn.recv(64)
            except TimeoutError:
                continue
        return received


@pytest.mark.parametrize("name", sorted(STATUSES))
def test_the_capture_answers_status_queries_as_the_driver_decodes_them(capture, name):
    capture.set_status(name)
    answers = converse(capture.url, STATUS_QUERY, answers=4)
    assert answers == encode_status(STATUSES[name])
    decoded = decode_status(answers)
    assert decoded.health is STATUSES[name].health
    assert problem_code(decoded) == problem_code(STATUSES[name])


def problem_code(status: PrinterStatus) -> str | None:
    problem = status.problem()
    return problem.code if problem else None


def test_epson_status_bytes_decode_to_what_they_mean():
    # Epson ESC/POS reference values: 0x12 all clear; n=2 0x32 paper end stop; n=4 0x7E paper out.
    assert decode_status(bytes([0x12, 0x12, 0x12, 0x12])).health is Health.ONLINE
    assert decode_status(bytes([0x1A, 0x32, 0x12, 0x7E])).problem().code == "PRINTER_PAPER_OUT"
    assert decode_status(bytes([0x1A, 0x16, 0x12, 0x12])).problem().code == "PRINTER_COVER_OPEN"
    assert decode_status(bytes([0x1A, 0x52, 0x1A, 0x12])).problem().code == "PRINTER_HW_ERROR"
    assert decode_status(bytes([0x12, 0x12, 0x12, 0x1E])).paper_low
    assert decode_status(b"").problem().code == "PRINTER_OFFLINE"
    assert decode_ack(0x00) == PrinterStatus()
    assert decode_ack(0x03).paper_low and decode_ack(0x0F).paper_out
    assert encode_ack(STATUSES["paper_low"]) == b"\x03"


def test_a_job_is_what_came_between_the_queries(capture):
    ack = converse(capture.url, STATUS_QUERY, b"\x1b@hello\n", PAPER_ACK_QUERY, answers=5)
    assert ack[-1:] == b"\x00"                                   # printed, paper fine
    [job] = capture.store.wait_for(1)
    assert job.data == b"\x1b@hello\n" and job.acknowledged and job.media_type == "application/vnd.escpos"
    converse(capture.url, STATUS_QUERY, answers=4)             # a health check leaves no job
    assert len(capture.store.jobs()) == 1


def test_a_printer_with_paper_out_does_not_confirm_the_job(capture):
    capture.set_status("paper_out")
    received = converse(capture.url, b"\x1b@hello\n", PAPER_ACK_QUERY, answers=1, wait=0.5)
    assert received == b""
    [job] = capture.store.wait_for(1)
    assert not job.acknowledged


def test_the_composer_sends_chinese_as_gb18030_in_chinese_mode_and_reads_back():
    composer = EscposComposer(paper_width_mm=58, encoding="gb18030")
    composer.text("全角标点：，。（）【】", bold=True)
    composer.text("四字节：䶮")
    composer.qr("HALLTERM-TEST")
    job = composer.build()
    assert job.startswith(b"\x1b@" + FS_KANJI_ON)
    assert "䶮".encode("gb18030") in job                         # four bytes; GBK cannot encode it
    document = read_escpos(job)
    assert document.lines[:2] == ["全角标点：，。（）【】", "四字节：䶮"]
    assert document.images[0].width <= PAPER_DOTS[58]
    assert decode_qr(document.images[0].to_pil()) == ["HALLTERM-TEST"]
    assert document.cuts


def test_chinese_mode_follows_the_profile_unless_configured():
    assert EscposComposer(profile="POS-5890").chinese_mode
    assert not EscposComposer(profile="TM-T88V").chinese_mode
    assert EscposComposer(profile="TM-T88V", chinese_mode=True).chinese_mode
    assert not EscposComposer(encoding="utf-8").chinese_mode


def test_native_qr_when_configured_and_the_profile_has_it():
    composer = EscposComposer(native_qr=True)
    composer.qr("HALLTERM-NATIVE")
    assert read_escpos(composer.build()).native_qr_codes[0].data == "HALLTERM-NATIVE"


def test_print_test_on_the_capture_printer_prints_chinese_and_a_qr(capture):
    code, text = print_test(capture.url)
    assert code == 0, text
    [job] = capture.store.wait_for(1)
    document = read_escpos(job.data)
    assert "打印测试页" in document.text and "一窗受理，集成服务（GB18030）" in document.text
    assert "四字节汉字：䶮" in document.text
    assert decode_qr(document.images[0].to_pil()) == [text.rsplit(" ", 1)[1]]


def test_print_test_over_a_serial_pty_with_58mm_paper_and_gbk():
    with CapturePrinter() as serial_printer:
        url = serial_printer.start_pty()
        code, text = print_test(url + "&paper_width_mm=58&encoding=gbk")
        assert code == 0, text
        document = read_escpos(serial_printer.store.wait_for(1)[0].data)
    assert "纸宽 58mm，编码 gbk" in document.text
    assert "四字节汉字：?" in document.text        # what a GBK printer does with 䶮: the page shows it
    assert document.images[0].width <= PAPER_DOTS[58]


@pytest.mark.parametrize("status, code", [("paper_out", "PRINTER_PAPER_OUT"), ("cover_open", "PRINTER_COVER_OPEN")])
def test_print_test_fails_with_one_line_when_the_printer_cannot_print(capture, status, code):
    capture.set_status(status)
    exit_code, text = print_test(capture.url, job_timeout=2)
    assert exit_code == 1
    assert text.startswith(f"[{code}]") and "\n" not in text


def test_print_test_on_an_unreachable_printer_exits_non_zero():
    with CapturePrinter() as gone:
        url = gone.start_tcp()
    exit_code, text = print_test(url, job_timeout=2)
    assert exit_code == 1 and text.startswith("[PRINTER_OFFLINE]") and "\n" not in text


def test_the_demo_capture_driver_prints_into_its_store(recorder):
    manager = DeviceManager({"receipt_printer": {"driver": "capture", "paper_width_mm": 80},
                             "a4_printer": {"driver": "capture"}}, listener=recorder)
    manager.start()
    try:
        assert manager.health() == {"receipt_printer": Health.ONLINE, "a4_printer": Health.ONLINE}
        receipt = manager.get("receipt_printer")
        assert isinstance(receipt, CapturedEscposPrinter)
        composer = receipt.composer()
        composer.text("演示打印")
        receipt.print_bytes(composer.build(), "demo-1").result(timeout=10)
        [job] = receipt.store.wait_for(1)
        preview = render_preview(job.data, PAPER_DOTS[80])   # what a demo window shows
        assert preview.width > PAPER_DOTS[80]
        a4 = manager.get("a4_printer")
        a4.print_bytes(b"%PDF-1.4 demo", "demo-2").result(timeout=10)
        assert a4.store.wait_for(1)[0].media_type == "application/pdf"
        receipt.capture.set_status("paper_out")
        assert receipt.refresh_status().problem().code == "PRINTER_PAPER_OUT"
        assert receipt.health is Health.USERERROR
    finally:
        manager.stop()
