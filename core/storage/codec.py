"""Turning cases into rows and back, exactly.

A case read back must compare equal to the one saved, so every type has one text form:

* datetimes: ISO 8601 in UTC with microseconds; they come back tz-aware in UTC (an aware datetime in
  +08:00 compares equal to the same instant in UTC). Naive datetimes are refused: their instant is unknown.
* dates: ``YYYY-MM-DD``; enums by value; tuples of records as JSON arrays.
* ``form`` and event ``data`` must be JSON values (str keys; lists, not tuples), because JSON is how they
  travel to the platform as well. Anything else raises STORE_VALUE_NOT_JSON rather than coming back changed.

The personal part (applicant, contact fields, form, signature image) is one JSON document, sealed as one
AES-GCM blob per case by ``core.storage.cases``.
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, date, datetime
from typing import Any

from core.cases.model import (
    Case,
    CaseAction,
    CaseEvent,
    CaseState,
    CaseType,
    Channel,
    Commitment,
    Licence,
    MaterialRecord,
    MaterialStatus,
    Outcome,
)
from core.errors import StorageError
from core.identity import Person

# What a purged case's applicant becomes (see ``core.storage.retention``): recognisable on screen, equal
# for every purged case, and with no ID number so nothing can be looked up by it any more.
PURGED_NAME = "（已清除）"
PURGED_APPLICANT = Person(name=PURGED_NAME, id_number="")

SqlRow = Any  # sqlite3.Row or a dict: anything indexable by column name


# --- scalars -------------------------------------------------------------------------------------------

def dt_text(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        raise StorageError("naive datetime cannot be stored (its instant is unknown)", code="STORE_NAIVE_DATETIME")
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def dt_value(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text).astimezone(UTC) if text else None


def day_text(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def day_value(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def to_json(value: Any) -> str:
    """Canonical JSON (sorted keys, no spaces, UTF-8 kept); refuses values that would not come back equal."""
    _check_json(value)
    try:
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise StorageError(f"value is not JSON: {type(exc).__name__}", code="STORE_VALUE_NOT_JSON") from None


def _check_json(value: Any, depth: int = 0) -> None:
    # json.dumps silently turns tuples into lists and int keys into strings; equality would then break.
    if depth > 64:
        raise StorageError("JSON value nested too deeply", code="STORE_VALUE_NOT_JSON")
    if isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(k, str):
                raise StorageError(f"JSON object key of type {type(k).__name__}", code="STORE_VALUE_NOT_JSON")
            _check_json(v, depth + 1)
    elif isinstance(value, list):
        for v in value:
            _check_json(v, depth + 1)
    elif not (value is None or isinstance(value, str | int | float | bool)):
        raise StorageError(f"{type(value).__name__} is not a JSON value", code="STORE_VALUE_NOT_JSON")


# --- records -------------------------------------------------------------------------------------------

def _material_to(m: MaterialRecord) -> dict[str, Any]:
    return {"code": m.code, "name": m.name, "status": m.status.value, "count": m.count,
            "received_at": dt_text(m.received_at), "file_sha256": m.file_sha256,
            "licence_number": m.licence_number, "deadline": day_text(m.deadline), "note": m.note}


def _material_from(d: dict[str, Any]) -> MaterialRecord:
    return MaterialRecord(code=d["code"], name=d["name"], status=MaterialStatus(d["status"]), count=d["count"],
                          received_at=dt_value(d["received_at"]), file_sha256=d["file_sha256"],
                          licence_number=d["licence_number"], deadline=day_value(d["deadline"]), note=d["note"])


def _licence_to(lic: Licence | None) -> str | None:
    if lic is None:
        return None
    return to_json({"name": lic.name, "number": lic.number, "valid_from": day_text(lic.valid_from),
                    "valid_to": day_text(lic.valid_to)})


def _licence_from(text: str | None) -> Licence | None:
    if not text:
        return None
    d = json.loads(text)
    return Licence(name=d["name"], number=d["number"], valid_from=date.fromisoformat(d["valid_from"]),
                   valid_to=day_value(d["valid_to"]))


def event_row(event: CaseEvent) -> dict[str, Any]:
    return {"event_id": event.event_id, "case_id": event.case_id, "seq": event.seq, "action": event.action.value,
            "from_state": event.from_state.value if event.from_state else None, "to_state": event.to_state.value,
            "actor": event.actor, "at": dt_text(event.at), "reason": event.reason, "data": to_json(event.data)}


def event_from_row(row: SqlRow) -> CaseEvent:
    return CaseEvent(event_id=row["event_id"], case_id=row["case_id"], seq=row["seq"],
                     action=CaseAction(row["action"]),
                     from_state=CaseState(row["from_state"]) if row["from_state"] else None,
                     to_state=CaseState(row["to_state"]), actor=row["actor"], at=dt_value(row["at"]),
                     reason=row["reason"], data=json.loads(row["data"]))


def personal_document(case: Case) -> bytes:
    """The plaintext of a case's personal blob."""
    signature = case.commitment.signature_png if case.commitment else b""
    return to_json({
        "applicant": case.applicant.to_dict(), "contact_name": case.contact_name,
        "contact_phone": case.contact_phone, "contact_address": case.contact_address, "form": case.form,
        "signature_png": base64.b64encode(signature).decode("ascii"),
    }).encode()


