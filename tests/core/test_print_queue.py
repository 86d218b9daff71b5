"""The print pipeline and its reprint queue, printing through the real device layer into capture printers
(devices.printers.port adapts them, as the composition root does) and a real store file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from storage_factory import open_store

from core.documents.common import PDF, IssuedDocument
from core.documents.escpos_reader import read_escpos
from core.documents.keys import SigningKey
from core.documents.ticket import TicketData, render_ticket
from core.documents.tokens import DocumentKind
from core.print_queue import A4, MSG_QUEUED_FOR_REPRINT, RECEIPT, PrintOutcome, PrintQueue, PrintQueueError
from core.storage import Store
from devices.base import DeviceError
from devices.printers.capture import CapturePrinter
from devices.printers.escpos_printer import EscposPrinter
from devices.printers.port import DevicePrinterPort
from devices.printers.simulated import CapturedEscposPrinter

TICKET = TicketData(number="B007", service="居民身份证换领", waiting_ahead=2, estimated_wait_minutes=6,
                    issued_at=datetime(2026, 3, 2, 1, 10, tzinfo=UTC), hall_name="长沙市芙蓉区政务服务中心")
LICENCE_PDF = IssuedDocument(DocumentKind.LICENCE, b"%PDF-1.4\n% a licence for \xe5\xbc\xa0\xe4\xb8\x89\n%%EOF\n", PDF,
                             "HT1:LICENCE", {}, datetime(2026, 3, 2, 2, 0, tzinfo=UTC))


@pytest.fixture(scope="module")
def ticket() -> IssuedDocument:
    return render_ticket(TICKET, 80, key=SigningKey.generate())


@pytest.fixture
def capture() -> Iterator[CapturePrinter]:
    printer = CapturePrinter()
    printer.start_tcp()
    yield printer
    printer.stop()


@pytest.fixture
def receipt_printer(capture) -> Iterator[EscposPrinter]:
    printer = EscposPrinter("receipt_printer", capture.url, status_interval=0, job_timeout=2)
    printer.open()
    printer.claim()
    printer.enable()
    yield printer
    printer.shutdown()


@pytest.fixture
def a4_printer() -> Iterator[CapturedEscposPrinter]:
    printer = CapturedEscposPrinter("a4_printer", status_interval=0, job_timeout=2)
    printer.open()
    printer.claim()
    printer.enable()
    yield printer
    printer.shutdown()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = open_store(tmp_path)
    yield store
    store.close()


def ports(receipt: EscposPrinter | None, a4: EscposPrinter | None = None) -> dict[str, DevicePrinterPort | None]:
    return {RECEIPT: DevicePrinterPort(lambda: receipt) if receipt else None,
            A4: DevicePrinterPort(lambda: a4) if a4 else None}


def print_jobs_rows(store: Store) -> list[tuple]:
    with store.db.reading() as conn:
        return conn.execute("SELECT job_id, state, content FROM print_jobs").fetchall()


def test_a_document_that_prints_leaves_nothing_behind(store, capture, receipt_printer, ticket):
    queue = PrintQueue(store, ports(receipt_printer))

    result = queue.print(ticket)

    assert result.outcome is PrintOutcome.PRINTED and result.printed and result.printer == RECEIPT
    assert result.reason_code is None and result.user_message is None
    assert capture.store.wait_for(1)[0].data == ticket.content
    assert queue.waiting() == [] and print_jobs_rows(store) == []


def test_paper_out_queues_the_document_with_the_reason_and_a_calm_message(store, capture, receipt_printer, ticket):
    capture.set_status("paper_out")
    queue = PrintQueue(store, ports(receipt_printer))

    result = queue.print(ticket, case_id="case-1")

    assert result.outcome is PrintOutcome.QUEUED_FOR_REPRINT and not result.printed
    assert result.reason_code == "PRINTER_PAPER_OUT"
    assert result.user_message == MSG_QUEUED_FOR_REPRINT
    assert MSG_QUEUED_FOR_REPRINT == "打印机暂时无法使用，请用手机拍下屏幕上的二维码，或到服务台领取打印件"
    [entry] = queue.waiting()
    assert (entry.job_id, entry.kind, entry.printer, entry.case_id, entry.token) == (
        result.job_id, DocumentKind.QUEUE_TICKET, RECEIPT, "case-1", ticket.token)
    assert entry.attempts == 1 and entry.last_error == "PRINTER_PAPER_OUT" and "not sent" in entry.last_detail
    assert queue.content(entry.job_id) == ticket.content
    [(_, state, sealed)] = print_jobs_rows(store)
    assert state == "waiting" and ticket.content not in sealed      # sealed at rest, not the raw bytes


def test_a_reprint_after_the_paper_is_back_prints_the_same_document(store, capture, receipt_printer, ticket):
    capture.set_status("paper_out")
    queue = PrintQueue(store, ports(receipt_printer))
    job_id = queue.print(ticket).job_id
    capture.set_status("ok")

    result = queue.reprint(job_id, actor="staff:0012")

    assert result.printed and result.job_id == job_id
    printed = capture.store.wait_for(1)[0].data
    assert printed == ticket.content and "B007" in read_escpos(printed).text
    assert queue.waiting() == []
    entry = store.audit.entries()[-1]
    assert (entry.actor, entry.action, entry.subject) == ("staff:0012", "print.reprint", job_id)
    assert entry.details["outcome"] == "printed"
    with pytest.raises(PrintQueueError):
        queue.reprint(job_id, actor="staff:0012")                   # printed once, not twice


def test_a_failed_reprint_stays_waiting_with_the_new_reason(store, capture, receipt_printer, ticket):
    capture.set_status("paper_out")
    queue = PrintQueue(store, ports(receipt_printer))
    job_id = queue.print(ticket).job_id
    capture.set_status("cover_open")

    result = queue.reprint(job_id, actor="tech:01")

    assert result.reason_code == "PRINTER_COVER_OPEN"
    [entry] = queue.waiting()
    assert entry.attempts == 2 and entry.last_error == "PRINTER_COVER_OPEN"


def test_nothing_is_lost_across_a_store_reopen(tmp_path, capture, receipt_printer, ticket):
    capture.set_status("offline")
    store = open_store(tmp_path)
    job_id = PrintQueue(store, ports(receipt_printer)).print(ticket).job_id
    store.close()

    reopened = open_store(tmp_path)
    try:
        queue = PrintQueue(reopened, ports(receipt_printer))
        assert [e.job_id for e in queue.waiting()] == [job_id]
        assert queue.waiting()[0].last_error == "PRINTER_OFFLINE"
        assert queue.content(job_id) == ticket.content
        capture.set_status("ok")
        assert queue.reprint_waiting(actor="staff:0012")[0].printed
        assert capture.store.wait_for(1)[0].data == ticket.content
    finally:
        reopened.close()


class PowerCut:
    """A printer port during which the terminal loses power: the process ends mid-print."""

    def print_document(self, content: bytes, media_type: str, job_id: str) -> None:
        raise KeyboardInterrupt


def test_a_document_cut_off_mid_print_waits_for_a_reprint_after_restart(tmp_path, ticket):
    store = open_store(tmp_path)
    with pytest.raises(KeyboardInterrupt):
        PrintQueue(store, {RECEIPT: PowerCut()}).print(ticket)
    store.close()

    reopened = open_store(tmp_path)
    try:
        [entry] = PrintQueue(reopened, {RECEIPT: None}).waiting()
        assert entry.last_error == "PRINT_INTERRUPTED" and entry.token == ticket.token
    finally:
        reopened.close()


def test_pdfs_go_to_the_a4_printer(store, a4_printer):
    queue = PrintQueue(store, ports(None, a4_printer))
    result = queue.print(LICENCE_PDF)
    assert result.printed and result.printer == A4
    assert a4_printer.store.wait_for(1)[0].data == LICENCE_PDF.content


def test_a_terminal_without_that_printer_queues_the_document(store, ticket):
    result = PrintQueue(store, ports(None)).print(ticket)
    assert result.reason_code == "PRINT_NO_PRINTER" and result.user_message == MSG_QUEUED_FOR_REPRINT


def test_a_printer_the_manager_cannot_hand_out_queues_the_document(store, ticket):
    def not_configured():
        raise DeviceError("DEVICE_NOT_CONFIGURED", "设备未配置，请联系工作人员。", "no device named 'receipt_printer'")

    result = PrintQueue(store, {RECEIPT: DevicePrinterPort(not_configured)}).print(ticket)
    assert result.reason_code == "DEVICE_NOT_CONFIGURED" and not result.printed


class Broken:
    def print_document(self, content: bytes, media_type: str, job_id: str) -> None:
        raise RuntimeError("driver bug")


def test_a_failure_without_a_code_is_still_queued(store, ticket):
    result = PrintQueue(store, {RECEIPT: Broken()}).print(ticket)
    assert result.reason_code == "PRINT_FAILED" and "driver bug" in result.detail
    assert len(PrintQueue(store, {RECEIPT: Broken()}).waiting()) == 1


def test_discarding_a_waiting_document_is_audited(store, ticket):
    queue = PrintQueue(store, {RECEIPT: None})
    job_id = queue.print(ticket).job_id
    queue.discard(job_id, actor="staff:0012", reason="handed over at the service desk")
    assert queue.waiting() == []
    entry = store.audit.entries()[-1]
    assert (entry.action, entry.subject, entry.details["kind"]) == ("print.discard", job_id, "QUEUE_TICKET")
    with pytest.raises(PrintQueueError):
        queue.discard(job_id, actor="staff:0012")


def test_reprint_waiting_stops_at_the_first_failure(store, capture, receipt_printer, ticket):
    capture.set_status("paper_out")
    queue = PrintQueue(store, ports(receipt_printer))
    for _ in range(3):
        queue.print(ticket)
    results = queue.reprint_waiting(actor="tech:01")
    assert [r.reason_code for r in results] == ["PRINTER_PAPER_OUT"]
    assert len(queue.waiting()) == 3
