"""One SQLite file per terminal: open it safely, migrate it, and run transactions on it.

Settings forced by DESIGN "Sync" (a case is committed locally before anything prints or is sent):

* ``journal_mode=WAL`` so readers (the technician's statistics) never block the writer;
* ``synchronous=FULL`` so a COMMIT that returned survives a power cut, WAL included (in WAL mode NORMAL
  may lose the last transactions, https://sqlite.org/pragma.html#pragma_synchronous);
* ``foreign_keys=ON`` (off by default in SQLite) and a busy timeout, so a second connection waits for
  the lock instead of failing at once.

``transaction()`` starts with ``BEGIN IMMEDIATE``: the write lock is taken up front, so two connections
never both read under a deferred transaction and then deadlock upgrading to write (which SQLite reports
as SQLITE_BUSY without waiting, https://sqlite.org/lang_transaction.html). Nested ``transaction()``
blocks become savepoints, so a caller can wrap case + events + outbox + audit in one commit while each
repository method stays atomic on its own.

Error codes raised here (``StorageError.code``): STORE_CORRUPT, STORE_FUTURE_SCHEMA, STORE_BUSY,
STORE_DISK_FULL, STORE_IO, STORE_UNWRITABLE, STORE_CONSTRAINT, STORE_ERROR, STORE_WAL_UNAVAILABLE.
"""

from __future__ import annotations

import functools
import logging
import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from core.errors import StorageError
from core.storage.migrations import LATEST_VERSION, MIGRATIONS, Migration, split_statements

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"

_CODES_BY_SQLITE_ERROR = (
    ("SQLITE_BUSY", "STORE_BUSY"), ("SQLITE_LOCKED", "STORE_BUSY"), ("SQLITE_FULL", "STORE_DISK_FULL"),
    ("SQLITE_CORRUPT", "STORE_CORRUPT"), ("SQLITE_NOTADB", "STORE_CORRUPT"), ("SQLITE_IOERR", "STORE_IO"),
    ("SQLITE_READONLY", "STORE_UNWRITABLE"), ("SQLITE_CANTOPEN", "STORE_UNWRITABLE"),
    ("SQLITE_PERM", "STORE_UNWRITABLE"), ("SQLITE_CONSTRAINT", "STORE_CONSTRAINT"),
)


