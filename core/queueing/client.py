"""``HallClient``: typed calls to the hall server, for kiosk, counter and display.

Blocking (httpx): call it from a worker (``ui_common`` task runner), never the GUI thread. Every
method returns frozen dataclasses or raises a ``HallError`` subclass (``core.queueing.errors``). The
client also tracks whether the hall is reachable (``HallLink``) and publishes
``HallLinkStatusChanged`` when that changes, so a screen can say "取号服务暂时无法连接" instead of
spinning.

Retries: only requests that carry an idempotency key are retried (issue and call-next, once, with the
same key), so a lost answer never produces a second ticket or a second call.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from datetime import date
from typing import Any

import httpx

from core.events import EventBus
from core.queueing.codes import Priority
from core.queueing.errors import HallAuthError, HallError, HallUnavailable, error_from_response
from core.queueing.events import HallLinkState, HallLinkStatusChanged, OfflineTicketsReconciled
from core.queueing.models import CounterState, HallSnapshot, HallStats, Ticket
from core.queueing.offline import OfflineTickets

log = logging.getLogger(__name__)
RETRY_DELAY_S = 0.2


class HallLink:
    """Whether the hall server answers; shared by a client and its listener, published on change."""

    def __init__(self, bus: EventBus | None) -> None:
        self._bus = bus
        self._lock = threading.Lock()
        self.state = HallLinkState.CONNECTING

    def set(self, state: HallLinkState, error: HallError | None = None) -> None:
        with self._lock:
            previous, self.state = self.state, state
        if previous is state:
            return
        if error is not None:
            log.warning("HALL_LINK %s -> %s: %s", previous, state, error)
        else:
            log.info("HALL_LINK %s -> %s", previous, state)
        if self._bus is not None:
            self._bus.publish(HallLinkStatusChanged(state=state, previous=previous,
                                                    code=error.code if error else None,
                                                    user_message=error.user_message if error else None))


class HallClient:
    def __init__(self, base_url: str, token: str, *, timeout: float = 5.0, bus: EventBus | None = None,
                 offline: OfflineTickets | None = None, transport: httpx.BaseTransport | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.bus = bus
        self.offline = offline
        self.link = HallLink(bus)
        self._token = token
        self._timeout = timeout
        self._transport = transport
        self._http = self.new_http_client()
        self._reconcile_lock = threading.Lock()

    def new_http_client(self, *, read_timeout: float | None = None) -> httpx.Client:
        """An httpx client with this hall's address and token (the listener streams on its own)."""
        timeout = httpx.Timeout(self._timeout, read=read_timeout or self._timeout)
        return httpx.Client(base_url=self.base_url, timeout=timeout, transport=self._transport,
                            headers={"Authorization": f"Bearer {self._token}", "Accept": "application/json"})

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> HallClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # --- transport -------------------------------------------------------------------------------
    def _request(self, method: str, path: str, *, body: dict[str, Any] | None = None,
                 params: dict[str, Any] | None = None, retry: bool = False) -> httpx.Response:
        for attempt in range(2 if retry else 1):
            try:
                response = self._http.request(method, path, json=body, params=params)
            except httpx.TimeoutException as exc:
                error: HallError = HallUnavailable(f"{method} {path}: no answer within {self._timeout} s "
                                                   f"({type(exc).__name__})", code="HALL_TIMEOUT")
            except httpx.TransportError as exc:
                error = HallUnavailable(f"{method} {path}: {type(exc).__name__}", code="HALL_UNREACHABLE")
            else:
                if response.status_code < 400:
                    self.link.set(HallLinkState.ONLINE)
                    return response
                error = error_from_response(response.status_code, _json_or_none(response))
                if not isinstance(error, HallUnavailable | HallAuthError):
                    self.link.set(HallLinkState.ONLINE)  # it answered: the link is fine, the request was not
                    raise error
            if attempt == 0 and retry and isinstance(error, HallUnavailable):
                time.sleep(RETRY_DELAY_S)
                continue
            self.link.set(HallLinkState.OFFLINE, error)
            raise error
        raise AssertionError("unreachable")

    # --- tickets (kiosk) -------------------------------------------------------------------------
    def issue_ticket(self, service_code: str, *, priority: Priority = Priority.NORMAL,
                     person_hmac: str | None = None, client_request_id: str | None = None) -> Ticket:
        """A new ticket with its wait estimate; provisional (offline) when degraded mode is on and needed."""
        request_id = client_request_id or uuid.uuid4().hex
        body: dict[str, Any] = {"service_code": service_code, "client_request_id": request_id,
                                "priority": Priority(priority).value}
        if person_hmac:
            body["person_hmac"] = person_hmac
        known_offline = self.link.state is HallLinkState.OFFLINE
        if self.offline is not None and self.offline.pending() and not known_offline:
            self._try_reconcile()
        try:
            # Known to be away: one attempt, not two, so a citizen is not kept waiting twice the timeout.
            response = self._request("POST", "/v1/tickets", body=body, retry=not known_offline)
            return Ticket.from_json(response.json())
        except HallUnavailable:
            if self.offline is None:
                raise
            ticket = self.offline.issue(service_code, priority=Priority(priority), person_hmac=person_hmac,
                                        client_request_id=request_id)
            log.warning("HALL_OFFLINE_TICKET issued %s while the hall server is unreachable", ticket.number)
            return ticket

    def ticket(self, ticket_id: str) -> Ticket:
        return Ticket.from_json(self._request("GET", f"/v1/tickets/{ticket_id}").json())

    def cancel_ticket(self, ticket_id: str) -> Ticket:
        return Ticket.from_json(self._request("POST", f"/v1/tickets/{ticket_id}/cancel").json())

    # --- counters --------------------------------------------------------------------------------
    def call_next(self, counter_id: str, clerk_id: str, *, service_codes: list[str] | None = None) -> Ticket | None:
        """The ticket now called to this counter, or None when nobody waits."""
        body: dict[str, Any] = {"clerk_id": clerk_id, "client_request_id": uuid.uuid4().hex}
        if service_codes:
            body["service_codes"] = list(service_codes)
        response = self._request("POST", f"/v1/counters/{counter_id}/call-next", body=body, retry=True)
        return None if response.status_code == 204 else Ticket.from_json(response.json())

    def _step(self, step: str, counter_id: str, clerk_id: str | None, ticket_id: str | None,
              **extra: Any) -> Ticket:
        body = {k: v for k, v in {"clerk_id": clerk_id, "ticket_id": ticket_id, **extra}.items() if v is not None}
        return Ticket.from_json(self._request("POST", f"/v1/counters/{counter_id}/{step}", body=body).json())

    def recall(self, counter_id: str, *, clerk_id: str | None = None, ticket_id: str | None = None) -> Ticket:
        return self._step("recall", counter_id, clerk_id, ticket_id)

    def no_show(self, counter_id: str, *, clerk_id: str | None = None, ticket_id: str | None = None) -> Ticket:
        return self._step("no-show", counter_id, clerk_id, ticket_id)

    def start(self, counter_id: str, *, clerk_id: str | None = None, ticket_id: str | None = None) -> Ticket:
        return self._step("start", counter_id, clerk_id, ticket_id)

    def finish(self, counter_id: str, *, clerk_id: str | None = None, ticket_id: str | None = None) -> Ticket:
        return self._step("finish", counter_id, clerk_id, ticket_id)

    def transfer(self, counter_id: str, *, to_service_code: str | None = None, to_counter_id: str | None = None,
                 clerk_id: str | None = None, ticket_id: str | None = None) -> Ticket:
        return self._step("transfer", counter_id, clerk_id, ticket_id, to_service_code=to_service_code,
                          to_counter_id=to_counter_id)

    def pause(self, counter_id: str, clerk_id: str, reason: str) -> CounterState:
        response = self._request("POST", f"/v1/counters/{counter_id}/pause",
                                 body={"clerk_id": clerk_id, "reason": reason})
        return CounterState.from_json(response.json())

    def resume(self, counter_id: str, clerk_id: str) -> CounterState:
        response = self._request("POST", f"/v1/counters/{counter_id}/resume", body={"clerk_id": clerk_id})
        return CounterState.from_json(response.json())

    # --- reads -----------------------------------------------------------------------------------
    def snapshot(self) -> HallSnapshot:
        snapshot = HallSnapshot.from_json(self._request("GET", "/v1/snapshot").json())
        if self.offline is not None:
            self.offline.remember_services({s.code: (s.prefix, s.name) for s in snapshot.services})
        return snapshot

    def stats(self, day: date | None = None) -> HallStats:
        params = {"date": day.isoformat()} if day else None
        return HallStats.from_json(self._request("GET", "/v1/stats", params=params).json())

    # --- degraded mode ---------------------------------------------------------------------------
    def reconcile_offline(self) -> OfflineTicketsReconciled | None:
        """Register the numbers issued offline; None if there were none or the server is still away."""
        if self.offline is None:
            return None
        with self._reconcile_lock:
            accepted: list[str] = []
            rejected: list[tuple[str, str]] = []
            for pending in self.offline.pending():
                try:
                    self._request("POST", "/v1/tickets/offline", body=pending.request_body(), retry=True)
                    accepted.append(pending.number)
                except (HallUnavailable, HallAuthError):
                    break  # still away (or not allowed): keep the rest for next time
                except HallError as exc:
                    log.error("HALL_OFFLINE_REJECTED %s: %s", pending.number, exc)
                    rejected.append((pending.number, exc.code))
                self.offline.settle(pending.client_request_id)
        if not accepted and not rejected:
            return None
        event = OfflineTicketsReconciled(accepted=tuple(accepted), rejected=tuple(rejected))
        if self.bus is not None:
            self.bus.publish(event)
        return event

    def _try_reconcile(self) -> None:
        try:
            self.reconcile_offline()
        except HallError as exc:  # never let reporting old tickets stop a new one being issued
            log.warning("HALL_OFFLINE_RECONCILE_FAILED %s", exc)


def _json_or_none(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None
