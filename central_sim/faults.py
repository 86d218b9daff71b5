"""Fault switches for tests and demos, as the outermost ASGI layer around the platform's /v1 routes.

Each request draws once; the rates partition [0, 1), so ``failure_rate=0.05, drop_rate=0.05,
stall_rate=0.05, lost_reply_rate=0.05`` disturbs 20 % of requests:

* failure: 503 with an error body, nothing processed;
* drop: the TCP connection is closed before anything is processed or answered;
* stall: the request waits ``stall_s`` (longer than the client's timeout), then is processed anyway —
  the client has given up and will resend, so the resend may even overtake it;
* lost reply: processed and committed, then the connection is closed instead of answering.

``latency_s`` is added to every /v1 request. The switches are read per request, so a test may change
them on a running server. The body is read before any stall, because after the client hung up the
server could no longer read it, and "processed late" must really process.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

Scope = dict[str, Any]


@dataclass
class Faults:
    failure_rate: float = 0.0
    drop_rate: float = 0.0
    stall_rate: float = 0.0
    stall_s: float = 30.0
    lost_reply_rate: float = 0.0
    latency_s: float = 0.0
    seed: int | None = None

    def total(self) -> float:
        return self.failure_rate + self.drop_rate + self.stall_rate + self.lost_reply_rate


class FaultInjector:
    def __init__(self, app: Any, faults: Faults):
        self.app = app
        self.faults = faults
        self._rng = random.Random(faults.seed)
        self.injected: dict[str, int] = {"failure": 0, "drop": 0, "stall": 0, "lost_reply": 0}

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/v1/"):
            await self.app(scope, receive, send)
            return
        f = self.faults
        if f.latency_s:
            await asyncio.sleep(f.latency_s)
        roll = self._rng.random()
        if roll < f.failure_rate:
            self.injected["failure"] += 1
            await _send_json(send, 503, {"error": {"code": "SIM_INJECTED_FAILURE", "message": "injected 503"}})
            return
        roll -= f.failure_rate
        if roll < f.drop_rate:
            self.injected["drop"] += 1
            await _abort(send)
            return
        roll -= f.drop_rate
        body = await _read_all(receive)
        replay = _replaying(body, receive)
        if roll < f.stall_rate:
            self.injected["stall"] += 1
            await asyncio.sleep(f.stall_s)
            await self.app(scope, replay, _swallow)
            return
        roll -= f.stall_rate
        if roll < f.lost_reply_rate:
            self.injected["lost_reply"] += 1
            await self.app(scope, replay, _swallow)
            await _abort(send)
            return
        await self.app(scope, replay, send)


async def _read_all(receive: Any) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replaying(body: bytes, receive: Any) -> Any:
    given = False

    async def replay() -> dict[str, Any]:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _swallow(message: dict[str, Any]) -> None:
    return None


async def _send_json(send: Any, status: int, payload: Any) -> None:
    body = json.dumps(payload).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def _abort(send: Any) -> None:
    """Close the client's TCP connection without a reply.

    The ASGI interface has no "hang up"; uvicorn's ``send`` is a bound method of the request cycle that
    owns the transport, so the transport is reached through it. Elsewhere, a reply that promises a body
    and then breaks off has the same effect on the client (the connection ends mid-reply).
    """
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    if transport is not None:
        transport.abort()
        for _ in range(3):   # let the server notice the connection is gone before the app returns
            await asyncio.sleep(0)
        return
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/json"), (b"content-length", b"4096")]})
    raise ConnectionAbortedError("injected connection drop")
