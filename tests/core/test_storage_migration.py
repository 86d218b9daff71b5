"""A store written by the first release (tests/data/store-v1.sqlite3) upgrades and reads back intact."""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from core.errors import StorageError
from core.storage import Store
from core.storage.db import Database
from core.storage.migrations import LATEST_VERSION, MIGRATIONS, Migration

DATA = Path(__file__).resolve().parents[1] / "data"


def _generator():
    spec = importlib.util.spec_from_file_location("make_store_v1", DATA / "make_store_v1.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def v1_copy(tmp_path):
    shutil.copyfile(DATA / "store-v1.sqlite3", tmp_path / "store.sqlite3")
    shutil.copyfile(DATA / "store-v1.key", tmp_path / "store.key")
    return tmp_path


def test_the_stored_file_is_schema_1():
    raw = sqlite3.connect(f"file:{DATA / 'store-v1.sqlite3'}?mode=ro&immutable=1", uri=True)
    try:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
        columns = {row[1] for row in raw.execute("PRAGMA table_info(cases)")}
        assert "synced_at" not in columns and "purged_at" not in columns
    finally:
        raw.close()


def test_a_v1_store_upgrades_and_reads_back_intact(v1_copy):
    original = hashlib.sha256((DATA / "store-v1.sqlite3").read_bytes()).hexdigest()
    generator = _generator()
    kiosk, counter = generator.v1_cases()
    with Store.open(v1_copy / "store.sqlite3", v1_copy / "store.key") as store:
        assert store.schema_version == LATEST_VERSION == MIGRATIONS[-1].version
        assert store.cases.get(kiosk.case_id) == kiosk
        assert store.cases.get(counter.case_id) == counter
        assert store.cases.by_number(counter.case_number) == counter
        assert store.cases.by_person(kiosk.applicant.id_number) == [kiosk]
        assert store.cases.by_person(counter.applicant.id_number.lower()) == [counter]
        assert store.cases.list(day=generator.DAY) == [counter, kiosk]
        assert store.outbox.get(counter.case_id).payload == generator.outbox_payload(counter)
        assert store.outbox.get(kiosk.case_id).state.value == "synced"
        assert store.settings.get("sync.cursor") == {"since": "2025-06-03T01:20:00Z"}
        verification = store.audit.verify()
        assert (verification.ok, verification.checked) == (True, 2)
        assert store.cases.next_sequence(generator.DAY) == 3

        # migration 2 backfilled synced_at from the v1 outbox: only the synced case can be purged
        assert store.purge_personal(30, datetime(2026, 1, 1, tzinfo=UTC)) == 1
        assert store.cases.get(kiosk.case_id).applicant.name == "（已清除）"
        assert store.cases.get(counter.case_id) == counter
        assert store.audit.verify().checked == 3
    assert hashlib.sha256((DATA / "store-v1.sqlite3").read_bytes()).hexdigest() == original


def test_the_upgrade_is_one_transaction_per_migration(v1_copy):
    # A migration that fails half-way leaves the file at the version before it, not in between.
    broken = (*MIGRATIONS, Migration(LATEST_VERSION + 1, "broken", "CREATE TABLE half (x);\nSELECT * FROM nowhere;"))
    with pytest.raises(StorageError, match="nowhere"):
        Database.open(v1_copy / "store.sqlite3", migrations=broken)
    raw = sqlite3.connect(v1_copy / "store.sqlite3")
    try:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert raw.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half'").fetchone()[0] == 0
    finally:
        raw.close()
