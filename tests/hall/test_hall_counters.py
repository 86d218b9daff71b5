"""What a counter does, and what it is refused: call-next, recall, no-show, start, finish, transfer, pause."""

from __future__ import annotations

import threading

import httpx
from hall_fixtures import TOKENS, LiveHall, assert_error


def _waiting_numbers(hall: LiveHall) -> list[str]:
    return [t["number"] for t in hall.snapshot()["waiting"]]


def test_call_next_takes_the_oldest_ticket_of_the_counters_services_and_204_when_none(hall: LiveHall) -> None:
    hall.issue("property")
    hall.clock.advance(1)
    first = hall.issue("general")
    hall.clock.advance(1)
    hall.issue("general")
    called = hall.call("2", clerk="c002")
    assert called["id"] == first["id"] and called["state"] == "called"
    assert (called["counter_id"], called["counter_name"], called["clerk_id"]) == ("2", "2号窗口", "c002")
    assert hall.counter("2", "no-show").json()["state"] == "no_show"
    assert hall.call("2")["number"] == "A002"
    assert hall.counter("2", "no-show").status_code == 200
    assert hall.counter("2", "call-next", clerk_id="c002").status_code == 204  # counter 2 does not serve property
    assert _waiting_numbers(hall) == ["C001"]


def test_a_counter_holds_one_ticket_at_a_time(hall: LiveHall) -> None:
    hall.issue("general")
    hall.issue("general")
    current = hall.call("1")
    version = hall.snapshot()["version"]
    body = assert_error(hall.counter("1", "call-next", clerk_id="c001"), 409, "COUNTER_BUSY")
    assert body["ticket"]["number"] == current["number"]
    assert hall.snapshot()["version"] == version and _waiting_numbers(hall) == ["A002"]


def test_a_retried_call_next_with_the_same_request_id_returns_the_same_call(hall: LiveHall) -> None:
    hall.issue("general")
    hall.issue("general")
    first = hall.counter("1", "call-next", clerk_id="c001", client_request_id="call-req-0001")
    again = hall.counter("1", "call-next", clerk_id="c001", client_request_id="call-req-0001")
    assert (first.status_code, again.status_code) == (200, 200)
    assert again.json()["id"] == first.json()["id"]
    assert _waiting_numbers(hall) == ["A002"]


def test_recall_start_finish_and_their_refusals(hall: LiveHall) -> None:
    assert_error(hall.counter("1", "recall"), 409, "NO_ACTIVE_TICKET")
    hall.issue("general")
    ticket = hall.call("1")
    recalled = hall.counter("1", "recall")
    assert recalled.status_code == 200 and recalled.json()["recall_count"] == 1
    assert_error(hall.counter("1", "finish"), 409, "TICKET_STATE")  # not started yet
    hall.clock.advance(30)
    started = hall.counter("1", "start", ticket_id=ticket["id"]).json()
    assert started["state"] == "serving" and started["started_at"] is not None
    assert_error(hall.counter("1", "recall"), 409, "TICKET_STATE")  # serving: nobody to call again
    assert_error(hall.counter("1", "no-show"), 409, "TICKET_STATE")
    hall.clock.advance(240)
    finished = hall.counter("1", "finish").json()
    assert finished["state"] == "finished" and finished["finished_at"] is not None
    assert hall.snapshot()["counters"][0]["current"] is None
    # The finished service (240 s) now feeds the rolling mean behind the estimate.
    general = next(s for s in hall.snapshot()["services"] if s["code"] == "general")
    assert general["mean_service_s"] == 240.0


def test_an_action_naming_another_ticket_is_refused(hall: LiveHall) -> None:
    hall.issue("general")
    hall.issue("general")
    mine, theirs = hall.call("1"), hall.call("2")
    assert_error(hall.counter("1", "start", ticket_id=theirs["id"]), 409, "TICKET_STATE")
    assert hall.snapshot()["counters"][0]["current"]["state"] == "called"
    assert hall.counter("1", "start", ticket_id=mine["id"]).json()["state"] == "serving"


