"""The technician's link test: can this terminal reach the hall server and the central platform, how
fast, how far apart are the clocks, and does the server accept our credentials?

    report = check_central(ClientConfig.from_settings(settings))   # blocking: run it off the GUI thread
    report.code          # "OK", "AUTH_FAILED", "UNREACHABLE" ...
    report.rtt_ms, report.clock_skew_s, report.authenticated

Both checks use the real clients (``core.queueing.client.HallClient``, ``core.sync.client.CentralClient``)
with the terminal's own settings, so a pass here means the kiosk's own calls will pass. The hall server is
asked for its snapshot (any terminal role may read it); the platform gets a heartbeat, which is harmless
and is what the sync worker sends anyway. Clock skew comes from the reply's ``Date`` header (RFC 9110
§6.6.1, one-second resolution) taken at the middle of the round trip, so it is known even when
authentication fails, which is exactly when a technician needs it: a request signed more than the
platform's window away from its clock is refused as unauthenticated.

The report holds codes and numbers only; the technician page words them (translated), so core stays
free of screen text.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from core.errors import HalltermError
from core.queueing.errors import HallAuthError, HallError, HallUnavailable
from core.sync import errors as sync_errors
from core.sync.errors import SyncError

# Beyond this the page warns even when everything else passed (the platform's signature window is 300 s).
SKEW_WARN_S = 30.0

OK = "OK"
NOT_CONFIGURED = "NOT_CONFIGURED"
UNREACHABLE = "UNREACHABLE"
TIMEOUT = "TIMEOUT"
TLS = "TLS"
AUTH_FAILED = "AUTH_FAILED"
SERVER_ERROR = "SERVER_ERROR"
BAD_RESPONSE = "BAD_RESPONSE"


@dataclass(frozen=True)
class LinkReport:
    link: str                       # "hall_server" | "central"
    target: str                     # host:port, never a secret
    code: str                       # one of the constants above
    reachable: bool
    authenticated: bool | None      # None: never got far enough to know
    rtt_ms: float | None = None
    clock_skew_s: float | None = None   # server clock minus ours; positive = we are behind
    detail: str = ""                # for the log: the client error's code and detail

    @property
    def ok(self) -> bool:
        return self.code == OK

    @property
    def skew_warning(self) -> bool:
        return self.clock_skew_s is not None and abs(self.clock_skew_s) > SKEW_WARN_S


class _Stopwatch:
    """Times the last exchange and keeps the server's Date header (httpx request/response hooks)."""

    def __init__(self) -> None:
        self.sent_at: float | None = None        # time.time() when the request left
        self.rtt_s: float | None = None
        self.server_date: datetime | None = None

    def on_request(self, _request: httpx.Request) -> None:
        self.sent_at = time.time()

    def on_response(self, response: httpx.Response) -> None:
        if self.sent_at is None:
            return
        self.rtt_s = time.time() - self.sent_at
        try:
            self.server_date = parsedate_to_datetime(response.headers.get("Date", ""))
        except (TypeError, ValueError):
            self.server_date = None

    def skew_s(self) -> float | None:
        if self.server_date is None or self.sent_at is None or self.rtt_s is None:
            return None
        middle = self.sent_at + self.rtt_s / 2
        return round(self.server_date.timestamp() - middle, 1)

    def rtt_ms(self) -> float | None:
        return None if self.rtt_s is None else round(self.rtt_s * 1000, 1)


class _TimedTransport(httpx.BaseTransport):
    """For HallClient, which takes a transport: the same stopwatch around the real HTTP transport."""

    def __init__(self, watch: _Stopwatch) -> None:
        self._inner = httpx.HTTPTransport()
        self._watch = watch

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self._watch.on_request(request)
        response = self._inner.handle_request(request)
        self._watch.on_response(response)
        return response

    def close(self) -> None:
        self._inner.close()


def _target(url: str) -> str:
    parts = urlsplit(url)
    return parts.netloc.rsplit("@", 1)[-1] or url


def check_hall(url: str, token: str, *, timeout_s: float = 5.0) -> LinkReport:
    """Ask the hall server at ``url`` for its snapshot with ``token``."""
    from core.queueing.client import HallClient

    if not url:
        return LinkReport("hall_server", "", NOT_CONFIGURED, reachable=False, authenticated=None)
    watch = _Stopwatch()
    target = _target(url)
    try:
        with HallClient(url, token, timeout=timeout_s, transport=_TimedTransport(watch)) as client:
            client.snapshot()
    except HallAuthError as exc:
        return _report("hall_server", target, AUTH_FAILED, watch, exc, authenticated=False)
    except HallUnavailable as exc:
        if exc.status is not None:
            return _report("hall_server", target, SERVER_ERROR, watch, exc)
        code = TIMEOUT if exc.code == "HALL_TIMEOUT" else (TLS if "SSL" in exc.detail else UNREACHABLE)
        return _report("hall_server", target, code, watch, exc, reachable=False)
    except HallError as exc:
        return _report("hall_server", target, BAD_RESPONSE, watch, exc)
    except (ValueError, KeyError, TypeError) as exc:   # a reply that is not a snapshot
        return _report("hall_server", target, BAD_RESPONSE, watch, None, detail=type(exc).__name__)
    return _report("hall_server", target, OK, watch, None, authenticated=True)


def check_central(config: Any, *, store: Any = None) -> LinkReport:
    """Send one heartbeat to the platform with ``config`` (a ``core.sync.client.ClientConfig``)."""
    from core.sync.client import CentralClient, tls_context
    from core.sync.service import heartbeat_record

    target = _target(config.base_url)
    watch = _Stopwatch()
    try:
        tls_context(config)    # unreadable CA or client certificate: say so before any network
        with CentralClient(config, event_hooks={"request": [watch.on_request],
                                                "response": [watch.on_response]}) as client:
            ack = client.heartbeat(heartbeat_record(config.terminal_id, store, at=datetime.now(UTC)))
    except SyncError as exc:
        code = {sync_errors.AUTH_REJECTED: AUTH_FAILED, sync_errors.NETWORK: UNREACHABLE,
                sync_errors.TIMEOUT: TIMEOUT, sync_errors.TLS: TLS,
                sync_errors.SERVER_ERROR: SERVER_ERROR}.get(exc.code, BAD_RESPONSE)
        reachable = code not in (UNREACHABLE, TIMEOUT, TLS)
        return _report("central", target, code, watch, exc, reachable=reachable,
                       authenticated=False if code == AUTH_FAILED else None)
    report = _report("central", target, OK, watch, None, authenticated=True)
    if watch.sent_at is not None and watch.rtt_s is not None:
        # The heartbeat's own server_time is finer than the Date header's whole seconds.
        middle = watch.sent_at + watch.rtt_s / 2
        report = LinkReport(**{**report.__dict__, "clock_skew_s": round(ack.server_time.timestamp() - middle, 1)})
    return report


def _report(link: str, target: str, code: str, watch: _Stopwatch, exc: HalltermError | None, *,
            reachable: bool = True, authenticated: bool | None = None, detail: str = "") -> LinkReport:
    if exc is not None:
        detail = f"{exc.code}: {exc.detail}"
    return LinkReport(link, target, code, reachable=reachable, authenticated=authenticated,
                      rtt_ms=watch.rtt_ms() if reachable else None,
                      clock_skew_s=watch.skew_s() if reachable else None, detail=detail)
