"""What flows back from the platform: back-office status changes, the catalogue, the heartbeat's reply.

Changes (``GET /v1/changes?since=CURSOR``) are applied to local cases with one rule: a change never
overwrites an edit the platform has not received. If any outbox row of the case is not yet synced, the
change is *held* (kept in ``store.settings`` in arrival order) and applied on a later pull, after the
local edits went out; a held case's later changes queue behind it so their order is kept. Each page is
applied, held and its cursor saved in one transaction, and each applied change becomes a local event
whose id is the change id, so a page fetched twice (a crash before the cursor was saved) applies once.

A change whose starting state does not match the local case (the copies disagree) is not forced: it is
skipped with an audit entry and a warning for a person.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError as PydanticValidationError

from core.catalog import Bundle, Catalog, Department, ServiceItem, WorkingCalendar
from core.errors import TransitionError
from core.events import CaseStateChanged, Event, EventBus
from core.storage import Store
from core.sync import errors
from core.sync.client import CentralClient
from core.sync.errors import SyncError
from core.sync.events import BackOfficeChangeHeld, CatalogRefreshed
from core.sync.payloads import already_applied, apply_change
from core.sync.status import CATALOG_KEY, CURSOR_KEY, HELD_KEY
from core.sync.wire import CatalogDocument, ChangeRecord

log = logging.getLogger(__name__)

CENTRAL_ACTOR = "central"


@dataclass
class PullReport:
    received: int = 0
    applied: int = 0
    held: int = 0            # waiting after this pull (new and old)
    skipped: int = 0
    pages: int = 0


@dataclass
class _Page:
    held: list[dict[str, Any]]
    report: PullReport
    events: list[Event] = field(default_factory=list)


class ChangePuller:
    def __init__(self, store: Store, client: CentralClient, *, bus: EventBus | None = None, page_size: int = 200,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)):
        self.store = store
        self.client = client
        self.bus = bus
        self.page_size = page_size
        self.clock = clock

    def pull(self) -> PullReport:
        """Fetch every page since the saved cursor, then retry what is held. Raises SyncError."""
        report = PullReport()
        cursor = self.store.settings.get(CURSOR_KEY)
        while True:
            page = self.client.changes(cursor, self.page_size)
            report.pages += 1
            report.received += len(page.changes)
            self._apply(page.changes, report, cursor=page.next_cursor)
            cursor = page.next_cursor
            if not page.has_more or not page.changes:
                break
        self._apply([], report, cursor=None)   # the held ones whose cases have gone out meanwhile
        report.held = len(self.store.settings.get(HELD_KEY) or [])
        return report

    def _apply(self, changes: list[ChangeRecord], report: PullReport, *, cursor: str | None) -> None:
        with self.store.transaction():
            stored = self.store.settings.get(HELD_KEY) or []
            page = _Page(held=[], report=report)
            waiting_cases: set[str] = set()
            held_changes = [ChangeRecord.model_validate(c) for c in stored]
            for change in [*held_changes, *changes]:
                self._one(change, page, waiting_cases, new=change not in held_changes)
            if page.held != stored:
                self.store.settings.set(HELD_KEY, page.held)
            if cursor is not None:
                self.store.settings.set(CURSOR_KEY, cursor)
        if self.bus is not None:
            for event in page.events:
                self.bus.publish(event)

    def _one(self, change: ChangeRecord, page: _Page, waiting_cases: set[str], *, new: bool) -> None:
        case = self.store.cases.get(change.case_id)
        if case is None:
            log.warning("SYNC_CHANGE_UNKNOWN_CASE: change %s names case %s, not on this terminal",
                        change.change_id, change.case_number)
            page.report.skipped += 1
            return
        if already_applied(case, change):
            return
        if change.case_id in waiting_cases or self.store.outbox.has_unsent(change.case_id):
            waiting_cases.add(change.case_id)
            page.held.append(change.model_dump(mode="json"))
            if new:
                page.events.append(BackOfficeChangeHeld(case_id=case.case_id, case_number=case.case_number,
                                                        change_id=change.change_id))
            return
        try:
            updated = apply_change(case, change)
        except TransitionError as exc:
            log.warning("SYNC_CHANGE_NOT_APPLICABLE: case %s: %s", case.case_number, exc.detail)
            self.store.audit.append(CENTRAL_ACTOR, "sync.change_skipped", case.case_number,
                                    {"change_id": change.change_id, "action": change.action.value,
                                     "local_state": case.state.value, "code": exc.code})
            page.report.skipped += 1
            return
        self.store.cases.save(updated)
        self.store.audit.append(CENTRAL_ACTOR, "sync.change_applied", case.case_number,
                                {"change_id": change.change_id, "action": change.action.value,
                                 "to_state": change.to_state.value})
        page.report.applied += 1
        page.events.append(CaseStateChanged(case_id=case.case_id, case_number=case.case_number,
                                            from_state=case.state.value, to_state=updated.state.value))


# --- the catalogue ------------------------------------------------------------------------------------

def refresh_catalog(store: Store, client: CentralClient, *, bus: EventBus | None = None,
                    now: datetime | None = None) -> bool:
    """Fetch the catalogue unless the platform says it is unchanged (ETag); True when a new one was stored.

    A document that fails the cross-reference checks keeps the previous one (SyncError SYNC_BAD_RESPONSE).
    """
    stored = store.settings.get(CATALOG_KEY)
    document = client.catalog(stored["etag"] if stored else None)
    if document is None:
        return False
    _check_references(document)
    at = now or datetime.now(UTC)
    store.settings.set(CATALOG_KEY, {"etag": document.etag, "fetched_at": at.isoformat(),
                                     "document": document.model_dump(mode="json")}, now=at)
    log.info("SYNC_CATALOG_REFRESHED: %d items, %d bundles (etag %s)", len(document.items), len(document.bundles),
             document.etag)
    if bus is not None:
        bus.publish(CatalogRefreshed(etag=document.etag, items=len(document.items), bundles=len(document.bundles)))
    return True


def _check_references(document: CatalogDocument) -> None:
    codes = {item.implementation_code for item in document.items}
    departments = {d.code for d in document.departments}
    broken = [f"bundle {b.code} -> {c}" for b in document.bundles for c in b.items if c not in codes]
    broken += [f"item {i.implementation_code} -> department {i.department}" for i in document.items
               if i.department not in departments]
    if broken:
        raise SyncError("catalogue references what it does not contain: " + "; ".join(broken[:5]),
                        code=errors.BAD_RESPONSE)


def cached_catalog(store: Store, calendar: WorkingCalendar | None = None) -> Catalog | None:
    """The last catalogue fetched from the platform, or None (then the shipped seed catalogue is used)."""
    stored = store.settings.get(CATALOG_KEY)
    if not stored:
        return None
    doc = stored["document"]
    try:
        return Catalog(items=tuple(ServiceItem.model_validate(i) for i in doc["items"]),
                       bundles=tuple(Bundle.model_validate(b) for b in doc["bundles"]),
                       departments=tuple(Department.model_validate(d) for d in doc["departments"]),
                       calendar=calendar or WorkingCalendar())
    except (PydanticValidationError, KeyError, TypeError):
        log.warning("SYNC_CATALOG_CACHE_UNREADABLE: the stored catalogue does not load; using the seed")
        return None
