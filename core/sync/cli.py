"""The ``sync`` command line: ``main.py sync status`` and ``main.py sync once`` (wired by main.py).

Both work on an open store and the loaded settings, print plain text and never show personal data or the
terminal secret. ``once`` runs one engine round in the calling thread; do not run it while the
terminal program's own sync worker is running against the same store (one sync in flight) — rows that
worker holds in ``sending`` are left alone unless they are older than the stuck timeout.
"""

from __future__ import annotations

from typing import Any

from core.events import EventBus
from core.storage import OutboxState, Store
from core.sync.client import CentralClient, ClientConfig
from core.sync.engine import DEFAULT_POLICY, SyncPolicy
from core.sync.errors import SyncError
from core.sync.service import SyncEngine
from core.sync.status import read_status

EXIT_OK = 0            # nothing waits, nothing parked
EXIT_ROWS_LEFT = 1     # rows still wait for a retry, or are parked / in conflict for a person
EXIT_UNREACHABLE = 2   # not configured, or the platform could not be reached


def status(store: Store, settings: Any) -> str:
    """A few lines for a technician: where, how many rows in each state, last success and error."""
    s = read_status(store)
    counts = " · ".join(f"{state.value} {s.counts[state]}" for state in OutboxState)
    lines = [
        f"platform      {settings.get('central.url') or '(not set: demo uses the local simulator)'}",
        f"terminal      {settings.get('terminal.id')}",
        f"outbox        {counts}",
        f"waiting       {s.waiting} rows of {s.cases_waiting} cases",
        f"last success  {s.last_success_at.isoformat() if s.last_success_at else 'never'}",
        f"last error    {(s.last_error['code'] + ' ' + s.last_error['detail']) if s.last_error else 'none'}",
        f"cursor        {s.cursor or '(start)'}",
        f"held changes  {s.held_changes}",
        f"catalogue     {s.catalog_etag or '(seed, never fetched)'}",
    ]
    return "\n".join(lines)


def once(store: Store, settings: Any, *, base_url: str | None = None, secret: str | None = None,
         bus: EventBus | None = None, policy: SyncPolicy = DEFAULT_POLICY) -> tuple[int, str]:
    """One push + pull round; returns (exit code, text to print)."""
    try:
        client = CentralClient(ClientConfig.from_settings(settings, base_url=base_url, secret=secret))
    except SyncError as exc:
        return EXIT_UNREACHABLE, f"[{exc.code}] {exc.detail}"
    engine = SyncEngine(store, client, bus=bus, policy=policy)
    try:
        report = engine.run_once()
    finally:
        engine.close()
    after = read_status(store)
    text = report.summary() + "\n" + status(store, settings)
    if not engine.pusher.online:
        return EXIT_UNREACHABLE, text
    left = after.waiting + after.counts[OutboxState.FAILED_PERMANENT] + after.counts[OutboxState.CONFLICT]
    return (EXIT_ROWS_LEFT if left or report.pull_error else EXIT_OK), text


def requeue(store: Store, row_id: str, actor: str) -> str:
    """A technician sends a parked or conflicting row again (after fixing its cause)."""
    row = store.outbox.get(row_id)
    if row is None:
        return f"no outbox row {row_id}"
    if row.state not in (OutboxState.FAILED_PERMANENT, OutboxState.CONFLICT, OutboxState.FAILED_RETRYABLE):
        return f"row {row_id} is {row.state.value}; only parked, conflicting or retrying rows are re-queued"
    with store.transaction():
        store.outbox.mark(row_id, OutboxState.PENDING)
        store.audit.append(actor, "sync.requeue", row.ref_id if row.kind != "case" else row_id,
                           {"kind": row.kind, "was": row.state.value})
    return f"row {row_id} ({row.kind}) queued again"
