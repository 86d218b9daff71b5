"""The PostgreSQL backend (psycopg 3): a small connection pool, retries, and LISTEN/NOTIFY.

Several server instances may share one database (DESIGN "Scale"), so nothing here keeps state that
another instance could contradict: call-next claims its row with ``FOR UPDATE SKIP LOCKED`` (two
counters never wait on, or get, the same ticket), and every change ends with ``pg_notify`` so the
other instances' event streams wake up (NOTIFY is delivered at commit, never for a rolled-back change:
https://www.postgresql.org/docs/15/sql-notify.html).

The pool is a plain LIFO queue of autocommit connections, each transaction an explicit
``conn.transaction()`` block. (``psycopg_pool`` would do the same; one less dependency for ~30 lines.)
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Sequence
from functools import lru_cache

import psycopg
from psycopg import IsolationLevel
from psycopg import errors as pg_errors
from psycopg.rows import dict_row

from hall_server.db.base import Backend, Params, Row, T, VersionRef
from hall_server.errors import HallServerError, UniqueViolation

log = logging.getLogger(__name__)

CHANNEL = "hallterm_hall_events"  # also named in schema.py's hall_announce()
POOL_SIZE = 24
POOL_WAIT_S = 10.0
RETRIES = 4
# Deadlock (40P01) and serialization failure (40001) are resolved by running the transaction again.
_TRANSIENT = (pg_errors.DeadlockDetected, pg_errors.SerializationFailure)


@lru_cache(maxsize=512)
def _pg_sql(sql: str) -> str:
    if "%" in sql:
        raise ValueError("hall SQL must not contain '%' (psycopg placeholders)")
    return sql.replace("?", "%s")


class _Tx:
    def __init__(self, conn: psycopg.Connection, pipeline: psycopg.Pipeline) -> None:
        self._conn = conn
        self._pipeline = pipeline

    def all(self, sql: str, params: Params = ()) -> list[Row]:
        return self._conn.execute(_pg_sql(sql), params).fetchall()

    def one(self, sql: str, params: Params = ()) -> Row | None:
        return self._conn.execute(_pg_sql(sql), params).fetchone()

    def run(self, sql: str, params: Params = ()) -> int:
        cursor = self._conn.execute(_pg_sql(sql), params)
        self._pipeline.sync()  # the row count arrives with the result, which a pipeline has not waited for
        return cursor.rowcount

    def send(self, sql: str, params: Params = ()) -> None:
        self._conn.execute(_pg_sql(sql), params)

    def many(self, statements: Sequence[tuple[str, Params]]) -> list[list[Row]]:
        cursors = [self._conn.execute(_pg_sql(sql), params) for sql, params in statements]
        return [cursor.fetchall() for cursor in cursors]

    def record(self, day: str, kind: str, at_ms: int, ticket_id: str | None, counter_id: str | None,
               payload: str) -> VersionRef | None:
        # The version is assigned at COMMIT by the hall_announce trigger (schema.py), which also NOTIFYs:
        # this instance's own event streams learn it through LISTEN like everyone else's.
        self._conn.execute("INSERT INTO announcements (business_day, kind, at, ticket_id, counter_id, payload) "
                           "VALUES (%s, %s, %s, %s, %s, %s)", (day, kind, at_ms, ticket_id, counter_id, payload))
        return None


class PostgresBackend(Backend):
    dialect = "postgresql"
    claim_lock_clause = "FOR UPDATE SKIP LOCKED"

    def __init__(self, url: str, *, pool_size: int = POOL_SIZE) -> None:
        super().__init__(url)
        self._pool: queue.LifoQueue[psycopg.Connection] = queue.LifoQueue()
        self._size = pool_size
        self._created = 0
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._listener: threading.Thread | None = None
        self._put(self._connect())  # fail at start-up, not at the first ticket

    # --- connections -----------------------------------------------------------------------------
    def _connect(self) -> psycopg.Connection:
        try:
            conn = psycopg.connect(self.url, autocommit=True, row_factory=dict_row, connect_timeout=10)
        except psycopg.Error as exc:
            raise HallServerError("HALL_DB_ERROR", f"cannot connect to {self.display_url}: "
                                  f"{type(exc).__name__}") from None
        with self._lock:
            self._created += 1
        return conn

    def _get(self) -> psycopg.Connection:
        if self._closed.is_set():
            raise HallServerError("HALL_DB_ERROR", "database backend is closed")
        try:
            return self._pool.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            may_create = self._created < self._size
        if may_create:
            return self._connect()
        try:
            return self._pool.get(timeout=POOL_WAIT_S)
        except queue.Empty:
            raise HallServerError("HALL_DB_ERROR", f"no database connection free within {POOL_WAIT_S} s") from None

    def _put(self, conn: psycopg.Connection) -> None:
        if conn.closed or conn.broken or self._closed.is_set():
            conn.close()
            with self._lock:
                self._created -= 1
            return
        self._pool.put(conn)

    # --- transactions ----------------------------------------------------------------------------
    def _run(self, work: Callable[[_Tx], T], *, read_only: bool) -> T:
        for attempt in range(RETRIES):
            conn = self._get()
            try:
                # Pipeline mode: BEGIN travels with the first statement, and ``send``/``many`` queue
                # statements until something needs an answer (psycopg "pipeline mode").
                # Reads: one snapshot for the whole read (its version matches its rows), said in the BEGIN
                # itself rather than by one more statement.
                if bool(conn.read_only) != read_only:
                    conn.isolation_level = IsolationLevel.REPEATABLE_READ if read_only else None
                    conn.read_only = True if read_only else None
                with conn.pipeline() as pipeline, conn.transaction():
                    return work(_Tx(conn, pipeline))
            except _TRANSIENT:
                if attempt == RETRIES - 1:
                    raise HallServerError("HALL_DB_ERROR", "transaction kept conflicting; gave up") from None
            except pg_errors.UniqueViolation as exc:
                raise UniqueViolation(exc.diag.constraint_name or "") from None
            except psycopg.Error as exc:
                raise HallServerError("HALL_DB_ERROR", f"postgresql {type(exc).__name__}: "
                                      f"{exc.diag.message_primary or ''}") from None
            finally:
                self._put(conn)
        raise AssertionError("unreachable")

    def write(self, work: Callable[[_Tx], T]) -> T:
        return self._run(work, read_only=False)

    def read(self, work: Callable[[_Tx], T]) -> T:
        return self._run(work, read_only=True)

    # --- other instances' changes ----------------------------------------------------------------
    def listen(self, on_version: Callable[[int], None]) -> None:
        if self._listener is not None:
            return
        self._listener = threading.Thread(target=self._listen_loop, args=(on_version,), name="hall-pg-listen",
                                          daemon=True)
        self._listener.start()

    def _listen_loop(self, on_version: Callable[[int], None]) -> None:
        while not self._closed.is_set():
            try:
                with psycopg.connect(self.url, autocommit=True, connect_timeout=10) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    while not self._closed.is_set():
                        for note in conn.notifies(timeout=0.2):  # bounded, so close() is noticed soon
                            if note.payload.isdigit():
                                on_version(int(note.payload))
            except psycopg.Error as exc:
                log.warning("HALL_PG_LISTEN_LOST %s; reconnecting", type(exc).__name__)
                self._closed.wait(1.0)

    def close(self) -> None:
        self._closed.set()
        while True:
            try:
                self._pool.get_nowait().close()
            except queue.Empty:
                break
        if self._listener is not None:
            self._listener.join(timeout=5)
