"""The announcements table and the event stream: every committed change, once, in order."""

from __future__ import annotations

import json
import threading
from typing import Any

import httpx
from hall_fixtures import TOKENS, LiveHall, start_hall

from core.queueing.sse import SseEvent, parse_sse


def read_stream(url: str, count: int, *, since: int | None = None, last_event_id: str | None = None,
                who: str = "display", timeout: float = 10.0) -> list[SseEvent]:
    """The first ``count`` frames after ``hello`` (``hello`` itself is checked and dropped)."""
    headers = {"Authorization": f"Bearer {TOKENS[who]}"}
    if last_event_id is not None:
        headers["Last-Event-ID"] = last_event_id
    params = {"since": since} if since is not None else None
    frames: list[SseEvent] = []
    with httpx.Client(base_url=url, timeout=httpx.Timeout(timeout)) as http, \
            http.stream("GET", "/v1/events", params=params, headers=headers) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        for event in parse_sse(response.iter_lines()):
            if not frames and event.event == "hello":
                frames.append(event)
                continue
            frames.append(event)
            if len(frames) == count + 1:
                break
    assert frames[0].event == "hello"
    return frames[1:]


def data(event: SseEvent) -> dict[str, Any]:
    return json.loads(event.data)


def test_a_stream_replays_from_a_version_and_follows_live_changes(hall: LiveHall) -> None:
    start = hall.snapshot()["version"]
    hall.issue("general")
    received: list[SseEvent] = []
    reader = threading.Thread(target=lambda: received.extend(read_stream(hall.url, 4, since=start)))
    reader.start()
    hall.issue("social")
    called = hall.call("1")
    hall.counter("1", "recall")
    reader.join(15)
    assert [e.event for e in received] == ["ticket_issued", "ticket_issued", "ticket_called", "ticket_recalled"]
    assert [int(e.id) for e in received] == list(range(start + 1, start + 5))
    call = data(received[2])
    assert call["ticket"]["number"] == called["number"] and call["counter"]["current"]["id"] == called["id"]
    assert call["ticket"]["counter_name"] == "1号窗口" and "person_hmac" not in received[2].data
    assert data(received[3])["ticket"]["recall_count"] == 1


def test_last_event_id_resumes_and_snapshot_version_matches_the_stream(hall: LiveHall) -> None:
    hall.issue("general")
    snapshot = hall.snapshot()
    hall.call("2")
    [event] = read_stream(hall.url, 1, last_event_id=str(snapshot["version"]))
    assert int(event.id) == snapshot["version"] + 1 and event.event == "ticket_called"
    assert hall.snapshot()["recent_calls"][0]["version"] == int(event.id)


def test_refused_operations_announce_nothing(hall: LiveHall) -> None:
    hall.issue("general")
    hall.counter("1", "pause", clerk_id="c1", reason="午休")
    before = hall.snapshot()["version"]
    hall.counter("1", "call-next", clerk_id="c1")       # paused: refused
    hall.counter("2", "finish")                          # nothing to finish
    hall.http("display").post("/v1/tickets", json={"service_code": "general", "client_request_id": "abcdefgh"})
    hall.counter("2", "call-next", clerk_id="c2")
    [event] = read_stream(hall.url, 1, since=before)
    assert event.event == "ticket_called" and int(event.id) == before + 1


def test_a_client_behind_a_day_reset_is_told_to_resync(db_url: str) -> None:
    live = start_hall(db_url, heartbeat_s=0.5)
    try:
        live.issue("general")
        old = live.snapshot()["version"]
        live.clock.advance(24 * 3600)
        live.issue("general")  # the first request of the new day resets the hall
        [event] = read_stream(live.url, 1, since=old - 1)
        assert event.event == "resync"
        fresh = live.snapshot()
        assert data(event)["version"] == fresh["version"]
        [after] = read_stream(live.url, 1, since=fresh["version"] - 1)
        assert after.event == "ticket_issued"
        assert read_stream(live.url, 1, since=fresh["version"] + 50)[0].event == "resync"
    finally:
        live.close()


def test_idle_streams_get_keepalives_and_end_when_the_server_stops(db_url: str) -> None:
    live = start_hall(db_url, heartbeat_s=0.3)
    stopped = False
    try:
        lines: list[str] = []
        with httpx.Client(base_url=live.url, timeout=5) as http, http.stream(
                "GET", "/v1/events", headers={"Authorization": f"Bearer {TOKENS['display']}"}) as response:
            stream = response.iter_lines()
            for line in stream:
                lines.append(line)
                if line.startswith(": keepalive"):
                    break
            live.close()
            stopped = True
            lines.extend(stream)  # returns: the server ended the stream
        assert any(line.startswith("event: hello") for line in lines)
    finally:
        if not stopped:
            live.close()


def test_many_live_streams_each_receive_every_change_once_and_in_order(hall: LiveHall) -> None:
    start = hall.snapshot()["version"]
    changes, streams = 24, 12
    received: list[list[SseEvent]] = [[] for _ in range(streams)]
    readers = [threading.Thread(target=lambda mine=mine: mine.extend(read_stream(hall.url, changes, since=start)))
               for mine in received]
    for reader in readers:
        reader.start()
    writers = [threading.Thread(target=lambda service=service: [hall.issue(service) for _ in range(changes // 3)])
               for service in ("general", "social", "general")]
    for writer in writers:
        writer.start()
    for thread in (*writers, *readers):
        thread.join(20)
    for frames in received:
        assert [int(e.id) for e in frames] == list(range(start + 1, start + changes + 1))
        assert {e.event for e in frames} == {"ticket_issued"}
    assert len({data(f)["ticket"]["number"] for f in received[0]}) == changes


def test_a_subscriber_that_stops_reading_does_not_hold_up_writers_or_other_streams(hall: LiveHall) -> None:
    import socket
    from urllib.parse import urlsplit

    address = urlsplit(hall.url)
    stalled = socket.create_connection((address.hostname, address.port))
    stalled.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    try:
        stalled.sendall(f"GET /v1/events?since=0 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKENS['display']}"
                        f"\r\n\r\n".encode())
        start = hall.snapshot()["version"]
        changes = 300  # ~250 kB of frames: far more than the stalled socket's buffers hold
        received: list[SseEvent] = []
        reader = threading.Thread(target=lambda: received.extend(read_stream(hall.url, changes, since=start)))
        reader.start()
        with hall.http("kiosk") as http:
            for n in range(changes):
                response = http.post("/v1/tickets", json={"service_code": ("general", "social")[n % 2],
                                                          "client_request_id": f"stall{n:05d}"}, timeout=5)
                assert response.status_code == 201
        reader.join(20)
        assert [int(e.id) for e in received] == list(range(start + 1, start + changes + 1))
    finally:
        stalled.close()
