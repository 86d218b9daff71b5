"""core.acceptance: the four counter decisions on a real store, each written in one transaction."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from core.acceptance import Decision, DecisionRequest, MaterialCheck, checklist, decide, documents_for
from core.cases.model import CaseState, MaterialStatus
from core.documents import HallInfo, SigningKey
from core.errors import ValidationError
from core.identity import IdentitySource, Person
from core.storage import Store
from tests.demo_terminal import demo_catalog

HYGIENE = "430102WJ000101"        # two tolerable materials
NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "t.sqlite3", tmp_path / "t.key") as opened:
        yield opened


def applicant() -> Person:
    return Person(name="张三", id_number="11010519491231002X", source=IdentitySource.CARD)


def received(code: str, *, but: dict[str, MaterialStatus] | None = None) -> dict[str, MaterialCheck]:
    desk = checklist(demo_catalog(), code)
    statuses = {m.code: MaterialStatus.ORIGINAL for m in desk.materials if m.required}
    statuses.update(but or {})
    return {k: MaterialCheck(v) for k, v in statuses.items()}


def run(store, decision, code=HYGIENE, **kw):
    request = DecisionRequest(decision=decision, applicant=applicant(), code=code, **kw)
    return decide(store, demo_catalog(), request, clerk_actor="clerk:0231", terminal_id="C01",
                  region_code="430102", now=NOW)


def test_accept_writes_case_outbox_and_audit_together(store):
    [case] = run(store, Decision.ACCEPT, checks=received(HYGIENE), ticket_id="t-1")
    assert case.state is CaseState.ACCEPTED and case.promised_date is not None
    assert store.cases.get(case.case_id).state is CaseState.ACCEPTED
    assert store.outbox.get(case.case_id) is not None
    assert any(e.action == "case.record" and e.subject == case.case_number for e in store.audit.entries())
    assert case.events[-1].data["ticket_id"] == "t-1"


def test_accept_with_a_missing_material_is_refused_and_writes_nothing(store):
    with pytest.raises(ValidationError) as raised:
        run(store, Decision.ACCEPT, checks=received(HYGIENE, but={"floor_plan": MaterialStatus.MISSING}))
    assert raised.value.code == "ACCEPT_MATERIALS_MISSING"
    assert store.cases.count() == 0


def test_tolerance_only_for_tolerable_materials_and_needs_a_signature(store):
    missing = {"hygiene_report": MaterialStatus.MISSING}
    with pytest.raises(ValidationError, match="signature"):
        run(store, Decision.TOLERATE, checks=received(HYGIENE, but=missing), deadline=date(2026, 3, 20))
    with pytest.raises(ValidationError) as raised:
        run(store, Decision.TOLERATE, checks=received(HYGIENE, but={"floor_plan": MaterialStatus.MISSING}),
            deadline=date(2026, 3, 20), signature_png=PNG)
    assert raised.value.code == "TOLERANCE_NOT_ALLOWED"
    [case] = run(store, Decision.TOLERATE, checks=received(HYGIENE, but=missing), deadline=date(2026, 3, 20),
                 signature_png=PNG)
    tolerated = [m for m in case.materials if m.status is MaterialStatus.TOLERATED_MISSING]
    assert [m.code for m in tolerated] == ["hygiene_report"] and tolerated[0].deadline == date(2026, 3, 20)
    assert case.state is CaseState.ACCEPTED and case.commitment is not None


def test_correction_lists_every_missing_and_wrong_material(store):
    checks = received(HYGIENE, but={"floor_plan": MaterialStatus.MISSING, "hygiene_rules": MaterialStatus.MISSING})
    checks["commitment"] = MaterialCheck(MaterialStatus.DEFECTIVE, note="未签字")
    [case] = run(store, Decision.CORRECT, checks=checks)
    assert case.state is CaseState.CORRECTION
    problems = {m.code for m in case.missing_materials}
    assert problems == {"floor_plan", "hygiene_rules", "commitment"}


def test_refusal_needs_a_reason(store):
    with pytest.raises(ValidationError):
        run(store, Decision.REFUSE, checks={}, reason="  ")
    [case] = run(store, Decision.REFUSE, checks={}, reason="不属于本机关职权范围")
    assert case.state is CaseState.NOT_ACCEPTED


def test_a_bundle_is_one_checklist_and_one_case_per_item(store, tmp_path):
    bundle = "430102YJS0002"
    desk = checklist(demo_catalog(), bundle)
    codes = [m.code for m in desk.materials]
    assert len(codes) == len(set(codes))
    cases = run(store, Decision.ACCEPT, code=bundle, checks=received(bundle))
    assert len(cases) == len(desk.items) and {c.bundle_code for c in cases} == {bundle}
    assert len({c.case_number for c in cases}) == len(cases)
    key = SigningKey.load_or_create(tmp_path / "sign.key")
    for case in cases:
        [receipt] = documents_for(case, demo_catalog(), hall=HallInfo(name="大厅"), key=key)
        assert receipt.content.startswith(b"%PDF")
