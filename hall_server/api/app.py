"""The FastAPI application: routes, error bodies, OpenAPI at /openapi.json.

Every error answer has the same body, ``{"code", "message", "detail"}``: a stable code for programs, a
calm Chinese sentence for people, and a technician's detail. Request validation failures are 422 with
``REQUEST_INVALID`` and, per field, a Chinese reason ("service_code：缺少必填项").
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from core.queueing.codes import message_of
from hall_server.api import routes_counters, routes_read, routes_tickets
from hall_server.api.auth import TokenTable
from hall_server.api.event_hub import EventHub
from hall_server.errors import HallServerError
from hall_server.service import HallService

log = logging.getLogger(__name__)

_REASONS = {
    "missing": "缺少必填项", "extra_forbidden": "不认识的字段", "string_pattern_mismatch": "格式不正确",
    "string_too_long": "太长", "string_too_short": "太短", "string_type": "应为文字", "int_type": "应为整数",
    "int_parsing": "应为整数", "enum": "不是允许的取值", "literal_error": "不是允许的取值",
    "json_invalid": "不是有效的 JSON", "model_attributes_type": "应为 JSON 对象", "dict_type": "应为 JSON 对象",
    "list_type": "应为列表", "too_long": "项目太多", "datetime_parsing": "时间格式不正确",
    "datetime_type": "时间格式不正确", "timezone_aware": "时间须带时区", "greater_than_equal": "太小",
    "value_error": "取值不正确", "bool_type": "应为是或否",
}


def _field(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "请求体"


def _validation_body(exc: RequestValidationError) -> dict[str, Any]:
    errors = [{"field": "请求体" if e.get("type") == "json_invalid" else _field(tuple(e.get("loc", ()))),
               "type": e.get("type", ""),
               "reason": _REASONS.get(e.get("type", ""), "取值不正确")} for e in exc.errors()]
    summary = "；".join(f"{e['field']}：{e['reason']}" for e in errors[:5])
    return {"code": "REQUEST_INVALID", "message": f"请求内容有误：{summary}。",
            "detail": "; ".join(f"{e['field']}: {e['type']}" for e in errors), "errors": errors}


def create_app(service: HallService, *, heartbeat_s: float = 15.0, worker_threads: int = 6) -> FastAPI:
    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # Fewer worker threads than anyio's 40: the database does the waiting, and every extra runnable
        # thread is one more contender for the GIL while another holds a row lock between statements.
        # On 2 cores with PostgreSQL, 16 cost ~25% more server CPU per request than 4 to 8 under load
        # (bench/hall.py); SQLite writes use no worker thread at all (routes_tickets.py).
        anyio.to_thread.current_default_thread_limiter().total_tokens = worker_threads
        hub.start()
        yield
        service.feed.close()  # end the event streams so shutdown does not wait on them
        await hub.stop()

    app = FastAPI(title="hallterm hall queue", version="1", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Tickets, calls, counters and statistics of one government service hall "
                              "(政务服务大厅排队叫号服务). Every error body is {code, message, detail}.")
    app.state.service = service
    app.state.event_hub = hub = EventHub(service)
    app.state.tokens = TokenTable(service.config)
    app.state.heartbeat_s = heartbeat_s

    @app.exception_handler(HallServerError)
    async def hall_error(request: Request, exc: HallServerError) -> JSONResponse:
        terminal = getattr(request.state, "terminal", None)
        log.info("HALL_REFUSED %s %s %s by %s: %s", exc.code, request.method, request.url.path,
                 terminal.terminal_id if terminal else "-", exc.detail)
        return JSONResponse(exc.body(), status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(_validation_body(exc), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "ROUTE_UNKNOWN", 405: "METHOD_NOT_ALLOWED"}.get(exc.status_code, "REQUEST_INVALID")
        return JSONResponse({"code": code, "message": message_of(code), "detail": str(exc.detail)},
                            status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("HALL_INTERNAL %s %s", request.method, request.url.path)
        return JSONResponse({"code": "HALL_INTERNAL", "message": message_of("HALL_INTERNAL"),
                             "detail": type(exc).__name__}, status_code=500)

    app.include_router(routes_tickets.router)
    app.include_router(routes_counters.router)
    app.include_router(routes_read.router)
    return app
