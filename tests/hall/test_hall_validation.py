"""Malformed requests: 422 with a stable code and a Chinese reason naming the field; nothing changes."""

from __future__ import annotations

import pytest
from hall_fixtures import LiveHall, assert_error


@pytest.mark.parametrize(("path", "content", "field"), [
    ("/v1/tickets", b'{"service_code": "general", ', "请求体"),
    ("/v1/tickets", b'["general"]', "请求体"),
    ("/v1/tickets", b'{"service_code": "general"}', "client_request_id"),
    ("/v1/tickets", b'{"service_code": "general", "client_request_id": "x"}', "client_request_id"),
    ("/v1/tickets", b'{"service_code": "general", "client_request_id": "abcdefgh", "colour": "red"}', "colour"),
    ("/v1/tickets", b'{"service_code": "general", "client_request_id": "abcdefgh", "priority": "vip"}', "priority"),
    ("/v1/tickets", b'{"service_code": "general", "client_request_id": "abcdefgh", "person_hmac": "1234"}',
     "person_hmac"),
    ("/v1/tickets/offline", b'{"service_code": "general", "client_request_id": "abcdefgh", "number": "A9000", '
                            b'"issued_at": "yesterday"}', "issued_at"),
])
def test_malformed_ticket_requests(hall: LiveHall, path: str, content: bytes, field: str) -> None:
    version = hall.snapshot()["version"]
    response = hall.http("kiosk").post(path, content=content, headers={"Content-Type": "application/json"})
    body = assert_error(response, 422, "REQUEST_INVALID")
    assert body["message"].startswith("请求内容有误：") and field in body["message"]
    assert any(error["field"] == field for error in body["errors"])
    assert hall.snapshot()["version"] == version


@pytest.mark.parametrize(("step", "body", "field"), [
    ("call-next", {}, "clerk_id"),
    ("call-next", {"clerk_id": "c 001"}, "clerk_id"),
    ("pause", {"clerk_id": "c001"}, "reason"),
    ("pause", {"clerk_id": "c001", "reason": ""}, "reason"),
    ("transfer", {}, "请求体"),
    ("start", {"ticket_id": "not-a-uuid"}, "ticket_id"),
])
def test_malformed_counter_requests(hall: LiveHall, step: str, body: dict, field: str) -> None:
    hall.issue("general")
    hall.call("1") if step == "transfer" else None
    version = hall.snapshot()["version"]
    response = hall.counter("1", step, **body)
    error = assert_error(response, 422, "REQUEST_INVALID")
    assert field in error["message"], error
    assert hall.snapshot()["version"] == version


def test_bad_paths_dates_and_methods(hall: LiveHall) -> None:
    assert_error(hall.http("counter").get("/v1/stats", params={"date": "2026-13-40"}), 422, "STATS_DATE_INVALID")
    assert_error(hall.counter("bad id!", "call-next", clerk_id="c001"), 422, "REQUEST_INVALID")
    assert_error(hall.http("kiosk").get("/v1/tickets/not-a-uuid"), 422, "REQUEST_INVALID")
    assert_error(hall.http("kiosk").get("/v2/nothing"), 404, "ROUTE_UNKNOWN")
    assert_error(hall.http("kiosk").delete("/v1/tickets"), 405, "METHOD_NOT_ALLOWED")


def test_openapi_documents_every_endpoint(hall: LiveHall) -> None:
    spec = hall.http("display").get("/openapi.json").json()
    paths = set(spec["paths"])
    expected = {"/v1/tickets", "/v1/tickets/offline", "/v1/tickets/{ticket_id}", "/v1/tickets/{ticket_id}/cancel",
                "/v1/snapshot", "/v1/events", "/v1/stats", "/v1/health"} | {
                   f"/v1/counters/{{counter_id}}/{step}" for step in
                   ("call-next", "recall", "no-show", "start", "finish", "transfer", "pause", "resume")}
    assert expected <= paths
    assert "ErrorOut" in spec["components"]["schemas"]
    assert set(spec["paths"]["/v1/tickets"]["post"]["responses"]) >= {"200", "201", "401", "403", "409", "422"}
