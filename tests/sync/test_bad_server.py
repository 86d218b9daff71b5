"""A platform that answers nonsense: every row is kept (retried later), with a clear error; none is dropped."""

from __future__ import annotations

import json
import socket
import threading
import time

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route
from sync_factory import engine_for, make_case

from core.storage import OutboxState
from core.sync import record_case

S = OutboxState


class Rogue:
    """Answers POST /v1/cases:batch the way ``mode`` says."""

    def __init__(self) -> None:
        self.mode = "ok"
        self.app = Starlette(routes=[Route("/v1/cases:batch", self.batch, methods=["POST"]),
                                     Route("/v1/changes", self.changes, methods=["GET"])])

    async def batch(self, request: Request) -> Response:
        records = json.loads(await request.body())["cases"]
        results = [{"index": i, "id": r["case_id"], "status": 201, "code": None, "message": None}
                   for i, r in enumerate(records)]
        if self.mode == "malformed":
            return Response(b'{"results": [', media_type="application/json")
        if self.mode == "html":
            return Response(b"<html>502 Bad Gateway</html>", media_type="text/html", status_code=200)
        if self.mode == "unknown_fields":
            return JSONResponse({"results": [dict(r, surprise=True) for r in results]})
        if self.mode == "missing_results":
            return JSONResponse({"results": results[:-1]})
        if self.mode == "huge":
            return Response(b" " * (5 * 1024 * 1024) + b"{}", media_type="application/json")
        if self.mode == "huge_streamed":
            async def endless():
                for _ in range(100):
                    yield b" " * (1024 * 1024)
            return StreamingResponse(endless(), media_type="application/json")
        if self.mode == "error_without_envelope":
            return Response(b"Bad Request", status_code=400, media_type="text/plain")
        return JSONResponse({"results": results})

    async def changes(self, request: Request) -> Response:
        return JSONResponse({"changes": [], "next_cursor": "0", "has_more": False})


@pytest.fixture
def rogue():
    server_app = Rogue()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(server_app.app, host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    yield server_app, f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.mark.parametrize(("mode", "code"), [
    ("malformed", "SYNC_BAD_RESPONSE"),
    ("html", "SYNC_BAD_CONTENT_TYPE"),
    ("unknown_fields", "SYNC_BAD_RESPONSE"),
    ("missing_results", "SYNC_BAD_RESPONSE"),
    ("huge", "SYNC_RESPONSE_TOO_LARGE"),
    ("huge_streamed", "SYNC_RESPONSE_TOO_LARGE"),
])
def test_nonsense_keeps_every_row_for_a_retry(rogue, store, mode, code):
    server, url = rogue
    server.mode = mode
    cases = [make_case(i) for i in range(3)]
    for case in cases:
        record_case(store, case, "kiosk:K01")
    engine = engine_for(store, url)
    report = engine.run_once()
    assert report.push.last_error.code == code and report.push.synced == 0
    for case in cases:
        row = store.outbox.get(case.case_id)
        assert row.state is S.FAILED_RETRYABLE and row.last_error.startswith(code)
        assert row.payload["case_id"] == case.case_id          # the record itself is untouched
    server.mode = "ok"
    time.sleep(0.25)                                            # past FAST's backoff cap
    assert engine.run_once().push.synced == 3
    engine.close()


def test_a_refusal_without_the_error_envelope_parks_with_its_status(rogue, store):
    server, url = rogue
    server.mode = "error_without_envelope"
    case = make_case(0)
    record_case(store, case, "kiosk:K01")
    engine = engine_for(store, url)
    report = engine.run_once()
    engine.close()
    row = store.outbox.get(case.case_id)
    assert report.push.last_error.code == "SYNC_REJECTED" and row.state is S.FAILED_PERMANENT
    assert "HTTP 400" in row.last_error and row.payload is not None
