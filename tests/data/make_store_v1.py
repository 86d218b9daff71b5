"""Make ``store-v1.sqlite3`` and ``store-v1.key``: a local store as the first release (schema 1) wrote it.

Run from the repository root::

    .venv/bin/python tests/data/make_store_v1.py

Only migration 1 is applied, then the rows are written with v1's INSERT statements and v1's value
formats spelled out here by hand, and sealed with v1's key derivation done here with ``cryptography``
directly -- not through today's repositories -- so the file keeps showing what v1 produced while the code
moves on. ``tests/core/test_storage_migration.py`` opens a copy with the current code, upgrades it and
expects ``v1_cases()`` back.

The key is a fixed test key (it is in the repository; it protects nothing). AES-GCM nonces are random, so
two runs give different bytes with the same content.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import sqlite3
import sys
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from core.cases import machine
from core.cases.model import (
    Case,
    CaseType,
    Channel,
    Commitment,
    Licence,
    MaterialRecord,
    MaterialStatus,
)
from core.cases.numbering import format_case_number
from core.identity import Gender, IdentitySource, Person, id_check_char
from core.storage.migrations import MIGRATIONS

HERE = Path(__file__).resolve().parent
DB_FILE = HERE / "store-v1.sqlite3"
KEY_FILE = HERE / "store-v1.key"
TEST_KEY = hashlib.sha256(b"hallterm store-v1 test fixture key").digest()
DAY = date(2025, 6, 3)
_IDS = uuid.UUID("5b0f3f52-8f3e-4c55-9d3a-0f7f2f7e6a01")   # namespace for the fixture's fixed UUIDs


def _id(name: str) -> str:
    return str(uuid.uuid5(_IDS, name))


def _at(hour: int, minute: int) -> datetime:
    return datetime(2025, 6, 3, hour, minute, tzinfo=UTC)


def _fixed_event_ids(case: Case) -> Case:
    return replace(case, events=tuple(replace(e, event_id=_id(f"{case.case_id}/{e.seq}")) for e in case.events))


def v1_cases() -> list[Case]:
    """The cases the file holds: a kiosk instant approval (synced) and a counter case awaiting correction."""
    zhang = Person(name="张三", id_number="43010219900101123" + id_check_char("43010219900101123"),
                   source=IdentitySource.CARD, gender=Gender.MALE, nation="汉", birth_date=date(1990, 1, 1),
                   address="湖南省长沙市芙蓉区五一大道1号", authority="长沙市公安局芙蓉分局",
                   valid_from=date(2015, 3, 1), valid_to=date(2035, 3, 1))
    kiosk = machine.new_case(
        actor="kiosk:K01", at=_at(1, 15), case_id=_id("case-a"),
        case_number=format_case_number("430102", DAY, "K01", 1), item_code="11430102MB1234567X4000111700001",
        item_name="公共场所卫生许可证核发", case_type=CaseType.IMMEDIATE, channel=Channel.KIOSK,
        region_code="430102", terminal_id="K01", created_at=_at(1, 15), applicant=zhang,
        contact_name="张三", contact_phone="13812345678", contact_address="湖南省长沙市芙蓉区五一大道1号",
        form={"场所名称": "芙蓉便民理发店", "面积": 45.5, "从业人数": 3, "项目": ["理发", "染发"]},
        materials=(MaterialRecord("M001", "营业执照", MaterialStatus.ELICENCE, 1, received_at=_at(1, 16),
                                  licence_number="91430102MA4L00000X"),),
        commitment=Commitment(text_sha256="a" * 64, signed_at=_at(1, 17), signature_png=b"\x89PNG\r\n\x1a\nsig"),
    )
    kiosk = machine.instant_approve(kiosk, actor="kiosk:K01", at=_at(1, 18), unit="芙蓉区行政审批服务局",
                                    licence=Licence("公共场所卫生许可证", "湘卫公证字[2025]第0001号", DAY,
                                                    date(2029, 6, 2)),
                                    rule_trace=[{"rule": "material.elicence", "passed": True}])

    li = Person(name="李四", id_number="11010519491231002" + id_check_char("11010519491231002"),
                source=IdentitySource.TYPED, phone="13900001111")
    counter = machine.new_case(
        actor="clerk:0231", at=_at(2, 40), case_id=_id("case-b"),
        case_number=format_case_number("430102", DAY, "K01", 2), item_code="11430102MB1234567X4000111700002",
        item_name="食品经营许可证核发", case_type=CaseType.PROMISED, channel=Channel.COUNTER, region_code="430102",
        terminal_id="K01", created_at=_at(2, 40), applicant=li, contact_name="李四", contact_phone="13900001111",
        form={"经营场所": "芙蓉区解放西路8号"},
        materials=(MaterialRecord("M001", "营业执照", MaterialStatus.COPY, 1, received_at=_at(2, 41)),
                   MaterialRecord("M002", "健康证明", MaterialStatus.MISSING, note="未提供"),
                   MaterialRecord("M003", "平面图", MaterialStatus.TOLERATED_MISSING, deadline=date(2025, 6, 10))),
    )
    counter = machine.submit(counter, actor="clerk:0231", at=_at(2, 45))
    counter = machine.apply(counter, machine.A.REQUEST_CORRECTION, actor="clerk:0231", at=_at(2, 50),
                            reason="缺少从业人员健康证明", data={"notice": "一次性告知书"})
    return [_fixed_event_ids(kiosk), _fixed_event_ids(counter)]


# --- v1 formats, by hand --------------------------------------------------------------------------------

def _derive(purpose: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"hallterm local store",
                info=f"hallterm/v1/{purpose}".encode()).derive(TEST_KEY)


def _seal(plain: bytes, aad: str) -> bytes:
    nonce = secrets.token_bytes(12)
    return b"\x01" + nonce + AESGCM(_derive("aes-gcm")).encrypt(nonce, plain, aad.encode())


def _json(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _ts(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat(timespec="microseconds") if value else None


def _d(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _case_values(case: Case, updated_at: str) -> tuple:
    personal = {"applicant": case.applicant.to_dict(), "contact_name": case.contact_name,
                "contact_phone": case.contact_phone, "contact_address": case.contact_address, "form": case.form,
                "signature_png": base64.b64encode(case.commitment.signature_png if case.commitment else b"").decode()}
    materials = [{"code": m.code, "name": m.name, "status": m.status.value, "count": m.count,
                  "received_at": _ts(m.received_at), "file_sha256": m.file_sha256,
                  "licence_number": m.licence_number, "deadline": _d(m.deadline), "note": m.note}
                 for m in case.materials]
    commitment = (_json({"text_sha256": case.commitment.text_sha256, "signed_at": _ts(case.commitment.signed_at)})
                  if case.commitment else None)
    licence = (_json({"name": case.licence.name, "number": case.licence.number,
                      "valid_from": _d(case.licence.valid_from), "valid_to": _d(case.licence.valid_to)})
               if case.licence else None)
    person_hmac = hmac.new(_derive("person-lookup"), case.applicant.id_number.upper().encode(),
                           hashlib.sha256).hexdigest()
    return (case.case_id, case.case_number, DAY.isoformat(), case.item_code, case.item_name, case.case_type.value,
            case.channel.value, case.region_code, case.terminal_id, case.state.value, case.bundle_code,
            _ts(case.created_at), _ts(case.submitted_at), _ts(case.accepted_at), case.accepting_unit,
            case.acceptance_doc_number, _d(case.promised_date), _ts(case.completed_at),
            case.outcome.value if case.outcome else None, _json(materials), commitment, licence, person_hmac,
            _seal(_json(personal).encode(), case.case_id), len(case.events), updated_at)


V1_INSERT_CASE = """INSERT INTO cases (case_id, case_number, business_day, item_code, item_name, case_type, channel,
    region_code, terminal_id, state, bundle_code, created_at, submitted_at, accepted_at, accepting_unit,
    acceptance_doc_number, promised_date, completed_at, outcome, materials, commitment, licence, person_hmac,
    personal, event_count, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
    ?, ?)"""
V1_INSERT_EVENT = """INSERT INTO case_events (event_id, case_id, seq, action, from_state, to_state, actor, at,
    reason, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
V1_INSERT_OUTBOX = """INSERT INTO outbox (id, kind, ref_id, case_id, payload, state, attempts, next_attempt_at,
    last_error, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
V1_INSERT_AUDIT = """INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)"""


def outbox_payload(case: Case) -> dict:
    return {"case_id": case.case_id, "case_number": case.case_number, "applicant_name": case.applicant.name,
            "applicant_id_number": case.applicant.id_number, "state": case.state.value}


def _write(conn: sqlite3.Connection) -> None:
    kiosk, counter = v1_cases()
    conn.execute("BEGIN IMMEDIATE")
    for case, updated in ((kiosk, _at(1, 18)), (counter, _at(2, 50))):
        conn.execute(V1_INSERT_CASE, _case_values(case, _ts(updated)))
        for e in case.events:
            conn.execute(V1_INSERT_EVENT, (e.event_id, e.case_id, e.seq, e.action.value,
                                           e.from_state.value if e.from_state else None, e.to_state.value, e.actor,
                                           _ts(e.at), e.reason, _json(e.data)))
    conn.execute("INSERT INTO case_sequences (day, last_seq) VALUES (?, 2)", (DAY.isoformat(),))
    for case, state, attempts, updated in ((kiosk, "synced", 1, _at(1, 20)), (counter, "pending", 0, _at(2, 50))):
        conn.execute(V1_INSERT_OUTBOX, (case.case_id, "case", case.case_id, case.case_id,
                                        _seal(_json(outbox_payload(case)).encode(), case.case_id), state, attempts,
                                        None, None, _ts(updated), _ts(updated)))
    prev = "0" * 64
    masked = kiosk.applicant.masked_id_number
    entries = ((1, _at(1, 18), "kiosk:K01", "case.instant_approve", kiosk.case_number, {"applicant": masked}),
               (2, _at(2, 50), "clerk:0231", "case.request_correction", counter.case_number, {"materials": 1}))
    for seq, at, actor, action, subject, details in entries:
        row = _json({"seq": seq, "at": _ts(at), "actor": actor, "action": action, "subject": subject,
                     "details": details})
        digest = hmac.new(_derive("audit-chain"), (prev + row).encode(), hashlib.sha256).hexdigest()
        conn.execute(V1_INSERT_AUDIT, (seq, _ts(at), actor, action, subject, _json(details), prev, digest))
        prev = digest
    conn.execute("INSERT INTO meta (key, value) VALUES ('audit_head', ?)", (_json({"seq": 2, "hash": prev}),))
    conn.execute("INSERT INTO meta (key, value) VALUES ('key_fingerprint', ?)", (_derive("fingerprint")[:16].hex(),))
    conn.execute("INSERT INTO settings (key, value, updated_at) VALUES ('sync.cursor', ?, ?)",
                 (_json({"since": "2025-06-03T01:20:00Z"}), _ts(_at(1, 20))))
    conn.execute("COMMIT")


def main() -> int:
    DB_FILE.unlink(missing_ok=True)
    conn = sqlite3.connect(DB_FILE, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")          # as v1 opened every file
    conn.execute("PRAGMA foreign_keys = ON")
    (v1,) = MIGRATIONS[:1]
    assert v1.version == 1 and isinstance(v1.apply, str)
    conn.execute("BEGIN IMMEDIATE")
    for statement in _statements(v1.apply):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("COMMIT")
    _write(conn)
    # Stored in rollback-journal mode so that reading the fixture in place never leaves -wal/-shm files in
    # the repository; Store.open switches a copy back to WAL as v1 did.
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("VACUUM")
    conn.close()
    KEY_FILE.write_bytes(base64.b64encode(TEST_KEY) + b"\n")
    print(f"wrote {DB_FILE.name} ({DB_FILE.stat().st_size} bytes) and {KEY_FILE.name}")
    return 0


def _statements(script: str) -> list[str]:
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    return [s for s in out if s]


if __name__ == "__main__":
    sys.exit(main())