def translate(exc: sqlite3.Error) -> StorageError:
    """A StorageError with a stable code for a sqlite3 error (its text names tables, never values)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    code = next((c for prefix, c in _CODES_BY_SQLITE_ERROR if name.startswith(prefix)), "STORE_ERROR")
    if code == "STORE_ERROR" and "file is not a database" in str(exc):
        code = "STORE_CORRUPT"
    return StorageError(f"{name or type(exc).__name__}: {exc}", code=code)


class Database:
    """An open, migrated store file. Thread-safe by a lock; the DB worker thread is its usual only user."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn = conn
        self.path = path
        self._lock = threading.RLock()
        self._depth = 0

    @functools.cached_property
    def utils(self):  # -> sqlite_utils.Database
        """sqlite-utils over the same connection (it joins our transactions through savepoints).

        Built on first use: importing sqlite-utils costs ~40 ms, which a kiosk would otherwise pay before
        its first frame. Plugins are not loaded: nothing installed on a terminal gets to register
        functions on the store.
        """
        import sqlite_utils

        return sqlite_utils.Database(self.conn, execute_plugins=False)

    # --- opening ----------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, busy_timeout_s: float = 5.0, migrations: Sequence[Migration] = MIGRATIONS,
             migrate: bool = True) -> Database:
        """Open (creating if needed) and migrate ``path``; refuses corrupt files and newer schemas untouched.

        ``migrate=False`` lets the caller check something first (the key, in ``Store.open``) and call
        ``migrate()`` itself.
        """
        _check_header(path)
        _create_private(path)
        latest = migrations[-1].version if migrations else 0
        try:
            # isolation_level=None: the driver opens no implicit transactions; we say BEGIN ourselves.
            conn = sqlite3.connect(path, timeout=busy_timeout_s, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise translate(exc) from None
        try:
            # Read the version before any PRAGMA that writes (journal_mode does): a file from a newer
            # release must be left exactly as it was, so that release can still open it.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > latest:
                raise StorageError(f"database schema version {version} is newer than this program knows "
                                   f"({latest}); was a newer release installed here before?",
                                   code="STORE_FUTURE_SCHEMA")
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":
                raise StorageError(f"journal_mode WAL refused (got {mode}); is the file on a network share?",
                                   code="STORE_WAL_UNAVAILABLE")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            # Freed space is zeroed, so a purged case's sealed blob does not linger in free pages.
            conn.execute("PRAGMA secure_delete = ON")
            db = cls(conn, path)
            if migrate:
                db.migrate(migrations)
        except sqlite3.Error as exc:
            conn.close()
            raise translate(exc) from None
        except BaseException:
            conn.close()
            raise
        return db

    @property
    def schema_version(self) -> int:
        with self.reading():
            return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def migrate(self, migrations: Sequence[Migration] = MIGRATIONS) -> list[int]:
        """Apply the migrations newer than the file, each in its own transaction; returns their numbers."""
        applied: list[int] = []
        current = self.schema_version
        for migration in migrations:
            if migration.version <= current:
                continue
            with self.transaction():
                # Re-read inside the write lock: another process may have migrated meanwhile.
                if self.conn.execute("PRAGMA user_version").fetchone()[0] >= migration.version:
                    continue
                if callable(migration.apply):
                    migration.apply(self.conn)
                else:
                    for statement in split_statements(migration.apply):
                        self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {int(migration.version)}")
            log.info("STORE_MIGRATED: %s to schema %d (%s)", self.path.name, migration.version,
                     migration.description)
            applied.append(migration.version)
        return applied

    # --- transactions -----------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``, or ``ROLLBACK`` on any exception; nested blocks are savepoints."""
        with self._lock:
            depth = self._depth
            savepoint = f"hallterm_sp{depth}"
            try:
                self.conn.execute("BEGIN IMMEDIATE" if depth == 0 else f"SAVEPOINT {savepoint}")
            except sqlite3.Error as exc:
                raise translate(exc) from None
            self._depth += 1
            try:
                yield self.conn
            except BaseException as exc:
                self._depth = depth
                self._undo(depth, savepoint)
                if isinstance(exc, sqlite3.Error):
                    raise translate(exc) from exc
                raise
            self._depth = depth
            try:
                self.conn.execute("COMMIT" if depth == 0 else f"RELEASE {savepoint}")
            except sqlite3.Error as exc:
                self._undo(depth, savepoint)
                raise translate(exc) from exc

    def _undo(self, depth: int, savepoint: str) -> None:
        if not self.conn.in_transaction:  # an error such as SQLITE_FULL may already have rolled back
            return
        if depth == 0:
            self.conn.execute("ROLLBACK")
        else:
            self.conn.execute(f"ROLLBACK TO {savepoint}")
            self.conn.execute(f"RELEASE {savepoint}")

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: several SELECTs see one consistent state without taking the write lock."""
        with self._lock:
            if self._depth:
                with self.reading() as conn:
                    yield conn
                return
            try:
                self.conn.execute("BEGIN DEFERRED")
                self._depth += 1
                try:
                    yield self.conn
                finally:
                    self._depth -= 1
                    if self.conn.in_transaction:
                        self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                raise translate(exc) from exc

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """Serialise a read with other users of this connection; sqlite3 errors become StorageError."""
        with self._lock:
            try:
                yield self.conn
            except sqlite3.Error as exc:
                raise translate(exc) from exc

    # --- meta -------------------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        """A value of the ``meta`` table; None before migration 1 has created it."""
        with self.reading():
            if not self.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone():
                return None
            row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) "
                              "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    def table_counts(self) -> dict[str, int]:
        """Rows per table, for the technician console's store page."""
        with self.reading():
            return {name: self.utils[name].count for name in self.utils.table_names()}

    def integrity_check(self) -> list[str]:
        """``PRAGMA integrity_check`` for the technician console (slow on a big file: not run at start)."""
        with self.reading():
            return [row[0] for row in self.conn.execute("PRAGMA integrity_check")]

    def checkpoint(self) -> None:
        """Copy the WAL into the main file and truncate it (best effort: a reader may hold old pages)."""
        with self.reading() as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    def close(self, *, checkpoint: bool = True) -> None:
        """Close the connection; ``checkpoint=False`` on refusal paths, which must not write to the file."""
        with self._lock:
            if self._depth:
                raise StorageError("close() inside a transaction", code="STORE_ERROR")
            if not checkpoint:
                self.conn.close()
                return
            try:
                # Fold the WAL back into the main file so a copied database is complete on its own.
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error as exc:
                log.warning("STORE_CHECKPOINT_FAILED: %s", translate(exc).detail)
            self.conn.close()


def _create_private(path: Path) -> None:
    """Create a new database file as 0600 (SQLite gives its -wal and -shm files the same mode)."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass   # another process created it first; an empty file is a new database either way
    except OSError as exc:
        raise StorageError(f"cannot create database {path}: {exc.strerror}", code="STORE_UNWRITABLE") from None


def _check_header(path: Path) -> None:
    """A file that exists but is not SQLite is refused before sqlite3 could decide to 'repair' anything."""
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StorageError(f"cannot read database {path}: {exc.strerror}", code="STORE_UNWRITABLE") from None
    if head and head != SQLITE_HEADER:
        raise StorageError(f"{path} is not an SQLite database (header {head[:8]!r})", code="STORE_CORRUPT")


__all__ = ["LATEST_VERSION", "MIGRATIONS", "SQLITE_HEADER", "Database", "Migration", "translate"]