def case_row(case: Case, business_day: date) -> dict[str, Any]:
    """Every plain column of ``cases`` (the blob, HMAC and bookkeeping columns are added by the caller)."""
    commitment = None
    if case.commitment is not None:
        commitment = to_json({"text_sha256": case.commitment.text_sha256,
                              "signed_at": dt_text(case.commitment.signed_at)})
    return {
        "case_id": case.case_id, "case_number": case.case_number, "business_day": business_day.isoformat(),
        "item_code": case.item_code, "item_name": case.item_name, "case_type": case.case_type.value,
        "channel": case.channel.value, "region_code": case.region_code, "terminal_id": case.terminal_id,
        "state": case.state.value, "bundle_code": case.bundle_code, "created_at": dt_text(case.created_at),
        "submitted_at": dt_text(case.submitted_at), "accepted_at": dt_text(case.accepted_at),
        "accepting_unit": case.accepting_unit, "acceptance_doc_number": case.acceptance_doc_number,
        "promised_date": day_text(case.promised_date), "completed_at": dt_text(case.completed_at),
        "outcome": case.outcome.value if case.outcome else None,
        "materials": to_json([_material_to(m) for m in case.materials]), "commitment": commitment,
        "licence": _licence_to(case.licence), "event_count": len(case.events),
    }


def case_from_row(row: SqlRow, personal: dict[str, Any] | None, events: tuple[CaseEvent, ...]) -> Case:
    """Rebuild a case; ``personal=None`` means purged: placeholder applicant, empty contact, form, signature."""
    personal = personal or {"applicant": None, "contact_name": "", "contact_phone": "", "contact_address": "",
                            "form": {}, "signature_png": ""}
    applicant = Person.from_dict(personal["applicant"]) if personal["applicant"] else PURGED_APPLICANT
    commitment = None
    if row["commitment"]:
        c = json.loads(row["commitment"])
        commitment = Commitment(text_sha256=c["text_sha256"], signed_at=dt_value(c["signed_at"]),
                                signature_png=base64.b64decode(personal["signature_png"]))
    return Case(
        case_id=row["case_id"], case_number=row["case_number"], item_code=row["item_code"],
        item_name=row["item_name"], case_type=CaseType(row["case_type"]), channel=Channel(row["channel"]),
        region_code=row["region_code"], terminal_id=row["terminal_id"], created_at=dt_value(row["created_at"]),
        applicant=applicant, state=CaseState(row["state"]), bundle_code=row["bundle_code"],
        contact_name=personal["contact_name"], contact_phone=personal["contact_phone"],
        contact_address=personal["contact_address"], form=personal["form"],
        materials=tuple(_material_from(m) for m in json.loads(row["materials"])), commitment=commitment,
        submitted_at=dt_value(row["submitted_at"]), accepted_at=dt_value(row["accepted_at"]),
        accepting_unit=row["accepting_unit"], acceptance_doc_number=row["acceptance_doc_number"],
        promised_date=day_value(row["promised_date"]), completed_at=dt_value(row["completed_at"]),
        outcome=Outcome(row["outcome"]) if row["outcome"] else None, licence=_licence_from(row["licence"]),
        events=events,
    )
