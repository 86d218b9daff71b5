"""Opening the store: key file rules, refusals that leave files untouched, pragmas, one-transaction writes."""

from __future__ import annotations

import hashlib
import os
import sqlite3

import pytest
from storage_factory import make_case, open_store

from core.errors import StorageError
from core.storage import Store
from core.storage.crypto import KEY_BYTES, read_key_file
from core.storage.db import Database
from core.storage.migrations import LATEST_VERSION


def _code(excinfo: pytest.ExceptionInfo) -> str:
    return excinfo.value.code


def test_new_store_creates_a_private_key_file_and_database(tmp_path):
    old_umask = os.umask(0)   # the modes must come from os.open, not from a friendly umask
    try:
        store = Store.open(tmp_path / "data" / "store.sqlite3", tmp_path / "data" / "store.key")
    finally:
        os.umask(old_umask)
    store.close()
    key_file = tmp_path / "data" / "store.key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "data" / "store.sqlite3").stat().st_mode & 0o777 == 0o600
    assert len(read_key_file(key_file)) == KEY_BYTES
    assert not list((tmp_path / "data").glob(".*.tmp"))


def test_reopening_uses_the_same_key(tmp_path):
    store = open_store(tmp_path)
    case = make_case(store)
    store.cases.save(case)
    key_before = (tmp_path / "store.key").read_bytes()
    store.close()
    with open_store(tmp_path) as again:
        assert again.cases.get(case.case_id) == case
    assert (tmp_path / "store.key").read_bytes() == key_before


def test_a_raw_32_byte_key_file_is_accepted(tmp_path):
    store = open_store(tmp_path)
    case = make_case(store)
    store.cases.save(case)
    store.close()
    key = read_key_file(tmp_path / "store.key")
    (tmp_path / "store.key").write_bytes(key)
    with open_store(tmp_path) as again:
        assert again.cases.get(case.case_id) == case


def test_missing_key_with_encrypted_data_refuses_and_creates_nothing(tmp_path):
    store = open_store(tmp_path)
    store.cases.save(make_case(store))
    store.close()
    (tmp_path / "store.key").unlink()
    with pytest.raises(StorageError) as refused:
        open_store(tmp_path)
    assert _code(refused) == "STORE_KEY_MISSING"
    assert not (tmp_path / "store.key").exists()


def test_missing_key_of_an_opened_but_empty_store_refuses_too(tmp_path):
    # The audit chain and the fingerprint already depend on the key, even with no case saved yet.
    open_store(tmp_path).close()
    (tmp_path / "store.key").unlink()
    with pytest.raises(StorageError) as refused:
        open_store(tmp_path)
    assert _code(refused) == "STORE_KEY_MISSING"
    assert not (tmp_path / "store.key").exists()


def test_wrong_key_is_refused(tmp_path):
    store = open_store(tmp_path)
    store.cases.save(make_case(store))
    store.close()
    other = open_store(tmp_path, "other")
    other.close()
    with pytest.raises(StorageError) as refused:
        Store.open(tmp_path / "store.sqlite3", tmp_path / "other.key")
    assert _code(refused) == "STORE_KEY_MISMATCH"


def test_wrong_key_is_refused_even_when_the_fingerprint_row_is_gone(tmp_path):
    store = open_store(tmp_path)
    store.cases.save(make_case(store))
    store.close()
    open_store(tmp_path, "other").close()
    with sqlite3.connect(tmp_path / "store.sqlite3") as raw:
        raw.execute("DELETE FROM meta WHERE key = 'key_fingerprint'")
    raw.close()
    with pytest.raises(StorageError) as refused:
        Store.open(tmp_path / "store.sqlite3", tmp_path / "other.key")
    assert _code(refused) == "STORE_KEY_MISMATCH"


