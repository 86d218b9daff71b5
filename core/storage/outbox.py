"""The outbox: what this terminal still has to tell the central platform (DESIGN "Sync").

A row is written in the same transaction as the change it reports, so nothing is sent that was not
committed and nothing committed is forgotten. Its ``id`` is the client UUID the platform uses as the
idempotency key (for a case, the case_id itself). Payloads may hold personal data, so they are sealed
with AES-GCM like a case's personal blob (associated data = the row id) and dropped by retention once
synced (``payload`` is then None).

States: pending → sending → synced | failed_retryable | failed_permanent | conflict. ``mark`` refuses
any other move (STORE_OUTBOX_TRANSITION): the sync engine built on this must not, say, resend a synced
row. ``attempts`` counts moves into ``sending``.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from core.errors import StorageError
from core.storage.codec import dt_text, dt_value, to_json
from core.storage.crypto import KeyRing
from core.storage.db import Database

_MAX_ERROR_CHARS = 500


class OutboxState(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SYNCED = "synced"
    FAILED_RETRYABLE = "failed_retryable"   # transient (network, 5xx): retried after next_attempt_at
    FAILED_PERMANENT = "failed_permanent"   # 4xx: parked for a human
    CONFLICT = "conflict"                   # 409: the platform holds a different body for this key


S = OutboxState
ALLOWED_MOVES: dict[OutboxState, frozenset[OutboxState]] = {
    S.PENDING: frozenset({S.SENDING}),
    # back to pending: the program stopped mid-send and the send is retried (the key makes that safe)
    S.SENDING: frozenset({S.SYNCED, S.FAILED_RETRYABLE, S.FAILED_PERMANENT, S.CONFLICT, S.PENDING}),
    S.FAILED_RETRYABLE: frozenset({S.SENDING, S.PENDING}),
    S.FAILED_PERMANENT: frozenset({S.PENDING}),    # a technician re-queues after fixing the cause
    S.CONFLICT: frozenset({S.PENDING}),
    S.SYNCED: frozenset(),
}


@dataclass(frozen=True)
class OutboxRow:
    id: str
    seq: int
    kind: str
    ref_id: str
    case_id: str | None
    payload: dict[str, Any] | None = field(repr=False)
    state: OutboxState
    attempts: int
    next_attempt_at: datetime | None
    last_error: str | None
    created_at: datetime
    updated_at: datetime


class Outbox:
    def __init__(self, db: Database, keys: KeyRing):
        self._db = db
        self._keys = keys

    def enqueue(self, kind: str, ref_id: str, payload: dict[str, Any], key: str | None = None, *,
                case_id: str | None = None, now: datetime | None = None) -> OutboxRow:
        """Add a pending row. ``key`` is the idempotency key (default: a new UUID; pass the case_id for a case).

        The case a row belongs to is recorded so retention knows when a case is fully synced: it is
        ``ref_id`` for kind "case", looked up from the event for kind "case_event", or passed as ``case_id``.
        Enqueueing the same key again with the same kind, ref and payload returns the existing row; with
        anything different it raises STORE_OUTBOX_KEY_CONFLICT.
        """
        row_id = key or str(uuid.uuid4())
        body = to_json(payload)
        at = dt_text(now or datetime.now(UTC))
        with self._db.transaction() as conn:
            existing = self._get(conn, row_id)
            if existing is not None:
                if (existing.kind, existing.ref_id, existing.payload) != (kind, ref_id, json.loads(body)):
                    raise StorageError(f"outbox key {row_id} already used for another {existing.kind} row",
                                       code="STORE_OUTBOX_KEY_CONFLICT")
                return existing
            if case_id is None and kind == "case":
                case_id = ref_id
            elif case_id is None and kind == "case_event":
                found = conn.execute("SELECT case_id FROM case_events WHERE event_id = ?", (ref_id,)).fetchone()
                case_id = found[0] if found else None
            conn.execute(
                "INSERT INTO outbox (id, kind, ref_id, case_id, payload, state, attempts, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)",
                (row_id, kind, ref_id, case_id, self._keys.seal(body.encode(), aad=row_id), at, at))
            return self._get(conn, row_id)

    def get(self, row_id: str) -> OutboxRow | None:
        with self._db.reading() as conn:
            return self._get(conn, row_id)

    def counts_by_state(self) -> dict[OutboxState, int]:
        """Every state with its row count (zero included), for the technician's sync page."""
        counts = dict.fromkeys(OutboxState, 0)
        with self._db.reading() as conn:
            for state, n in conn.execute("SELECT state, count(*) FROM outbox GROUP BY state"):
                counts[OutboxState(state)] = n
        return counts

    def pending(self, limit: int = 50, *, now: datetime | None = None) -> list[OutboxRow]:
        """Rows due for sending, oldest first: pending, and failed_retryable whose next_attempt_at has come."""
        due = dt_text(now or datetime.now(UTC))
        with self._db.reading() as conn:
            cur = conn.cursor()
            cur.row_factory = sqlite3.Row
            rows = cur.execute(
                "SELECT * FROM outbox WHERE state IN ('pending', 'failed_retryable') "
                "AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY seq LIMIT ?", (due, limit)).fetchall()
            return [self._from_row(r) for r in rows]

    def due(self, limit: int = 50, *, now: datetime | None = None) -> list[OutboxRow]:
        """``pending`` in case order: a row waits while an earlier row of its case is not yet synced.

        The platform must see a case's files before the case and the case before its events; a row parked
        (failed_permanent) or in conflict therefore holds back the rest of its case until a person acts.
        Files (kind "attachment") depend on nothing, so they never wait.
        """
        due = dt_text(now or datetime.now(UTC))
        with self._db.reading() as conn:
            cur = conn.cursor()
            cur.row_factory = sqlite3.Row
            rows = cur.execute(
                "SELECT * FROM outbox o WHERE o.state IN ('pending', 'failed_retryable') "
                "AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?) "
                "AND (o.case_id IS NULL OR o.kind = 'attachment' OR NOT EXISTS (SELECT 1 FROM outbox p "
                "WHERE p.case_id = o.case_id "
                "AND p.seq < o.seq AND p.state != 'synced')) ORDER BY o.seq LIMIT ?", (due, limit)).fetchall()
            return [self._from_row(r) for r in rows]

    def cases_waiting(self) -> int:
        """How many cases have a row still on its way (pending, sending or waiting for a retry)."""
        with self._db.reading() as conn:
            return conn.execute("SELECT count(DISTINCT case_id) FROM outbox WHERE case_id IS NOT NULL AND state IN "
                                "('pending', 'sending', 'failed_retryable')").fetchone()[0]

    def has_unsent(self, case_id: str) -> bool:
        """Whether any row of the case has not reached the platform (pending, sending, failed or conflict)."""
        with self._db.reading() as conn:
            return conn.execute("SELECT 1 FROM outbox WHERE case_id = ? AND state != 'synced' LIMIT 1",
                                (case_id,)).fetchone() is not None

    def next_attempt_at(self) -> datetime | None:
        """When the earliest waiting retry falls due (None if no row waits on a retry time)."""
        with self._db.reading() as conn:
            row = conn.execute("SELECT min(next_attempt_at) FROM outbox WHERE state = 'failed_retryable'").fetchone()
        return dt_value(row[0]) if row and row[0] else None

    def requeue_stuck(self, older_than_s: float, *, now: datetime | None = None) -> int:
        """Rows in ``sending`` untouched for ``older_than_s`` go back to ``pending`` (a sender that hung or
        died without a restart); the idempotency key makes the resend safe. Returns how many."""
        at = now or datetime.now(UTC)
        cutoff = dt_text(at - timedelta(seconds=older_than_s))
        with self._db.transaction() as conn:
            return conn.execute("UPDATE outbox SET state = 'pending', updated_at = ? WHERE state = 'sending' "
                                "AND updated_at <= ?", (dt_text(at), cutoff)).rowcount

    def mark(self, row_id: str, state: OutboxState | str, error: str | None = None,
             next_attempt_at: datetime | None = None, *, now: datetime | None = None) -> OutboxRow:
        """Move a row to ``state``; ``error`` must not contain personal data (it is shown to technicians).

        Marking a "case" row synced also stamps ``cases.synced_at``, which starts its retention clock.
        """
        new = OutboxState(state)
        at = dt_text(now or datetime.now(UTC))
        with self._db.transaction() as conn:
            current = self._get(conn, row_id)
            if current is None:
                raise StorageError(f"no outbox row {row_id}", code="STORE_OUTBOX_NOT_FOUND")
            if new not in ALLOWED_MOVES[current.state]:
                raise StorageError(f"outbox row {row_id}: {current.state.value} -> {new.value} is not allowed",
                                   code="STORE_OUTBOX_TRANSITION")
            # The last error stays visible while the row is retried; it is cleared once the row is synced.
            conn.execute(
                "UPDATE outbox SET state = ?, attempts = attempts + ?, next_attempt_at = ?, updated_at = ?, "
                "last_error = CASE WHEN ? THEN NULL ELSE coalesce(?, last_error) END WHERE id = ?",
                (new.value, int(new is S.SENDING), dt_text(next_attempt_at), at, new is S.SYNCED,
                 error[:_MAX_ERROR_CHARS] if error else None, row_id))
            if new is S.SYNCED and current.kind == "case" and current.case_id:
                conn.execute("UPDATE cases SET synced_at = ? WHERE case_id = ?", (at, current.case_id))
            return self._get(conn, row_id)

    def reset_interrupted(self, *, now: datetime | None = None) -> int:
        """At start: rows left in ``sending`` by a stopped program go back to ``pending``; returns how many."""
        with self._db.transaction() as conn:
            return conn.execute("UPDATE outbox SET state = 'pending', updated_at = ? WHERE state = 'sending'",
                                (dt_text(now or datetime.now(UTC)),)).rowcount

    def _get(self, conn: sqlite3.Connection, row_id: str) -> OutboxRow | None:
        cur = conn.cursor()
        cur.row_factory = sqlite3.Row
        row = cur.execute("SELECT * FROM outbox WHERE id = ?", (row_id,)).fetchone()
        return self._from_row(row) if row else None

    def _from_row(self, row: sqlite3.Row) -> OutboxRow:
        payload = None
        if row["payload"] is not None:
            payload = json.loads(self._keys.open_sealed(row["payload"], aad=row["id"]))
        return OutboxRow(id=row["id"], seq=row["seq"], kind=row["kind"], ref_id=row["ref_id"], case_id=row["case_id"],
                         payload=payload, state=OutboxState(row["state"]), attempts=row["attempts"],
                         next_attempt_at=dt_value(row["next_attempt_at"]), last_error=row["last_error"],
                         created_at=dt_value(row["created_at"]), updated_at=dt_value(row["updated_at"]))
