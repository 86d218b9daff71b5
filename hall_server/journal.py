"""The announcements table: one row per committed change, numbered by the hall's version.

Every write transaction ends with ``record()``, so the change and its announcement commit together:
a display never speaks a call that was rolled back, and never misses one that committed. The version
counter lives in ``hall_state`` and is bumped by an UPDATE at the very end of the transaction, so on
PostgreSQL the row lock orders the commits: version N+1 cannot commit before N, and a reader that has
seen N and finds no N+1 yet has missed nothing (a sequence would hand out numbers in call order but
let them commit out of order). On PostgreSQL the bump runs in a deferred trigger, i.e. during COMMIT,
so the lock is held for the commit alone (schema.py); on SQLite the single writer bumps it directly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from core.queueing.codes import AnnouncementKind
from hall_server.db import Tx
from hall_server.db.base import VersionRef


def record(tx: Tx, kind: AnnouncementKind, *, day: str, at_ms: int, ticket: dict[str, Any] | None = None,
           counter: dict[str, Any] | None = None) -> VersionRef | None:
    """Write the announcement of this transaction's change; call it LAST (see ``Tx.record``)."""
    payload = json.dumps({"ticket": ticket, "counter": counter}, ensure_ascii=False, separators=(",", ":"))
    return tx.record(day, kind.value, at_ms, ticket["id"] if ticket else None,
                     (counter or {}).get("id") or (ticket or {}).get("counter_id"), payload)


def current_version(tx: Tx) -> int:
    row = tx.one("SELECT version FROM hall_state WHERE id = 1")
    return int(row["version"]) if row else 0


@dataclass(frozen=True)
class Since:
    rows: list[dict[str, Any]]
    resync: bool      # the caller's version is no longer covered: fetch the snapshot again
    version: int      # the hall's current version


def since(tx: Tx, version: int, limit: int) -> Since:
    current = current_version(tx)
    if version > current:  # a replaced or restored database: the client's view is from elsewhere
        return Since([], True, current)
    rows = tx.all("SELECT * FROM announcements WHERE version > ? ORDER BY version LIMIT ?", (version, limit))
    if (rows and rows[0]["version"] != version + 1) or (not rows and version < current):
        return Since([], True, current)  # the day reset removed what the caller has not seen
    return Since(rows, False, current)
