"""The ``escpos`` receipt printer driver against the capture printer: real sockets and a real pty, the
ESC/POS read back with core.documents.escpos_reader and the QR decoded with zxing-cpp."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

import pytest
from printer_checks import decode_qr

from core.documents.escpos_reader import read_escpos
from core.documents.keys import SigningKey
from core.documents.ticket import TicketData, render_ticket
from devices.base import DeviceError, ErrorEvent, Health, OutputComplete, StatusChanged
from devices.manager import DeviceManager
from devices.printers.capture import CapturePrinter
from devices.printers.codes import JobFailed
from devices.printers.escpos_printer import EscposPrinter
from devices.registry import create_device

pytest_plugins = ["printer_fixtures"]

TICKET = TicketData(number="A012", service="公共场所卫生许可证核发（新办）", waiting_ahead=5,
                    estimated_wait_minutes=15, issued_at=datetime(2026, 3, 2, 1, 10, tzinfo=UTC),
                    hall_name="长沙市芙蓉区政务服务中心")


@pytest.fixture(scope="module")
def key() -> SigningKey:
    return SigningKey.generate()


@pytest.fixture
def start_printer(recorder):
    """Open, claim and enable an EscposPrinter on ``url``; shut down after the test."""
    started: list[EscposPrinter] = []

    def start(url: str, **options) -> EscposPrinter:
        options.setdefault("status_interval", 0)
        options.setdefault("job_timeout", 2.0)
        printer = EscposPrinter("receipt", url, listener=recorder, **options)
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
        future.result(timeout=10)
    return caught.value


def test_a_ticket_prints_and_reads_back_with_its_number_service_and_qr(capture, start_printer, recorder, key):
    ticket = render_ticket(TICKET, 80, key=key)
    printer = start_printer(capture.url)
    assert printer.health is Health.ONLINE

    assert printer.print_bytes(ticket.content, "job-1").result(timeout=10) is None

    recorder.wait_for(OutputComplete, job_id="job-1")
    [job] = capture.store.wait_for(1)
    assert job.data == ticket.content and job.acknowledged
    document = read_escpos(job.data)
    text = "".join(document.lines)
    assert "A012" in text and "公共场所卫生许可证核发（新办）" in text
    assert "?" not in text
    assert decode_qr(document.images[0].to_pil()) == [ticket.token]
    assert printer.health is Health.ONLINE


def test_paper_out_fails_the_job_before_anything_is_sent(capture, start_printer, recorder, key):
    printer = start_printer(capture.url)
    capture.set_status("paper_out")

    error = failure_of(printer.print_bytes(render_ticket(TICKET, 80, key=key).content, "job-2"))

    assert error.code == "PRINTER_PAPER_OUT"
    assert "缺纸" in error.user_message
    failed = recorder.wait_for(JobFailed, job_id="job-2")[0]
    assert failed.code == "PRINTER_PAPER_OUT" and isinstance(failed, ErrorEvent)
    assert printer.health is Health.USERERROR
    assert capture.store.jobs() == []          # nothing half-printed

    capture.set_status("ok")
    printer.print_bytes(b"\x1b@after paper\n", "job-3").result(timeout=10)
    assert printer.health is Health.ONLINE
    assert capture.store.wait_for(1)[0].data == b"\x1b@after paper\n"


def test_cover_open_is_a_user_error_with_its_own_code(capture, start_printer):
    capture.set_status("cover_open")
    printer = start_printer(capture.url)
    assert printer.health is Health.USERERROR
    assert failure_of(printer.print_bytes(b"\x1b@x\n", "job-c")).code == "PRINTER_COVER_OPEN"


def test_paper_running_out_mid_job_fails_the_job(capture, start_printer, recorder, key):
    printer = start_printer(capture.url, job_timeout=1.0)
    capture.paper_out_after(200)

    error = failure_of(printer.print_bytes(render_ticket(TICKET, 80, key=key).content, "job-4"))

    assert error.code == "PRINTER_PAPER_OUT" and "part way" in error.detail
    assert recorder.wait_for(JobFailed, job_id="job-4")[0].code == "PRINTER_PAPER_OUT"
    assert printer.health is Health.USERERROR
    [job] = capture.store.wait_for(1)
    assert not job.acknowledged


def test_a_connection_dropped_mid_job_is_reported_as_a_failed_job(capture, start_printer, recorder, key):
    printer = start_printer(capture.url)
    capture.drop_next_job_after(100)

    error = failure_of(printer.print_bytes(render_ticket(TICKET, 80, key=key).content, "job-5"))

    assert error.code == "PRINTER_LOST_MID_JOB"
    assert recorder.wait_for(JobFailed, job_id="job-5")[0].code == "PRINTER_LOST_MID_JOB"
    assert not recorder.of(OutputComplete, job_id="job-5")
    assert capture.store.wait_for(1)[0].dropped
    # The next job goes through on a new connection.
    printer.print_bytes(b"\x1b@next\n", "job-6").result(timeout=10)
    assert printer.health is Health.ONLINE


def test_an_unreachable_printer_is_offline_and_its_job_fails(start_printer, recorder):
    with CapturePrinter() as gone:
        url = gone.start_tcp()
    printer = start_printer(url)   # claim does not fail: a network printer may come back any time
    assert printer.health is Health.OFFLINE
    error = failure_of(printer.print_bytes(b"\x1b@x\n", "job-7"))
    assert error.code == "PRINTER_OFFLINE"
    assert recorder.wait_for(JobFailed, job_id="job-7")


def test_a_printer_that_never_answers_status_is_offline(capture, start_printer):
    capture.set_silent(True)
    printer = start_printer(capture.url)
    assert printer.health is Health.OFFLINE
    assert failure_of(printer.print_bytes(b"\x1b@x\n", "job-8")).code == "PRINTER_OFFLINE"


def test_status_off_prints_to_a_printer_that_never_answers(capture, start_printer):
    capture.set_silent(True)
    printer = start_printer(capture.url, status_query=False)
    printer.print_bytes(b"\x1b@plain\n", "job-9").result(timeout=10)
    assert capture.store.wait_for(1)[0].data == b"\x1b@plain\n"


def test_status_queries_inside_image_data_do_not_confuse_the_job(capture, start_printer):
    # A raster image whose bytes contain DLE EOT 1: the printer answers it (real-time command), and the
    # driver must skip that answer while waiting for the GS r receipt.
    image = b"\x1d\x76\x30\x00\x02\x00\x02\x00" + b"\x10\x04\x01\xff"
    job = b"\x1b@" + image + b"\x1dV\x00"
    printer = start_printer(capture.url)
    printer.print_bytes(job, "job-img").result(timeout=10)
    [captured] = capture.store.wait_for(1)
    assert captured.data == job and captured.acknowledged
    assert len(read_escpos(captured.data).images) == 1


def test_health_ticks_follow_the_printer_between_jobs(capture, start_printer, recorder):
    printer = start_printer(capture.url, status_interval=0.1)
    capture.set_status("paper_out")
    recorder.wait_for(StatusChanged, health=Health.USERERROR)
    assert recorder.wait_for(ErrorEvent, code="PRINTER_PAPER_OUT")
    capture.set_status("ok")
    recorder.wait_for(StatusChanged, health=Health.ONLINE, count=2)
    # Told once per episode, not once per tick.
    assert len([e for e in recorder.of(ErrorEvent, code="PRINTER_PAPER_OUT") if not isinstance(e, JobFailed)]) == 1
    capture.set_status("paper_low")
    assert recorder.wait_for(ErrorEvent, code="PRINTER_PAPER_LOW")
    assert printer.health is Health.ONLINE       # near end is a warning, the printer still prints


def test_a_pdf_is_refused_by_a_receipt_printer(capture, start_printer):
    printer = start_printer(capture.url)
    assert failure_of(printer.print_bytes(b"%PDF-1.4 ...", "job-pdf")).code == "PRINTER_UNSUPPORTED_DOCUMENT"
    assert capture.store.jobs() == []


def test_a_job_on_a_printer_that_is_not_enabled_fails_at_once(capture, recorder):
    printer = EscposPrinter("receipt", capture.url, listener=recorder, status_interval=0)
    error = failure_of(printer.print_bytes(b"\x1b@x\n", "job-early"))
    assert error.code == "PRINTER_NOT_ENABLED"
    assert recorder.of(JobFailed, job_id="job-early")


def test_closing_the_printer_ends_a_waiting_job_and_fails_the_queued_ones(capture, start_printer, recorder):
    printer = start_printer(capture.url, job_timeout=30)
    capture.paper_out_after(1)            # the first job waits for a receipt that will not come …
    futures = [printer.print_bytes(b"\x1b@job\n", f"queued-{n}") for n in range(3)]
    started = time.monotonic()
    closer = threading.Thread(target=printer.shutdown)
    closer.start()                        # … while the printer closes with the others still queued
    closer.join(10)
    assert time.monotonic() - started < 5   # a closing terminal does not wait out the job timeout
    assert failure_of(futures[0]).code == "PRINTER_JOB_ABANDONED"
    for future in futures[1:]:
        assert isinstance(future.exception(timeout=1), (DeviceError, RuntimeError))
    assert {e.job_id for e in recorder.of(JobFailed)} == {"queued-0", "queued-1", "queued-2"}


def test_serial_printer_on_a_pty_prints_and_reads_status(start_printer, recorder):
    with CapturePrinter() as serial_printer:
        url = serial_printer.start_pty()
        printer = start_printer(url)
        assert printer.health is Health.ONLINE
        printer.print_bytes(b"\x1b@\x1c&" + "串口打印".encode("gb18030") + b"\n", "job-s").result(timeout=10)
        [job] = serial_printer.store.wait_for(1)
        assert read_escpos(job.data).lines == ["串口打印"]
        serial_printer.set_status("paper_out")
        assert failure_of(printer.print_bytes(b"\x1b@x\n", "job-s2")).code == "PRINTER_PAPER_OUT"
        printer.shutdown()


def test_a_missing_serial_port_is_nodevice_and_claim_fails(recorder):
    printer = EscposPrinter("receipt", "serial:///dev/hallterm-no-such-port", listener=recorder, status_interval=0)
    printer.open()
    with pytest.raises(DeviceError) as caught:
        printer.claim()
    assert caught.value.code == "PRINTER_NOT_CONNECTED"
    assert printer.health is Health.NODEVICE
    printer.shutdown()


def test_file_transport_writes_the_job_without_status(tmp_path, start_printer):
    target = tmp_path / "lp0"
    printer = start_printer(f"file://{target}")
    assert printer.health is Health.ONLINE and not printer.reads_status
    printer.print_bytes(b"\x1b@one\n", "f1").result(timeout=10)
    printer.print_bytes(b"\x1b@two\n", "f2").result(timeout=10)
    assert target.read_bytes() == b"\x1b@one\n\x1b@two\n"


def test_the_registry_builds_the_driver_from_config(capture, recorder):
    printer = create_device("receipt_printer", {"driver": "escpos", "url": capture.url, "paper_width_mm": 58,
                                                "profile": "POS-5890", "encoding": "gbk", "qr": "native"}, recorder)
    assert isinstance(printer, EscposPrinter)
    assert (printer.paper_width_mm, printer.encoding, printer.native_qr, printer.chinese_mode) == (58, "gbk", True,
                                                                                                   True)


@pytest.mark.parametrize("config, fragment", [
    ({"driver": "escpos"}, "no url"),
    ({"driver": "escpos", "url": "lpt://x"}, "unknown printer URL scheme"),
    ({"driver": "escpos", "url": "tcp://h:9100", "paper_width_mm": 76}, "80 or 58"),
    ({"driver": "escpos", "url": "tcp://h:9100", "profile": "NoSuchPrinter"}, "unknown python-escpos profile"),
    ({"driver": "escpos", "url": "tcp://h:9100", "encoding": "big5"}, "gb18030, gbk, utf-8"),
    ({"driver": "escpos", "url": "usb://epson"}, "vendor and product"),
])
def test_bad_configuration_is_refused_with_a_clear_reason(config, fragment):
    with pytest.raises(DeviceError) as caught:
        create_device("receipt_printer", config)
    assert caught.value.code == "PRINTER_CONFIG_INVALID"
    assert fragment in caught.value.detail


def test_without_gs_r_a_job_counts_as_printed_when_the_status_after_it_is_clean(capture, start_printer):
    printer = start_printer(capture.url, confirm_jobs=False)
    printer.print_bytes(b"\x1b@no receipt\n", "job-n1").result(timeout=10)
    assert capture.store.wait_for(1)[0].data == b"\x1b@no receipt\n"
    capture.paper_out_after(1)
    error = failure_of(printer.print_bytes(b"\x1b@runs out\n", "job-n2"))
    assert error.code == "PRINTER_PAPER_OUT" and "may be incomplete" in error.detail


def test_a_serial_printer_unplugged_mid_job_fails_the_job_and_comes_back(tmp_path, recorder):
    link = str(tmp_path / "ttyPRINTER")
    first = CapturePrinter()
    url = first.start_pty(link=link)
    manager = DeviceManager({"receipt_printer": {"driver": "escpos", "url": url, "status_interval_s": 0.1,
                                                 "job_timeout_s": 2}},
                            listener=recorder, backoff_initial=0.05, backoff_max=0.2, watch_interval=0.05)
    manager.start()
    second = CapturePrinter()
    try:
        assert manager.health()["receipt_printer"] is Health.ONLINE
        first.stop()                                              # the cable is pulled

        error = failure_of(manager.get("receipt_printer").print_bytes(b"\x1b@lost\n", "job-u1"))
        assert error.code == "PRINTER_NOT_CONNECTED"
        assert recorder.wait_for(JobFailed, job_id="job-u1")
        recorder.wait_for(StatusChanged, health=Health.NODEVICE)

        second.start_pty(link=link)                               # … and plugged back in
        recorder.wait_for(StatusChanged, health=Health.ONLINE, count=2, timeout=10)
        manager.get("receipt_printer").print_bytes(b"\x1b@back\n", "job-u2").result(timeout=10)
        assert second.store.wait_for(1)[0].data == b"\x1b@back\n"
    finally:
        manager.stop()
        second.stop()
