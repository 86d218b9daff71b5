"""Issuing tickets: numbering, idempotency, one open ticket per person, estimates, refusals."""

from __future__ import annotations

import uuid

from hall_fixtures import PERSON_A, PERSON_B, LiveHall, assert_error, hall_config, start_hall


def test_numbers_run_per_prefix_and_the_answer_carries_an_estimate(hall: LiveHall) -> None:
    first, second = hall.issue("general"), hall.issue("general")
    social = hall.issue("social")
    assert (first["number"], second["number"], social["number"]) == ("A001", "A002", "B001")
    assert first["service_name"] == "综合业务" and first["state"] == "waiting"
    assert (first["waiting_ahead"], second["waiting_ahead"], social["waiting_ahead"]) == (0, 1, 0)
    # 300 s default service time, position 2, three open counters serve "general" (1, 2, 4)
    assert second["estimated_wait_s"] == 2 * 300 // 3
    assert "仅供参考" in second["estimate_note"]
    assert first["issued_at"].startswith("2026-03-02T09:00:00")


def test_the_same_request_id_returns_the_same_ticket_and_issues_nothing(hall: LiveHall) -> None:
    body = {"service_code": "general", "client_request_id": "kiosk1-req-0001"}
    created = hall.http("kiosk").post("/v1/tickets", json=body)
    again = hall.http("kiosk").post("/v1/tickets", json=body)
    assert (created.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == created.json()["id"] and again.json()["number"] == "A001"
    assert hall.issue("general")["number"] == "A002"  # the retry did not use up a number


def test_a_request_id_reused_for_a_different_ticket_is_refused(hall: LiveHall) -> None:
    hall.http("kiosk").post("/v1/tickets", json={"service_code": "general", "client_request_id": "same-id-0001"})
    version = hall.snapshot()["version"]
    response = hall.http("kiosk").post("/v1/tickets", json={"service_code": "social",
                                                              "client_request_id": "same-id-0001"})
    assert_error(response, 409, "REQUEST_ID_REUSED")
    assert hall.snapshot()["version"] == version


def test_one_open_ticket_per_person_per_service_per_day(hall: LiveHall) -> None:
    mine = hall.issue("general", person_hmac=PERSON_A)
    response = hall.http("kiosk2").post("/v1/tickets", json={
        "service_code": "general", "client_request_id": uuid.uuid4().hex, "person_hmac": PERSON_A})
    body = assert_error(response, 409, "TICKET_ALREADY_OPEN")
    assert body["existing_number"] == mine["number"]
    assert body["message"] == "您今天已经取过这项业务的号，请留意叫号。"
    assert hall.issue("social", person_hmac=PERSON_A)["number"] == "B001"   # another service: fine
    assert hall.issue("general", person_hmac=PERSON_B)["number"] == "A002"  # another person: fine
    # Once served, the same person may queue again for the same service.
    hall.call("2")
    assert hall.counter("2", "start").status_code == 200
    assert hall.counter("2", "finish").status_code == 200
    assert hall.issue("general", person_hmac=PERSON_A)["number"] == "A003"


def test_unknown_service_is_refused_and_uses_no_number(hall: LiveHall) -> None:
    response = hall.http("kiosk").post("/v1/tickets", json={"service_code": "visa", "client_request_id": "r-000001"})
    assert_error(response, 422, "SERVICE_UNKNOWN")
    assert hall.issue("general")["number"] == "A001"
    assert hall.snapshot()["waiting"][0]["number"] == "A001" and len(hall.snapshot()["waiting"]) == 1


def test_numbers_run_out_at_max_number(db_url: str) -> None:
    live = start_hall(db_url, hall_config(max_number=9))
    try:
        numbers = [live.issue("general")["number"] for _ in range(9)]
        assert numbers[-1] == "A009"
        response = live.http("kiosk").post("/v1/tickets", json={"service_code": "general",
                                                                 "client_request_id": uuid.uuid4().hex})
        assert_error(response, 409, "NUMBERS_EXHAUSTED")
        assert live.issue("social")["number"] == "B001"
        assert len(live.snapshot()["waiting"]) == 10
    finally:
        live.close()


def test_a_ticket_can_be_read_and_cancelled_once(hall: LiveHall) -> None:
    first, second = hall.issue("general"), hall.issue("general")
    read = hall.http("kiosk").get(f"/v1/tickets/{second['id']}")
    assert read.status_code == 200 and read.json()["waiting_ahead"] == 1
    cancelled = hall.http("kiosk").post(f"/v1/tickets/{first['id']}/cancel")
    assert cancelled.status_code == 200 and cancelled.json()["state"] == "cancelled"
    assert hall.http("kiosk").get(f"/v1/tickets/{second['id']}").json()["waiting_ahead"] == 0
    assert_error(hall.http("kiosk").post(f"/v1/tickets/{first['id']}/cancel"), 409, "TICKET_STATE")
    assert_error(hall.http("kiosk").get(f"/v1/tickets/{uuid.uuid4()}"), 404, "TICKET_UNKNOWN")
    assert hall.call("2")["number"] == "A002"


def test_offline_numbers_from_the_reserved_range_join_the_queue_in_issue_order(hall: LiveHall) -> None:
    online = hall.issue("general")
    hall.clock.advance(60)
    offline_body = {"service_code": "general", "client_request_id": "offline-0001", "number": "A9000",
                    "issued_at": "2026-03-02T08:59:30+08:00"}
    registered = hall.http("kiosk").post("/v1/tickets/offline", json=offline_body)
    assert registered.status_code == 201, registered.text
    assert registered.json()["offline"] is True and registered.json()["number"] == "A9000"
    assert hall.http("kiosk").post("/v1/tickets/offline", json=offline_body).status_code == 200  # idempotent
    assert [t["number"] for t in hall.snapshot()["waiting"]] == ["A9000", online["number"]]
    # Another kiosk's range, a wrong prefix, and yesterday are all refused.
    for who, number, at, status, code in (
            ("kiosk2", "A9001", "2026-03-02T09:00:00+08:00", 422, "OFFLINE_NUMBER_INVALID"),
            ("kiosk", "B9001", "2026-03-02T09:00:00+08:00", 422, "OFFLINE_NUMBER_INVALID"),
            ("kiosk", "A9002", "2026-03-01T17:00:00+08:00", 409, "OFFLINE_DAY_PASSED")):
        response = hall.http(who).post("/v1/tickets/offline", json={
            "service_code": "general", "client_request_id": uuid.uuid4().hex, "number": number, "issued_at": at})
        assert_error(response, status, code)
    taken = hall.http("kiosk").post("/v1/tickets/offline", json={**offline_body, "client_request_id": "offline-2"})
    assert_error(taken, 409, "OFFLINE_NUMBER_TAKEN")
    assert len(hall.snapshot()["waiting"]) == 2
