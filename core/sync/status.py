"""The sync state a person can read: outbox counts, last success, last error, cursor, held changes.

Kept in ``store.settings`` (survives restarts, shared by the app and the ``sync`` command line), never in
the configuration file: nothing here is typed by a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core.storage import OutboxState, Store
from core.sync.events import SyncStatusChanged

CURSOR_KEY = "sync.cursor"                  # next_cursor of the last applied changes page
HELD_KEY = "sync.held_changes"              # back-office changes waiting for local edits to go out (a list)
LAST_SUCCESS_KEY = "sync.last_success_at"   # ISO time of the last exchange the platform answered 2xx
LAST_ERROR_KEY = "sync.last_error"          # {"code", "detail", "at"} or absent
CATALOG_KEY = "sync.catalog"                # {"etag", "fetched_at", "document"}

WAITING_STATES = (OutboxState.PENDING, OutboxState.SENDING, OutboxState.FAILED_RETRYABLE)


@dataclass(frozen=True)
class SyncStatus:
    counts: dict[OutboxState, int]
    cases_waiting: int
    last_success_at: datetime | None
    last_error: dict[str, Any] | None
    cursor: str | None
    held_changes: int
    catalog_etag: str | None

    @property
    def waiting(self) -> int:
        return sum(self.counts[s] for s in WAITING_STATES)

    def event(self, *, online: bool) -> SyncStatusChanged:
        return SyncStatusChanged(
            waiting=self.waiting, cases_waiting=self.cases_waiting, parked=self.counts[OutboxState.FAILED_PERMANENT],
            conflicts=self.counts[OutboxState.CONFLICT], last_success_at=self.last_success_at,
            last_error_code=self.last_error["code"] if self.last_error else None, online=online)


def read_status(store: Store) -> SyncStatus:
    last = store.settings.get(LAST_SUCCESS_KEY)
    catalog = store.settings.get(CATALOG_KEY)
    return SyncStatus(counts=store.outbox.counts_by_state(), cases_waiting=store.outbox.cases_waiting(),
                      last_success_at=datetime.fromisoformat(last) if last else None,
                      last_error=store.settings.get(LAST_ERROR_KEY), cursor=store.settings.get(CURSOR_KEY),
                      held_changes=len(store.settings.get(HELD_KEY) or []),
                      catalog_etag=catalog["etag"] if catalog else None)
