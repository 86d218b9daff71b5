"""The outbox rows the sync engine will work from, the settings table, and retention of personal data."""

from __future__ import annotations

from datetime import timedelta

import pytest
from storage_factory import T0, id_number, make_case, open_store, person

from core.cases import machine
from core.cases.model import CaseAction
from core.errors import StorageError
from core.storage import PURGED_APPLICANT, PURGED_NAME, OutboxState

S = OutboxState


def test_enqueue_get_and_the_same_key_twice(tmp_path):
    with open_store(tmp_path) as store:
        case = make_case(store)
        store.cases.save(case)
        row = store.outbox.enqueue("case", case.case_id, {"n": case.case_number, "x": [1, 2]}, key=case.case_id,
                                   now=T0)
        assert (row.id, row.kind, row.ref_id, row.case_id, row.state, row.attempts) == (
            case.case_id, "case", case.case_id, case.case_id, S.PENDING, 0)
        assert row.payload == {"n": case.case_number, "x": [1, 2]} and row.created_at == T0
        assert store.outbox.enqueue("case", case.case_id, {"n": case.case_number, "x": [1, 2]},
                                    key=case.case_id) == row
        with pytest.raises(StorageError) as conflict:
            store.outbox.enqueue("case", case.case_id, {"n": "changed"}, key=case.case_id)
        assert conflict.value.code == "STORE_OUTBOX_KEY_CONFLICT"
        generated = store.outbox.enqueue("evaluation", case.case_number, {"level": "非常满意"})
        assert generated.id != row.id and generated.case_id is None
        event_row = store.outbox.enqueue("case_event", case.events[-1].event_id, {"action": "submit"})
        assert event_row.case_id == case.case_id
        assert store.outbox.get("no-such-id") is None


def test_states_attempts_and_what_is_due(tmp_path):
    with open_store(tmp_path) as store:
        first = store.outbox.enqueue("evaluation", "e1", {"level": 5}, now=T0)
        second = store.outbox.enqueue("evaluation", "e2", {"level": 4}, now=T0)
        assert [r.id for r in store.outbox.pending(10, now=T0)] == [first.id, second.id]
        assert store.outbox.mark(first.id, S.SENDING, now=T0).attempts == 1
        retry_at = T0 + timedelta(minutes=5)
        failed = store.outbox.mark(first.id, "failed_retryable", error="HTTP 503", next_attempt_at=retry_at, now=T0)
        assert (failed.state, failed.last_error, failed.next_attempt_at) == (S.FAILED_RETRYABLE, "HTTP 503", retry_at)
        assert [r.id for r in store.outbox.pending(10, now=T0)] == [second.id]
        assert [r.id for r in store.outbox.pending(10, now=retry_at)] == [first.id, second.id]
        assert [r.id for r in store.outbox.pending(1, now=retry_at)] == [first.id]
        again = store.outbox.mark(first.id, S.SENDING, now=retry_at)
        assert (again.attempts, again.last_error) == (2, "HTTP 503")   # the last error stays visible meanwhile
        synced = store.outbox.mark(first.id, S.SYNCED, now=retry_at)
        assert (synced.state, synced.last_error) == (S.SYNCED, None)
        with pytest.raises(StorageError) as illegal:
            store.outbox.mark(first.id, S.SENDING)
        assert illegal.value.code == "STORE_OUTBOX_TRANSITION"
        with pytest.raises(StorageError) as missing:
            store.outbox.mark("nope", S.SENDING)
        assert missing.value.code == "STORE_OUTBOX_NOT_FOUND"
        store.outbox.mark(second.id, S.SENDING)
        assert store.outbox.counts_by_state() == {S.PENDING: 0, S.SENDING: 1, S.SYNCED: 1, S.FAILED_RETRYABLE: 0,
                                                  S.FAILED_PERMANENT: 0, S.CONFLICT: 0}
        assert store.outbox.reset_interrupted() == 1
        assert store.outbox.get(second.id).state is S.PENDING


def test_permanent_failures_and_conflicts_wait_for_a_person(tmp_path):
    with open_store(tmp_path) as store:
        row = store.outbox.enqueue("evaluation", "e1", {"level": 1})
        store.outbox.mark(row.id, S.SENDING)
        store.outbox.mark(row.id, S.FAILED_PERMANENT, error="HTTP 422 item_code unknown")
        assert store.outbox.pending(10) == []
        with pytest.raises(StorageError):
            store.outbox.mark(row.id, S.SENDING)
        assert store.outbox.mark(row.id, S.PENDING).state is S.PENDING


