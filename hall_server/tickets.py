"""Issuing tickets (online and the kiosks' offline numbers), cancelling them, and the wait estimate.

Numbers run per service prefix per business day (A001, A002 … then A1000): one row per (day, prefix)
in ``number_seq`` is bumped by an upsert in the issuing transaction, so a rolled-back issue leaves no
gap and two kiosks never get the same number (the row lock on PostgreSQL, the write lock on SQLite).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

from core.queueing.codes import AnnouncementKind, Priority
from hall_server import journal
from hall_server.config import ServiceDef
from hall_server.context import OPEN, Hall
from hall_server.db import Row, Tx
from hall_server.db.base import VersionRef
from hall_server.errors import HallServerError, UniqueViolation
from hall_server.views import ESTIMATE_NOTE

ESTIMATE_FIELDS = ("waiting_ahead", "estimated_wait_s", "estimate_note")
_COUNTER_ID = re.compile(r"[A-Za-z0-9_-]{1,16}")


@dataclass(frozen=True)
class IssueRequest:
    service_code: str
    client_request_id: str
    priority: Priority = Priority.NORMAL
    person_hmac: str | None = None
    origin: str = "unknown"
    # offline tickets only: the number the kiosk printed and when
    number: str | None = None
    issued_at_ms: int | None = None


def service_or_refuse(hall: Hall, code: str) -> ServiceDef:
    service = hall.config.service(code)
    if service is None:
        raise HallServerError("SERVICE_UNKNOWN", f"unknown service code {code!r}")
    return service


def issue(hall: Hall, tx: Tx, request: IssueRequest, *, day: str,
          now_ms: int) -> tuple[dict[str, Any], bool, VersionRef | None]:
    """(ticket with its estimate, created?, version). An existing request id returns its ticket unchanged.

    Everything that only reads comes first; from the number upsert on, the transaction holds the
    prefix's ``number_seq`` row (and then ``hall_state``) locked on PostgreSQL, so that tail is three
    statements: take the number, insert the ticket, record the announcement.
    """
    service = service_or_refuse(hall, request.service_code)
    issued_at = now_ms if request.number is None else (request.issued_at_ms or now_ms)
    rank = issued_at - hall.config.priority.head_start_ms(request.priority)
    # One round trip for the three reads: the same request before? the person's open ticket? the estimate
    # (tickets already waiting at or before this rank are ahead: a new ticket loses every tie).
    same, holder, estimated = tx.many([
        ("SELECT * FROM tickets WHERE client_request_id = ?", (request.client_request_id,)),
        (f"SELECT number FROM tickets WHERE business_day = ? AND service_code = ? AND person_hmac = ? "
         f"AND state IN {OPEN}", (day, request.service_code, request.person_hmac or "")),
        _estimate_query(hall, day, service.code, "rank_key <= ?", (rank,))])
    if same:
        _check_same_request(same[0], request)
        return with_estimate(hall, tx, same[0]), False, None
    if holder and request.person_hmac:
        _refuse(request, holder[0]["number"])
    estimate_now = _estimate_result(hall, estimated[0])
    columns = ("INSERT INTO tickets (id, business_day, service_code, number, seq, priority, rank_key, state, "
               "person_hmac, client_request_id, origin, offline, issued_at, updated_at) ")
    if request.number is None:
        # The number and the ticket in one round trip: the upsert is pipelined with the INSERT that reads
        # it back, so the prefix's row lock (PostgreSQL) is not held across an extra round trip.
        tx.send("INSERT INTO number_seq (business_day, prefix, last_seq) VALUES (?, ?, 1) "
                "ON CONFLICT (business_day, prefix) DO UPDATE SET last_seq = number_seq.last_seq + 1",
                (day, service.prefix))
        row = tx.one(columns + "SELECT ?, ?, ?, CAST(? AS TEXT) || CASE WHEN n.last_seq < 10 THEN '00' "
                     "WHEN n.last_seq < 100 THEN '0' ELSE '' END || n.last_seq, n.last_seq, ?, ?, 'waiting', ?, ?, "
                     "?, 0, ?, ? FROM number_seq n WHERE n.business_day = ? AND n.prefix = ? RETURNING *",
                     (str(uuid.uuid4()), day, service.code, service.prefix, request.priority.value, rank,
                      request.person_hmac, request.client_request_id, request.origin, issued_at, now_ms, day,
                      service.prefix))
        if row is not None and row["seq"] > hall.config.max_number:  # the transaction rolls back
            raise HallServerError("NUMBERS_EXHAUSTED", f"{service.prefix}: {row['seq'] - 1} numbers issued today")
    else:
        number = request.number
        seq = int(number.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        if tx.one("SELECT 1 AS x FROM tickets WHERE business_day = ? AND number = ?", (day, number)):
            raise HallServerError("OFFLINE_NUMBER_TAKEN", f"offline number {number} already in use today")
        row = tx.one(columns + "VALUES (?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?, 1, ?, ?) RETURNING *",
                     (str(uuid.uuid4()), day, service.code, number, seq, request.priority.value, rank,
                      request.person_hmac, request.client_request_id, request.origin, issued_at, now_ms))
    assert row is not None
    view = hall.ticket(row)
    version = journal.record(tx, AnnouncementKind.TICKET_ISSUED, day=day, at_ms=now_ms, ticket=view)
    return {**view, **estimate_now}, True, version


def after_race(hall: Hall, tx: Tx, request: IssueRequest, violation: UniqueViolation, day: str) -> Row:
    """Explain a unique index that refused the insert (PostgreSQL: a concurrent identical request)."""
    if violation.index == "tickets_request":
        existing = _same_request(tx, request)
        if existing is not None:
            return existing
    if violation.index == "tickets_open_per_person":
        _refuse_second_open_ticket(tx, request, day)
    if violation.index == "tickets_number" and request.number is not None:
        raise HallServerError("OFFLINE_NUMBER_TAKEN", f"offline number {request.number} already in use today")
    raise HallServerError("HALL_DB_ERROR", f"unique index {violation.index} refused a new ticket")


def _same_request(tx: Tx, request: IssueRequest) -> Row | None:
    row = tx.one("SELECT * FROM tickets WHERE client_request_id = ?", (request.client_request_id,))
    if row is not None:
        _check_same_request(row, request)
    return row


def _check_same_request(row: Row, request: IssueRequest) -> None:
    same = (row["service_code"], row["priority"], row["person_hmac"]) == (
        request.service_code, request.priority.value, request.person_hmac)
    if not same or (request.number is not None and row["number"] != request.number):
        raise HallServerError("REQUEST_ID_REUSED", "client_request_id already used for a different ticket")


def _refuse_second_open_ticket(tx: Tx, request: IssueRequest, day: str) -> None:
    row = tx.one(f"SELECT number FROM tickets WHERE business_day = ? AND service_code = ? AND person_hmac = ? "
                 f"AND state IN {OPEN}", (day, request.service_code, request.person_hmac))
    if row is not None:
        _refuse(request, row["number"])


def _refuse(request: IssueRequest, existing_number: str) -> None:
    raise HallServerError("TICKET_ALREADY_OPEN", f"person already holds open ticket {existing_number} "
                          f"for {request.service_code}", extra={"existing_number": existing_number})


def cancel(hall: Hall, tx: Tx, ticket_id: str, *, day: str, now_ms: int) -> tuple[Row, VersionRef | None]:
    row = hall.ticket_row(tx, ticket_id)
    changed = tx.run("UPDATE tickets SET state = 'cancelled', closed_at = ?, updated_at = ? "
                     "WHERE id = ? AND state IN ('waiting', 'called')", (now_ms, now_ms, ticket_id))
    if not changed:
        raise HallServerError("TICKET_STATE", f"ticket {row['number']} is {row['state']}; cannot cancel")
    row = hall.ticket_row(tx, ticket_id)
    return row, journal.record(tx, AnnouncementKind.TICKET_CANCELLED, day=day, at_ms=now_ms, ticket=hall.ticket(row))


def with_estimate(hall: Hall, tx: Tx, row: Row) -> dict[str, Any]:
    return {**hall.ticket(row), **estimate(hall, tx, row)}


def estimate(hall: Hall, tx: Tx, row: Row) -> dict[str, Any]:
    """The wait estimate of a ticket in the queue (none once it has been called)."""
    if row["state"] != "waiting":
        return {"waiting_ahead": 0, "estimated_wait_s": None, "estimate_note": ESTIMATE_NOTE}
    before = ("(rank_key < ? OR (rank_key = ? AND (issued_at < ? OR (issued_at = ? AND (seq < ? "
              "OR (seq = ? AND id < ?))))))")
    params = (row["rank_key"], row["rank_key"], row["issued_at"], row["issued_at"], row["seq"], row["seq"],
              row["id"])
    [result] = tx.many([_estimate_query(hall, row["business_day"], row["service_code"], before, params)])
    return _estimate_result(hall, result[0])


def _estimate_query(hall: Hall, day: str, service_code: str, before: str,
                    params: tuple[object, ...]) -> tuple[str, tuple[object, ...]]:
    """Estimated wait = position x rolling mean service time / open counters, labelled as an estimate.

    Position counts the ticket itself (the first in line still waits for a counter to finish); open
    counters are those serving the service that are not paused and have a clerk today; with none yet,
    the counters configured for it that are not paused. One statement; ``before`` selects who is ahead.
    The counter ids are written into the SQL as literals (``_serving_ids``), so the statement keeps a
    handful of parameters: psycopg caches the parsing of a statement only up to 50 of them, and a
    hall of 50 counters would otherwise pay a fresh parse on every ticket.
    """
    ids = _serving_ids(hall, service_code)
    return (
        "SELECT (SELECT COUNT(*) FROM tickets WHERE business_day = ? AND state = 'waiting' AND service_code = ? "
        f"AND {before}) AS ahead, "
        "(SELECT mean_ms FROM service_times WHERE service_code = ?) AS mean_ms, "
        f"(SELECT COUNT(*) FROM counters WHERE paused = 0 AND id IN ({ids})) AS unpaused, "
        f"(SELECT COUNT(*) FROM counters WHERE paused = 0 AND clerk_id IS NOT NULL AND id IN ({ids})) AS staffed",
        (day, service_code, *params, service_code))


def _serving_ids(hall: Hall, service_code: str) -> str:
    """The ids of the counters serving a service as SQL string literals, built once per service. Safe
    to inline: the configuration only admits ids matching ``^[A-Za-z0-9_-]{1,16}$`` (checked again)."""
    literals = hall.sql_cache.get(("serving", service_code))
    if literals is None:
        ids = [c.id for c in hall.config.counters_serving(service_code)] or ["-"]
        if not all(_COUNTER_ID.fullmatch(i) for i in ids):
            raise ValueError(f"counter ids of {service_code} outside [A-Za-z0-9_-]")
        literals = hall.sql_cache[("serving", service_code)] = ", ".join(f"'{i}'" for i in ids)
    return literals


def _estimate_result(hall: Hall, row: Row) -> dict[str, Any]:
    open_count = int(row["staffed"]) or int(row["unpaused"])
    mean_s = row["mean_ms"] / 1000 if row["mean_ms"] is not None else hall.config.default_service_time_s
    ahead = int(row["ahead"])
    wait = None if open_count == 0 else round((ahead + 1) * mean_s / open_count)
    return {"waiting_ahead": ahead, "estimated_wait_s": wait, "estimate_note": ESTIMATE_NOTE}
