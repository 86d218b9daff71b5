"""docs/central-api.yaml, the shared wire models and the simulator agree; the simulator enforces the contract."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

import httpx
import pytest
import yaml
from pydantic import BaseModel
from sync_factory import IMMEDIATE_ITEM, SECRET, TERMINAL, case_id_of, make_case

from central_sim.app import build_api
from core.cases import machine
from core.cases.model import CaseAction
from core.sync import HmacAuth, person_lookup_hmac, wire
from core.sync.payloads import case_record, event_record

CONTRACT = Path(__file__).resolve().parents[2] / "docs" / "central-api.yaml"
SPEC = yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))
SCHEMAS = SPEC["components"]["schemas"]
MODELS = {name: getattr(wire, name) for name in SCHEMAS
          if isinstance(getattr(wire, name, None), type) and issubclass(getattr(wire, name), BaseModel)}
MODELS |= {"ServiceItem": wire.ServiceItem, "Bundle": wire.Bundle, "Department": wire.Department}


@pytest.mark.parametrize("name", sorted(MODELS))
def test_each_schema_names_the_fields_of_its_model(name):
    schema, model = SCHEMAS[name], MODELS[name]
    assert set(schema["properties"]) == set(model.model_fields), name
    required = {n for n, f in model.model_fields.items() if f.is_required()}
    assert set(schema.get("required", [])) == required, name
    assert schema.get("additionalProperties") is False, name


def test_every_wire_model_has_a_schema_and_every_path_a_route(sim):
    models = {n for n, v in vars(wire).items() if isinstance(v, type) and issubclass(v, wire.Wire)} - {"Wire"}
    assert models <= set(SCHEMAS)
    routes = {(m.lower(), r.path) for r in build_api(sim.sim).routes if r.path.startswith("/v1/")
              for m in getattr(r, "methods", ())}
    documented = {(m, p) for p, ops in SPEC["paths"].items() for m in ops}
    assert routes == documented


def test_case_create_resend_and_conflict(http):
    record = case_record(make_case(0))
    first = http.post("/v1/cases", json=record)
    assert (first.status_code, first.json()) == (201, {"case_id": record["case_id"], "status": "created"})
    again = http.post("/v1/cases", json=record)
    assert (again.status_code, again.json()["status"]) == (200, "unchanged")
    changed = dict(record, contact_phone="13900000000")
    conflict = http.post("/v1/cases", json=changed)
    assert conflict.status_code == 409 and conflict.json()["error"]["code"] == "IDEMPOTENCY_CONFLICT"
    same_number = case_record(make_case(0, case_id=str(uuid.uuid4())))
    taken = http.post("/v1/cases", json=same_number)
    assert taken.status_code == 409 and taken.json()["error"]["code"] == "CASE_NUMBER_TAKEN"


def test_case_validation_is_strict(http, sim):
    record = case_record(make_case(1))
    cases = {
        "unknown field": (dict(record, surprise=1), 422, "VALIDATION"),
        "bad ID number": ({**record, "applicant": {**record["applicant"], "id_number": "430102199001011230"}},
                          422, "VALIDATION"),
        "draft": (case_record(make_case(2, submit=False)), 422, "VALIDATION"),
        "unknown item": (case_record(make_case(3, item=("430102ZZ999999", "不存在的事项"))), 422, "UNKNOWN_ITEM"),
        "other terminal": (case_record(make_case(4, terminal="K02")), 403, "TERMINAL_MISMATCH"),
    }
    for label, (body, status, code) in cases.items():
        reply = http.post("/v1/cases", json=body)
        assert (reply.status_code, reply.json()["error"]["code"]) == (status, code), label
        assert "430102199001011230" not in reply.text, "refusals never echo the value"
    bad_json = http.post("/v1/cases", content=b"{not json", headers={"Content-Type": "application/json"})
    assert (bad_json.status_code, bad_json.json()["error"]["code"]) == (400, "MALFORMED_JSON")
    wrong_type = http.post("/v1/cases", content=b"case_id=1", headers={"Content-Type": "text/plain"})
    assert (wrong_type.status_code, wrong_type.json()["error"]["code"]) == (415, "UNSUPPORTED_MEDIA_TYPE")
    assert sim.sim.db.count("cases") == 0


def test_batch_answers_each_record_alone(http, sim):
    good = [case_record(make_case(i)) for i in range(3)]
    http.post("/v1/cases", json=good[0])
    records = [good[0], dict(good[1], surprise=True), good[2], {"case_id": 7}, dict(good[0], contact_name="李四")]
    reply = http.post("/v1/cases:batch", json={"cases": records})
    assert reply.status_code == 200
    results = reply.json()["results"]
    assert [r["status"] for r in results] == [200, 422, 201, 422, 409]
    assert [r["index"] for r in results] == [0, 1, 2, 3, 4]
    assert [r["id"] for r in results] == [good[0]["case_id"], good[1]["case_id"], good[2]["case_id"], None,
                                          good[0]["case_id"]]
    assert sorted(sim.sim.db.case_ids()) == sorted([good[0]["case_id"], good[2]["case_id"]])
    too_many = http.post("/v1/cases:batch", json={"cases": [good[0]] * (wire.MAX_CASES_PER_BATCH + 1)})
    assert too_many.status_code == 422


def test_attachments_are_addressed_by_content_and_cases_wait_for_them(http):
    png = b"\x89PNG\r\n\x1a\n signature"
    case = make_case(5, signature=png)
    missing = http.post("/v1/cases", json=case_record(case))
    assert (missing.status_code, missing.json()["error"]["code"]) == (424, "ATTACHMENT_MISSING")
    digest = hashlib.sha256(png).hexdigest()
    wrong = http.post("/v1/attachments", content=png + b"x",
                      headers={"Content-Type": "image/png", "X-Attachment-SHA256": digest})
    assert (wrong.status_code, wrong.json()["error"]["code"]) == (422, "DIGEST_MISMATCH")
    png_headers = {"Content-Type": "image/png", "X-Attachment-SHA256": digest}
    exe_headers = {"Content-Type": "application/x-msdownload", "X-Attachment-SHA256": hashlib.sha256(b"MZ").hexdigest()}
    exe = http.post("/v1/attachments", content=b"MZ", headers=exe_headers)
    assert exe.status_code == 415
    stored = http.post("/v1/attachments", content=png, headers=png_headers)
    assert stored.status_code == 201 and stored.json() == {"sha256": digest, "status": "created", "size": len(png),
                                                           "content_type": "image/png"}
    assert http.post("/v1/attachments", content=png, headers=png_headers).status_code == 200
    assert http.post("/v1/cases", json=case_record(case)).status_code == 201


def test_events_follow_the_platform_state(http, sim):
    case = make_case(6)
    http.post("/v1/cases", json=case_record(case))
    noted = machine.apply(case, CaseAction.NOTE, actor="clerk:0231", at=case.created_at, reason="补充说明")
    note = event_record(noted.events[-1])
    url = f"/v1/cases/{case.case_id}/events"
    assert http.post(url, json=note).status_code == 201
    assert http.post(url, json=note).status_code == 200
    assert http.post(url, json=dict(note, reason="改过的说明")).json()["error"]["code"] == "IDEMPOTENCY_CONFLICT"
    sim.sim.back_office.step_s = 0
    assert sim.sim.back_office.run_once() == 1            # the back office accepts the case meanwhile
    reviewed = machine.apply(noted, CaseAction.PRE_REVIEW, actor="clerk:0231", at=case.created_at)
    late = http.post(url, json=event_record(reviewed.events[-1]))
    assert (late.status_code, late.json()["error"]["code"]) == (409, "STATE_CONFLICT")
    illegal = dict(event_record(reviewed.events[-1]), event_id=str(uuid.uuid4()), action="complete")
    assert http.post(url, json=illegal).json()["error"]["code"] == "ILLEGAL_TRANSITION"
    unknown = http.post(f"/v1/cases/{case_id_of(99)}/events", json=dict(note, case_id=case_id_of(99)))
    assert (unknown.status_code, unknown.json()["error"]["code"]) == (404, "CASE_UNKNOWN")
    assert sim.sim.db.case_state(case.case_id) == "accepted"


def test_changes_are_paged_by_cursor_per_terminal(http, sim):
    for i in range(3):
        http.post("/v1/cases", json=case_record(make_case(10 + i)))
    http.post("/v1/cases", json=case_record(make_case(13, item=IMMEDIATE_ITEM)))
    sim.sim.back_office.step_s = 0
    assert sim.sim.back_office.run_once() == 3            # 即办件 are the terminal's to finish
    first = http.get("/v1/changes", params={"limit": 2}).json()
    assert [c["to_state"] for c in first["changes"]] == ["accepted", "accepted"] and first["has_more"]
    rest = http.get("/v1/changes", params={"since": first["next_cursor"], "limit": 2}).json()
    assert len(rest["changes"]) == 1 and not rest["has_more"]
    assert wire.ChangesPage.model_validate(rest).changes[0].changes.promised_date is not None
    assert http.get("/v1/changes", params={"since": rest["next_cursor"]}).json()["changes"] == []
    assert http.get("/v1/changes", params={"since": "abc"}).json()["error"]["code"] == "BAD_CURSOR"
    with httpx.Client(base_url=sim.url, auth=HmacAuth("K02", "another-secret-K02")) as other:
        assert other.get("/v1/changes").json()["changes"] == []


def test_catalog_etag_and_304(http, sim):
    reply = http.get("/v1/catalog")
    document = wire.CatalogDocument.model_validate_json(reply.content)
    assert reply.headers["ETag"] == document.etag and len(document.items) == len(sim.sim.catalog.items)
    unchanged = http.get("/v1/catalog", headers={"If-None-Match": document.etag})
    assert unchanged.status_code == 304 and unchanged.content == b""


def test_evaluations_one_per_case(http):
    case = make_case(20)
    record = {"evaluation_id": str(uuid.uuid4()), "case_number": case.case_number, "case_id": case.case_id,
              "terminal_id": TERMINAL, "level": "不满意", "level_code": 4, "channel": "5", "comment": "",
              "evaluated_at": case.created_at.isoformat()}
    early = http.post("/v1/evaluations", json=record)
    assert (early.status_code, early.json()["error"]["code"]) == (424, "CASE_NOT_RECEIVED")
    http.post("/v1/cases", json=case_record(case))
    created = http.post("/v1/evaluations", json=record)
    assert created.status_code == 201 and created.json()["follow_up_required"] is True
    assert http.post("/v1/evaluations", json=record).status_code == 200
    second = http.post("/v1/evaluations", json=dict(record, evaluation_id=str(uuid.uuid4())))
    assert second.json()["error"]["code"] == "ALREADY_EVALUATED"
    mismatched = http.post("/v1/evaluations", json=dict(record, evaluation_id=str(uuid.uuid4()), level_code=1))
    assert mismatched.status_code == 422


def test_heartbeat_licences_and_credit(http, sim):
    beat = {"terminal_id": TERMINAL, "software_version": "0.1.0", "at": "2026-03-02T09:00:00+08:00",
            "outbox": {"pending": 1, "sending": 0, "failed_retryable": 0, "failed_permanent": 0, "conflict": 0},
            "devices": [{"name": "idcard", "health": "ONLINE"}]}
    ack = http.post(f"/v1/terminals/{TERMINAL}/heartbeat", json=beat)
    assert ack.status_code == 200 and ack.json()["catalog_etag"] == sim.sim.catalog_etag
    assert http.post("/v1/terminals/K02/heartbeat", json=dict(beat, terminal_id="K02")).status_code == 403
    found = wire.LicenceLookup.model_validate_json(http.get("/v1/licences/by-token/DEMO-ELIC-ZHAOQIANG").content)
    assert found.person.name == "赵强" and found.person_hmac == person_lookup_hmac(SECRET, found.person.id_number)
    assert http.get("/v1/licences/by-token/DEMO-ELIC-EXPIRED").status_code == 410
    assert http.get("/v1/licences/by-token/NO-SUCH-TOKEN").status_code == 404
    credit = wire.CreditStanding.model_validate_json(http.get(f"/v1/credit/{found.person_hmac}").content)
    assert (credit.level, credit.dishonest) == ("bad", True)
    stranger = http.get(f"/v1/credit/{'0' * 64}").json()
    assert stranger["level"] == "no_record"
    assert http.get("/v1/credit/not-a-hash").status_code == 422
