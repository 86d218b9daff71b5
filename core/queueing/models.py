"""What the hall server answers, as frozen dataclasses (never raw JSON past the client).

``from_json`` constructors accept the server's JSON objects (see hall_server.api.schemas) and ignore
fields they do not know, so a newer server does not break an older terminal.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from core.queueing.codes import AnnouncementKind, Priority, TicketState


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@dataclass(frozen=True)
class Ticket:
    id: str
    number: str
    service_code: str
    service_name: str
    priority: Priority
    state: TicketState
    issued_at: datetime
    business_day: str
    counter_id: str | None = None
    counter_name: str | None = None
    target_counter_id: str | None = None
    clerk_id: str | None = None
    called_at: datetime | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    recall_count: int = 0
    transfer_count: int = 0
    rank: int = 0
    seq: int = 0
    offline: bool = False
    # Only on answers to issue / get: an estimate, to be shown as one ("预计", "仅供参考").
    waiting_ahead: int | None = None
    estimated_wait_s: int | None = None
    # True for a number this kiosk issued itself while the server was unreachable, not yet registered.
    provisional: bool = False

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Ticket:
        return cls(
            id=data["id"], number=data["number"], service_code=data["service_code"],
            service_name=data.get("service_name") or data["service_code"], priority=Priority(data["priority"]),
            state=TicketState(data["state"]), issued_at=_time(data["issued_at"]),  # type: ignore[arg-type]
            business_day=data.get("business_day", ""), counter_id=data.get("counter_id"),
            counter_name=data.get("counter_name"), target_counter_id=data.get("target_counter_id"),
            clerk_id=data.get("clerk_id"), called_at=_time(data.get("called_at")),
            started_at=_time(data.get("started_at")), finished_at=_time(data.get("finished_at")),
            recall_count=data.get("recall_count", 0), transfer_count=data.get("transfer_count", 0),
            rank=data.get("rank", 0), seq=data.get("seq", 0), offline=bool(data.get("offline", False)),
            waiting_ahead=data.get("waiting_ahead"), estimated_wait_s=data.get("estimated_wait_s"))


@dataclass(frozen=True)
class CounterState:
    id: str
    name: str
    service_codes: tuple[str, ...]
    paused: bool
    pause_reason: str | None
    clerk_id: str | None
    current: Ticket | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CounterState:
        current = data.get("current")
        return cls(id=data["id"], name=data["name"], service_codes=tuple(data.get("service_codes", ())),
                   paused=bool(data["paused"]), pause_reason=data.get("pause_reason"), clerk_id=data.get("clerk_id"),
                   current=Ticket.from_json(current) if current else None)


@dataclass(frozen=True)
class ServiceQueue:
    code: str
    prefix: str
    name: str
    waiting: int
    estimated_wait_s: int | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ServiceQueue:
        return cls(code=data["code"], prefix=data["prefix"], name=data["name"], waiting=data["waiting"],
                   estimated_wait_s=data.get("estimated_wait_s"))


@dataclass(frozen=True)
class Announcement:
    """One committed change on the server; ``version`` numbers them without gaps."""

    version: int
    kind: AnnouncementKind
    at: datetime
    business_day: str
    ticket: Ticket | None
    counter: CounterState | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Announcement:
        ticket, counter = data.get("ticket"), data.get("counter")
        return cls(version=data["version"], kind=AnnouncementKind(data["kind"]), at=_time(data["at"]),  # type: ignore[arg-type]
                   business_day=data.get("business_day", ""),
                   ticket=Ticket.from_json(ticket) if ticket else None,
                   counter=CounterState.from_json(counter) if counter else None)


@dataclass(frozen=True)
class HallSnapshot:
    version: int
    business_day: str
    hall_name: str
    services: tuple[ServiceQueue, ...]
    counters: tuple[CounterState, ...]
    waiting: tuple[Ticket, ...]          # in the order the server would call them (weighted policy)
    recent_calls: tuple[Announcement, ...] = field(default=())

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> HallSnapshot:
        return cls(version=data["version"], business_day=data["business_day"], hall_name=data.get("hall_name", ""),
                   services=tuple(ServiceQueue.from_json(s) for s in data["services"]),
                   counters=tuple(CounterState.from_json(c) for c in data["counters"]),
                   waiting=tuple(Ticket.from_json(t) for t in data["waiting"]),
                   recent_calls=tuple(Announcement.from_json(a) for a in data.get("recent_calls", ())))

    def counter(self, counter_id: str) -> CounterState | None:
        return next((c for c in self.counters if c.id == counter_id), None)

    def waiting_for(self, service_code: str) -> int:
        return sum(1 for t in self.waiting if t.service_code == service_code)

    def with_changes(self, **changes: Any) -> HallSnapshot:
        return replace(self, **changes)


@dataclass(frozen=True)
class Kpi:
    tickets: int
    called: int
    served: int
    no_show: int
    cancelled: int
    expired: int
    open: int
    wait_mean_s: float | None
    wait_p90_s: float | None
    walk_mean_s: float | None
    service_mean_s: float | None
    no_show_rate: float | None
    abandonment_rate: float | None
    over_target_share: float | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Kpi:
        return cls(**{name: data.get(name) for name in cls.__dataclass_fields__})


@dataclass(frozen=True)
class HallStats:
    date: str
    service_level_target_s: int
    hall: Kpi
    by_service: dict[str, Kpi]
    by_counter: dict[str, Kpi]
    by_clerk: dict[str, Kpi]
    by_hour: dict[str, Kpi]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> HallStats:
        def group(name: str) -> dict[str, Kpi]:
            return {key: Kpi.from_json(value) for key, value in data.get(name, {}).items()}

        return cls(date=data["date"], service_level_target_s=data["service_level_target_s"],
                   hall=Kpi.from_json(data["hall"]), by_service=group("by_service"),
                   by_counter=group("by_counter"), by_clerk=group("by_clerk"), by_hour=group("by_hour"))
