"""The HTTP client of the central platform contract (docs/central-api.yaml): signing, TLS, strict replies.

Every call either returns a validated ``core.sync.wire`` model or raises ``SyncError`` whose ``code`` says
what went wrong and whose ``retryable`` says whether the same request may succeed later. Replies are read
with a size cap and must be ``application/json`` bodies that match the contract exactly (unknown fields
included): a platform that answers something else is reported, never half-understood.

TLS: ``central.ca_bundle`` replaces the system trust store when set; ``central.client_cert`` (and
``central.client_key`` when the key is a separate file) enables mutual TLS.
"""

from __future__ import annotations

import json
import ssl
from collections.abc import Generator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from core.sync import errors
from core.sync.errors import SyncError
from core.sync.signing import signed_headers
from core.sync.wire import (
    AttachmentAck,
    BatchResponse,
    CaseAck,
    CatalogDocument,
    ChangesPage,
    CreditStanding,
    ErrorBody,
    EvaluationAck,
    EventAck,
    HeartbeatAck,
    LicenceLookup,
    RecordResult,
)

M = TypeVar("M", bound=BaseModel)

try:
    SOFTWARE_VERSION = metadata.version("hallterm")
except metadata.PackageNotFoundError:   # running from a source tree that was never installed
    SOFTWARE_VERSION = "0.1.0"

MAX_REPLY_BYTES = 4 * 1024 * 1024
MAX_CATALOG_BYTES = 32 * 1024 * 1024
_SERVER_MESSAGE_CHARS = 200


class HmacAuth(httpx.Auth):
    """Signs each request as it is sent (a retry is a new request: new timestamp, new nonce)."""

    requires_request_body = True

    def __init__(self, terminal_id: str, secret: str):
        self._terminal_id = terminal_id
        self._secret = secret

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers.update(signed_headers(
            terminal_id=self._terminal_id, secret=self._secret, method=request.method, path=request.url.path,
            query_pairs=request.url.params.multi_items(), body=request.content))
        yield request


@dataclass(frozen=True)
class ClientConfig:
    base_url: str
    terminal_id: str
    secret: str
    timeout_s: float = 15.0
    ca_bundle: Path | None = None
    client_cert: Path | None = None
    client_key: Path | None = None

    def __repr__(self) -> str:   # never print the secret
        return f"ClientConfig({self.base_url!r}, terminal={self.terminal_id!r})"

    @classmethod
    def from_settings(cls, settings: Any, *, base_url: str | None = None, secret: str | None = None) -> ClientConfig:
        """From ``central.*`` and ``terminal.id``; ``base_url``/``secret`` override (``--demo``'s embedded sim)."""
        url = base_url or settings.get("central.url")
        key = secret or settings.get("central.terminal_secret")
        if not url or not key:
            raise SyncError("central.url or central.terminal_secret is empty", code=errors.NOT_CONFIGURED,
                            retryable=False)

        def path(name: str) -> Path | None:
            value = settings.get(name)
            return Path(value) if value else None

        return cls(base_url=url.rstrip("/"), terminal_id=settings.get("terminal.id"), secret=key,
                   timeout_s=float(settings.get("central.request_timeout_s")), ca_bundle=path("central.ca_bundle"),
                   client_cert=path("central.client_cert"), client_key=path("central.client_key"))


def tls_context(config: ClientConfig) -> ssl.SSLContext | bool:
    if config.ca_bundle is None and config.client_cert is None:
        return True    # httpx default: verify against the system store (certifi)
    try:
        context = ssl.create_default_context(cafile=str(config.ca_bundle) if config.ca_bundle else None)
        if config.client_cert is not None:
            context.load_cert_chain(str(config.client_cert), str(config.client_key) if config.client_key else None)
    except (OSError, ssl.SSLError) as exc:
        raise SyncError(f"cannot load TLS files (ca_bundle={config.ca_bundle}, client_cert={config.client_cert}): "
                        f"{type(exc).__name__}", code=errors.TLS, retryable=False) from None
    return context


def _is_tls_failure(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError) or "CERTIFICATE_VERIFY_FAILED" in str(seen) or "SSL" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _status_error(status: int, body: bytes, what: str) -> SyncError:
    code, message = "", ""
    try:
        error = ErrorBody.model_validate_json(body).error
        code, message = error.code, error.message[:_SERVER_MESSAGE_CHARS]
    except (PydanticValidationError, ValueError):
        pass
    detail = f"{what}: HTTP {status} {code} {message}".rstrip()
    if status == 401:
        return SyncError(detail, code=errors.AUTH_REJECTED, retryable=True, status=status)
    if status in (408, 425, 429, 424) or status >= 500:
        return SyncError(detail, code=errors.SERVER_ERROR, retryable=True, status=status)
    if status == 404:
        return SyncError(detail, code=errors.NOT_FOUND, retryable=False, status=status,
                         user_message="没有查到相关信息，请核对后重试。")
    if status == 409:
        return SyncError(detail, code=errors.CONFLICT, retryable=False, status=status)
    if status == 410:
        return SyncError(detail, code=errors.GONE, retryable=False, status=status,
                         user_message="二维码已失效，请在手机上刷新后重新出示。")
    return SyncError(detail, code=errors.REJECTED, retryable=False, status=status)


