"""GET /v1/snapshot, /v1/events (Server-Sent Events), /v1/stats and /v1/health.

The event stream: each frame is one row of the announcements table, ``id:`` is its version, ``event:``
its kind, ``data:`` the JSON announcement. A client first takes the snapshot (version V), then opens
``/v1/events?since=V`` (or sends ``Last-Event-ID``): nothing between the two is lost. If the server can
no longer replay from there (the daily reset dropped yesterday's rows, or the database was replaced), it
sends ``event: resync`` and the client takes a new snapshot. Comment lines (``: keepalive``) keep idle
connections and proxies alive.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.concurrency import run_in_threadpool

from hall_server.api.auth import AnyTerminal, CounterTerminal
from hall_server.api.event_hub import EventHub
from hall_server.api.routes_tickets import ERRORS
from hall_server.api.schemas import SnapshotOut, StatsOut
from hall_server.clock import parse_day
from hall_server.errors import HallServerError
from hall_server.service import HallService

router = APIRouter(prefix="/v1", tags=["state"])


@router.get("/snapshot", response_model=SnapshotOut, responses=ERRORS, summary="All live state, with its version")
def get_snapshot(request: Request, _: AnyTerminal) -> JSONResponse:
    return JSONResponse(request.app.state.service.snapshot())


@router.get("/events", responses={200: {"content": {"text/event-stream": {}},
                                        "description": "one frame per announcement; id is the version"}, **ERRORS},
            response_class=StreamingResponse, summary="Server-Sent Events: every committed change, in order")
async def get_events(request: Request, _: AnyTerminal, since: Annotated[int | None, Query(ge=0)] = None,
                     last_event_id: Annotated[str | None, Header()] = None) -> StreamingResponse:
    service: HallService = request.app.state.service
    start = since
    if start is None and last_event_id and last_event_id.strip().isdigit():
        start = int(last_event_id.strip())
    if start is None:
        start = await run_in_threadpool(service.current_version)
    hub: EventHub = request.app.state.event_hub
    return StreamingResponse(hub.stream(start, request.app.state.heartbeat_s), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


@router.get("/stats", response_model=StatsOut, responses=ERRORS,
            summary="Key figures of one business day (default today) per service, counter, clerk and hour")
def get_stats(request: Request, _: CounterTerminal,
              day: Annotated[str | None, Query(alias="date", examples=["2026-03-02"])] = None) -> JSONResponse:
    service: HallService = request.app.state.service
    if day is None:
        day = service.ensure_day()
    else:
        try:
            day = parse_day(day)
        except ValueError:
            raise HallServerError("STATS_DATE_INVALID", f"date {day[:20]!r} is not YYYY-MM-DD") from None
    return JSONResponse(service.stats(day))


@router.get("/health", summary="Liveness (no token needed): the server answers and its database reads")
def health(request: Request) -> dict[str, Any]:
    service: HallService = request.app.state.service
    return {"status": "ok", "database": service.backend.dialect, "version": service.current_version(),
            "today": service.clock.today()}
