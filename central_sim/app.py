"""The simulator's HTTP face: the routes of docs/central-api.yaml, every one signed (``core.sync.signing``).

Bodies are read and parsed by hand, not by FastAPI's parameter binding, so every refusal has the
contract's error envelope ``{"error": {"code", "message", "field"}}`` and a stable code; the records
themselves are validated by the shared ``core.sync.wire`` models (unknown fields refused).
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from central_sim.backoffice import BackOffice
from central_sim.db import SimDatabase, canonical
from central_sim.faults import FaultInjector, Faults
from central_sim.platform import ApiError, Outcome, Platform, validate
from core.catalog import Catalog, default_catalog_dir, load_catalog
from core.sync.signing import MAX_SKEW_S, SCHEME, AuthFailure, check_signature, person_lookup_hmac
from core.sync.wire import CaseBatchRequest, Heartbeat

MAX_BODY_BYTES = 25 * 1024 * 1024
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,128}$")
_HMAC = re.compile(r"^[0-9a-f]{64}$")
_CURSOR = re.compile(r"^\d{1,18}$")
_WRITTEN = {200: "unchanged", 201: "created"}


@dataclass
class SimConfig:
    db_path: Path
    terminals: dict[str, str] = field(default_factory=dict)   # terminal id -> secret (added to the file)
    back_office_step_s: float = 30.0                           # 0: the back office moves only when told
    faults: Faults = field(default_factory=Faults)
    catalog_dir: Path | None = None
    max_body_bytes: int = MAX_BODY_BYTES
    max_skew_s: int = MAX_SKEW_S


@dataclass(frozen=True)
class Caller:
    terminal_id: str
    secret: str
    body: bytes


class Simulator:
    """Everything one simulated platform holds; ``app`` is the ASGI application to serve."""

    def __init__(self, config: SimConfig):
        self.config = config
        self.faults = config.faults
        self.db = SimDatabase(config.db_path)
        self.db.enrol(config.terminals)
        self.catalog: Catalog = load_catalog(config.catalog_dir or default_catalog_dir())
        self.platform = Platform(self.db, self.catalog)
        self.back_office = BackOffice(self.db, self.catalog, step_s=config.back_office_step_s)
        self.catalog_etag, self.catalog_body = _catalog_document(self.catalog)
        self.injector = FaultInjector(build_api(self), self.faults)
        self.app = self.injector

    def secret_of(self, terminal_id: str) -> str | None:
        return self.db.terminals().get(terminal_id)

    def close(self) -> None:
        self.back_office.stop()
        self.db.close()


def _catalog_document(catalog: Catalog) -> tuple[str, bytes]:
    content = {"items": [i.model_dump(mode="json") for i in catalog.items],
               "bundles": [b.model_dump(mode="json") for b in catalog.bundles],
               "departments": [d.model_dump(mode="json") for d in catalog.departments]}
    etag = '"' + hashlib.sha256(canonical(content).encode()).hexdigest()[:32] + '"'
    document = {"etag": etag, "generated_at": datetime.now(UTC).isoformat(), **content}
    return etag, json.dumps(document, ensure_ascii=False).encode()


def _error(status: int, code: str, message: str, fld: str | None = None) -> JSONResponse:
    headers = {"WWW-Authenticate": SCHEME} if status == 401 else None
    return JSONResponse({"error": {"code": code, "message": message, "field": fld}}, status_code=status,
                        headers=headers)


def _written(outcome: Outcome, key: str, value: str, **extra: Any) -> JSONResponse:
    return JSONResponse({key: value, "status": _WRITTEN[outcome.status], **extra}, status_code=outcome.status)


def _json_body(request: Request, caller: Caller) -> Any:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json":
        raise ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "the body must be application/json")
    try:
        return json.loads(caller.body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ApiError(400, "MALFORMED_JSON", "the body is not valid JSON") from None


async def authenticated(request: Request) -> Caller:
    """Read the body (size-capped) and check the signature and the nonce; raises ApiError 401/413."""
    sim: Simulator = request.app.state.sim
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > sim.config.max_body_bytes:
        raise ApiError(413, "BODY_TOO_LARGE", f"bodies are limited to {sim.config.max_body_bytes} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > sim.config.max_body_bytes:
            raise ApiError(413, "BODY_TOO_LARGE", f"bodies are limited to {sim.config.max_body_bytes} bytes")
        chunks.append(chunk)
    body = b"".join(chunks)
    now = time.time()
    try:
        signed = check_signature(headers=request.headers, method=request.method, path=request.url.path,
                                 query_pairs=request.query_params.multi_items(), body=body,
                                 secret_of=sim.secret_of, now=now, max_skew_s=sim.config.max_skew_s)
    except AuthFailure as failure:
        raise ApiError(401, failure.code, failure.message) from None
    # A nonce must outlive every timestamp that could still pass the skew check with it.
    fresh = await run_in_threadpool(sim.db.remember_nonce, signed.terminal_id, signed.nonce, now,
                                    2 * sim.config.max_skew_s + 60)
    if not fresh:
        raise ApiError(401, "AUTH_NONCE_REUSED", "this nonce was already used (a replay)")
    return Caller(terminal_id=signed.terminal_id, secret=sim.secret_of(signed.terminal_id) or "", body=body)


Authed = Annotated[Caller, Depends(authenticated)]


def build_api(sim: Simulator) -> FastAPI:
    api = FastAPI(title="central platform simulator", docs_url=None, redoc_url=None, openapi_url=None)
    api.state.sim = sim

    @api.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.code, exc.message, exc.field)

    @api.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED"}.get(exc.status_code, "HTTP_ERROR")
        return _error(exc.status_code, code, str(exc.detail))

    @api.exception_handler(RequestValidationError)
    async def _binding_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(422, "VALIDATION", "request parameters do not match the contract")

    @api.get("/healthz")
    def healthz() -> dict[str, bool]:
        return {"ok": True}

    @api.get("/v1/catalog")
    def get_catalog(request: Request, caller: Authed) -> Response:
        wanted = {tag.strip() for tag in request.headers.get("if-none-match", "").split(",") if tag.strip()}
        if sim.catalog_etag in wanted or "*" in wanted:
            return Response(status_code=304, headers={"ETag": sim.catalog_etag})
        return Response(sim.catalog_body, media_type="application/json", headers={"ETag": sim.catalog_etag})

    @api.post("/v1/cases")
    def post_case(request: Request, caller: Authed) -> JSONResponse:
        raw = _json_body(request, caller)
        outcome = sim.platform.put_case(raw, caller.terminal_id)
        if outcome.status not in _WRITTEN:
            return _error(outcome.status, outcome.code or "REJECTED", outcome.message or "")
        return _written(outcome, "case_id", raw["case_id"])

    @api.post("/v1/cases:batch")
    def post_cases(request: Request, caller: Authed) -> JSONResponse:
        envelope = validate(CaseBatchRequest, _json_body(request, caller))
        return JSONResponse({"results": sim.platform.put_cases(envelope.cases, caller.terminal_id)})

    @api.post("/v1/cases/{case_id}/events")
    def post_event(case_id: str, request: Request, caller: Authed) -> JSONResponse:
        raw = _json_body(request, caller)
        outcome = sim.platform.put_event(case_id, raw, caller.terminal_id)
        return _written(outcome, "event_id", raw["event_id"])

    @api.post("/v1/evaluations")
    def post_evaluation(request: Request, caller: Authed) -> JSONResponse:
        raw = _json_body(request, caller)
        outcome = sim.platform.put_evaluation(raw, caller.terminal_id)
        return _written(outcome, "evaluation_id", raw["evaluation_id"],
                        follow_up_required=raw["level"] in ("不满意", "非常不满意"))

    @api.post("/v1/attachments")
    def post_attachment(request: Request, caller: Authed) -> JSONResponse:
        sha256 = request.headers.get("x-attachment-sha256", "")
        if not _HMAC.match(sha256):
            raise ApiError(422, "VALIDATION", "X-Attachment-SHA256 must be 64 lower-case hex digits", "sha256")
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        outcome = sim.platform.put_attachment(sha256, content_type, caller.body)
        return _written(outcome, "sha256", sha256, size=len(caller.body), content_type=content_type)

    @api.get("/v1/changes")
    def get_changes(request: Request, caller: Authed) -> JSONResponse:
        since, limit = request.query_params.get("since", "0"), request.query_params.get("limit", "200")
        if not _CURSOR.match(since):
            raise ApiError(400, "BAD_CURSOR", "since must be a cursor returned as next_cursor", "since")
        if not limit.isdigit() or not 1 <= int(limit) <= 1000:
            raise ApiError(400, "BAD_LIMIT", "limit must be 1..1000", "limit")
        return JSONResponse(sim.platform.changes(caller.terminal_id, int(since), int(limit)))

    @api.post("/v1/terminals/{terminal_id}/heartbeat")
    def post_heartbeat(terminal_id: str, request: Request, caller: Authed) -> JSONResponse:
        if terminal_id != caller.terminal_id:
            raise ApiError(403, "TERMINAL_MISMATCH", "a terminal reports only its own heartbeat")
        record = validate(Heartbeat, _json_body(request, caller))
        if record.terminal_id != terminal_id:
            raise ApiError(422, "VALIDATION", "terminal_id in the body differs from the path", "terminal_id")
        sim.db.record_heartbeat(terminal_id, canonical(record.model_dump(mode="json")))
        return JSONResponse({"server_time": datetime.now(UTC).isoformat(), "catalog_etag": sim.catalog_etag})

    @api.get("/v1/licences/by-token/{token}")
    def get_licences(token: str, caller: Authed) -> JSONResponse:
        if not _TOKEN.match(token):
            raise ApiError(422, "VALIDATION", "a token is 1-128 characters [A-Za-z0-9_-]", "token")
        found = sim.db.citizen_by_token(token)
        if found is None:
            raise ApiError(404, "TOKEN_UNKNOWN", "no e-licence token like this was issued")
        person, licences, expires = found
        if datetime.fromisoformat(expires) <= datetime.now(UTC):
            raise ApiError(410, "TOKEN_EXPIRED", "the e-licence QR code has expired; the holder must refresh it")
        return JSONResponse({"person": person, "person_hmac": person_lookup_hmac(caller.secret, person["id_number"]),
                             "licences": licences, "token_expires_at": expires})

    @api.get("/v1/credit/{person_hmac}")
    def get_credit(person_hmac: str, caller: Authed) -> JSONResponse:
        if not _HMAC.match(person_hmac):
            raise ApiError(422, "VALIDATION", "person_hmac must be 64 lower-case hex digits", "person_hmac")
        standing = {"level": "no_record", "dishonest": False, "records": []}
        for id_number, credit in sim.db.citizens():
            if person_lookup_hmac(caller.secret, id_number) == person_hmac:
                standing = credit
                break
        return JSONResponse({"person_hmac": person_hmac, **standing, "checked_at": datetime.now(UTC).isoformat()})

    return api