def test_transfer_keeps_the_number_and_can_name_a_counter(hall: LiveHall) -> None:
    ticket = hall.issue("general")
    hall.issue("general")
    hall.call("2")
    hall.counter("2", "start")
    moved = hall.counter("2", "transfer", to_service_code="social").json()
    assert (moved["number"], moved["service_code"], moved["state"]) == (ticket["number"], "social", "waiting")
    assert moved["transfer_count"] == 1 and moved["counter_id"] is None and moved["started_at"] is None
    # It keeps its place: counter 1 (general and social) calls it before the later A002.
    assert hall.call("1")["number"] == "A001"
    sent = hall.counter("1", "transfer", to_counter_id="3").json()
    assert sent["target_counter_id"] == "3" and sent["transfer_count"] == 2
    assert hall.call("4")["number"] == "A002"  # counter 4 may take A002 ...
    assert hall.counter("4", "no-show").status_code == 200
    assert hall.call("4") is None              # ... but not A001, which waits for counter 3
    assert hall.call("3")["number"] == "A001"
    assert_error(hall.counter("3", "transfer", to_counter_id="2"), 422, "SERVICE_NOT_AT_COUNTER")
    assert_error(hall.counter("3", "transfer", to_service_code="visa"), 422, "SERVICE_UNKNOWN")
    assert hall.snapshot()["counters"][2]["current"]["number"] == "A001"


def test_calls_on_a_paused_counter_are_refused_and_change_nothing(hall: LiveHall) -> None:
    hall.issue("general")
    paused = hall.counter("2", "pause", clerk_id="c002", reason="午休")
    assert paused.status_code == 200 and paused.json()["paused"] is True
    assert paused.json()["pause_reason"] == "午休"
    version = hall.snapshot()["version"]
    assert_error(hall.counter("2", "call-next", clerk_id="c002"), 409, "COUNTER_PAUSED")
    assert hall.snapshot()["version"] == version and _waiting_numbers(hall) == ["A001"]
    resumed = hall.counter("2", "resume", clerk_id="c002")
    assert resumed.status_code == 200 and resumed.json()["paused"] is False
    assert hall.call("2")["number"] == "A001"
    assert_error(hall.counter("2", "pause", clerk_id="c002", reason="会议"), 409, "COUNTER_BUSY")


def test_narrowing_services_and_unknown_counters(hall: LiveHall) -> None:
    hall.issue("general")
    hall.clock.advance(1)
    hall.issue("social")
    assert hall.call("1", service_codes=["social"])["number"] == "B001"
    assert_error(hall.counter("2", "call-next", clerk_id="c1", service_codes=["social"]), 422,
                 "SERVICE_NOT_AT_COUNTER")
    assert_error(hall.counter("2", "call-next", clerk_id="c1", service_codes=["visa"]), 422, "SERVICE_UNKNOWN")
    assert_error(hall.counter("99", "call-next", clerk_id="c1"), 404, "COUNTER_UNKNOWN")
    assert _waiting_numbers(hall) == ["A001"]


def test_two_counters_racing_for_one_ticket(hall: LiveHall) -> None:
    for _ in range(5):
        hall.issue("general")
        barrier = threading.Barrier(2)
        results: dict[str, int] = {}

        def race(counter_id: str, barrier: threading.Barrier = barrier, results: dict[str, int] = results) -> None:
            with httpx.Client(base_url=hall.url, headers={"Authorization": f"Bearer {TOKENS['counter']}"}) as http:
                barrier.wait()
                results[counter_id] = http.post(f"/v1/counters/{counter_id}/call-next",
                                                json={"clerk_id": f"c{counter_id}"}).status_code

        threads = [threading.Thread(target=race, args=(c,)) for c in ("1", "2")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(10)
        assert sorted(results.values()) == [200, 204]
        winner = next(c for c, status in results.items() if status == 200)
        assert hall.counter(winner, "no-show").status_code == 200
