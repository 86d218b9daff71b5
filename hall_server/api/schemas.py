"""Request and response bodies of the hall API (they are what /openapi.json documents).

Requests are strict (``extra="forbid"``): a misspelt field is a 422 that names it, never silently
ignored. Identifiers have tight shapes so nothing odd reaches a log or a display.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from core.queueing.codes import Priority
from core.queueing.models import Kpi  # the KPI fields have one definition: the client reads the same

ServiceCode = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,31}$", examples=["general"])]
RequestId = Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{8,64}$", description="idempotency key chosen by the client")]
ClerkId = Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]{1,32}$", description="the clerk's staff number")]
CounterId = Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{1,16}$")]
TicketId = Annotated[str, Field(pattern=r"^[0-9a-f-]{36}$")]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IssueTicketIn(_Request):
    service_code: ServiceCode
    client_request_id: RequestId
    priority: Priority = Priority.NORMAL
    person_hmac: Annotated[str | None, Field(pattern=r"^[0-9a-f]{64}$",
                                             description="HMAC-SHA256 of the ID number (one open ticket per "
                                                         "person per service per day)")] = None


class OfflineTicketIn(IssueTicketIn):
    number: Annotated[str, Field(pattern=r"^[A-Z]{1,2}\d{1,5}$", description="printed by the kiosk offline")]
    issued_at: datetime


class CallNextIn(_Request):
    clerk_id: ClerkId
    service_codes: Annotated[list[ServiceCode] | None, Field(max_length=20,
                                                             description="narrow to these of the counter's "
                                                                         "services")] = None
    client_request_id: RequestId | None = None


class CounterActionIn(_Request):
    clerk_id: ClerkId | None = None
    ticket_id: TicketId | None = Field(default=None, description="refused unless it is the counter's ticket")


class TransferIn(CounterActionIn):
    to_service_code: ServiceCode | None = None
    to_counter_id: CounterId | None = None

    @model_validator(mode="after")
    def _somewhere(self) -> TransferIn:
        if self.to_service_code is None and self.to_counter_id is None:
            raise ValueError("to_service_code or to_counter_id is required")
        return self


class PauseIn(_Request):
    clerk_id: ClerkId
    reason: Annotated[str, Field(min_length=1, max_length=60, description="e.g. 午休, 系统故障")]


class ResumeIn(_Request):
    clerk_id: ClerkId


# --- responses ------------------------------------------------------------------------------------

class TicketOut(BaseModel):
    id: str
    number: str
    service_code: str
    service_name: str
    priority: Priority
    state: str
    counter_id: str | None
    counter_name: str | None
    target_counter_id: str | None
    clerk_id: str | None
    issued_at: str
    called_at: str | None
    started_at: str | None
    finished_at: str | None
    recall_count: int
    transfer_count: int
    rank: int = Field(description="queue order key: lower is called first under the weighted policy")
    seq: int = Field(description="the number's sequence within its prefix; breaks ties in queue order")
    offline: bool
    business_day: str
    waiting_ahead: int | None = None
    estimated_wait_s: int | None = Field(default=None, description="an estimate, not a promise")
    estimate_note: str | None = None


class CounterOut(BaseModel):
    id: str
    name: str
    service_codes: list[str]
    paused: bool
    pause_reason: str | None
    clerk_id: str | None
    current: TicketOut | None


class ServiceOut(BaseModel):
    code: str
    prefix: str
    name: str
    waiting: int
    mean_service_s: float
    estimated_wait_s: int | None


class AnnouncementOut(BaseModel):
    version: int
    kind: str
    business_day: str
    at: str
    ticket: TicketOut | None
    counter: CounterOut | None


class SnapshotOut(BaseModel):
    version: int
    business_day: str
    hall_name: str
    generated_at: str
    estimate_note: str
    services: list[ServiceOut]
    counters: list[CounterOut]
    waiting: list[TicketOut]
    recent_calls: list[AnnouncementOut]


class StatsOut(BaseModel):
    date: str
    service_level_target_s: int
    hall: Kpi
    by_service: dict[str, Kpi]
    by_counter: dict[str, Kpi]
    by_clerk: dict[str, Kpi]
    by_hour: dict[str, Kpi]


class ErrorOut(BaseModel):
    code: str = Field(description="stable; clients match on it")
    message: str = Field(description="one calm sentence in Simplified Chinese")
    detail: str | list | None = Field(default=None, description="for the technician")