def test_settings_keep_json_values(tmp_path):
    with open_store(tmp_path) as store:
        assert store.settings.get("sync.cursor", {"since": None}) == {"since": None}
        store.settings.set("sync.cursor", {"since": "2026-03-02T01:00:00Z", "page": 3})
        store.settings.set("display.volume", 0.8)
        assert store.settings.get("sync.cursor") == {"since": "2026-03-02T01:00:00Z", "page": 3}
        assert store.settings.items() == {"display.volume": 0.8,
                                          "sync.cursor": {"since": "2026-03-02T01:00:00Z", "page": 3}}
        assert store.settings.delete("display.volume") and not store.settings.delete("display.volume")


# --- retention -----------------------------------------------------------------------------------------

def _sync(store, case, at) -> None:
    store.outbox.enqueue("case", case.case_id, {"applicant": case.applicant.to_dict()}, key=case.case_id, now=at)
    store.outbox.mark(case.case_id, S.SENDING, now=at)
    store.outbox.mark(case.case_id, S.SYNCED, now=at)


def test_retention_purges_only_cases_that_are_synced_and_old(tmp_path):
    old, now = T0, T0 + timedelta(days=40)
    with open_store(tmp_path) as store:
        synced_old = make_case(store, applicant=person(name="王五", first17="11010519491231002"))
        never_sent = make_case(store)
        still_pending = make_case(store)
        event_waiting = make_case(store)
        synced_recent = make_case(store)
        store.cases.save_many([synced_old, never_sent, still_pending, event_waiting, synced_recent], now=old)
        _sync(store, synced_old, old)
        store.outbox.enqueue("case", still_pending.case_id, {"x": 1}, key=still_pending.case_id, now=old)
        _sync(store, event_waiting, old)
        noted = machine.apply(event_waiting, CaseAction.NOTE, actor="kiosk:K01", at=old, data={"reprint": 1})
        store.cases.save_many([noted], now=old)
        store.outbox.enqueue("case_event", noted.events[-1].event_id, {"note": "reprint"}, now=old)
        store.cases.save_many([synced_recent], now=now - timedelta(days=2))
        _sync(store, synced_recent, now - timedelta(days=2))
        orphan = store.outbox.enqueue("evaluation", "e1", {"level": 5}, now=old)
        store.outbox.mark(orphan.id, S.SENDING, now=old)
        store.outbox.mark(orphan.id, S.SYNCED, now=old)

        assert store.purge_personal(30, now) == 1

        purged = store.cases.get(synced_old.case_id)
        assert purged.applicant == PURGED_APPLICANT and purged.applicant.name == PURGED_NAME
        assert (purged.contact_name, purged.contact_phone, purged.contact_address, purged.form) == ("", "", "", {})
        assert purged.commitment.signature_png == b"" and purged.commitment.text_sha256 == "c" * 64
        assert (purged.case_number, purged.state, purged.events, purged.materials) == (
            synced_old.case_number, synced_old.state, synced_old.events, synced_old.materials)
        assert store.cases.by_person(id_number("11010519491231002")) == []
        assert store.outbox.get(synced_old.case_id).payload is None
        assert store.outbox.get(orphan.id).payload is None
        for kept in (never_sent, still_pending, synced_recent):
            assert store.cases.get(kept.case_id) == kept
        assert store.cases.get(event_waiting.case_id) == noted
        assert store.outbox.get(still_pending.case_id).payload == {"x": 1}
        raw = store.db.conn.execute("SELECT personal, person_hmac, purged_at FROM cases WHERE case_id = ?",
                                    (synced_old.case_id,)).fetchone()
        assert raw[0] is None and raw[1] is None and raw[2] is not None
        last = store.audit.entries()[-1]
        assert (last.action, last.details["cases"]) == ("retention.purge", 1) and store.audit.verify().ok

        # a status change that arrives later is saved, and the case stays purged
        delivered = machine.apply(purged, CaseAction.NOTE, actor="central", at=now, data={"status": "已寄递"})
        store.cases.save(delivered)
        assert store.cases.get(synced_old.case_id) == delivered
        assert store.purge_personal(30, now) == 0


def test_retention_never_purges_without_a_synced_case_row(tmp_path):
    with open_store(tmp_path) as store:
        case = make_case(store)
        store.cases.save_many([case], now=T0)
        row = store.outbox.enqueue("case", case.case_id, {"x": 1}, key=case.case_id, now=T0)
        store.outbox.mark(row.id, S.SENDING, now=T0)
        store.outbox.mark(row.id, S.FAILED_PERMANENT, error="HTTP 400", now=T0)
        assert store.purge_personal(0, T0 + timedelta(days=3650)) == 0
        assert store.cases.get(case.case_id) == case
        with pytest.raises(StorageError) as invalid:
            store.purge_personal(-1, T0)
        assert invalid.value.code == "STORE_RETENTION_INVALID"
