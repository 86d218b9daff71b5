"""The numbered schema migrations of the terminal's local store.

``PRAGMA user_version`` holds the number of the last migration applied. Each migration runs in its own
transaction together with the version bump, so a power cut leaves the file at the old version or the new
one, never in between. Released migrations are never edited: a change is a new number, and
``tests/data/store-v1.sqlite3`` (made by migration 1 alone) proves every later one upgrades a real file.

Column conventions: datetimes are ISO 8601 text in UTC with microseconds (``2026-11-23T01:02:03.000000+00:00``,
so text order is time order); dates are ``YYYY-MM-DD``; enums are stored by value; structured non-personal
values are JSON text. Everything personal about a case is in the one AES-GCM blob ``cases.personal``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: str | Callable[[sqlite3.Connection], None]   # SQL statements, or a function for data moves


_V1_FIRST_RELEASE = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE cases (
    case_id               TEXT PRIMARY KEY,
    case_number           TEXT NOT NULL UNIQUE,
    business_day          TEXT NOT NULL,          -- the day in the case number (the terminal's business day)
    item_code             TEXT NOT NULL,
    item_name             TEXT NOT NULL,
    case_type             TEXT NOT NULL,
    channel               TEXT NOT NULL,
    region_code           TEXT NOT NULL,
    terminal_id           TEXT NOT NULL,
    state                 TEXT NOT NULL,
    bundle_code           TEXT,
    created_at            TEXT NOT NULL,
    submitted_at          TEXT,
    accepted_at           TEXT,
    accepting_unit        TEXT NOT NULL DEFAULT '',
    acceptance_doc_number TEXT NOT NULL DEFAULT '',
    promised_date         TEXT,
    completed_at          TEXT,
    outcome               TEXT,
    materials             TEXT NOT NULL DEFAULT '[]',
    commitment            TEXT,                   -- JSON without the signature image (that is in ``personal``)
    licence               TEXT,
    person_hmac           TEXT,                   -- HMAC of the applicant's ID number, for lookups
    personal              BLOB,                   -- AES-GCM: applicant, contact, form, signature; AAD = case_id
    event_count           INTEGER NOT NULL,       -- guards against saving a stale copy over a newer one
    updated_at            TEXT NOT NULL
);
CREATE INDEX cases_person ON cases(person_hmac) WHERE person_hmac IS NOT NULL;
CREATE INDEX cases_day ON cases(business_day, created_at);
CREATE INDEX cases_state ON cases(state, created_at);

CREATE TABLE case_events (
    event_id   TEXT PRIMARY KEY,
    case_id    TEXT NOT NULL REFERENCES cases(case_id) DEFERRABLE INITIALLY DEFERRED,
    seq        INTEGER NOT NULL,
    action     TEXT NOT NULL,
    from_state TEXT,
    to_state   TEXT NOT NULL,
    actor      TEXT NOT NULL,
    at         TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    data       TEXT NOT NULL DEFAULT '{}',
    UNIQUE (case_id, seq)
);
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;

CREATE TABLE case_sequences (
    day      TEXT PRIMARY KEY,
    last_seq INTEGER NOT NULL
);

CREATE TABLE outbox (
    seq             INTEGER PRIMARY KEY,          -- send order; survives VACUUM unlike a bare rowid
    id              TEXT NOT NULL UNIQUE,         -- client UUID = the idempotency key sent to the platform
    kind            TEXT NOT NULL,
    ref_id          TEXT NOT NULL,
    case_id         TEXT,
    payload         BLOB,                         -- AES-GCM JSON; AAD = id. NULL once purged by retention
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN
                        ('pending', 'sending', 'synced', 'failed_retryable', 'failed_permanent', 'conflict')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
CREATE INDEX outbox_case ON outbox(case_id) WHERE case_id IS NOT NULL;

CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    details   TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,                     -- JSON
    updated_at TEXT NOT NULL
);
"""

# Retention (DESIGN "Data": synced cases lose their personal fields after a configurable period) needs to
# know when a case reached the platform and when it was purged. ``synced_at`` is backfilled from the v1
# outbox so cases synced before the upgrade become eligible too.
_V2_RETENTION = """
ALTER TABLE cases ADD COLUMN synced_at TEXT;
ALTER TABLE cases ADD COLUMN purged_at TEXT;
UPDATE cases SET synced_at = (
    SELECT max(o.updated_at) FROM outbox o
    WHERE o.kind = 'case' AND o.case_id = cases.case_id AND o.state = 'synced'
);
CREATE INDEX cases_retention ON cases(synced_at) WHERE purged_at IS NULL AND synced_at IS NOT NULL;
"""

# The print pipeline (core.print_queue): a document is written here before it goes to the printer, so a
# failed job or a crash mid-print leaves it waiting for a reprint instead of losing it. ``content`` is the
# rendered document (it may carry a name), sealed like every personal field (AAD = job_id); a row leaves
# the table when it has printed or a person discarded it.
_V3_PRINT_JOBS = """
CREATE TABLE print_jobs (
    job_id      TEXT PRIMARY KEY,
    kind        INTEGER NOT NULL,                 -- core.documents.DocumentKind
    media_type  TEXT NOT NULL,
    printer     TEXT NOT NULL,                    -- 'receipt' | 'a4'
    case_id     TEXT,
    token       TEXT NOT NULL,                    -- the document's QR token (non-personal)
    content     BLOB NOT NULL,                    -- AES-GCM; AAD = job_id
    state       TEXT NOT NULL CHECK (state IN ('printing', 'waiting')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT,                             -- stable code of the last failure
    last_detail TEXT,                             -- technician text (no personal data)
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX print_jobs_waiting ON print_jobs(state, created_at);
"""

# A clerk's login lock-out is read back from the audit log after a restart (core.staff.LoginGuard).
_V4_AUDIT_BY_SUBJECT = """
CREATE INDEX audit_log_subject ON audit_log(subject, seq);
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "first release: cases, events, sequences, outbox, audit log, settings", _V1_FIRST_RELEASE),
    Migration(2, "retention: cases.synced_at and cases.purged_at", _V2_RETENTION),
    Migration(3, "print pipeline: print_jobs (documents waiting for a reprint)", _V3_PRINT_JOBS),
    Migration(4, "audit log by subject: login lock-outs survive a restart", _V4_AUDIT_BY_SUBJECT),
)

LATEST_VERSION = MIGRATIONS[-1].version


def split_statements(script: str) -> list[str]:
    """Split SQL into statements, keeping trigger bodies whole.

    ``sqlite3.executescript`` would do this but commits any open transaction first, which would break
    the one-transaction-per-migration rule.
    """
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise ValueError(f"incomplete SQL statement at the end of a migration: {buffer.strip()[:60]!r}")
    return statements
