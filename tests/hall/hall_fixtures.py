"""Building blocks of the hall tests: a test hall, a clock the test moves, and a running server.

Both backends run the same tests: the ``db_url`` fixture (conftest.py) is parametrised over SQLite (a
file in tmp_path) and PostgreSQL (a fresh database in the run's private cluster).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from core.events import Event, EventBus
from core.queueing import HallClient
from hall_server.config import HallConfig, config_from_mapping
from hall_server.embedded import RunningHallServer, start_in_thread

ROOT = Path(__file__).resolve().parents[2]
ZONE = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=ZONE).timestamp()  # a Monday, 09:00 in the hall
TOKENS = {"kiosk": "kiosk-token-0001", "counter": "counter-token-0001", "display": "display-token-0001",
          "admin": "admin-token-00001", "counter2": "counter2-only-token", "kiosk2": "kiosk2-token-0002"}
PERSON_A = "a" * 64
PERSON_B = "b" * 64


def hall_config(**overrides: Any) -> HallConfig:
    data: dict[str, Any] = {
        "hall_name": "测试大厅",
        "services": [{"code": "general", "prefix": "A", "name": "综合业务"},
                     {"code": "social", "prefix": "B", "name": "社保医保"},
                     {"code": "property", "prefix": "C", "name": "不动产"}],
        "counters": [{"id": "1", "name": "1号窗口", "services": ["general", "social"]},
                     {"id": "2", "name": "2号窗口", "services": ["general"]},
                     {"id": "3", "name": "3号窗口", "services": ["social", "property"]},
                     {"id": "4", "name": "4号窗口", "services": ["general", "social", "property"]}],
        "tokens": [{"token": TOKENS["kiosk"], "role": "kiosk", "terminal_id": "kiosk-1",
                    "reserved_numbers": [9000, 9099]},
                   {"token": TOKENS["kiosk2"], "role": "kiosk", "terminal_id": "kiosk-2",
                    "reserved_numbers": [9100, 9199]},
                   {"token": TOKENS["counter"], "role": "counter", "terminal_id": "counter-any"},
                   {"token": TOKENS["counter2"], "role": "counter", "terminal_id": "counter-2", "counter_id": "2"},
                   {"token": TOKENS["display"], "role": "display", "terminal_id": "display-1"},
                   {"token": TOKENS["admin"], "role": "admin", "terminal_id": "admin-1"}],
    }
    data.update(overrides)
    return config_from_mapping(data, source="test")


class FakeClock:
    """The hall's clock, moved by the test (``advance(seconds)``); thread-safe."""

    def __init__(self, start: float = T0) -> None:
        self._now = start
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += seconds


@dataclass
class LiveHall:
    running: RunningHallServer
    clock: FakeClock
    _http: dict[str, httpx.Client] = field(default_factory=dict)
    _clients: list[HallClient] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.running.url

    def http(self, who: str) -> httpx.Client:
        """A plain httpx client with ``who``'s token (kiosk, counter, display, admin, counter2, kiosk2)."""
        if who not in self._http:
            self._http[who] = httpx.Client(base_url=self.url, timeout=10,
                                           headers={"Authorization": f"Bearer {TOKENS[who]}"})
        return self._http[who]

    def client(self, who: str, **kwargs: Any) -> HallClient:
        client = HallClient(self.url, TOKENS[who], **kwargs)
        self._clients.append(client)
        return client

    def issue(self, service: str = "general", who: str = "kiosk", **body: Any) -> dict[str, Any]:
        response = self.http(who).post("/v1/tickets", json={"service_code": service,
                                                            "client_request_id": uuid.uuid4().hex, **body})
        assert response.status_code == 201, response.text
        return response.json()

    def counter(self, counter_id: str, step: str, who: str = "counter", **body: Any) -> httpx.Response:
        return self.http(who).post(f"/v1/counters/{counter_id}/{step}", json=body)

    def call(self, counter_id: str, clerk: str = "c001", **body: Any) -> dict[str, Any] | None:
        response = self.counter(counter_id, "call-next", clerk_id=clerk, **body)
        assert response.status_code in (200, 204), response.text
        return response.json() if response.status_code == 200 else None

    def snapshot(self) -> dict[str, Any]:
        response = self.http("display").get("/v1/snapshot")
        assert response.status_code == 200, response.text
        return response.json()

    def close(self) -> None:
        for client in self._clients:
            client.close()
        for http in self._http.values():
            http.close()
        self.running.stop()


def start_hall(db_url: str, config: HallConfig | None = None, *, clock: FakeClock | None = None,
               heartbeat_s: float = 15.0) -> LiveHall:
    clock = clock or FakeClock()
    running = start_in_thread(db_url, config or hall_config(), now=clock, heartbeat_s=heartbeat_s)
    return LiveHall(running, clock)


def assert_error(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["code"] == code, body
    assert re.search(r"[\u4e00-\u9fff]", body["message"]), body  # a Chinese sentence for the person
    return body


class Recorder:
    """Subscribes to everything on a bus and lets a test wait (bounded) for an event."""

    def __init__(self, bus: EventBus) -> None:
        self.events: list[Event] = []
        self._cond = threading.Condition()
        bus.subscribe(Event, self._on_event)

    def _on_event(self, event: Event) -> None:
        with self._cond:
            self.events.append(event)
            self._cond.notify_all()

    def of(self, kind: type) -> list[Any]:
        with self._cond:
            return [e for e in self.events if isinstance(e, kind)]

    def wait_for(self, kind: type, predicate: Any = None, timeout: float = 10.0) -> Any:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for event in self.events:
                    if isinstance(event, kind) and (predicate is None or predicate(event)):
                        return event
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no {kind.__name__} within {timeout} s; got "
                                         f"{[type(e).__name__ for e in self.events]}")
                self._cond.wait(left)


@contextmanager
def server_process(db_url: str, *extra: str, config: Path | None = None) -> Iterator[tuple[subprocess.Popen, str]]:
    """``python -m hall_server`` in a subprocess on a free port; yields (process, url); killed afterwards."""
    command = [sys.executable, "-m", "hall_server", "--db", db_url, "--port", "0", "--log-level", "warning", *extra]
    if config is not None:
        command += ["--config", str(config)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = process.stdout.readline() if process.stdout else ""
        match = re.search(r"listening on (http://\S+)", line)
        if match is None:
            process.kill()
            _, err = process.communicate(timeout=10)
            raise AssertionError(f"hall_server did not start: {line!r} {err[-2000:]}")
        url = match.group(1)
        wait_healthy(url)
        yield process, url
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=10)


def wait_healthy(url: str, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(f"{url}/v1/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"{url} not healthy within {timeout} s")
        time.sleep(0.05)


def config_file(tmp_path: Path, config: HallConfig | None = None) -> Path:
    """The test hall (or ``config``) as a TOML file, for a server in a subprocess."""
    import tomli_w

    def without_none(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: without_none(v) for k, v in value.items() if v is not None}
        if isinstance(value, list):
            return [without_none(v) for v in value]
        return value

    data = without_none((config or hall_config()).model_dump(mode="json"))
    path = tmp_path / "hall.toml"
    path.write_bytes(tomli_w.dumps(data).encode())
    return path

