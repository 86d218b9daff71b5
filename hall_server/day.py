"""The daily reset: when the hall's business day changes, yesterday's queue becomes history.

Open tickets of earlier days expire, every ticket of earlier days moves to ``tickets_history`` (the
statistics keep reading it), numbers restart at 001, counters reopen unpaused with no clerk, and the old
announcements are dropped (an event stream that still points into them is told to resync). It runs in
one transaction, at the first request of a new day, so no timer has to be awake at midnight, and
several server instances agree because the ``hall_state`` row is locked and re-checked first.
"""

from __future__ import annotations

import logging

from core.queueing.codes import AnnouncementKind
from hall_server import journal
from hall_server.context import OPEN, Hall
from hall_server.db import Tx
from hall_server.db.base import VersionRef
from hall_server.db.schema import TICKET_FIELDS

log = logging.getLogger(__name__)
_COLUMNS = ", ".join(TICKET_FIELDS)


def roll_over(hall: Hall, tx: Tx, *, today: str, now_ms: int) -> VersionRef | None:
    """Reset if the stored business day is before ``today``; the announcement's version, or None."""
    state = tx.one(f"SELECT business_day FROM hall_state WHERE id = 1{hall.row_lock}")
    stored = state["business_day"] if state else ""
    if stored >= today:
        if stored > today:
            log.warning("HALL_CLOCK_BEHIND stored business day %s is after today %s; not resetting", stored, today)
        return None
    expired = tx.run(f"UPDATE tickets SET state = 'expired', closed_at = ?, updated_at = ? "
                     f"WHERE business_day < ? AND state IN {OPEN}", (now_ms, now_ms, today))
    archived = tx.run(f"INSERT INTO tickets_history ({_COLUMNS}, archived_at) "
                      f"SELECT {_COLUMNS}, ? FROM tickets WHERE business_day < ?", (now_ms, today))
    tx.run("DELETE FROM tickets WHERE business_day < ?", (today,))
    tx.run("DELETE FROM number_seq WHERE business_day < ?", (today,))
    tx.run("DELETE FROM announcements WHERE business_day < ?", (today,))
    tx.run("UPDATE counters SET paused = 0, pause_reason = NULL, paused_at = NULL, clerk_id = NULL, "
           "normal_streak = 0, updated_at = ?", (now_ms,))
    tx.run("UPDATE hall_state SET business_day = ? WHERE id = 1", (today,))
    if stored:
        log.info("HALL_DAY_RESET %s -> %s: %d tickets archived, %d expired", stored, today, archived, expired)
    return journal.record(tx, AnnouncementKind.DAY_RESET, day=today, at_ms=now_ms)


def sync_counters(hall: Hall, tx: Tx, *, now_ms: int) -> None:
    """Give every configured counter its row (counters removed from the config simply stay unused)."""
    known = {row["id"] for row in tx.all("SELECT id FROM counters")}
    for counter in hall.config.counters:
        if counter.id not in known:  # DO NOTHING: another instance starting at the same moment may win
            tx.run("INSERT INTO counters (id, updated_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
                   (counter.id, now_ms))
