"""core.queueing against a real hall server: typed results, typed errors, the link state, the listener."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from hall_fixtures import PERSON_A, T0, TOKENS, FakeClock, LiveHall, Recorder, start_hall

from core.events import EventBus
from core.queueing import (
    CounterChanged,
    HallAuthError,
    HallClient,
    HallInvalidInput,
    HallLinkState,
    HallLinkStatusChanged,
    HallListener,
    HallNotFound,
    HallRequestRefused,
    HallUnavailable,
    OfflineTickets,
    OfflineTicketsReconciled,
    Priority,
    QueueSnapshot,
    TicketCalled,
    TicketState,
)
from hall_server.embedded import start_in_thread


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def test_typed_results_for_a_whole_visit(hall: LiveHall) -> None:
    kiosk, counter = hall.client("kiosk"), hall.client("counter")
    ticket = kiosk.issue_ticket("general", priority=Priority.ELDERLY, person_hmac=PERSON_A)
    assert (ticket.number, ticket.state, ticket.priority) == ("A001", TicketState.WAITING, Priority.ELDERLY)
    assert ticket.waiting_ahead == 0 and ticket.estimated_wait_s is not None and not ticket.provisional
    called = counter.call_next("1", "c001")
    assert called is not None and called.id == ticket.id and called.counter_name == "1号窗口"
    assert counter.recall("1").recall_count == 1
    assert counter.start("1", ticket_id=ticket.id).state is TicketState.SERVING
    assert counter.finish("1").state is TicketState.FINISHED
    assert counter.call_next("1", "c001") is None
    paused = counter.pause("1", "c001", "午休")
    assert paused.paused and paused.pause_reason == "午休"
    assert not counter.resume("1", "c001").paused
    snapshot = counter.snapshot()
    assert snapshot.hall_name == "测试大厅" and [s.code for s in snapshot.services][:2] == ["general", "social"]
    stats = counter.stats()
    assert stats.hall.served == 1 and stats.by_clerk["c001"].tickets == 1


def test_typed_errors_carry_the_code_and_a_calm_sentence(hall: LiveHall) -> None:
    kiosk, counter = hall.client("kiosk"), hall.client("counter")
    kiosk.issue_ticket("general", person_hmac=PERSON_A)
    with pytest.raises(HallRequestRefused) as refused:
        kiosk.issue_ticket("general", person_hmac=PERSON_A)
    assert refused.value.code == "TICKET_ALREADY_OPEN" and refused.value.body["existing_number"] == "A001"
    assert refused.value.user_message == "您今天已经取过这项业务的号，请留意叫号。"
    with pytest.raises(HallInvalidInput) as invalid:
        kiosk.issue_ticket("visa")
    assert invalid.value.code == "SERVICE_UNKNOWN"
    with pytest.raises(HallNotFound) as missing:
        counter.call_next("99", "c001")
    assert missing.value.code == "COUNTER_UNKNOWN"
    with pytest.raises(HallAuthError) as forbidden:
        kiosk.call_next("1", "c001")
    assert forbidden.value.code == "AUTH_ROLE_FORBIDDEN"
    counter.pause("2", "c002", "会议")
    with pytest.raises(HallRequestRefused) as paused:
        counter.call_next("2", "c002")
    assert paused.value.code == "COUNTER_PAUSED" and "暂停" in paused.value.user_message


def test_an_unreachable_server_is_a_clear_state_not_a_hang() -> None:
    bus = EventBus()
    recorder = Recorder(bus)
    with HallClient(_closed_port_url(), "whatever-token", timeout=2, bus=bus) as client, \
            pytest.raises(HallUnavailable) as unreachable:
        client.issue_ticket("general")
    assert unreachable.value.code == "HALL_UNREACHABLE"
    assert unreachable.value.user_message == "取号服务暂时无法连接，请稍候或到咨询台取号。"
    [change] = recorder.of(HallLinkStatusChanged)
    assert (change.previous, change.state, change.code) == (HallLinkState.CONNECTING, HallLinkState.OFFLINE,
                                                            "HALL_UNREACHABLE")


def test_a_wrong_token_takes_the_link_offline_with_its_code(hall: LiveHall) -> None:
    bus = EventBus()
    recorder = Recorder(bus)
    client = HallClient(hall.url, "wrong-token-value", bus=bus)
    try:
        with pytest.raises(HallAuthError):
            client.snapshot()
    finally:
        client.close()
    assert recorder.of(HallLinkStatusChanged)[-1].code == "AUTH_TOKEN_INVALID"


def test_the_listener_mirrors_the_hall_and_announces_calls(hall: LiveHall) -> None:
    bus = EventBus()
    recorder = Recorder(bus)
    display = hall.client("display", bus=bus)
    kiosk, counter = hall.client("kiosk"), hall.client("counter")
    listener = HallListener(display, bus)
    listener.start()
    try:
        recorder.wait_for(QueueSnapshot)
        first = kiosk.issue_ticket("general")
        kiosk.issue_ticket("social")
        kiosk.issue_ticket("general")
        counter.call_next("2", "c002")
        counter.recall("2")
        counter.call_next("3", "c003")
        counter.start("3")
        counter.transfer("3", to_service_code="property")
        counter.pause("1", "c001", "午休")
        called = recorder.wait_for(TicketCalled, lambda e: not e.recall)
        assert (called.ticket.id, called.counter_id, called.counter_name) == (first.id, "2", "2号窗口")
        assert recorder.wait_for(TicketCalled, lambda e: e.recall).ticket.recall_count == 1
        recorder.wait_for(CounterChanged, lambda e: e.counter.paused)
        server = counter.snapshot()
        mirrored = recorder.wait_for(QueueSnapshot, lambda e: e.snapshot.version == server.version).snapshot
        assert [t.id for t in mirrored.waiting] == [t.id for t in server.waiting]
        assert [(c.id, c.paused, c.current.id if c.current else None) for c in mirrored.counters] == [
            (c.id, c.paused, c.current.id if c.current else None) for c in server.counters]
        assert [s.waiting for s in mirrored.services] == [s.waiting for s in server.services]
        assert [a.version for a in mirrored.recent_calls] == [a.version for a in server.recent_calls]
        assert [a.ticket.number for a in mirrored.recent_calls] == ["B001", "A001", "A001"]
    finally:
        listener.stop()


def test_the_listener_survives_a_server_restart_and_resyncs(db_url: str) -> None:
    clock = FakeClock()
    live = start_hall(db_url, clock=clock)
    port = int(live.url.rsplit(":", 1)[1])
    bus = EventBus()
    recorder = Recorder(bus)
    display = HallClient(live.url, TOKENS["display"], bus=bus, timeout=2)
    listener = HallListener(display, bus, backoff=(0.1, 0.2))
    listener.start()
    restarted = None
    try:
        recorder.wait_for(HallLinkStatusChanged, lambda e: e.state is HallLinkState.ONLINE)
        live.close()
        recorder.wait_for(HallLinkStatusChanged, lambda e: e.state is HallLinkState.OFFLINE)
        restarted = start_in_thread(db_url, live.running.service.config, port=port, now=clock)
        with HallClient(restarted.url, TOKENS["kiosk"]) as kiosk, HallClient(restarted.url, TOKENS["counter"]) as desk:
            kiosk.issue_ticket("general")
            recorder.wait_for(HallLinkStatusChanged, lambda e: e.state is HallLinkState.ONLINE
                              and e.previous is HallLinkState.OFFLINE)
            desk.call_next("1", "c001")
        assert recorder.wait_for(TicketCalled).ticket.number == "A001"
    finally:
        listener.stop()
        display.close()
        if restarted is not None:
            restarted.stop()


def test_degraded_mode_issues_reserved_numbers_and_reconciles_them(db_url: str, tmp_path: Path) -> None:
    bus = EventBus()
    recorder = Recorder(bus)
    journal = tmp_path / "offline.json"
    offline = OfflineTickets((9000, 9099), services={"general": ("A", "综合业务")}, journal=journal,
                             now=FakeClock())
    away = HallClient(_closed_port_url(), TOKENS["kiosk"], bus=bus, offline=offline, timeout=1)
    first = away.issue_ticket("general")
    second = away.issue_ticket("general", person_hmac=PERSON_A)
    away.close()
    assert (first.number, second.number) == ("A9000", "A9001") and first.provisional and first.offline
    with pytest.raises(HallUnavailable) as unknown:
        offline.issue("social")
    assert unknown.value.code == "HALL_OFFLINE_UNKNOWN_SERVICE"
    # A restarted kiosk still knows what it has to report.
    reloaded = OfflineTickets((9000, 9099), journal=journal, now=FakeClock())
    assert [p.number for p in reloaded.pending()] == ["A9000", "A9001"]

    live = start_hall(db_url, clock=FakeClock(T0 + 600))  # the server is back ten minutes later
    try:
        back = live.client("kiosk", bus=bus, offline=reloaded)
        fresh = back.issue_ticket("general")  # reports the offline ones first, then issues
        event = recorder.wait_for(OfflineTicketsReconciled)
        assert event.accepted == ("A9000", "A9001") and event.rejected == ()
        assert reloaded.pending() == []
        waiting = [t.number for t in back.snapshot().waiting]
        assert waiting == ["A9000", "A9001", fresh.number] and fresh.number == "A001"
        with pytest.raises(HallRequestRefused):  # the person who got A9001 offline is known now
            back.issue_ticket("general", person_hmac=PERSON_A)
    finally:
        live.close()


def test_degraded_mode_is_off_unless_given() -> None:
    client = HallClient(_closed_port_url(), TOKENS["kiosk"], timeout=1)
    try:
        with pytest.raises(HallUnavailable):
            client.issue_ticket("general")
    finally:
        client.close()
