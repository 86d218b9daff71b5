"""ui_common.services starts what each mode needs, on the real demo parts, and stops it cleanly."""

from __future__ import annotations

import threading
import time
import uuid

from core.queueing.events import TicketCalled
from tests.demo_terminal import demo_terminal
from ui_common.services import DEMO_HALL_URL_FILE


def test_kiosk_services_issue_print_and_reach_the_platform(tmp_path, qapp):
    with demo_terminal(tmp_path, "kiosk") as (ctx, services):
        assert services.problems == []
        assert ctx.devices.health()["idcard"].value == "online"
        ticket = ctx.hall.issue_ticket("general", client_request_id=uuid.uuid4().hex)
        assert ticket.number.startswith("A")
        assert ctx.central is not None and ctx.sync is services.sync_worker
        assert ctx.signing_key is not None
        assert ctx.printing.waiting() == []
    names = {t.name for t in threading.enumerate()}
    assert "hall-server" not in names and "hall-listener" not in names


def test_a_second_demo_terminal_shares_the_hall_server(tmp_path, qapp):
    with demo_terminal(tmp_path, "kiosk", name="kiosk") as (kiosk, _kiosk_services):
        assert (tmp_path / "data" / DEMO_HALL_URL_FILE).exists()
        with demo_terminal(tmp_path, "counter", name="counter",
                           wanted=frozenset({"hall"})) as (counter, counter_services):
            assert counter_services.hall_server is None   # it uses the kiosk's
            calls: list[TicketCalled] = []
            called = threading.Event()
            counter.bus.subscribe(TicketCalled, lambda e: (calls.append(e), called.set()))
            deadline = time.monotonic() + 10
            while counter_services.hall_listener.snapshot is None:   # calls before it are in the snapshot
                assert time.monotonic() < deadline, "the counter's listener never connected"
                time.sleep(0.02)
            ticket = kiosk.hall.issue_ticket("general", client_request_id=uuid.uuid4().hex)
            assert counter.hall.call_next("1", "clerk-1").number == ticket.number
            assert called.wait(10), "the counter's listener never saw the call"
            assert calls[0].ticket.number == ticket.number


def test_a_display_starts_only_the_hall_link(tmp_path, qapp):
    with demo_terminal(tmp_path, "display") as (ctx, _services):
        assert ctx.hall is not None and ctx.devices is None and ctx.printing is None and ctx.central is None


def test_each_document_kind_goes_to_the_printer_its_setting_names(tmp_path, qapp):
    from datetime import UTC, datetime

    from core.documents.ticket import TicketData, render_ticket

    overrides = {"printing.queue_ticket_printer": "none"}   # e.g. the ticket printer is being serviced
    with demo_terminal(tmp_path, "kiosk", overrides=overrides,
                       wanted=frozenset({"documents", "devices", "printing"})) as (ctx, _services):
        ticket = render_ticket(TicketData(number="A001", service="综合业务", waiting_ahead=0,
                                          estimated_wait_minutes=None, issued_at=datetime.now(UTC),
                                          hall_name="演示大厅"), key=ctx.signing_key)
        result = ctx.printing.print(ticket)
        assert not result.printed and result.reason_code == "PRINT_NO_PRINTER" and result.printer == "none"
        assert [job.job_id for job in ctx.printing.waiting()] == [result.job_id]
