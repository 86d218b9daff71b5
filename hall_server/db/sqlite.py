"""The SQLite backend: one writer thread with group commit, a read connection per thread, WAL.

``sqlite:///relative/path.db`` or ``sqlite:////absolute/path.db``. A hall on SQLite runs ONE server
process (DESIGN "Data"). Inside it, every write is handed to a single writer thread, which runs
whatever is queued in one ``BEGIN IMMEDIATE`` transaction, each piece of work under its own SAVEPOINT
(a refused request rolls back only itself), and commits once. ``synchronous=FULL`` makes that commit
wait for the disk — a ticket on paper must survive a power cut, WAL included
(https://sqlite.org/pragma.html#pragma_synchronous) — and group commit shares one disk flush between
the counters that called at the same moment instead of queueing them behind each other's fsync.
``BEGIN IMMEDIATE`` also makes a second process (a stray CLI, a backup) wait on the file lock instead of
deadlocking on a read-to-write upgrade (https://sqlite.org/lang_transaction.html); call-next still
compares-and-sets the state it claims. Readers use their own connections, so a display's snapshot
never waits for the writer.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import re
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from hall_server.db.base import Backend, Params, Row, T
from hall_server.errors import HallServerError, UniqueViolation

BUSY_TIMEOUT_MS = 10_000
MAX_BATCH = 64
# SQLite names the columns, not the index, in its message; these sets identify our unique indexes.
_UNIQUE_BY_COLUMNS = {
    "tickets.client_request_id": "tickets_request",
    "tickets.business_day, tickets.number": "tickets_number",
    "tickets.counter_id": "tickets_active_per_counter",
    "tickets.business_day, tickets.service_code, tickets.person_hmac": "tickets_open_per_person",
}
_UNIQUE = re.compile(r"UNIQUE constraint failed: (.+)$")


def path_from_url(url: str) -> Path:
    if not url.startswith("sqlite:///") or len(url) <= len("sqlite:///"):
        raise ValueError(f"not a sqlite URL (sqlite:///relative or sqlite:////absolute): {url}")
    return Path(url[len("sqlite:///"):])


class _Tx:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def all(self, sql: str, params: Params = ()) -> list[Row]:
        return self._conn.execute(sql, params).fetchall()

    def one(self, sql: str, params: Params = ()) -> Row | None:
        return self._conn.execute(sql, params).fetchone()

    def run(self, sql: str, params: Params = ()) -> int:
        return self._conn.execute(sql, params).rowcount

    def send(self, sql: str, params: Params = ()) -> None:
        self._conn.execute(sql, params)

    def many(self, statements: Sequence[tuple[str, Params]]) -> list[list[Row]]:
        return [self._conn.execute(sql, params).fetchall() for sql, params in statements]

    def record(self, day: str, kind: str, at_ms: int, ticket_id: str | None, counter_id: str | None,
               payload: str) -> int:
        version = self._conn.execute("UPDATE hall_state SET version = version + 1 WHERE id = 1 "
                                     "RETURNING version").fetchone()["version"]
        self._conn.execute("INSERT INTO announcements (version, business_day, kind, at, ticket_id, counter_id, "
                           "payload) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           (version, day, kind, at_ms, ticket_id, counter_id, payload))
        return int(version)


def _dict_row(cursor: sqlite3.Cursor, row: tuple) -> Row:
    return {description[0]: value for description, value in zip(cursor.description, row, strict=True)}


class _Job:
    """One piece of write work; its caller waits on ``done`` (a thread) or on ``future`` (an event loop)."""

    __slots__ = ("done", "error", "future", "result", "work")

    def __init__(self, work: Callable[[_Tx], Any], future: asyncio.Future[Any] | None = None) -> None:
        self.work = work
        self.done = threading.Event()
        self.future = future
        self.result: Any = None
        self.error: BaseException | None = None


def _settle(jobs: list[_Job]) -> None:
    """On the caller's event loop: hand each job's outcome to its awaiting request."""
    for job in jobs:
        if job.future is not None and not job.future.done():  # done: the request was cancelled meanwhile
            if job.error is not None:
                job.future.set_exception(job.error)
            else:
                job.future.set_result(job.result)


class SqliteBackend(Backend):
    dialect = "sqlite"

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.path = path_from_url(url)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._conns: list[sqlite3.Connection] = []
        self._conns_lock = threading.Lock()
        self._closed = False
        self._queue: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._writer = self._connect(writer=True)
        self._thread = threading.Thread(target=self._write_loop, name="hall-sqlite-writer", daemon=True)
        self._thread.start()

    def _connect(self, *, writer: bool) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                   timeout=BUSY_TIMEOUT_MS / 1000)
            conn.row_factory = _dict_row
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if writer:
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()["journal_mode"]
                if mode.lower() != "wal":
                    raise HallServerError("HALL_DB_ERROR", f"journal_mode WAL refused (got {mode})")
                conn.execute("PRAGMA synchronous = FULL")
            else:
                conn.execute("PRAGMA query_only = ON")
        except sqlite3.Error as exc:
            raise _translate(exc) from None
        with self._conns_lock:
            self._conns.append(conn)
        return conn

    # --- writing: one thread, group commit -------------------------------------------------------
    def write(self, work: Callable[[_Tx], T]) -> T:
        self._check_open()
        job = _Job(work)
        self._queue.put(job)
        job.done.wait()
        if job.error is not None:
            raise job.error
        return job.result

    async def write_async(self, work: Callable[[_Tx], T]) -> T:
        """``write`` for a caller on an event loop: no worker thread waits for the writer thread; the
        writer hands the result straight back to the loop (each thread hop costs ~0.1 ms of CPU)."""
        self._check_open()
        job = _Job(work, asyncio.get_running_loop().create_future())
        self._queue.put(job)
        return await job.future  # type: ignore[misc]

    def _write_loop(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            batch = [job]
            stop = False
            while len(batch) < MAX_BATCH:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    stop = True
                    break
                batch.append(more)
            self._run_batch(batch)
            if stop:
                return

    def _run_batch(self, batch: list[_Job]) -> None:
        conn = self._writer
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            self._finish(batch, _translate(exc))
            return
        for job in batch:
            conn.execute("SAVEPOINT job")
            try:
                job.result = job.work(_Tx(conn))
                conn.execute("RELEASE job")
            except BaseException as exc:  # the request's own failure: undo its part only, tell its caller
                job.error = _translate(exc) if isinstance(exc, sqlite3.Error) else exc
                try:
                    conn.execute("ROLLBACK TO job")
                    conn.execute("RELEASE job")
                except sqlite3.Error as undo:
                    self._abort(conn, batch, _translate(undo))
                    return
        try:
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._abort(conn, batch, _translate(exc))
            return
        self._finish(batch, None)

    def _abort(self, conn: sqlite3.Connection, batch: list[_Job], error: Exception) -> None:
        with contextlib.suppress(sqlite3.Error):  # SQLite may have rolled back itself (e.g. SQLITE_FULL)
            conn.execute("ROLLBACK")
        for job in batch:
            job.result = None
        self._finish(batch, error)

    @staticmethod
    def _finish(batch: list[_Job], error: Exception | None) -> None:
        by_loop: dict[asyncio.AbstractEventLoop, list[_Job]] = {}
        for job in batch:
            if error is not None and job.error is None:  # a request refused on its own keeps its answer
                job.error = error
            if job.future is not None:
                by_loop.setdefault(job.future.get_loop(), []).append(job)
            job.done.set()
        for loop, jobs in by_loop.items():  # one wake-up per event loop for the whole batch
            with contextlib.suppress(RuntimeError):  # that loop has closed: nobody waits any more
                loop.call_soon_threadsafe(_settle, jobs)

    # --- reading ---------------------------------------------------------------------------------
    def read(self, work: Callable[[_Tx], T]) -> T:
        self._check_open()
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._connect(writer=False)
        try:
            # A deferred BEGIN: the snapshot is taken at the first SELECT and held to COMMIT (WAL).
            conn.execute("BEGIN")
            try:
                return work(_Tx(conn))
            finally:
                conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise _translate(exc) from None

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._queue.put(None)  # after everything already queued
        self._thread.join(timeout=30)
        late = []
        while True:  # a write that slipped in after the stop marker must not wait forever
            try:
                job = self._queue.get_nowait()
            except queue.Empty:
                break
            if job is not None:
                late.append(job)
        self._finish(late, HallServerError("HALL_DB_ERROR", "database backend is closed"))
        with self._conns_lock:
            for conn in self._conns:
                conn.close()
            self._conns.clear()

    def _check_open(self) -> None:
        if self._closed:
            raise HallServerError("HALL_DB_ERROR", "database backend is closed")


def _translate(exc: sqlite3.Error) -> Exception:
    if isinstance(exc, sqlite3.IntegrityError):
        match = _UNIQUE.search(str(exc))
        if match and match.group(1) in _UNIQUE_BY_COLUMNS:
            return UniqueViolation(_UNIQUE_BY_COLUMNS[match.group(1)])
    name = getattr(exc, "sqlite_errorname", "") or type(exc).__name__
    return HallServerError("HALL_DB_ERROR", f"sqlite {name}: {exc}")