class CentralClient:
    """One platform connection (keep-alive). Not thread-safe by design: the sync worker owns it."""

    def __init__(self, config: ClientConfig, *, max_reply_bytes: int = MAX_REPLY_BYTES,
                 event_hooks: dict[str, list[Any]] | None = None):
        # event_hooks: httpx's, for the technician's link test (round-trip time, the server's Date header).
        self.config = config
        self._max_reply_bytes = max_reply_bytes
        self._http = httpx.Client(
            base_url=config.base_url, auth=HmacAuth(config.terminal_id, config.secret), event_hooks=event_hooks,
            timeout=httpx.Timeout(config.timeout_s), verify=tls_context(config),
            # identity: the size cap below counts the bytes that arrive; nothing may inflate after it.
            headers={"User-Agent": f"hallterm/{SOFTWARE_VERSION}", "Accept": "application/json",
                     "Accept-Encoding": "identity"})

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> CentralClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the calls ------------------------------------------------------------------------------------

    def post_cases(self, records: list[dict[str, Any]]) -> list[RecordResult]:
        """``POST /v1/cases:batch``: one result per record, in order, each as a single POST would answer."""
        reply = self._call("POST", "/v1/cases:batch", BatchResponse, json_body={"cases": records})
        ids = [r.get("case_id") if isinstance(r, dict) else None for r in records]
        if [r.index for r in reply.results] != list(range(len(records))) or [r.id for r in reply.results] != ids:
            raise SyncError(f"batch reply does not answer the {len(records)} records sent, in order",
                            code=errors.BAD_RESPONSE)
        return reply.results

    def post_case(self, record: dict[str, Any]) -> CaseAck:
        return self._call("POST", "/v1/cases", CaseAck, json_body=record)

    def post_event(self, case_id: str, record: dict[str, Any]) -> EventAck:
        return self._call("POST", f"/v1/cases/{quote(case_id, safe='')}/events", EventAck, json_body=record)

    def post_evaluation(self, record: dict[str, Any]) -> EvaluationAck:
        return self._call("POST", "/v1/evaluations", EvaluationAck, json_body=record)

    def post_attachment(self, sha256: str, content_type: str, data: bytes) -> AttachmentAck:
        return self._call("POST", "/v1/attachments", AttachmentAck, content=data,
                          headers={"Content-Type": content_type, "X-Attachment-SHA256": sha256})

    def changes(self, since: str | None, limit: int = 200) -> ChangesPage:
        params = {"limit": str(limit)} | ({"since": since} if since else {})
        return self._call("GET", "/v1/changes", ChangesPage, params=params)

    def catalog(self, etag: str | None) -> CatalogDocument | None:
        """The catalogue, or None when it is unchanged since ``etag`` (HTTP 304)."""
        return self._call("GET", "/v1/catalog", CatalogDocument, headers={"If-None-Match": etag} if etag else None,
                          not_modified_ok=True, max_bytes=MAX_CATALOG_BYTES)

    def heartbeat(self, record: dict[str, Any]) -> HeartbeatAck:
        return self._call("POST", f"/v1/terminals/{quote(self.config.terminal_id, safe='')}/heartbeat",
                          HeartbeatAck, json_body=record)

    def licence_by_token(self, token: str) -> LicenceLookup:
        return self._call("GET", f"/v1/licences/by-token/{quote(token, safe='')}", LicenceLookup)

    def credit(self, person_hmac: str) -> CreditStanding:
        return self._call("GET", f"/v1/credit/{quote(person_hmac, safe='')}", CreditStanding)

    # --- one exchange ---------------------------------------------------------------------------------

    def _call(self, method: str, path: str, model: type[M], *, json_body: Any = None, content: bytes | None = None,
              headers: dict[str, str] | None = None, params: dict[str, str] | None = None,
              not_modified_ok: bool = False, max_bytes: int | None = None) -> Any:
        what = f"{method} {path}"
        if json_body is not None:
            content = json.dumps(json_body, ensure_ascii=False, separators=(",", ":")).encode()
            headers = {"Content-Type": "application/json; charset=utf-8", **(headers or {})}
        status, reply_type, body = self._exchange(method, path, what, content, headers, params,
                                                  max_bytes or self._max_reply_bytes)
        if status == 304 and not_modified_ok:
            return None
        if not 200 <= status < 300:
            raise _status_error(status, body, what)
        if reply_type.split(";")[0].strip().lower() != "application/json":
            raise SyncError(f"{what}: reply is {reply_type[:60]!r}, not application/json",
                            code=errors.BAD_CONTENT_TYPE)
        try:
            return model.model_validate_json(body)
        except PydanticValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['type']}" for e in exc.errors()[:5])
            raise SyncError(f"{what}: reply does not match the contract ({problems})",
                            code=errors.BAD_RESPONSE) from None

    def _exchange(self, method: str, path: str, what: str, content: bytes | None, headers: dict[str, str] | None,
                  params: dict[str, str] | None, max_bytes: int) -> tuple[int, str, bytes]:
        try:
            with self._http.stream(method, path, content=content, headers=headers, params=params) as reply:
                declared = reply.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise SyncError(f"{what}: reply of {declared} bytes exceeds {max_bytes}",
                                    code=errors.RESPONSE_TOO_LARGE)
                chunks, total = [], 0
                for chunk in reply.iter_bytes():
                    total += len(chunk)
                    if total > max_bytes:
                        raise SyncError(f"{what}: reply exceeds {max_bytes} bytes", code=errors.RESPONSE_TOO_LARGE)
                    chunks.append(chunk)
                return reply.status_code, reply.headers.get("Content-Type", ""), b"".join(chunks)
        except httpx.TimeoutException:
            raise SyncError(f"{what}: no complete reply within {self.config.timeout_s} s",
                            code=errors.TIMEOUT) from None
        except httpx.TransportError as exc:
            if _is_tls_failure(exc):
                raise SyncError(f"{what}: TLS handshake failed ({type(exc).__name__}: {str(exc)[:160]})",
                                code=errors.TLS) from None
            raise SyncError(f"{what}: {type(exc).__name__}: {str(exc)[:160]}", code=errors.NETWORK) from None
