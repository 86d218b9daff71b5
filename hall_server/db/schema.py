"""Numbered schema migrations, one SQL text for both backends.

Types are chosen to mean the same on both: ``TEXT``, ``INTEGER``/``BIGINT`` (times are epoch
milliseconds, so durations are plain subtraction on either), ``DOUBLE PRECISION`` (REAL affinity on
SQLite). Flags are ``INTEGER`` 0/1 rather than ``BOOLEAN`` so the same literals work on both.

The rules of the queue that a database can keep, it keeps (so no code path can break them):

* ``tickets_active_per_counter``: one called-or-serving ticket per counter;
* ``tickets_open_per_person``: one open ticket per person per service per day;
* ``tickets_number``: a number is issued once per business day;
* ``tickets_request``: one ticket per client request id (idempotent retries).

A migration is never edited once released; a new one is appended. Each runs in one transaction,
under an advisory lock on PostgreSQL so instances starting together do not race.
"""

from __future__ import annotations

import time

from hall_server.db.base import Backend, Tx
from hall_server.errors import HallServerError

_TICKET_COLUMNS = """
    id TEXT PRIMARY KEY,
    business_day TEXT NOT NULL,
    service_code TEXT NOT NULL,
    number TEXT NOT NULL,
    seq INTEGER NOT NULL,
    priority TEXT NOT NULL,
    rank_key BIGINT NOT NULL,
    state TEXT NOT NULL,
    person_hmac TEXT,
    client_request_id TEXT NOT NULL,
    origin TEXT NOT NULL,
    offline INTEGER NOT NULL DEFAULT 0,
    issued_at BIGINT NOT NULL,
    first_called_at BIGINT,
    called_at BIGINT,
    recalled_at BIGINT,
    started_at BIGINT,
    finished_at BIGINT,
    closed_at BIGINT,
    counter_id TEXT,
    target_counter_id TEXT,
    clerk_id TEXT,
    call_request_id TEXT,
    recall_count INTEGER NOT NULL DEFAULT 0,
    transfer_count INTEGER NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL"""

TICKET_FIELDS = tuple(line.strip().split()[0] for line in _TICKET_COLUMNS.strip().splitlines())

# The announcement's version on PostgreSQL is assigned by a DEFERRED constraint trigger, i.e. while the
# transaction commits: the hall_state row lock that orders versions is then held for the commit itself
# only, never across a round trip to a busy client (see journal.py). NOTIFY goes out in the same step.
_PG_ANNOUNCE = """
CREATE FUNCTION hall_announce() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE assigned BIGINT;
BEGIN
    UPDATE hall_state SET version = version + 1 WHERE id = 1 RETURNING version INTO assigned;
    UPDATE announcements SET version = assigned WHERE id = NEW.id;
    PERFORM pg_notify('hallterm_hall_events', assigned::text);
    RETURN NULL;
END $$"""

Statement = str | dict[str, str]  # one text for both backends, or one per dialect (missing: skipped)

MIGRATIONS: tuple[tuple[int, str, tuple[Statement, ...]], ...] = (
    (1, "queue", (
        "CREATE TABLE hall_state (id INTEGER PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL, "
        "business_day TEXT NOT NULL)",
        "INSERT INTO hall_state (id, version, business_day) VALUES (1, 0, '')",
        "CREATE TABLE counters (id TEXT PRIMARY KEY, paused INTEGER NOT NULL DEFAULT 0, pause_reason TEXT, "
        "paused_at BIGINT, clerk_id TEXT, normal_streak INTEGER NOT NULL DEFAULT 0, updated_at BIGINT NOT NULL)",
        "CREATE TABLE number_seq (business_day TEXT NOT NULL, prefix TEXT NOT NULL, last_seq INTEGER NOT NULL, "
        "PRIMARY KEY (business_day, prefix))",
        f"CREATE TABLE tickets ({_TICKET_COLUMNS})",
        "CREATE UNIQUE INDEX tickets_request ON tickets (client_request_id)",
        "CREATE UNIQUE INDEX tickets_number ON tickets (business_day, number)",
        "CREATE UNIQUE INDEX tickets_active_per_counter ON tickets (counter_id) "
        "WHERE state IN ('called', 'serving')",
        "CREATE UNIQUE INDEX tickets_open_per_person ON tickets (business_day, service_code, person_hmac) "
        "WHERE person_hmac IS NOT NULL AND state IN ('waiting', 'called', 'serving')",
        # Partial indexes over the waiting queue only: call-next reads the first entry in queue order
        # (no sort), the estimate counts one service's entries before a rank. A called ticket leaves them.
        "CREATE INDEX tickets_queue ON tickets (business_day, rank_key, issued_at, seq, id) "
        "WHERE state = 'waiting'",
        "CREATE INDEX tickets_queue_by_service ON tickets (business_day, service_code, rank_key) "
        "WHERE state = 'waiting'",
        f"CREATE TABLE tickets_history ({_TICKET_COLUMNS}, archived_at BIGINT NOT NULL)",
        "CREATE INDEX tickets_history_day ON tickets_history (business_day)",
        {"sqlite": "CREATE TABLE announcements (version BIGINT PRIMARY KEY, business_day TEXT NOT NULL, "
                   "kind TEXT NOT NULL, at BIGINT NOT NULL, ticket_id TEXT, counter_id TEXT, payload TEXT NOT NULL)",
         "postgresql": "CREATE TABLE announcements (id BIGSERIAL PRIMARY KEY, version BIGINT UNIQUE, "
                       "business_day TEXT NOT NULL, kind TEXT NOT NULL, at BIGINT NOT NULL, ticket_id TEXT, "
                       "counter_id TEXT, payload TEXT NOT NULL)"},
        {"postgresql": _PG_ANNOUNCE},
        {"postgresql": "CREATE CONSTRAINT TRIGGER announcements_version AFTER INSERT ON announcements "
                       "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hall_announce()"},
        "CREATE TABLE service_times (service_code TEXT PRIMARY KEY, mean_ms DOUBLE PRECISION NOT NULL, "
        "samples INTEGER NOT NULL)",
    )),
)

LATEST_VERSION = MIGRATIONS[-1][0]
_ADVISORY_LOCK_KEY = 0x48414C4C  # "HALL"


def migrate(backend: Backend) -> list[int]:
    """Bring the database to ``LATEST_VERSION``; the versions applied. Refuses a newer schema untouched."""

    def work(tx: Tx) -> list[int]:
        if backend.dialect == "postgresql":
            tx.one("SELECT pg_advisory_xact_lock(?)", (_ADVISORY_LOCK_KEY,))
        tx.run("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
               "applied_at BIGINT NOT NULL)")
        row = tx.one("SELECT MAX(version) AS v FROM schema_migrations")
        current = (row or {}).get("v") or 0
        if current > LATEST_VERSION:
            raise HallServerError("HALL_DB_FUTURE_SCHEMA", f"database schema {current} is newer than this "
                                  f"server knows ({LATEST_VERSION}); was a newer release run against it?")
        applied = []
        for version, name, statements in MIGRATIONS:
            if version <= current:
                continue
            for statement in statements:
                text = statement if isinstance(statement, str) else statement.get(backend.dialect)
                if text:
                    tx.run(text)
            tx.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                   (version, name, int(time.time() * 1000)))
            applied.append(version)
        return applied

    return backend.write(work)


def schema_version(backend: Backend) -> int:
    row = backend.read(lambda tx: tx.one("SELECT MAX(version) AS v FROM schema_migrations"))
    return (row or {}).get("v") or 0
