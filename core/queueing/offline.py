"""Degraded mode (off unless a kiosk is given one): issue numbers while the hall server is unreachable.

A kiosk that has a reserved number range in the server's configuration (``reserved_numbers``, above
every number the server issues itself) may print ``A9000``, ``A9001`` … on its own when the server
cannot be reached, so citizens are not turned away. Each such ticket is kept (in a small JSON journal
when a path is given, so a restart does not forget them) and registered with the server through
``POST /v1/tickets/offline`` as soon as it answers again; it then joins the queue in the order of its
issue time. The person sees that the number is provisional ("离线取号").
"""

from __future__ import annotations

import json
import os
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from core.queueing.codes import Priority, TicketState
from core.queueing.errors import HallUnavailable
from core.queueing.models import Ticket


@dataclass(frozen=True)
class PendingTicket:
    client_request_id: str
    service_code: str
    number: str
    issued_at: str  # ISO 8601 with offset
    priority: str
    person_hmac: str | None

    def request_body(self) -> dict[str, object]:
        body = asdict(self)
        if body["person_hmac"] is None:
            del body["person_hmac"]
        return body


class OfflineTickets:
    def __init__(self, reserved: tuple[int, int], *, services: Mapping[str, tuple[str, str]] | None = None,
                 journal: Path | None = None, zone: ZoneInfo | None = None,
                 now: Callable[[], float] = time.time) -> None:
        low, high = reserved
        if not 1 <= low <= high:
            raise ValueError("reserved range must be (low, high) with 1 <= low <= high")
        self.reserved = (low, high)
        self._services = dict(services or {})  # code -> (prefix, name)
        self._journal = journal
        self._zone = zone or ZoneInfo("Asia/Shanghai")
        self._now = now
        self._lock = threading.Lock()
        self._day = ""
        self._next: dict[str, int] = {}
        self._pending: list[PendingTicket] = []
        self._load()

    def remember_services(self, services: Mapping[str, tuple[str, str]]) -> None:
        """What the server last said its services are (code -> prefix, name)."""
        with self._lock:
            self._services.update(services)

    def pending(self) -> list[PendingTicket]:
        with self._lock:
            return list(self._pending)

    def issue(self, service_code: str, *, priority: Priority = Priority.NORMAL, person_hmac: str | None = None,
              client_request_id: str | None = None) -> Ticket:
        with self._lock:
            if service_code not in self._services:
                raise HallUnavailable(f"offline issue: service {service_code!r} not known locally",
                                      code="HALL_OFFLINE_UNKNOWN_SERVICE")
            prefix, name = self._services[service_code]
            now = datetime.fromtimestamp(self._now(), self._zone)
            if now.date().isoformat() != self._day:
                self._day, self._next = now.date().isoformat(), {}
            if person_hmac and any(p.person_hmac == person_hmac and p.service_code == service_code
                                   for p in self._pending):
                raise HallUnavailable("offline issue: this person already holds an offline ticket for the service",
                                      code="HALL_OFFLINE_ALREADY_OPEN",
                                      user_message="您已取过这项业务的号，请留意叫号。")
            value = self._next.get(prefix, self.reserved[0])
            if value > self.reserved[1]:
                raise HallUnavailable("offline issue: the reserved number range is used up",
                                      code="HALL_OFFLINE_EXHAUSTED")
            self._next[prefix] = value + 1
            pending = PendingTicket(client_request_id or uuid.uuid4().hex, service_code, f"{prefix}{value}",
                                    now.isoformat(timespec="milliseconds"), priority.value, person_hmac)
            self._pending.append(pending)
            self._save()
        return Ticket(id=pending.client_request_id, number=pending.number, service_code=service_code,
                      service_name=name, priority=priority, state=TicketState.WAITING, issued_at=now,
                      business_day=self._day, offline=True, provisional=True)

    def settle(self, client_request_id: str) -> None:
        """The server answered for this ticket (accepted or refused): stop reporting it."""
        with self._lock:
            self._pending = [p for p in self._pending if p.client_request_id != client_request_id]
            self._save()

    # --- journal ---------------------------------------------------------------------------------
    def _load(self) -> None:
        if self._journal is None or not self._journal.exists():
            return
        data = json.loads(self._journal.read_text(encoding="utf-8"))
        self._day = data.get("day", "")
        self._next = {str(k): int(v) for k, v in data.get("next", {}).items()}
        self._pending = [PendingTicket(**p) for p in data.get("pending", [])]

    def _save(self) -> None:
        if self._journal is None:
            return
        self._journal.parent.mkdir(parents=True, exist_ok=True)
        data = {"day": self._day, "next": self._next, "pending": [asdict(p) for p in self._pending]}
        temporary = self._journal.with_suffix(".tmp")
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())  # the number is on paper already: it must survive a power cut
        os.replace(temporary, self._journal)
