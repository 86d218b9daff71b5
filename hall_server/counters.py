"""What a counter does: call the next ticket, recall, no-show, start, finish, transfer, pause, resume.

Call-next claims a ticket with ONE statement, ``UPDATE tickets … WHERE id = (SELECT … LIMIT 1 <lock>)
AND state = 'waiting' RETURNING *``: on PostgreSQL the subquery takes ``FOR UPDATE SKIP LOCKED`` so
racing counters each lock a different row instead of queueing on the first one; on SQLite the
``BEGIN IMMEDIATE`` write lock serialises callers and the ``state = 'waiting'`` condition is the
compare-and-set. Either way a ticket is called once (DESIGN: "use an atomic claim in the database", not
a sleep or a file lock). The counter's own row is locked first, so one counter's double-click cannot
claim two tickets, and the partial unique index ``tickets_active_per_counter`` backs that up.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.queueing.codes import AnnouncementKind
from hall_server import journal
from hall_server.config import CounterDef, PriorityPolicyKind
from hall_server.context import ACTIVE_STATES, QUEUE_ORDER, Hall
from hall_server.db import Row, Tx
from hall_server.db.base import VersionRef, placeholders
from hall_server.errors import HallServerError

EWMA_WINDOW = 5  # the rolling mean of service time weighs the last few services (1/5 each step)


@dataclass(frozen=True)
class CounterAction:
    counter_id: str
    clerk_id: str | None = None
    ticket_id: str | None = None  # what the clerk sees; refused if the counter holds another ticket


def counter_or_refuse(hall: Hall, counter_id: str) -> CounterDef:
    definition = hall.config.counter(counter_id)
    if definition is None:
        raise HallServerError("COUNTER_UNKNOWN", f"unknown counter {counter_id!r}")
    return definition


def _lock_counter(hall: Hall, tx: Tx, counter_id: str) -> Row:
    row = tx.one(f"SELECT * FROM counters WHERE id = ?{hall.row_lock}", (counter_id,))
    assert row is not None, "counters are inserted from the configuration at start-up"
    return row


def _order(hall: Hall, counter: Row) -> str:
    policy = hall.config.priority
    if policy.policy is PriorityPolicyKind.RATIO:
        priority_turn = counter["normal_streak"] >= policy.normal_per_priority
        first, second = (1, 0) if priority_turn else (0, 1)
        return f"CASE WHEN priority = 'normal' THEN {first} ELSE {second} END, issued_at, seq, id"
    return QUEUE_ORDER


def call_next(hall: Hall, tx: Tx, action: CounterAction, service_codes: tuple[str, ...], request_id: str | None,
              *, day: str, now_ms: int) -> tuple[Row | None, VersionRef | None]:
    counter, active = hall.counter_and_active(tx, action.counter_id)
    if counter["paused"]:
        raise HallServerError("COUNTER_PAUSED", f"counter {action.counter_id} is paused")
    if active is not None:
        if request_id is not None and active["call_request_id"] == request_id:
            return active, None  # the same call-next retried after a lost answer
        raise HallServerError("COUNTER_BUSY", f"counter {action.counter_id} still holds {active['number']}",
                              extra={"ticket": hall.ticket(active)})
    codes = placeholders(len(service_codes))
    row = tx.one(
        "UPDATE tickets SET state = 'called', counter_id = ?, clerk_id = ?, called_at = ?, "
        "first_called_at = COALESCE(first_called_at, ?), target_counter_id = NULL, call_request_id = ?, "
        "updated_at = ? WHERE id = (SELECT id FROM tickets WHERE business_day = ? AND state = 'waiting' "
        f"AND service_code IN ({codes}) AND (target_counter_id IS NULL OR target_counter_id = ?) "
        f"ORDER BY {_order(hall, counter)} LIMIT 1 {hall.backend.claim_lock_clause}) "
        "AND state = 'waiting' RETURNING *",
        (action.counter_id, action.clerk_id, now_ms, now_ms, request_id, now_ms, day, *service_codes,
         action.counter_id))
    if row is None:
        return None, None
    streak = counter["normal_streak"] + 1 if row["priority"] == "normal" else 0
    tx.send("UPDATE counters SET clerk_id = ?, normal_streak = ?, updated_at = ? WHERE id = ?",
            (action.clerk_id, streak, now_ms, action.counter_id))
    counter = {**counter, "clerk_id": action.clerk_id, "normal_streak": streak}
    version = journal.record(tx, AnnouncementKind.TICKET_CALLED, day=day, at_ms=now_ms, ticket=hall.ticket(row),
                             counter=hall.counter(counter, row))
    return row, version


def _active_or_refuse(hall: Hall, tx: Tx, action: CounterAction, states: tuple[str, ...]) -> tuple[Row, Row]:
    """(counter, its ticket) with the counter locked, or the refusal that says why not."""
    counter, active = hall.counter_and_active(tx, action.counter_id)
    if active is None:
        raise HallServerError("NO_ACTIVE_TICKET", f"counter {action.counter_id} holds no ticket")
    if action.ticket_id is not None and active["id"] != action.ticket_id:
        raise HallServerError("TICKET_STATE", f"counter {action.counter_id} holds {active['number']}, "
                              f"not the ticket named in the request")
    if active["state"] not in states:
        raise HallServerError("TICKET_STATE", f"ticket {active['number']} is {active['state']}, "
                              f"needs {' or '.join(states)}")
    return counter, active


def _change(hall: Hall, tx: Tx, kind: AnnouncementKind, counter: Row, ticket_id: str, assignments: str,
            params: tuple[object, ...], *, day: str, now_ms: int,
            also: tuple[str, tuple[object, ...]] | None = None) -> tuple[Row, VersionRef | None]:
    """UPDATE the counter's ticket, then announce it with the counter as it now stands.

    ``also``: one more statement sent after the ticket's UPDATE, with the announcement and the COMMIT
    (on PostgreSQL in the same pipeline flush): a row that every counter updates is then locked for the
    commit alone, not across a round trip.
    """
    row = tx.one(f"UPDATE tickets SET {assignments}, updated_at = ? WHERE id = ? RETURNING *",
                 (*params, now_ms, ticket_id))
    assert row is not None
    if also is not None:
        tx.send(*also)
    current = row if row["state"] in ACTIVE_STATES else None
    version = journal.record(tx, kind, day=day, at_ms=now_ms, ticket=hall.ticket(row),
                             counter=hall.counter(counter, current))
    return row, version


def recall(hall: Hall, tx: Tx, action: CounterAction, *, day: str, now_ms: int) -> tuple[Row, VersionRef | None]:
    """Announce the called ticket again (the display speaks it again)."""
    counter, active = _active_or_refuse(hall, tx, action, ("called",))
    return _change(hall, tx, AnnouncementKind.TICKET_RECALLED, counter, active["id"],
                   "recall_count = recall_count + 1, recalled_at = ?", (now_ms,), day=day, now_ms=now_ms)


def no_show(hall: Hall, tx: Tx, action: CounterAction, *, day: str, now_ms: int) -> tuple[Row, VersionRef | None]:
    counter, active = _active_or_refuse(hall, tx, action, ("called",))
    return _change(hall, tx, AnnouncementKind.TICKET_NO_SHOW, counter, active["id"],
                   "state = 'no_show', closed_at = ?", (now_ms,), day=day, now_ms=now_ms)


def start(hall: Hall, tx: Tx, action: CounterAction, *, day: str, now_ms: int) -> tuple[Row, VersionRef | None]:
    counter, active = _active_or_refuse(hall, tx, action, ("called",))
    return _change(hall, tx, AnnouncementKind.TICKET_STARTED, counter, active["id"],
                   "state = 'serving', started_at = ?", (now_ms,), day=day, now_ms=now_ms)


def finish(hall: Hall, tx: Tx, action: CounterAction, *, day: str, now_ms: int) -> tuple[Row, VersionRef | None]:
    counter, active = _active_or_refuse(hall, tx, action, ("serving",))
    duration = max(0, now_ms - active["started_at"])
    # A rolling mean: plain mean over the first few services, then each new one weighs 1/EWMA_WINDOW.
    mean = ("INSERT INTO service_times (service_code, mean_ms, samples) VALUES (?, ?, 1) "
            "ON CONFLICT (service_code) DO UPDATE SET "
            "mean_ms = service_times.mean_ms + (excluded.mean_ms - service_times.mean_ms) / "
            f"(CASE WHEN service_times.samples + 1 < {EWMA_WINDOW} THEN service_times.samples + 1 "
            f"ELSE {EWMA_WINDOW} END), samples = service_times.samples + 1",
            (active["service_code"], float(duration)))
    return _change(hall, tx, AnnouncementKind.TICKET_FINISHED, counter, active["id"],
                   "state = 'finished', finished_at = ?, closed_at = ?", (now_ms, now_ms), day=day, now_ms=now_ms,
                   also=mean)


def transfer(hall: Hall, tx: Tx, action: CounterAction, to_service: str | None, to_counter: str | None, *,
             day: str, now_ms: int) -> tuple[Row, VersionRef | None]:
    """Back to a queue with the same number: another service, a named counter, or both."""
    counter, active = _active_or_refuse(hall, tx, action, ACTIVE_STATES)
    service = to_service or active["service_code"]
    if to_counter is not None and service not in counter_or_refuse(hall, to_counter).services:
        raise HallServerError("SERVICE_NOT_AT_COUNTER", f"counter {to_counter} does not serve {service}")
    return _change(hall, tx, AnnouncementKind.TICKET_TRANSFERRED, counter, active["id"],
                   "state = 'waiting', service_code = ?, target_counter_id = ?, counter_id = NULL, clerk_id = NULL, "
                   "called_at = NULL, started_at = NULL, call_request_id = NULL, transfer_count = transfer_count + 1",
                   (service, to_counter), day=day, now_ms=now_ms)


def pause(hall: Hall, tx: Tx, action: CounterAction, reason: str, *, day: str,
          now_ms: int) -> tuple[Row, VersionRef | None]:
    counter, active = hall.counter_and_active(tx, action.counter_id)
    if active is not None:
        raise HallServerError("COUNTER_BUSY", f"counter {action.counter_id} still holds {active['number']}",
                              extra={"ticket": hall.ticket(active)})
    if counter["paused"]:  # pausing twice keeps the first reason and time: nothing to announce
        return counter, None
    counter = tx.one("UPDATE counters SET paused = 1, pause_reason = ?, paused_at = ?, clerk_id = ?, updated_at = ? "
                     "WHERE id = ? RETURNING *", (reason, now_ms, action.clerk_id, now_ms, action.counter_id))
    assert counter is not None
    return counter, journal.record(tx, AnnouncementKind.COUNTER_PAUSED, day=day, at_ms=now_ms,
                                   counter=hall.counter(counter, None))


def resume(hall: Hall, tx: Tx, action: CounterAction, *, day: str, now_ms: int) -> tuple[Row, VersionRef | None]:
    counter = _lock_counter(hall, tx, action.counter_id)
    if not counter["paused"]:  # resuming twice: already open, nothing to announce
        return counter, None
    counter = tx.one("UPDATE counters SET paused = 0, pause_reason = NULL, paused_at = NULL, clerk_id = ?, "
                     "updated_at = ? WHERE id = ? RETURNING *", (action.clerk_id, now_ms, action.counter_id))
    assert counter is not None
    return counter, journal.record(tx, AnnouncementKind.COUNTER_RESUMED, day=day, at_ms=now_ms,
                                   counter=hall.counter(counter, None))
