"""The platform's rules, enforced strictly: validation, terminal ownership, idempotency, state, dependencies.

Idempotency compares the *validated* record in canonical JSON (sorted keys): an identical resend answers
200 ("unchanged") and changes nothing; a different record under a known key answers 409 and changes
nothing. A case must come after the files it names (424 until they do) and from the terminal whose id
its case number carries (403 otherwise); an event must start from the state the platform holds (409
STATE_CONFLICT otherwise), except events that do not change the state (notes, processing steps).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from central_sim.db import SimDatabase, canonical, now_text
from core.cases.machine import TRANSITIONS
from core.cases.model import CaseAction
from core.catalog import Catalog
from core.sync.wire import CaseRecord, EvaluationRecord, EventRecord

ATTACHMENT_TYPES = frozenset({"image/jpeg", "image/png", "application/pdf"})


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, field: str | None = None):
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Outcome:
    status: int
    code: str | None = None
    message: str | None = None


def validation_message(exc: PydanticValidationError) -> str:
    """Where and which rule, never the offending value (it may be personal data)."""
    return "; ".join(f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg']}" for e in exc.errors()[:5])


def validate(model: type[BaseModel], raw: Any) -> Any:
    try:
        return model.model_validate(raw)
    except PydanticValidationError as exc:
        raise ApiError(422, "VALIDATION", validation_message(exc)) from None


def fingerprint(model: BaseModel) -> tuple[str, str]:
    body = canonical(model.model_dump(mode="json"))
    return body, hashlib.sha256(body.encode()).hexdigest()


class Platform:
    def __init__(self, db: SimDatabase, catalog: Catalog):
        self.db = db
        self.catalog = catalog
        self._item_codes = {item.implementation_code for item in catalog.items}

    # --- cases --------------------------------------------------------------------------------------

    def put_cases(self, raws: list[Any], terminal_id: str) -> list[dict[str, Any]]:
        """Validate each record alone, then store the valid ones in one transaction; one result each."""
        parsed: list[tuple[CaseRecord | None, Outcome | None]] = []
        for raw in raws:
            try:
                parsed.append((validate(CaseRecord, raw), None))
            except ApiError as exc:
                parsed.append((None, Outcome(exc.status, exc.code, exc.message)))
        prepared = [(record, fingerprint(record)) if record else None for record, _ in parsed]
        results = []
        with self.db.tx() as conn:
            for index, ((record, failed), ready) in enumerate(zip(parsed, prepared, strict=True)):
                outcome = failed or self._put_case(conn, record, *ready[1], terminal_id)
                raw_id = raws[index].get("case_id") if isinstance(raws[index], dict) else None
                results.append({"index": index, "id": raw_id if isinstance(raw_id, str) else None,
                                "status": outcome.status, "code": outcome.code, "message": outcome.message})
        return results

    def put_case(self, raw: Any, terminal_id: str) -> Outcome:
        record = validate(CaseRecord, raw)
        body, digest = fingerprint(record)
        with self.db.tx() as conn:
            return self._put_case(conn, record, body, digest, terminal_id)

    def _put_case(self, conn: sqlite3.Connection, record: CaseRecord, body: str, digest: str,
                  terminal_id: str) -> Outcome:
        if record.terminal_id != terminal_id:
            return Outcome(403, "TERMINAL_MISMATCH", "the record belongs to another terminal")
        known = conn.execute("SELECT body_sha256 FROM cases WHERE case_id = ?", (record.case_id,)).fetchone()
        if known is not None:
            if known[0] != digest:
                return Outcome(409, "IDEMPOTENCY_CONFLICT", "a different record was received under this case_id")
            conn.execute("UPDATE cases SET resends = resends + 1 WHERE case_id = ?", (record.case_id,))
            return Outcome(200)
        if record.item_code not in self._item_codes:
            return Outcome(422, "UNKNOWN_ITEM", "item_code is not in the catalogue")
        if conn.execute("SELECT 1 FROM cases WHERE case_number = ?", (record.case_number,)).fetchone():
            return Outcome(409, "CASE_NUMBER_TAKEN", "another case already has this case_number")
        files = {m.file_sha256 for m in record.materials if m.file_sha256}
        if record.commitment is not None and record.commitment.signature_sha256:
            files.add(record.commitment.signature_sha256)
        missing = [sha for sha in sorted(files)
                   if not conn.execute("SELECT 1 FROM attachments WHERE sha256 = ?", (sha,)).fetchone()]
        if missing:
            return Outcome(424, "ATTACHMENT_MISSING", f"{len(missing)} file(s) named by the case were not uploaded")
        event_ids = [e.event_id for e in record.events]
        marks = ",".join("?" * len(event_ids))
        if conn.execute(f"SELECT 1 FROM events WHERE event_id IN ({marks})", event_ids).fetchone():
            return Outcome(409, "EVENT_ID_TAKEN", "an event id of this case is already used")
        received = now_text()
        conn.execute("INSERT INTO cases (case_id, case_number, terminal_id, item_code, case_type, state, body, "
                     "body_sha256, received_at, state_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (record.case_id, record.case_number, terminal_id, record.item_code, record.case_type.value,
                      record.state.value, body, digest, received, time.time()))
        conn.executemany("INSERT INTO events (event_id, case_id, origin, body, body_sha256, received_at) "
                         "VALUES (?, ?, 'case', ?, ?, ?)",
                         [(e.event_id, record.case_id, *fingerprint(e), received) for e in record.events])
        return Outcome(201)

    # --- events -------------------------------------------------------------------------------------

    def put_event(self, case_id: str, raw: Any, terminal_id: str) -> Outcome:
        record = validate(EventRecord, raw)
        if record.case_id != case_id:
            raise ApiError(422, "VALIDATION", "case_id in the body differs from the path", "case_id")
        if record.action is CaseAction.CREATE:
            raise ApiError(422, "VALIDATION", "create is reported with the case, not as an event", "action")
        if record.action is CaseAction.NOTE:
            legal = record.from_state is record.to_state
        else:
            legal = TRANSITIONS.get((record.from_state, record.action)) is record.to_state
        if not legal:
            raise ApiError(422, "ILLEGAL_TRANSITION", "the case state machine has no such edge", "action")
        body, digest = fingerprint(record)
        with self.db.tx() as conn:
            case = conn.execute("SELECT terminal_id, state FROM cases WHERE case_id = ?", (case_id,)).fetchone()
            if case is None:
                raise ApiError(404, "CASE_UNKNOWN", "no case with this id was received")
            if case[0] != terminal_id:
                raise ApiError(403, "TERMINAL_MISMATCH", "the case belongs to another terminal")
            known = conn.execute("SELECT body_sha256 FROM events WHERE event_id = ?", (record.event_id,)).fetchone()
            if known is not None:
                if known[0] != digest:
                    raise ApiError(409, "IDEMPOTENCY_CONFLICT", "a different event was received under this id")
                conn.execute("UPDATE events SET resends = resends + 1 WHERE event_id = ?", (record.event_id,))
                return Outcome(200)
            moves = record.from_state is not record.to_state
            if moves and record.from_state.value != case[1]:
                raise ApiError(409, "STATE_CONFLICT", f"the platform holds this case in state {case[1]}")
            conn.execute("INSERT INTO events (event_id, case_id, origin, body, body_sha256, received_at) "
                         "VALUES (?, ?, 'terminal', ?, ?, ?)", (record.event_id, case_id, body, digest, now_text()))
            if moves:
                conn.execute("UPDATE cases SET state = ?, state_changed_at = ? WHERE case_id = ?",
                             (record.to_state.value, time.time(), case_id))
        return Outcome(201)

    # --- evaluations and attachments ----------------------------------------------------------------

    def put_evaluation(self, raw: Any, terminal_id: str) -> Outcome:
        record = validate(EvaluationRecord, raw)
        if record.terminal_id != terminal_id:
            raise ApiError(403, "TERMINAL_MISMATCH", "the evaluation belongs to another terminal")
        body, digest = fingerprint(record)
        with self.db.tx() as conn:
            known = conn.execute("SELECT body_sha256 FROM evaluations WHERE evaluation_id = ?",
                                 (record.evaluation_id,)).fetchone()
            if known is not None:
                if known[0] != digest:
                    raise ApiError(409, "IDEMPOTENCY_CONFLICT", "a different evaluation was received under this id")
                conn.execute("UPDATE evaluations SET resends = resends + 1 WHERE evaluation_id = ?",
                             (record.evaluation_id,))
                return Outcome(200)
            if not conn.execute("SELECT 1 FROM cases WHERE case_number = ?", (record.case_number,)).fetchone():
                raise ApiError(424, "CASE_NOT_RECEIVED", "the evaluated case has not been received yet")
            if conn.execute("SELECT 1 FROM evaluations WHERE case_number = ?", (record.case_number,)).fetchone():
                raise ApiError(409, "ALREADY_EVALUATED", "this case was already evaluated (一次一评)")
            conn.execute("INSERT INTO evaluations (evaluation_id, case_number, body, body_sha256, received_at) "
                         "VALUES (?, ?, ?, ?, ?)", (record.evaluation_id, record.case_number, body, digest, now_text()))
        return Outcome(201)

    def put_attachment(self, sha256: str, content_type: str, data: bytes) -> Outcome:
        if content_type not in ATTACHMENT_TYPES:
            raise ApiError(415, "UNSUPPORTED_MEDIA_TYPE", f"attachments are one of {sorted(ATTACHMENT_TYPES)}")
        if hashlib.sha256(data).hexdigest() != sha256:
            raise ApiError(422, "DIGEST_MISMATCH", "X-Attachment-SHA256 does not match the body", "sha256")
        with self.db.tx() as conn:
            if conn.execute("SELECT 1 FROM attachments WHERE sha256 = ?", (sha256,)).fetchone():
                conn.execute("UPDATE attachments SET resends = resends + 1 WHERE sha256 = ?", (sha256,))
                return Outcome(200)
            conn.execute("INSERT INTO attachments (sha256, content_type, size, data, received_at) "
                         "VALUES (?, ?, ?, ?, ?)", (sha256, content_type, len(data), data, now_text()))
        return Outcome(201)

    # --- changes ------------------------------------------------------------------------------------

    def changes(self, terminal_id: str, since: int, limit: int) -> dict[str, Any]:
        with self.db.read() as conn:
            rows = conn.execute("SELECT seq, body FROM changes WHERE terminal_id = ? AND seq > ? ORDER BY seq "
                                "LIMIT ?", (terminal_id, since, limit + 1)).fetchall()
        page = rows[:limit]
        return {"changes": [json.loads(body) for _, body in page],
                "next_cursor": str(page[-1][0] if page else since), "has_more": len(rows) > limit}