def test_a_key_file_of_the_wrong_size_is_refused(tmp_path):
    (tmp_path / "store.key").write_bytes(b"c2hvcnQ=\n")
    with pytest.raises(StorageError) as refused:
        open_store(tmp_path)
    assert _code(refused) == "STORE_KEY_INVALID"


def test_a_newer_schema_is_refused_and_left_untouched(tmp_path):
    open_store(tmp_path).close()
    db_path = tmp_path / "store.sqlite3"
    raw = sqlite3.connect(db_path)
    raw.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    raw.close()
    digest = hashlib.sha256(db_path.read_bytes()).hexdigest()
    with pytest.raises(StorageError) as refused:
        open_store(tmp_path)
    assert _code(refused) == "STORE_FUTURE_SCHEMA"
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == digest


@pytest.mark.parametrize("content", [
    b"this is a text file, not a database" * 100,
    b"SQLite format 3\x00" + bytes(range(256)) * 40,
])
def test_a_corrupt_file_is_refused(tmp_path, content):
    db_path = tmp_path / "store.sqlite3"
    db_path.write_bytes(content)
    with pytest.raises(StorageError) as refused:
        open_store(tmp_path)
    assert _code(refused) == "STORE_CORRUPT"
    assert db_path.read_bytes() == content
    assert not (tmp_path / "store.key").exists()


def test_pragmas_that_make_a_commit_durable(tmp_path):
    with open_store(tmp_path) as store:
        conn = store.db.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2   # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
        assert store.schema_version == LATEST_VERSION
        assert store.db.integrity_check() == ["ok"]
        counts = store.db.table_counts()
        assert counts["cases"] == 0 and counts["meta"] == 1   # the key fingerprint


def test_an_exception_inside_transaction_leaves_nothing_behind(tmp_path):
    with open_store(tmp_path) as store:
        case = make_case(store)
        with pytest.raises(RuntimeError, match="printer jammed"), store.transaction():
            store.cases.save(case)
            store.outbox.enqueue("case", case.case_id, {"case_number": case.case_number}, key=case.case_id)
            store.audit.append("kiosk:K01", "case.submit", case.case_number)
            store.settings.set("last_case", case.case_number)
            raise RuntimeError("printer jammed")
        conn = store.db.conn
        assert store.cases.get(case.case_id) is None
        for table in ("cases", "case_events", "outbox", "audit_log", "settings"):
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
        assert conn.execute("SELECT count(*) FROM meta WHERE key = 'audit_head'").fetchone()[0] == 0
        assert store.audit.verify().ok
        # and the same block without the exception commits all four
        with store.transaction():
            store.cases.save(case)
            store.outbox.enqueue("case", case.case_id, {"case_number": case.case_number}, key=case.case_id)
            store.audit.append("kiosk:K01", "case.submit", case.case_number)
        assert store.cases.get(case.case_id) == case
        assert store.outbox.get(case.case_id) is not None and store.audit.verify().checked == 1


def test_a_failed_inner_block_rolls_back_only_itself(tmp_path):
    with open_store(tmp_path) as store:
        first, second = make_case(store), make_case(store)
        with store.transaction():
            store.cases.save(first)
            with pytest.raises(StorageError), store.transaction():
                store.cases.save(second)
                store.cases.save(first.with_changes(events=()))   # stale: refused
        assert store.cases.get(first.case_id) == first
        assert store.cases.get(second.case_id) is None


def test_a_second_connection_sees_only_committed_cases(tmp_path):
    writer = open_store(tmp_path)
    reader = open_store(tmp_path)
    try:
        case = make_case(writer)
        with writer.transaction():
            writer.cases.save(case)
            assert reader.cases.get(case.case_id) is None
        assert reader.cases.get(case.case_id) == case
    finally:
        writer.close()
        reader.close()


def test_migrations_run_once_and_record_the_version(tmp_path):
    db = Database.open(tmp_path / "plain.sqlite3")
    try:
        assert db.schema_version == LATEST_VERSION
        assert db.migrate() == []
    finally:
        db.close()
