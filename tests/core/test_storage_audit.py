"""The audit log's hash chain catches edits, deletions and a cut-off tail made behind the program's back."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from storage_factory import id_number, open_store

from core.errors import StorageError
from core.identity import mask_id_number
from core.storage.audit import GENESIS_HASH

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


@pytest.fixture
def logged(tmp_path):
    """A store with five audit entries, closed; yields the database path."""
    with open_store(tmp_path) as store:
        for i in range(1, 6):
            store.audit.append(f"clerk:023{i}", "case.accept", f"43010220260302K010000{i}",
                               {"applicant": mask_id_number(id_number()), "n": i}, at=T0 + timedelta(minutes=i))
        assert store.audit.verify().ok
    return tmp_path


def _attack(tmp_path, *statements: str) -> None:
    """What someone with the file but not the key would do: drop the triggers, then edit."""
    raw = sqlite3.connect(tmp_path / "store.sqlite3", isolation_level=None)
    raw.execute("DROP TRIGGER audit_log_no_update")
    raw.execute("DROP TRIGGER audit_log_no_delete")
    for sql in statements:
        raw.execute(sql)
    raw.close()


def _verify(tmp_path):
    with open_store(tmp_path) as store:
        return store.audit.verify()


def test_an_intact_chain_verifies(logged):
    with open_store(logged) as store:
        result = store.audit.verify()
        entries = store.audit.entries()
    assert (result.ok, result.checked, result.first_bad_seq) == (True, 5, None)
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5]
    assert entries[0].prev_hash == GENESIS_HASH and entries[1].prev_hash == entries[0].hash
    assert entries[2].details == {"applicant": "4301**********1238", "n": 3}


def test_triggers_refuse_update_and_delete(logged):
    raw = sqlite3.connect(logged / "store.sqlite3", isolation_level=None)
    try:
        for sql in ("UPDATE audit_log SET actor = 'nobody' WHERE seq = 2", "DELETE FROM audit_log WHERE seq = 5"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                raw.execute(sql)
    finally:
        raw.close()
    assert _verify(logged).ok


def test_an_edited_entry_is_found(logged):
    _attack(logged, """UPDATE audit_log SET details = '{"applicant":"4301**********9999","n":3}' WHERE seq = 3""")
    result = _verify(logged)
    assert (result.ok, result.first_bad_seq, result.checked) == (False, 3, 2)
    assert "altered" in result.reason


def test_an_edit_with_a_recomputed_plain_hash_is_still_found(logged):
    # Without the key the attacker can only guess at the MAC; any value they put there fails.
    _attack(logged, "UPDATE audit_log SET actor = 'clerk:9999', hash = lower(hex(randomblob(32))) WHERE seq = 4")
    result = _verify(logged)
    assert (result.ok, result.first_bad_seq) == (False, 4)


def test_a_deleted_entry_in_the_middle_is_found(logged):
    _attack(logged, "DELETE FROM audit_log WHERE seq = 3")
    result = _verify(logged)
    assert (result.ok, result.first_bad_seq, result.checked) == (False, 3, 2)
    assert "missing" in result.reason


def test_renumbering_after_a_deletion_is_found(logged):
    _attack(logged, "DELETE FROM audit_log WHERE seq = 3",
            "UPDATE audit_log SET seq = seq - 1 WHERE seq > 3")
    result = _verify(logged)
    assert (result.ok, result.first_bad_seq) == (False, 3)


def test_a_truncated_tail_is_found_through_the_head_anchor(logged):
    _attack(logged, "DELETE FROM audit_log WHERE seq >= 4")
    result = _verify(logged)
    assert (result.ok, result.first_bad_seq, result.checked) == (False, 4, 3)
    assert "removed" in result.reason


def test_a_lost_head_anchor_is_found(logged):
    _attack(logged, "DELETE FROM meta WHERE key = 'audit_head'")
    result = _verify(logged)
    assert not result.ok and "anchor" in result.reason


def test_appending_continues_the_chain_after_reopening(logged):
    with open_store(logged) as store:
        entry = store.audit.append("system", "store.opened", "terminal:K01")
        assert entry.seq == 6 and entry.prev_hash == store.audit.entries(after_seq=4)[0].hash
        assert store.audit.verify().checked == 6


@pytest.mark.parametrize("details", [
    {"applicant": id_number()},
    {"note": f"身份证 {id_number('11010519491231002')} 已核验"},
    {"phone": "13812345678"},
])
def test_personal_data_is_refused(tmp_path, details):
    with open_store(tmp_path) as store:
        with pytest.raises(StorageError) as refused:
            store.audit.append("kiosk:K01", "case.submit", "43010220260302K0100001", details)
        assert refused.value.code == "STORE_AUDIT_PERSONAL_DATA"
        # masked values, case numbers and timestamps are fine
        store.audit.append("kiosk:K01", "case.submit", "43010220260302K0100001",
                           {"applicant": mask_id_number(id_number()), "phone": "138****5678", "ms": 1767225600000})
        assert store.audit.verify().checked == 1
