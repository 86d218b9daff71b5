"""Cases and events as the platform receives them (``core.sync.wire``), and platform changes as local edits.

Building a payload never validates it: a case is committed locally whatever the platform will think of
it (DESIGN "Sync": local commit first). A record the platform refuses is parked in the outbox with the
platform's reason for a person to fix, which is the honest place for that failure.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from core.cases import machine
from core.cases.model import Case, CaseEvent, Licence, MaterialRecord, MaterialStatus, Outcome
from core.errors import TransitionError
from core.sync.wire import ChangeRecord

# Case fields an event may change besides the state; sent with the event so the platform's copy of the
# case stays complete (the case record itself is sent once, when the case is first reported).
TRACKED_FIELDS = ("accepted_at", "accepting_unit", "acceptance_doc_number", "promised_date", "completed_at",
                  "outcome", "licence", "materials")


def _dt(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def signature_sha256(case: Case) -> str | None:
    if case.commitment is None or not case.commitment.signature_png:
        return None
    return hashlib.sha256(case.commitment.signature_png).hexdigest()


def material_record(m: MaterialRecord) -> dict[str, Any]:
    return {"code": m.code, "name": m.name, "status": m.status.value, "count": m.count,
            "received_at": _dt(m.received_at), "file_sha256": m.file_sha256, "licence_number": m.licence_number,
            "deadline": _day(m.deadline), "note": m.note}


def licence_record(lic: Licence | None) -> dict[str, Any] | None:
    if lic is None:
        return None
    return {"name": lic.name, "number": lic.number, "valid_from": _day(lic.valid_from), "valid_to": _day(lic.valid_to)}


def _field_value(case: Case, name: str) -> Any:
    value = getattr(case, name)
    if name == "materials":
        return [material_record(m) for m in value]
    if name == "licence":
        return licence_record(value)
    if isinstance(value, datetime):
        return _dt(value)
    if isinstance(value, date):
        return _day(value)
    if isinstance(value, Outcome):
        return value.value
    return value


def field_changes(before: Case, after: Case) -> dict[str, Any]:
    """The tracked fields whose wire value differs between two versions of one case."""
    changes = {}
    for name in TRACKED_FIELDS:
        new = _field_value(after, name)
        if new != _field_value(before, name):
            changes[name] = new
    return changes


def event_record(event: CaseEvent, changes: dict[str, Any] | None = None) -> dict[str, Any]:
    record = {"event_id": event.event_id, "case_id": event.case_id, "seq": event.seq, "action": event.action.value,
              "from_state": event.from_state.value if event.from_state else None, "to_state": event.to_state.value,
              "actor": event.actor, "at": _dt(event.at), "reason": event.reason, "data": event.data}
    if changes:
        record["changes"] = changes
    return record


def case_record(case: Case) -> dict[str, Any]:
    commitment = None
    if case.commitment is not None:
        commitment = {"text_sha256": case.commitment.text_sha256, "signed_at": _dt(case.commitment.signed_at),
                      "signature_sha256": signature_sha256(case)}
    return {
        "case_id": case.case_id, "case_number": case.case_number, "item_code": case.item_code,
        "item_name": case.item_name, "case_type": case.case_type.value, "channel": case.channel.value,
        "region_code": case.region_code, "terminal_id": case.terminal_id, "bundle_code": case.bundle_code,
        "state": case.state.value, "created_at": _dt(case.created_at), "submitted_at": _dt(case.submitted_at),
        "applicant": case.applicant.to_dict(), "contact_name": case.contact_name,
        "contact_phone": case.contact_phone, "contact_address": case.contact_address, "form": case.form,
        "materials": [material_record(m) for m in case.materials], "commitment": commitment,
        "accepted_at": _dt(case.accepted_at), "accepting_unit": case.accepting_unit,
        "acceptance_doc_number": case.acceptance_doc_number, "promised_date": _day(case.promised_date),
        "completed_at": _dt(case.completed_at), "outcome": case.outcome.value if case.outcome else None,
        "licence": licence_record(case.licence), "events": [event_record(e) for e in case.events],
    }


# --- the other direction: a back-office change applied to the local case ------------------------------

def _local_fields(change: ChangeRecord) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    wire = change.changes
    for name in wire.model_fields_set:
        value = getattr(wire, name)
        if name == "licence" and value is not None:
            value = Licence(name=value.name, number=value.number, valid_from=value.valid_from,
                            valid_to=value.valid_to)
        elif name == "materials" and value is not None:
            value = tuple(MaterialRecord(code=m.code, name=m.name, status=MaterialStatus(m.status), count=m.count,
                                         received_at=m.received_at, file_sha256=m.file_sha256,
                                         licence_number=m.licence_number, deadline=m.deadline, note=m.note)
                          for m in value)
        elif name in ("accepting_unit", "acceptance_doc_number") and value is None:
            value = ""
        fields[name] = value
    return fields


def already_applied(case: Case, change: ChangeRecord) -> bool:
    return any(e.event_id == change.change_id for e in case.events)


def apply_change(case: Case, change: ChangeRecord) -> Case:
    """The local case with the platform's change as one more event (whose id is the change id).

    Raises TransitionError when the local case is not in the state the change starts from, or the edge
    does not exist locally: the two copies disagree and a person must look (never guess a merge).
    """
    if case.state is not change.from_state:
        raise TransitionError(f"local state {case.state.value}, change starts from {change.from_state.value}",
                              code="SYNC_CHANGE_NOT_APPLICABLE")
    data = {"source": "central", "change_id": change.change_id}
    updated = machine.apply(case, change.action, actor=change.actor, at=change.at, reason=change.reason, data=data,
                            **_local_fields(change))
    if updated.state is not change.to_state:
        raise TransitionError(f"change says {change.to_state.value}, local machine gives {updated.state.value}",
                              code="SYNC_CHANGE_NOT_APPLICABLE")
    last = replace(updated.events[-1], event_id=change.change_id)
    return updated.with_changes(events=(*updated.events[:-1], last))
