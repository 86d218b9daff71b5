"""Submitting an application on a demo terminal: real rules, real store, real platform simulator."""

from __future__ import annotations

import json

from core.cases.model import Case, CaseAction, CaseState, MaterialStatus
from core.documents.common import HallInfo
from core.identity import IdentitySource, Person, id_check_char
from core.selfservice.apply import INSTANT, REFERRED, ApplicationDraft, ApplyService, MaterialInput
from tests.demo_terminal import demo_terminal

ITEM = "430102WJ000101"
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64


def person(source=IdentitySource.CARD, first17="11010519491231002"):
    return Person(name="张三", id_number=first17 + id_check_char(first17), source=source)


def form_for(p: Person) -> dict:
    return {"business_name": "芙蓉区示例理发店", "business_uscc": "92430102MA4L00001C", "applicant_name": p.name,
            "applicant_id_number": p.id_number, "business_address": "长沙市芙蓉区五一大道1号",
            "venue_category": "理发店", "business_area": "60", "staff_count": "3", "health_certified_count": "3",
            "contact_phone": "13800000000"}


def materials() -> dict:
    photo = MaterialInput(MaterialStatus.UPLOADED, image=PNG, content_type="image/png")
    return {"business_licence": photo, "hygiene_rules": photo, "floor_plan": photo,
            "staff_health_certs": MaterialInput(MaterialStatus.TOLERATED_MISSING),
            "hygiene_report": MaterialInput(MaterialStatus.TOLERATED_MISSING)}


def service(ctx) -> ApplyService:
    return ApplyService(ctx.store, ctx.catalog, terminal_id="K01", region_code="430102",
                        hall=HallInfo(name="演示大厅"), key=ctx.signing_key, central=ctx.central)


def test_instant_approval_records_the_real_trace_and_renders_the_licence(tmp_path):
    with demo_terminal(tmp_path, "kiosk", wanted=frozenset({"documents", "central"})) as (ctx, _):
        p = person()
        draft = ApplicationDraft(Case.new_id(), p, ITEM, form_for(p), materials(), signature_png=PNG)
        outcome = service(ctx).submit(draft)
        assert outcome.kind == INSTANT, outcome.advice
        case = ctx.store.cases.get(draft.case_id)
        assert case.state is CaseState.COMPLETED and case.licence is not None
        accept = next(e for e in case.events if e.action is CaseAction.ACCEPT)
        assert {r["rule_id"] for r in accept.data["rule_trace"]} >= {"identity_verified", "credit_standing"}
        assert outcome.document.content.startswith(b"%PDF-")
        decided = [e for e in ctx.store.audit.entries() if e.action == "approval.decide"]
        assert decided and decided[0].details["outcome"] == "instant"
        assert "张三" not in json.dumps([e.details for e in ctx.store.audit.entries()], ensure_ascii=False)


def test_submit_twice_makes_one_case(tmp_path):
    with demo_terminal(tmp_path, "kiosk", wanted=frozenset({"documents", "central"})) as (ctx, _):
        p = person()
        draft = ApplicationDraft(Case.new_id(), p, ITEM, form_for(p), materials(), signature_png=PNG)
        svc = service(ctx)
        first, second = svc.submit(draft), svc.submit(draft)
        assert first.case.case_number == second.case.case_number
        assert service(ctx).submit(draft).case.case_number == first.case.case_number
        assert ctx.store.cases.count() == 1


def test_refusal_keeps_the_trace_and_explains(tmp_path):
    with demo_terminal(tmp_path, "kiosk", wanted=frozenset({"documents", "central"})) as (ctx, _):
        p = person(source=IdentitySource.TYPED)
        draft = ApplicationDraft(Case.new_id(), p, ITEM, form_for(p), materials(), signature_png=b"")
        outcome = service(ctx).submit(draft)
        assert outcome.kind == REFERRED and outcome.document is None
        assert any("刷身份证" in line for line in outcome.advice)
        assert any("签署告知承诺书" in line or "签名" in line for line in outcome.advice)
        case = ctx.store.cases.get(draft.case_id)
        note = case.events[-1]
        assert note.action is CaseAction.NOTE and note.data["rule_trace"]
