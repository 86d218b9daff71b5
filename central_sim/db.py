"""The simulator's own SQLite file: terminals, nonces, cases, events, changes, evaluations, attachments.

One connection behind a lock (the ASGI thread pool calls in from many threads). WAL with
``synchronous=NORMAL``: a committed request survives the simulator process being killed, which is what
the "processed but the reply was lost" fault relies on; surviving a power cut is the real platform's job.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from central_sim.seed import DEMO_CITIZENS

SCHEMA = """
CREATE TABLE IF NOT EXISTS terminals (
    terminal_id TEXT PRIMARY KEY, secret TEXT NOT NULL, enrolled_at TEXT NOT NULL,
    last_heartbeat_at TEXT, last_heartbeat TEXT);
CREATE TABLE IF NOT EXISTS nonces (
    terminal_id TEXT NOT NULL, nonce TEXT NOT NULL, seen_at REAL NOT NULL,
    PRIMARY KEY (terminal_id, nonce)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS nonces_age ON nonces(seen_at);
CREATE TABLE IF NOT EXISTS cases (
    case_id TEXT PRIMARY KEY, case_number TEXT NOT NULL UNIQUE, terminal_id TEXT NOT NULL,
    item_code TEXT NOT NULL, case_type TEXT NOT NULL, state TEXT NOT NULL, body TEXT NOT NULL,
    body_sha256 TEXT NOT NULL, received_at TEXT NOT NULL, state_changed_at REAL NOT NULL,
    resends INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS cases_moving ON cases(case_type, state, state_changed_at);
CREATE TABLE IF NOT EXISTS events (
    event_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, origin TEXT NOT NULL, body TEXT NOT NULL,
    body_sha256 TEXT NOT NULL, received_at TEXT NOT NULL, resends INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS events_case ON events(case_id);
CREATE TABLE IF NOT EXISTS changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, change_id TEXT NOT NULL UNIQUE, case_id TEXT NOT NULL,
    terminal_id TEXT NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS changes_terminal ON changes(terminal_id, seq);
CREATE TABLE IF NOT EXISTS evaluations (
    evaluation_id TEXT PRIMARY KEY, case_number TEXT NOT NULL UNIQUE, body TEXT NOT NULL,
    body_sha256 TEXT NOT NULL, received_at TEXT NOT NULL, resends INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS attachments (
    sha256 TEXT PRIMARY KEY, content_type TEXT NOT NULL, size INTEGER NOT NULL, data BLOB NOT NULL,
    received_at TEXT NOT NULL, resends INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS citizens (
    id_number TEXT PRIMARY KEY, person TEXT NOT NULL, licences TEXT NOT NULL, credit TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS licence_tokens (
    token TEXT PRIMARY KEY, id_number TEXT NOT NULL REFERENCES citizens(id_number), expires_at TEXT NOT NULL);
"""


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


class SimDatabase:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=10)
        self._lock = threading.RLock()
        self._nonce_writes = 0
        self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.execute("PRAGMA synchronous = NORMAL")
        self._conn.execute("PRAGMA foreign_keys = ON")
        with self.tx() as conn:
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
        self._seed_citizens()

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            yield self._conn

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # --- terminals and nonces ---------------------------------------------------------------------

    def enrol(self, terminals: dict[str, str]) -> None:
        """Register (or re-key) terminals; the secrets are the ones their config holds."""
        with self.tx() as conn:
            for terminal_id, secret in terminals.items():
                conn.execute("INSERT INTO terminals (terminal_id, secret, enrolled_at) VALUES (?, ?, ?) "
                             "ON CONFLICT(terminal_id) DO UPDATE SET secret = excluded.secret",
                             (terminal_id, secret, now_text()))

    def terminals(self) -> dict[str, str]:
        with self.read() as conn:
            return dict(conn.execute("SELECT terminal_id, secret FROM terminals"))

    def remember_nonce(self, terminal_id: str, nonce: str, now: float, keep_s: float) -> bool:
        """False if the nonce was seen before (a replay). Old nonces are forgotten after ``keep_s``."""
        with self.tx() as conn:
            self._nonce_writes += 1
            if self._nonce_writes % 500 == 0:
                conn.execute("DELETE FROM nonces WHERE seen_at < ?", (now - keep_s,))
            try:
                conn.execute("INSERT INTO nonces (terminal_id, nonce, seen_at) VALUES (?, ?, ?)",
                             (terminal_id, nonce, now))
            except sqlite3.IntegrityError:
                return False
        return True

    def record_heartbeat(self, terminal_id: str, body: str) -> None:
        with self.tx() as conn:
            conn.execute("UPDATE terminals SET last_heartbeat_at = ?, last_heartbeat = ? WHERE terminal_id = ?",
                         (now_text(), body, terminal_id))

    # --- citizens -----------------------------------------------------------------------------------

    def _seed_citizens(self) -> None:
        with self.tx() as conn:
            for citizen in DEMO_CITIZENS:
                number = citizen["person"]["id_number"]
                conn.execute("INSERT OR IGNORE INTO citizens (id_number, person, licences, credit) VALUES (?, ?, ?, ?)",
                             (number, canonical(citizen["person"]), canonical(citizen["licences"]),
                              canonical(citizen["credit"])))
                for token, expires in citizen["tokens"].items():
                    conn.execute("INSERT OR IGNORE INTO licence_tokens (token, id_number, expires_at) VALUES (?, ?, ?)",
                                 (token, number, expires))

    def citizen_by_token(self, token: str) -> tuple[dict[str, Any], list[dict[str, Any]], str] | None:
        with self.read() as conn:
            row = conn.execute("SELECT c.person, c.licences, t.expires_at FROM licence_tokens t "
                               "JOIN citizens c ON c.id_number = t.id_number WHERE t.token = ?", (token,)).fetchone()
        return (json.loads(row[0]), json.loads(row[1]), row[2]) if row else None

    def citizens(self) -> list[tuple[str, dict[str, Any]]]:
        with self.read() as conn:
            return [(n, json.loads(c)) for n, c in conn.execute("SELECT id_number, credit FROM citizens")]

    # --- what tests and the demo inspect ------------------------------------------------------------

    def count(self, table: str) -> int:
        if table not in ("cases", "events", "changes", "evaluations", "attachments", "nonces"):
            raise ValueError(table)
        with self.read() as conn:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def case_ids(self) -> list[str]:
        with self.read() as conn:
            return [r[0] for r in conn.execute("SELECT case_id FROM cases ORDER BY case_id")]

    def case_state(self, case_id: str) -> str | None:
        with self.read() as conn:
            row = conn.execute("SELECT state FROM cases WHERE case_id = ?", (case_id,)).fetchone()
        return row[0] if row else None

    def case_body(self, case_id: str) -> dict[str, Any] | None:
        with self.read() as conn:
            row = conn.execute("SELECT body FROM cases WHERE case_id = ?", (case_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def last_heartbeat(self, terminal_id: str) -> dict[str, Any] | None:
        with self.read() as conn:
            row = conn.execute("SELECT last_heartbeat FROM terminals WHERE terminal_id = ?", (terminal_id,)).fetchone()
        return json.loads(row[0]) if row and row[0] else None

    def resends(self, table: str = "cases") -> int:
        if table not in ("cases", "events", "evaluations", "attachments"):
            raise ValueError(table)
        with self.read() as conn:
            return conn.execute(f"SELECT coalesce(sum(resends), 0) FROM {table}").fetchone()[0]
