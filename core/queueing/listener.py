"""``HallListener``: one background thread that keeps the hall's state current from the event stream.

It takes a snapshot, then follows ``GET /v1/events?since=<its version>``, applying each announcement
to its copy (``core.queueing.mirror``) and publishing ``TicketCalled``, ``TicketChanged``,
``CounterChanged`` and ``QueueSnapshot`` on the bus. When the stream breaks it says so
(``HallLinkStatusChanged`` → OFFLINE), waits with capped back-off, and starts again from a fresh
snapshot: nothing missed while away is guessed at. When it is back and the kiosk issued numbers offline,
it reports them.

``stop()`` shuts the streaming socket down, so the thread leaves its blocking read at once instead of
at the next keepalive.
"""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import threading
from typing import Any

import httpx

from core.events import EventBus
from core.queueing import mirror
from core.queueing.client import HallClient
from core.queueing.codes import AnnouncementKind
from core.queueing.errors import HallError, HallUnavailable, error_from_response
from core.queueing.events import (
    CounterChanged,
    HallLinkState,
    QueueAnnouncement,
    QueueSnapshot,
    TicketCalled,
    TicketChanged,
)
from core.queueing.models import Announcement, HallSnapshot
from core.queueing.sse import parse_sse

log = logging.getLogger(__name__)
BACKOFF_S = (0.5, 1.0, 2.0, 5.0, 10.0)
_CALLS = {AnnouncementKind.TICKET_CALLED: False, AnnouncementKind.TICKET_RECALLED: True}
_COUNTER_KINDS = (AnnouncementKind.COUNTER_PAUSED, AnnouncementKind.COUNTER_RESUMED)


class _Resync(Exception):
    """The stream asked for (or the mirror needs) a fresh snapshot."""


class HallListener:
    def __init__(self, client: HallClient, bus: EventBus, *, read_timeout: float = 45.0,
                 backoff: tuple[float, ...] = BACKOFF_S) -> None:
        self.client = client
        self.bus = bus
        self._read_timeout = read_timeout  # > the server's keepalive interval (15 s)
        self._backoff = backoff
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._socket: socket.socket | None = None
        self._snapshot: HallSnapshot | None = None

    @property
    def snapshot(self) -> HallSnapshot | None:
        return self._snapshot

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("listener already started")
        self._thread = threading.Thread(target=self._run, name="hall-listener", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 15.0) -> None:
        self._stop.set()
        with self._lock:
            if self._socket is not None:
                with contextlib.suppress(OSError):
                    self._socket.shutdown(socket.SHUT_RDWR)
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                raise RuntimeError("hall listener thread did not stop")

    # --- the thread ------------------------------------------------------------------------------
    def _run(self) -> None:
        failures = 0
        with self.client.new_http_client(read_timeout=self._read_timeout) as http:
            while not self._stop.is_set():
                try:
                    self._publish_snapshot(self.client.snapshot())
                    failures = 0
                    if self.client.offline is not None and self.client.offline.pending():
                        self.client.reconcile_offline()
                    self._follow(http)
                except _Resync:
                    continue
                except HallError as exc:
                    if not self._stop.is_set():
                        self.client.link.set(HallLinkState.OFFLINE, exc)
                        failures += 1
                except httpx.HTTPError as exc:
                    if not self._stop.is_set():
                        self.client.link.set(HallLinkState.OFFLINE, HallUnavailable(
                            f"event stream: {type(exc).__name__}", code="HALL_UNREACHABLE"))
                        failures += 1
                except Exception:
                    log.exception("HALL_LISTENER_FAILED")
                    failures += 1
                if failures:
                    self._stop.wait(self._backoff[min(failures, len(self._backoff)) - 1])

    def _follow(self, http: httpx.Client) -> None:
        assert self._snapshot is not None
        params = {"since": self._snapshot.version}
        with http.stream("GET", "/v1/events", params=params, headers={"Accept": "text/event-stream"}) as response:
            if response.status_code != 200:
                response.read()
                raise error_from_response(response.status_code, _json(response))
            self._hold_socket(response)
            try:
                for event in parse_sse(response.iter_lines()):
                    if self._stop.is_set():
                        return
                    if event.event == "hello":
                        self.client.link.set(HallLinkState.ONLINE)
                    elif event.event == "resync":
                        raise _Resync
                    else:
                        self._apply(Announcement.from_json(json.loads(event.data)))
            finally:
                self._hold_socket(None)
        if not self._stop.is_set():
            raise HallUnavailable("event stream ended by the server", code="HALL_UNREACHABLE")

    def _apply(self, announcement: Announcement) -> None:
        self.bus.publish(QueueAnnouncement(announcement=announcement))
        ticket, counter, kind = announcement.ticket, announcement.counter, announcement.kind
        if ticket is not None and kind in _CALLS:
            self.bus.publish(TicketCalled(ticket=ticket, counter_id=ticket.counter_id or "",
                                          counter_name=ticket.counter_name or "", recall=_CALLS[kind],
                                          version=announcement.version))
        elif ticket is not None:
            self.bus.publish(TicketChanged(kind=kind, ticket=ticket, version=announcement.version))
        if counter is not None and kind in _COUNTER_KINDS:
            self.bus.publish(CounterChanged(counter=counter, kind=kind, version=announcement.version))
        assert self._snapshot is not None
        updated = mirror.apply(self._snapshot, announcement)
        if updated is None:
            raise _Resync
        self._publish_snapshot(updated)

    def _publish_snapshot(self, snapshot: HallSnapshot) -> None:
        self._snapshot = snapshot
        self.bus.publish(QueueSnapshot(snapshot=snapshot))

    def _hold_socket(self, response: httpx.Response | None) -> None:
        sock = None
        if response is not None:
            stream = response.extensions.get("network_stream")
            sock = stream.get_extra_info("socket") if stream is not None else None
        with self._lock:
            self._socket = sock
        if sock is not None and self._stop.is_set():
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None
