"""The ``cups`` A4 printer driver against a real, private cupsd with a cups-pdf queue (see printer_fixtures).

What cups-pdf writes is checked the way a person would: page count with pdfinfo, and the QR code decoded
from a pdftoppm render (Ghostscript rewrites the file, so its text is not compared).
"""

from __future__ import annotations

import re
import subprocess
import threading
import time

import pytest
from printer_checks import decode_qr, pdf_page_count, pdf_pages

from core.documents.keys import SigningKey
from core.documents.receipt import render_acceptance_receipt
from core.documents.samples import sample_cases
from devices.base import DeviceError, ErrorEvent, Health, OutputComplete
from devices.cli import print_test
from devices.manager import DeviceManager
from devices.printers import ipp
from devices.printers.codes import JobFailed
from devices.printers.cups_printer import CupsPrinter, status_from_ipp
from devices.registry import create_device

pytest_plugins = ["printer_fixtures"]


@pytest.fixture(scope="module")
def receipt():
    cases = sample_cases()
    return render_acceptance_receipt(cases.accepted, cases.item(cases.accepted), hall=cases.hall,
                                     key=SigningKey.generate())


@pytest.fixture
def start_cups(private_cups, recorder):
    started: list[CupsPrinter] = []

    def start(queue: str = private_cups.queue, **options) -> CupsPrinter:
        options.setdefault("status_interval", 0)
        options.setdefault("job_timeout", 30)
        options.setdefault("poll_interval", 0.1)
        printer = CupsPrinter("a4", queue, listener=recorder, server=private_cups.server, **options)
        started.append(printer)
        printer.open()
        printer.claim()
        printer.enable()
        return printer

    yield start
    for printer in started:
        printer.shutdown()


def failure_of(future) -> DeviceError:
    with pytest.raises(DeviceError) as caught:
        future.result(timeout=60)
    return caught.value


def test_a_receipt_prints_through_cups_and_its_qr_reads_back(private_cups, start_cups, recorder, receipt):
    printer = start_cups()
    assert printer.health is Health.ONLINE

    started = time.monotonic()
    printer.print_bytes(receipt.content, "receipt-0001").result(timeout=60)

    assert time.monotonic() - started < 60     # cups-pdf + Ghostscript: 1-3 s on an idle machine
    recorder.wait_for(OutputComplete, job_id="receipt-0001")
    output = private_cups.output_for("receipt-0001")
    pages = pdf_pages(output.read_bytes())
    assert pdf_page_count(output) == len(pages) == len(pdf_pages(receipt.content))
    assert decode_qr(pages[0]) == [receipt.token]
    assert printer.health is Health.ONLINE
    assert private_cups.not_completed(private_cups.queue) == ""


def test_a_stopped_queue_fails_the_job_without_leaving_it_in_cups(private_cups, start_cups, recorder, receipt):
    printer = start_cups()
    private_cups.run("cupsdisable", "-r", "toner being replaced", private_cups.queue)
    try:
        error = failure_of(printer.print_bytes(receipt.content, "receipt-stopped"))
        assert error.code == "PRINTER_QUEUE_STOPPED"
        assert "toner being replaced" in error.detail
        assert recorder.wait_for(JobFailed, job_id="receipt-stopped")[0].code == "PRINTER_QUEUE_STOPPED"
        assert recorder.of(ErrorEvent, code="PRINTER_QUEUE_STOPPED")
        assert printer.health is Health.OFFLINE
        assert private_cups.not_completed(private_cups.queue) == ""
    finally:
        private_cups.run("cupsenable", private_cups.queue)
    assert printer.refresh_status().problem() is None
    assert printer.health is Health.ONLINE


def test_a_queue_stopped_while_the_job_waits_cancels_it_and_reports_the_stop(private_cups, start_cups, recorder,
                                                                             receipt):
    # A queue whose printer does not answer (nothing listens on the port): the job stays "processing".
    private_cups.add_queue("DeadPrinter", "socket://127.0.0.1:9")
    printer = start_cups("DeadPrinter", problem_grace=30)
    future = printer.print_bytes(receipt.content, "receipt-dead")
    deadline = time.monotonic() + 10
    while "DeadPrinter-" not in private_cups.not_completed("DeadPrinter"):
        assert time.monotonic() < deadline, "the job never reached CUPS"
        time.sleep(0.1)
    job_number = int(re.search(r"DeadPrinter-(\d+)", private_cups.not_completed("DeadPrinter"))[1])

    private_cups.run("cupsdisable", "DeadPrinter")      # a technician stops the queue meanwhile

    error = failure_of(future)
    assert error.code == "PRINTER_QUEUE_STOPPED"
    assert recorder.wait_for(JobFailed, job_id="receipt-dead")
    assert private_cups.job_state(job_number) == ipp.JOB_CANCELED   # it cannot print a second copy later
    assert private_cups.not_completed("DeadPrinter") == ""


def test_closing_the_printer_gives_up_a_waiting_job_and_cancels_it_in_cups(private_cups, start_cups, receipt):
    private_cups.add_queue("ClosingPrinter", "socket://127.0.0.1:9")
    printer = start_cups("ClosingPrinter", problem_grace=60, job_timeout=60)
    future = printer.print_bytes(receipt.content, "receipt-closing")
    deadline = time.monotonic() + 10
    while "ClosingPrinter-" not in private_cups.not_completed("ClosingPrinter"):
        assert time.monotonic() < deadline, "the job never reached CUPS"
        time.sleep(0.1)
    started = time.monotonic()
    printer.shutdown()
    assert time.monotonic() - started < 5
    assert failure_of(future).code == "PRINTER_JOB_ABANDONED"
    assert private_cups.not_completed("ClosingPrinter") == ""


