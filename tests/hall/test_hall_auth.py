"""Bearer tokens and roles: each refusal has its status and code, and changes nothing."""

from __future__ import annotations

import httpx
import pytest
from hall_fixtures import LiveHall, assert_error


def test_missing_and_wrong_tokens_are_401(hall: LiveHall) -> None:
    body = {"service_code": "general", "client_request_id": "auth-test-001"}
    with httpx.Client(base_url=hall.url) as anonymous:
        assert_error(anonymous.post("/v1/tickets", json=body), 401, "AUTH_TOKEN_MISSING")
        assert_error(anonymous.post("/v1/tickets", json=body, headers={"Authorization": "Basic eDp5"}), 401,
                     "AUTH_TOKEN_MISSING")
        wrong = anonymous.post("/v1/tickets", json=body, headers={"Authorization": "Bearer not-a-real-token"})
        assert_error(wrong, 401, "AUTH_TOKEN_INVALID")
        assert "not-a-real-token" not in wrong.text
        assert anonymous.get("/v1/health").status_code == 200  # liveness needs no token
    assert hall.snapshot()["waiting"] == []


@pytest.mark.parametrize(("who", "method", "path", "body"), [
    ("kiosk", "POST", "/v1/counters/1/call-next", {"clerk_id": "c001"}),
    ("kiosk", "POST", "/v1/counters/1/pause", {"clerk_id": "c001", "reason": "午休"}),
    ("kiosk", "GET", "/v1/stats", None),
    ("display", "POST", "/v1/tickets", {"service_code": "general", "client_request_id": "display-req-1"}),
    ("display", "POST", "/v1/counters/1/call-next", {"clerk_id": "c001"}),
    ("counter", "POST", "/v1/tickets", {"service_code": "general", "client_request_id": "counter-req-1"}),
])
def test_roles_may_only_do_their_own_work(hall: LiveHall, who: str, method: str, path: str,
                                          body: dict | None) -> None:
    hall.issue("general")
    version = hall.snapshot()["version"]
    assert_error(hall.http(who).request(method, path, json=body), 403, "AUTH_ROLE_FORBIDDEN")
    snapshot = hall.snapshot()
    assert snapshot["version"] == version and [t["number"] for t in snapshot["waiting"]] == ["A001"]


def test_a_counter_token_bound_to_its_window_cannot_call_for_another(hall: LiveHall) -> None:
    hall.issue("general")
    assert_error(hall.counter("1", "call-next", who="counter2", clerk_id="c002"), 403, "AUTH_COUNTER_FORBIDDEN")
    assert len(hall.snapshot()["waiting"]) == 1
    assert hall.counter("2", "call-next", who="counter2", clerk_id="c002").status_code == 200


def test_admin_may_do_everything(hall: LiveHall) -> None:
    assert hall.issue("general", who="admin")["number"] == "A001"
    assert hall.counter("1", "call-next", who="admin", clerk_id="boss").status_code == 200
    assert hall.http("admin").get("/v1/stats").status_code == 200
