"""``python -m hall_server`` as a real process: killed mid-day (SIGKILL, no shutdown), it loses no ticket."""

from __future__ import annotations

import signal
import uuid
from pathlib import Path

import httpx
from hall_fixtures import TOKENS, config_file, server_process


def _http(url: str, who: str) -> httpx.Client:
    return httpx.Client(base_url=url, timeout=10, headers={"Authorization": f"Bearer {TOKENS[who]}"})


def test_a_killed_server_restarts_with_every_ticket_and_call(db_url: str, tmp_path: Path) -> None:
    config = config_file(tmp_path)
    with server_process(db_url, config=config) as (process, url), \
            _http(url, "kiosk") as kiosk, _http(url, "counter") as counter:
        issued = [kiosk.post("/v1/tickets", json={"service_code": "general",
                                                   "client_request_id": uuid.uuid4().hex}).json() for _ in range(30)]
        called = counter.post("/v1/counters/2/call-next", json={"clerk_id": "c002"}).json()
        assert counter.post("/v1/counters/2/start").status_code == 200
        counter.post("/v1/counters/1/pause", json={"clerk_id": "c001", "reason": "系统维护"})
        before = kiosk.get("/v1/snapshot").json()
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    with server_process(db_url, config=config) as (_, url), \
            _http(url, "kiosk") as kiosk, _http(url, "display") as display:
        after = display.get("/v1/snapshot").json()
        assert after["version"] == before["version"]
        assert [t["id"] for t in after["waiting"]] == [t["id"] for t in issued[1:]]
        counters = {c["id"]: c for c in after["counters"]}
        assert counters["2"]["current"]["id"] == called["id"] and counters["2"]["current"]["state"] == "serving"
        assert counters["1"]["paused"] and counters["1"]["pause_reason"] == "系统维护"
        next_ticket = kiosk.post("/v1/tickets", json={"service_code": "general",
                                                       "client_request_id": uuid.uuid4().hex}).json()
        assert next_ticket["number"] == "A031"


def test_the_command_line_refuses_demo_tokens_off_loopback_and_bad_databases(tmp_path: Path) -> None:
    from hall_server.__main__ import main

    assert main(["--db", f"sqlite:///{tmp_path}/x.sqlite3", "--host", "0.0.0.0"]) == 2
    assert main(["--db", "mysql://nobody@nowhere/db"]) == 2
    assert main(["--db", f"sqlite:///{tmp_path}/x.sqlite3", "--config", str(tmp_path / "missing.toml")]) == 2


def test_several_instances_share_one_postgresql_hall(db_url: str, tmp_path: Path) -> None:
    """Two processes on one socket: whichever answers, every change reaches every event stream in order."""
    import json

    from core.queueing.sse import parse_sse

    config = config_file(tmp_path)
    if db_url.startswith("sqlite"):  # one writer process: refused before anything starts
        from hall_server.__main__ import main

        assert main(["--db", db_url, "--workers", "2", "--config", str(config), "--port", "0"]) == 2
        return
    with server_process(db_url, "--workers", "2", config=config) as (_, url), \
            _http(url, "kiosk") as kiosk, _http(url, "display") as display:
        start = display.get("/v1/snapshot").json()["version"]
        numbers = []
        with httpx.Client(base_url=url, timeout=10, headers={"Authorization": f"Bearer {TOKENS['display']}"}) as sse, \
                sse.stream("GET", "/v1/events", params={"since": start}) as stream:
            for _ in range(20):  # new connections: the kernel spreads them over both processes
                with _http(url, "kiosk") as fresh:
                    numbers.append(fresh.post("/v1/tickets", json={"service_code": "general",
                                                                    "client_request_id": uuid.uuid4().hex}).json())
            received = []
            for event in parse_sse(stream.iter_lines()):
                if event.event == "ticket_issued":
                    received.append(json.loads(event.data))
                    if len(received) == len(numbers):
                        break
        assert [a["version"] for a in received] == list(range(start + 1, start + 21))
        assert [a["ticket"]["number"] for a in received] == [t["number"] for t in numbers]
        assert kiosk.get("/v1/health").json()["database"] == "postgresql"
