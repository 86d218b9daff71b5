"""Events the sync engine publishes on ``core.events.EventBus`` (the UI re-emits them on the GUI thread).

They carry counts, codes and case numbers only: never personal data, never a secret.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.events import Event


@dataclass(frozen=True, kw_only=True)
class SyncStatusChanged(Event):
    """What the status line shows: "3 件办件待同步，最近同步 03-02 10:32"."""

    waiting: int                      # pending + sending + failed_retryable rows (cases, events, files, ...)
    cases_waiting: int                # distinct cases among them
    parked: int                       # failed_permanent: a person must look
    conflicts: int                    # the platform holds something else under the same key
    last_success_at: datetime | None
    last_error_code: str | None       # None when the last exchange succeeded
    online: bool                      # the last exchange reached the platform

    @property
    def summary(self) -> str:
        if self.cases_waiting:
            parts = [f"{self.cases_waiting} 件办件待同步"]
        else:
            parts = [f"{self.waiting} 条记录待同步" if self.waiting else "已全部同步"]
        if self.parked or self.conflicts:
            parts.append(f"{self.parked + self.conflicts} 条需人工处理")
        if self.last_success_at is not None:
            parts.append(f"最近同步 {self.last_success_at.astimezone():%m-%d %H:%M}")
        if not self.online:
            parts.append("平台暂时无法连接")
        return "，".join(parts)


@dataclass(frozen=True, kw_only=True)
class SyncRowParked(Event):
    """A row the platform refused (4xx): it stays in the outbox until a technician re-queues it."""

    outbox_id: str
    kind: str
    subject: str                      # case number, or the row's reference
    code: str
    http_status: int | None


@dataclass(frozen=True, kw_only=True)
class SyncConflict(Event):
    """409: the platform holds a different record (or state) under this key. Nothing is overwritten."""

    outbox_id: str
    kind: str
    subject: str
    code: str


@dataclass(frozen=True, kw_only=True)
class BackOfficeChangeHeld(Event):
    """A back-office change waits because the case has local edits the platform has not received yet."""

    case_id: str
    case_number: str
    change_id: str


@dataclass(frozen=True, kw_only=True)
class CatalogRefreshed(Event):
    etag: str
    items: int
    bundles: int
