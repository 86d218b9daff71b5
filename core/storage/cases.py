"""Cases and their events in the local store.

Personal data (applicant, contact name/phone/address, form, signature image) is one AES-GCM blob per case
with the case_id as associated data; the applicant's ID number is also kept as an HMAC, indexed, so
``by_person`` finds cases without decrypting every row. Everything else is in plain columns so it can be
counted and filtered.

Events are append-only (the table's triggers refuse UPDATE and DELETE). ``save`` inserts only the events
the store does not have yet, and refuses a copy of the case that is older than the stored one
(STORE_CASE_STALE) or whose history has forked from it (STORE_CASE_CONFLICT), so two screens holding the
same case cannot silently overwrite each other's transitions.

A purged case (``core.storage.retention``) loads with ``PURGED_APPLICANT`` (name "（已清除）", empty ID
number), empty contact fields, an empty form and an empty signature; saving it again keeps it purged.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime

from core.cases.model import Case, CaseEvent, CaseState
from core.cases.numbering import MAX_SEQUENCE, parse_case_number
from core.errors import StorageError, ValidationError
from core.storage.codec import (
    case_from_row,
    case_row,
    dt_text,
    event_from_row,
    event_row,
    personal_document,
)
from core.storage.crypto import KeyRing
from core.storage.db import Database

_CHUNK = 500   # ids per IN (...) list, well under SQLite's variable limit

_PLAIN_COLUMNS = (
    "case_id", "case_number", "business_day", "item_code", "item_name", "case_type", "channel", "region_code",
    "terminal_id", "state", "bundle_code", "created_at", "submitted_at", "accepted_at", "accepting_unit",
    "acceptance_doc_number", "promised_date", "completed_at", "outcome", "materials", "commitment", "licence",
    "event_count",
)
_COLUMNS = (*_PLAIN_COLUMNS, "person_hmac", "personal", "updated_at")
# A purged case stays purged when saved again (a status change can still arrive from the platform).
_UPSERT = (
    f"INSERT INTO cases ({', '.join(_COLUMNS)}) VALUES ({', '.join(':' + c for c in _COLUMNS)}) "
    f"ON CONFLICT(case_id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _PLAIN_COLUMNS if c != "case_id")
    + ", updated_at = excluded.updated_at"
    + ", person_hmac = CASE WHEN cases.purged_at IS NULL THEN excluded.person_hmac END"
    + ", personal = CASE WHEN cases.purged_at IS NULL THEN excluded.personal END"
)
_EVENT_COLUMNS = ("event_id", "case_id", "seq", "action", "from_state", "to_state", "actor", "at", "reason", "data")
_INSERT_EVENT = (f"INSERT INTO case_events ({', '.join(_EVENT_COLUMNS)}) "
                 f"VALUES ({', '.join(':' + c for c in _EVENT_COLUMNS)})")


def business_day(case: Case) -> date:
    """The terminal's business day, as written into the case number by ``core.cases.numbering``.

    A number that does not parse (imported or test data) falls back to the UTC date of creation.
    """
    try:
        return parse_case_number(case.case_number).day
    except ValidationError:
        return case.created_at.astimezone(UTC).date()


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i:i + _CHUNK]


class CaseRepository:
    def __init__(self, db: Database, keys: KeyRing):
        self._db = db
        self._keys = keys

    # --- writing ----------------------------------------------------------------------------------

    def save(self, case: Case) -> None:
        """Upsert the case and append the events the store does not have yet, in one transaction."""
        self.save_many((case,))

    def save_many(self, cases: Iterable[Case], *, now: datetime | None = None) -> int:
        """``save`` for many cases in one transaction (bulk import, the benchmark); returns how many."""
        cases = list(cases)
        if not cases:
            return 0
        updated_at = dt_text(now or datetime.now(UTC))
        rows = [self._row(case, updated_at) for case in cases]   # encrypt outside the write lock
        with self._db.transaction() as conn:
            known = self._known_heads(conn, [c.case_id for c in cases])
            new_events: list[dict] = []
            for case in cases:
                count, last_id = known.get(case.case_id, (0, None))
                _check_history(case, count, last_id)
                new_events.extend(event_row(e) for e in case.events[count:])
                if case.events:
                    known[case.case_id] = (len(case.events), case.events[-1].event_id)
            conn.executemany(_UPSERT, rows)
            conn.executemany(_INSERT_EVENT, new_events)
        return len(cases)

    def _row(self, case: Case, updated_at: str) -> dict:
        row = case_row(case, business_day(case))
        row["person_hmac"] = self._keys.person_hmac(case.applicant.id_number) if case.applicant.id_number else None
        row["personal"] = self._keys.seal(personal_document(case), aad=case.case_id)
        row["updated_at"] = updated_at
        return row

    @staticmethod
    def _known_heads(conn: sqlite3.Connection, case_ids: list[str]) -> dict[str, tuple[int, str | None]]:
        heads: dict[str, tuple[int, str | None]] = {}
        for chunk in _chunks(sorted(set(case_ids))):
            marks = ", ".join("?" * len(chunk))
            for case_id, count, last_id in conn.execute(
                    "SELECT c.case_id, c.event_count, e.event_id FROM cases c "
                    "LEFT JOIN case_events e ON e.case_id = c.case_id AND e.seq = c.event_count "
                    f"WHERE c.case_id IN ({marks})", chunk):
                heads[case_id] = (count, last_id)
        return heads

    def next_sequence(self, day: date) -> int:
        """The next per-day case sequence (1, 2, …) for ``core.cases.numbering``; atomic across connections."""
        with self._db.transaction() as conn:
            (seq,) = conn.execute(
                "INSERT INTO case_sequences(day, last_seq) VALUES (?, 1) "
                "ON CONFLICT(day) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq",
                (day.isoformat(),)).fetchall()[0]
            if seq > MAX_SEQUENCE:
                raise StorageError(f"all {MAX_SEQUENCE} case numbers of {day} are used", code="CASE_SEQUENCE_EXHAUSTED",
                                   user_message="今日办件编号已用完，请联系工作人员。")
        return seq

    # --- reading ----------------------------------------------------------------------------------

    def get(self, case_id: str) -> Case | None:
        found = self._select("WHERE case_id = ?", (case_id,))
        return found[0] if found else None

    def by_number(self, case_number: str) -> Case | None:
        found = self._select("WHERE case_number = ?", (case_number,))
        return found[0] if found else None

    def by_person(self, id_number: str, *, limit: int = 100) -> list[Case]:
        """The applicant's cases, newest first, found by the HMAC of the ID number (never by decrypting all)."""
        if not id_number.strip():
            return []
        return self._select("WHERE person_hmac = ? ORDER BY created_at DESC LIMIT ?",
                            (self._keys.person_hmac(id_number), limit))

    def list(self, day: date | None = None, state: CaseState | None = None, *, limit: int = 100) -> list[Case]:
        """Cases of one business day and/or in one state, newest first."""
        where, params = self._filters(day, state)
        return self._select(f"{where} ORDER BY created_at DESC LIMIT ?", (*params, limit))

    def count(self, day: date | None = None, state: CaseState | None = None) -> int:
        where, params = self._filters(day, state)
        with self._db.reading() as conn:
            return conn.execute(f"SELECT count(*) FROM cases {where}", params).fetchone()[0]

    @staticmethod
    def _filters(day: date | None, state: CaseState | None) -> tuple[str, tuple]:
        clauses, params = [], []
        if day is not None:
            clauses.append("business_day = ?")
            params.append(day.isoformat())
        if state is not None:
            clauses.append("state = ?")
            params.append(CaseState(state).value)
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", tuple(params)

    def _select(self, tail: str, params: tuple) -> list[Case]:
        with self._db.snapshot() as conn:
            cur = conn.cursor()
            cur.row_factory = sqlite3.Row
            rows = cur.execute(f"SELECT * FROM cases {tail}", params).fetchall()
            events = self._events_of(cur, [r["case_id"] for r in rows])
        return [self._case(row, events.get(row["case_id"], ())) for row in rows]

    @staticmethod
    def _events_of(cur: sqlite3.Cursor, case_ids: list[str]) -> dict[str, tuple[CaseEvent, ...]]:
        grouped: dict[str, list[CaseEvent]] = {}
        for chunk in _chunks(case_ids):
            marks = ", ".join("?" * len(chunk))
            for row in cur.execute(f"SELECT * FROM case_events WHERE case_id IN ({marks}) ORDER BY case_id, seq",
                                   chunk):
                grouped.setdefault(row["case_id"], []).append(event_from_row(row))
        return {k: tuple(v) for k, v in grouped.items()}

    def _case(self, row: sqlite3.Row, events: tuple[CaseEvent, ...]) -> Case:
        personal = None
        if row["personal"] is not None:
            personal = json.loads(self._keys.open_sealed(row["personal"], aad=row["case_id"]))
        return case_from_row(row, personal, events)


def _check_history(case: Case, stored_count: int, stored_last_id: str | None) -> None:
    """Refuse a save that would lose or fork the stored history (see the module docstring)."""
    if len(case.events) < stored_count:
        raise StorageError(f"case {case.case_number} has {len(case.events)} events, the store already "
                           f"{stored_count}: saving an outdated copy", code="STORE_CASE_STALE",
                           user_message="该办件已被其他操作更新，请重新打开后再试。")
    if stored_count and case.events[stored_count - 1].event_id != stored_last_id:
        raise StorageError(f"case {case.case_number}: event {stored_count} differs from the stored one",
                           code="STORE_CASE_CONFLICT", user_message="该办件已被其他操作更新，请重新打开后再试。")
    for index, event in enumerate(case.events[stored_count:], start=stored_count + 1):
        if event.seq != index or event.case_id != case.case_id:
            raise StorageError(f"case {case.case_number}: event {index} has seq {event.seq} or another case_id",
                               code="STORE_CASE_CONFLICT")