def test_a_job_the_printer_never_completes_times_out_and_is_cancelled(private_cups, start_cups, receipt):
    private_cups.add_queue("SilentPrinter", "socket://127.0.0.1:9")
    printer = start_cups("SilentPrinter", job_timeout=2)
    error = failure_of(printer.print_bytes(receipt.content, "receipt-slow"))
    assert error.code == "PRINTER_JOB_TIMEOUT"
    assert private_cups.not_completed("SilentPrinter") == ""


def test_a_missing_queue_is_nodevice(private_cups, start_cups, recorder):
    printer = start_cups("NoSuchQueue")
    assert printer.health is Health.NODEVICE
    assert recorder.of(ErrorEvent, code="PRINTER_QUEUE_MISSING")
    assert failure_of(printer.print_bytes(b"%PDF-1.4", "x")).code == "PRINTER_QUEUE_MISSING"


def test_an_unreachable_cups_server_is_offline(recorder):
    printer = CupsPrinter("a4", "HallA4", listener=recorder, server="127.0.0.1:9", status_interval=0)
    printer.open()
    printer.claim()
    printer.enable()
    try:
        assert printer.health is Health.OFFLINE
        assert failure_of(printer.print_bytes(b"%PDF-1.4", "y")).code == "PRINTER_OFFLINE"
    finally:
        printer.shutdown()


def test_print_test_prints_a_chinese_test_page_with_a_qr_code(private_cups):
    code, text = print_test(f"cups://{private_cups.queue}?server={private_cups.server}")
    assert code == 0, text
    qr = text.rsplit(" ", 1)[1]
    output = private_cups.output_for("print-test-")
    assert pdf_page_count(output) == 1
    assert decode_qr(pdf_pages(output.read_bytes())[0]) == [qr]


def test_print_test_on_a_missing_queue_exits_non_zero_with_one_line(private_cups):
    code, text = print_test(f"cups://NoSuchQueue?server={private_cups.server}")
    assert code == 1
    assert "\n" not in text and text.startswith("[PRINTER_QUEUE_MISSING]")


def test_the_manager_brings_up_a_cups_printer_from_config(private_cups, recorder, receipt):
    manager = DeviceManager({"a4_printer": {"driver": "cups", "queue": private_cups.queue,
                                            "server": private_cups.server, "status_interval_s": 0}},
                            listener=recorder)
    manager.start()
    try:
        assert manager.health() == {"a4_printer": Health.ONLINE}
        manager.get("a4_printer").print_bytes(receipt.content, "via-manager").result(timeout=60)
        assert private_cups.output_for("via-manager")
    finally:
        manager.stop()


def test_two_jobs_at_once_print_one_after_the_other(private_cups, start_cups, receipt):
    printer = start_cups()
    results: list[object] = []
    threads = [threading.Thread(target=lambda n=n: results.append(
        printer.print_bytes(receipt.content, f"parallel-{n}").result(timeout=60))) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert results == [None, None]
    assert private_cups.output_for("parallel-0") and private_cups.output_for("parallel-1")


@pytest.mark.parametrize("attributes, health, code", [
    ({"printer-state": [3], "printer-state-reasons": ["none"]}, Health.ONLINE, None),
    ({"printer-state": [3], "printer-state-reasons": ["media-empty-error"]}, Health.USERERROR, "PRINTER_PAPER_OUT"),
    ({"printer-state": [3], "printer-state-reasons": ["media-needed"]}, Health.USERERROR, "PRINTER_PAPER_OUT"),
    ({"printer-state": [3], "printer-state-reasons": ["media-low-warning"]}, Health.ONLINE, None),
    ({"printer-state": [3], "printer-state-reasons": ["door-open-error"]}, Health.USERERROR, "PRINTER_COVER_OPEN"),
    ({"printer-state": [3], "printer-state-reasons": ["media-jam-error"]}, Health.USERERROR, "PRINTER_PAPER_JAM"),
    ({"printer-state": [4], "printer-state-reasons": ["offline-report"]}, Health.OFFLINE, "PRINTER_OFFLINE"),
    ({"printer-state": [3], "printer-state-reasons": ["cups-insecure-filter-warning"]}, Health.ONLINE, None),
    ({"printer-state": [3], "printer-state-reasons": ["other-error"]}, Health.HWERROR, "PRINTER_HW_ERROR"),
    ({"printer-state": [5], "printer-state-reasons": ["paused"]}, Health.OFFLINE, "PRINTER_QUEUE_STOPPED"),
    ({"printer-state": [3], "printer-is-accepting-jobs": [False]}, Health.OFFLINE, "PRINTER_QUEUE_STOPPED"),
])
def test_printer_state_reasons_map_to_health_and_codes(attributes, health, code):
    status = status_from_ipp(attributes)
    assert status.health is health
    problem = status.problem()
    assert (problem.code if problem else None) == code


def test_registry_builds_the_cups_driver_and_refuses_a_bad_queue():
    printer = create_device("a4_printer", {"driver": "cups", "queue": "HallA4", "server": "127.0.0.1:631"})
    assert isinstance(printer, CupsPrinter) and printer.server == "127.0.0.1:631"
    with pytest.raises(DeviceError) as caught:
        create_device("a4_printer", {"driver": "cups", "queue": ""})
    assert caught.value.code == "PRINTER_CONFIG_INVALID"


def test_lp_itself_sees_the_private_server(private_cups):
    # The fixture's own sanity check: the real /etc/cups was not used (cups-pdf wrote into our directory).
    out = subprocess.run(["lpstat", "-h", private_cups.server, "-v", private_cups.queue], capture_output=True,
                         text=True, check=True).stdout
    assert "cups-pdf:/" in out
