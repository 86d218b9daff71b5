"""Local commit first: case, events, outbox rows and audit entry in one transaction, or nothing at all."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sync_factory import T0, make_case

from core.cases import machine
from core.cases.model import CaseAction, MaterialRecord, MaterialStatus
from core.errors import StorageError, ValidationError
from core.events import CaseStateChanged, EventBus
from core.storage import OutboxState
from core.sync import Attachment, record_case, record_evaluation
from core.sync.errors import SyncError
from core.sync.record import attachment_key


def test_a_draft_stays_local(store):
    draft = make_case(0, submit=False)
    assert record_case(store, draft, "kiosk:K01") == []
    assert store.cases.get(draft.case_id) == draft
    assert store.outbox.get(draft.case_id) is None
    assert store.audit.entries()[-1].action == "case.record"


def test_first_record_past_draft_sends_files_then_the_whole_case(store):
    scan = Attachment.of(b"%PDF-1.7 scanned licence", "application/pdf")
    signature = b"\x89PNG signature"
    materials = (MaterialRecord("M001", "营业执照", MaterialStatus.UPLOADED, 1, received_at=T0,
                                file_sha256=scan.sha256),)
    case = make_case(1, materials=materials, signature=signature)
    bus = EventBus()
    seen: list[CaseStateChanged] = []
    bus.subscribe(CaseStateChanged, seen.append)
    rows = record_case(store, case, "kiosk:K01", attachments=[scan], bus=bus)
    assert [r.kind for r in rows] == ["attachment", "attachment", "case"]
    assert {r.ref_id for r in rows[:2]} == {scan.sha256, hashlib.sha256(signature).hexdigest()}
    assert all(r.case_id == case.case_id for r in rows) and rows[0].seq < rows[2].seq
    assert rows[2].id == case.case_id and rows[2].payload["events"][-1]["to_state"] == "submitted"
    assert rows[2].payload["commitment"]["signature_sha256"] == hashlib.sha256(signature).hexdigest()
    assert [(e.from_state, e.to_state) for e in seen] == [(None, "draft"), ("draft", "submitted")]
    entry = store.audit.entries()[-1]
    assert (entry.actor, entry.action, entry.subject) == ("kiosk:K01", "case.record", case.case_number)
    assert "张三" not in str(entry.details) and store.audit.verify().ok
    # The case row waits until its files have reached the platform.
    assert [r.kind for r in store.outbox.due(10)] == ["attachment", "attachment"]


def test_later_events_go_one_by_one_with_the_fields_they_changed(store):
    case = make_case(2)
    record_case(store, case, "kiosk:K01")
    noted = machine.apply(case, CaseAction.NOTE, actor="clerk:0231", at=T0 + timedelta(hours=1), reason="已电话联系")
    reviewed = machine.apply(noted, CaseAction.PRE_REVIEW, actor="clerk:0231", at=T0 + timedelta(hours=2))
    rows = record_case(store, reviewed, "clerk:0231")
    assert [(r.kind, r.ref_id) for r in rows] == [("case_event", e.event_id) for e in reviewed.events[-2:]]
    assert rows[-1].payload["to_state"] == "pre_review" and "changes" not in rows[-1].payload
    store.outbox.mark(case.case_id, OutboxState.SENDING)
    store.outbox.mark(case.case_id, OutboxState.SYNCED)
    assert [r.ref_id for r in store.outbox.due(10)] == [reviewed.events[-2].event_id]   # in case order
    assert record_case(store, reviewed, "clerk:0231") == []                              # nothing new


def test_a_failure_writes_nothing(store):
    case = make_case(3, materials=(MaterialRecord("M001", "营业执照", MaterialStatus.UPLOADED, 1,
                                                  file_sha256="a" * 64),))
    with pytest.raises(SyncError) as missing:
        record_case(store, case, "kiosk:K01")
    assert missing.value.code == "SYNC_ATTACHMENT_MISSING"
    assert store.cases.get(case.case_id) is None and store.outbox.get(case.case_id) is None
    assert store.outbox.get(attachment_key("a" * 64)) is None
    with pytest.raises(StorageError) as personal:     # the audit log refuses a phone number in the actor
        record_case(store, make_case(4), "kiosk:13812345678")
    assert personal.value.code == "STORE_AUDIT_PERSONAL_DATA"
    assert store.cases.get(make_case(4).case_id) is None
    assert sum(store.outbox.counts_by_state().values()) == 0 and store.audit.entries() == []


def test_an_outdated_copy_is_refused(store):
    case = make_case(5)
    accepted = machine.apply(case, CaseAction.PRE_REVIEW, actor="clerk:0231", at=T0 + timedelta(hours=1))
    record_case(store, accepted, "clerk:0231")
    with pytest.raises(StorageError) as stale:
        record_case(store, case, "kiosk:K01")
    assert stale.value.code == "STORE_CASE_STALE"


def test_evaluations(store):
    case = make_case(6)
    record_case(store, case, "kiosk:K01")
    row = record_evaluation(store, case_number=case.case_number, case_id=case.case_id, level="非常满意", channel="5",
                            terminal_id="K01", actor="kiosk:K01", comment="服务很好，电话13812345678")
    assert (row.kind, row.payload["level_code"], row.payload["level"]) == ("evaluation", 1, "非常满意")
    assert "13812345678" not in str(store.audit.entries()[-1].details)
    with pytest.raises(ValidationError):
        record_evaluation(store, case_number=case.case_number, level="还行", channel="5", terminal_id="K01",
                          actor="kiosk:K01")
    with pytest.raises(ValidationError):
        Attachment.of(b"MZ", "application/x-msdownload")
