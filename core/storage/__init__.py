"""The terminal's encrypted local store: one SQLite file plus one key file.

``Store.open(db_path, key_path)`` opens (or creates) both, checks they belong together, migrates the
schema and hands out the repositories::

    store = Store.open(paths.database_file, paths.key_file)
    with store.transaction():                 # case, events, outbox row and audit entry: one commit
        store.cases.save(case)
        store.outbox.enqueue("case", case.case_id, payload, key=case.case_id)
        store.audit.append("kiosk:K01", "case.submit", case.case_number)

Key rules (DESIGN "Data"): the key file is created only for a database that holds no encrypted data yet;
if it is missing for one that does, the store refuses to start (STORE_KEY_MISSING) rather than make a new
key and orphan every sealed field. A key whose fingerprint differs from the one recorded in the database
is refused too (STORE_KEY_MISMATCH). Other codes: see ``core.storage.db`` and the repositories.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from core.errors import StorageError
from core.storage.audit import AuditEntry, AuditLog, AuditVerification
from core.storage.cases import CaseRepository
from core.storage.codec import PURGED_APPLICANT, PURGED_NAME
from core.storage.crypto import KeyRing, create_key_file, read_key_file
from core.storage.db import Database
from core.storage.outbox import Outbox, OutboxRow, OutboxState
from core.storage.retention import purge_personal
from core.storage.settings_repo import SettingsRepository

log = logging.getLogger(__name__)

FINGERPRINT_META_KEY = "key_fingerprint"


class Store:
    def __init__(self, db: Database, keys: KeyRing):
        self.db = db
        self.keys = keys
        self.cases = CaseRepository(db, keys)
        self.outbox = Outbox(db, keys)
        self.audit = AuditLog(db, keys.audit_key)
        self.settings = SettingsRepository(db)

    @classmethod
    def open(cls, db_path: Path, key_path: Path, *, busy_timeout_s: float = 5.0) -> Store:
        db = Database.open(Path(db_path), busy_timeout_s=busy_timeout_s, migrate=False)
        try:
            keys = _load_keys(db, Path(key_path))
            db.migrate()
            if db.get_meta(FINGERPRINT_META_KEY) is None:
                db.set_meta(FINGERPRINT_META_KEY, keys.fingerprint)
        except BaseException:
            db.close(checkpoint=False)
            raise
        return cls(db, keys)

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """One commit for everything written inside (repository calls join it); rolled back on any exception."""
        with self.db.transaction():
            yield self

    def purge_personal(self, older_than_days: int, now: datetime) -> int:
        """Retention (``core.storage.retention``): returns how many cases lost their personal data."""
        return purge_personal(self.db, self.audit, older_than_days=older_than_days, now=now)

    @property
    def schema_version(self) -> int:
        return self.db.schema_version

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _load_keys(db: Database, key_path: Path) -> KeyRing:
    fingerprint = db.get_meta(FINGERPRINT_META_KEY)
    sealed_sample = _sealed_sample(db)
    holds_data = fingerprint is not None or sealed_sample is not None
    if key_path.exists():
        keys = KeyRing.from_master(read_key_file(key_path))
    elif holds_data:
        raise StorageError(f"key file {key_path} is missing but {db.path.name} holds encrypted data; restore the "
                           "key file from the terminal's backup (a new key would make the data unreadable)",
                           code="STORE_KEY_MISSING")
    else:
        keys = KeyRing.from_master(create_key_file(key_path))
        log.info("STORE_KEY_CREATED: new data key at %s", key_path)
    if fingerprint is not None and fingerprint != keys.fingerprint:
        raise StorageError(f"key file {key_path} is not the key of {db.path.name} (fingerprint differs)",
                           code="STORE_KEY_MISMATCH")
    if fingerprint is None and sealed_sample is not None:
        # Sealed rows but no fingerprint (the meta row was lost): the key must open one of them.
        case_id, blob = sealed_sample
        try:
            keys.open_sealed(blob, aad=case_id)
        except StorageError:
            raise StorageError(f"key file {key_path} does not open the data in {db.path.name}",
                               code="STORE_KEY_MISMATCH") from None
    return keys


def _sealed_sample(db: Database) -> tuple[str, bytes] | None:
    """One (case_id, blob) from the file, or None if it holds no sealed case (or has no tables yet)."""
    with db.reading() as conn:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cases'").fetchone():
            return None
        row = conn.execute("SELECT case_id, personal FROM cases WHERE personal IS NOT NULL LIMIT 1").fetchone()
    return (row[0], row[1]) if row else None


__all__ = [
    "PURGED_APPLICANT", "PURGED_NAME", "AuditEntry", "AuditVerification", "CaseRepository", "KeyRing", "Outbox",
    "OutboxRow", "OutboxState", "SettingsRepository", "Store",
]
