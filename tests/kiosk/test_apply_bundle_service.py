"""Submitting a 一件事 bundle as one application on a demo terminal: one case per item, real store, real rules."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from core.cases.model import Case, CaseState, MaterialStatus
from core.catalog.models import Bundle
from core.demo import BUNDLE, BUNDLE_SAMPLE_FORM, INSTANT_ITEM, INSTANT_SAMPLE_FORM
from core.documents.tokens import DocumentKind
from core.selfservice.apply import ACCEPTED, INSTANT, ApplicationDraft, ApplyService, MaterialInput, SubmitError
from core.selfservice.bundle import BUNDLE_COUNTER_ONLY, ApplicationScope, BundleOutcome, item_case_id
from core.sync import record_case
from tests.demo_terminal import demo_terminal
from tests.kiosk.test_apply_service import person, service

WANTED = frozenset({"documents", "central"})
ITEMS = ("430102SJ000101", "430102SJ000301", "430102CG000101", "430102ZJ000401")
NEWBORN = "430102YJS0002"


def photo(tag: str) -> MaterialInput:
    return MaterialInput(MaterialStatus.UPLOADED, image=b"\x89PNG\r\n\x1a\n" + tag.encode() * 16,
                         content_type="image/png")


def sha(material: MaterialInput) -> str:
    return hashlib.sha256(material.image).hexdigest()


def bundle_materials() -> dict[str, MaterialInput]:
    given = {code: photo(code) for code in ("premises_proof", "sole_trader_application", "food_licence_application",
                                            "food_layout_plan", "signboard_design", "drainage_application")}
    for code in ("food_safety_rules", "food_safety_manager", "signboard_safety_commitment", "drainage_plan"):
        given[code] = MaterialInput(MaterialStatus.TOLERATED_MISSING)
    return given


def bundle_draft(application_id: str | None = None) -> ApplicationDraft:
    p = person()
    form = {**BUNDLE_SAMPLE_FORM, "applicant_name": p.name, "applicant_id_number": p.id_number}
    return ApplicationDraft(application_id or Case.new_id(), p, BUNDLE, form, bundle_materials(),
                            signature_png=b"\x89PNG\r\n\x1a\nsigned", commitment_text="本人承诺")


def outbox_keys(ctx) -> list[str]:
    return [f"{row.kind}:{row.ref_id}" for row in ctx.store.outbox.pending(500)]


def test_a_bundle_becomes_one_case_per_item_with_one_commitment(tmp_path):
    with demo_terminal(tmp_path, "kiosk", wanted=WANTED) as (ctx, _):
        draft = bundle_draft()
        outcome = service(ctx).submit(draft)
        assert isinstance(outcome, BundleOutcome) and outcome.bundle_name == "开办餐饮店一件事"
        assert [o.case.item_code for o in outcome.items] == list(ITEMS)
        assert all(o.kind == ACCEPTED for o in outcome.items)
        cases = [ctx.store.cases.get(item_case_id(draft.case_id, code)) for code in ITEMS]
        assert all(c.bundle_code == BUNDLE and c.state is CaseState.ACCEPTED and c.promised_date for c in cases)
        assert len({c.case_number for c in cases}) == 4 and ctx.store.cases.count() == 4
        departments = {c.accepting_unit for c in cases}
        assert len(departments) == 3     # 市场监管 (two items), 城管, 住建: each item at its own department
        assert {c.commitment.text_sha256 for c in cases} == {hashlib.sha256("本人承诺".encode()).hexdigest()}
        assert all(c.commitment.signature_png == draft.signature_png for c in cases)
        receipts = [o.document for o in outcome.items]
        assert all(d.kind is DocumentKind.ACCEPTANCE_RECEIPT and d.content.startswith(b"%PDF-") for d in receipts)
        assert {d.fields["case_number"] for d in receipts} == {c.case_number for c in cases}


def test_each_case_records_only_its_own_materials_and_shared_files_go_once(tmp_path):
    with demo_terminal(tmp_path, "kiosk", wanted=WANTED) as (ctx, _):
        draft = bundle_draft()
        service(ctx).submit(draft)
        by_item = {code: ctx.store.cases.get(item_case_id(draft.case_id, code)) for code in ITEMS}
        files = {code: {m.code: m.file_sha256 for m in case.materials if m.file_sha256}
                 for code, case in by_item.items()}
        premises = sha(draft.materials["premises_proof"])
        assert all(f["premises_proof"] == premises for f in files.values())          # shared: on every case
        assert set(files["430102SJ000101"]) == {"premises_proof", "sole_trader_application"}
        assert set(files["430102SJ000301"]) == {"premises_proof", "food_licence_application", "food_layout_plan"}
        assert set(files["430102CG000101"]) == {"premises_proof", "signboard_design"}
        assert set(files["430102ZJ000401"]) == {"premises_proof", "drainage_application"}
        # The business licence the first item issues is passed on, not asked of the later items.
        assert all(m.code != "business_licence" for case in by_item.values() for m in case.materials)
        tolerated = {m.code for m in by_item["430102ZJ000401"].materials
                     if m.status is MaterialStatus.TOLERATED_MISSING}
        assert tolerated == {"drainage_plan"} and by_item["430102ZJ000401"].materials[0].code == "idcard"
        keys = outbox_keys(ctx)
        uploads = [k for k in keys if k.startswith("attachment:")]
        assert len(uploads) == len(set(uploads)) == 6 + 1      # six photos and the one signature
        assert f"attachment:{premises}" in uploads
        assert [k for k in keys if not k.startswith("attachment:")] == [f"case:{c.case_id}" for c in by_item.values()]


def test_submitting_twice_or_after_a_restart_returns_the_same_cases(tmp_path):
    with demo_terminal(tmp_path, "kiosk", wanted=WANTED) as (ctx, _):
        draft = bundle_draft()
        svc = service(ctx)
        first = svc.submit(draft)
        assert svc.submit(draft) is first                                         # a double tap
        keys = outbox_keys(ctx)
        again = service(ctx).submit(draft)                                         # a retry after a restart
        assert [o.case.case_number for o in again.items] == [o.case.case_number for o in first.items]
        assert all(o.document is not None for o in again.items)                  # nothing had printed
        assert ctx.store.cases.count() == 4 and outbox_keys(ctx) == keys


class PowerCut(Exception):
    pass


class CutAfter(ApplyService):
    """A kiosk that loses power while recording the decided cases, after ``n`` of them."""

    def __init__(self, *args, n: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.left = n

    def record_decided(self, decided, attachments) -> None:
        if self.left == 0:
            raise PowerCut()
        self.left -= 1
        super().record_decided(decided, attachments)


def test_a_power_cut_while_recording_leaves_drafts_and_the_retry_completes_once(tmp_path):
    with demo_terminal(tmp_path, "kiosk", wanted=WANTED) as (ctx, _):
        draft = bundle_draft()
        cut = CutAfter(ctx.store, ctx.catalog, terminal_id="K01", region_code="430102", hall=service(ctx).hall,
                       key=ctx.signing_key, central=ctx.central, n=2)
        with pytest.raises(PowerCut):
            cut.submit(draft)
        drafts = [ctx.store.cases.get(item_case_id(draft.case_id, code)) for code in ITEMS]
        assert all(c is not None and c.state is CaseState.DRAFT for c in drafts)   # kept, and nothing half-sent
        assert outbox_keys(ctx) == []
        outcome = service(ctx).submit(draft)
        assert [o.case.case_number for o in outcome.items] == [c.case_number for c in drafts]
        assert ctx.store.cases.count() == 4
        keys = outbox_keys(ctx)
        assert len(keys) == len(set(keys)) and sum(1 for k in keys if not k.startswith("attachment:")) == 4


def test_a_retry_finds_the_cases_an_interrupted_run_already_decided(tmp_path):
    with demo_terminal(tmp_path, "kiosk", wanted=WANTED) as (ctx, _):
        draft = bundle_draft()
        svc = service(ctx)
        # What an interrupted older run left: the first two items decided and recorded, the others not yet.
        scope = ApplicationScope.of(ctx.catalog, BUNDLE)
        wanted = frozenset(m.code for m in scope.materials)
        at = datetime.now(UTC)
        earlier = []
        for item in scope.items[:2]:
            case = svc.draft_case(draft, item, at, case_id=item_case_id(draft.case_id, item.implementation_code),
                                  bundle_code=BUNDLE, wanted=wanted)
            record_case(ctx.store, case, svc.actor, attachments=svc.attachments(draft, case))
            decided = svc.conclude(case, item, at)
            with ctx.store.transaction():
                svc.record_decided(decided, svc.attachments(draft, case))
            earlier.append(decided.case)
        outcome = service(ctx).submit(draft)
        assert [o.case.case_number for o in outcome.items[:2]] == [c.case_number for c in earlier]
        assert [o.case.events for o in outcome.items[:2]] == [c.events for c in earlier]      # not decided again
        assert ctx.store.cases.count() == 4 and all(o.kind == ACCEPTED for o in outcome.items)
        keys = outbox_keys(ctx)
        assert len(keys) == len(set(keys))
        audit = [e for e in ctx.store.audit.entries() if e.action == "bundle.submit"]
        assert audit[-1].details["recorded"] == 2


def test_an_instant_item_in_a_bundle_is_decided_by_its_rules(tmp_path):
    with demo_terminal(tmp_path, "kiosk", wanted=WANTED) as (ctx, _):
        catalog = ctx.catalog
        mixed = Bundle(code="430102YJS0099", name="开理发店一件事", items=(INSTANT_ITEM, "430102CG000101"),
                       life_event="开办企业", guide=("示例",))
        ctx.catalog = replace(catalog, bundles=(*catalog.bundles, mixed))
        p = person()
        shared = photo("licence")
        materials = {"business_licence": shared, "hygiene_rules": photo("rules"), "floor_plan": photo("plan"),
                     "staff_health_certs": MaterialInput(MaterialStatus.TOLERATED_MISSING),
                     "hygiene_report": MaterialInput(MaterialStatus.TOLERATED_MISSING),
                     "premises_proof": photo("premises"), "signboard_design": photo("design"),
                     "signboard_safety_commitment": MaterialInput(MaterialStatus.TOLERATED_MISSING)}
        form = {**INSTANT_SAMPLE_FORM, **{k: BUNDLE_SAMPLE_FORM[k] for k in ("signboard_text", "signboard_area",
                                                                                "signboard_style")},
                "applicant_name": p.name, "applicant_id_number": p.id_number}
        draft = ApplicationDraft(Case.new_id(), p, mixed.code, form, materials, signature_png=b"\x89PNG\r\n\x1a\ns")
        outcome = service(ctx).submit(draft)
        instant, accepted = outcome.items
        assert instant.kind == INSTANT, instant.advice
        assert instant.case.licence is not None and instant.document.kind is DocumentKind.LICENCE
        assert accepted.kind == ACCEPTED and accepted.document.kind is DocumentKind.ACCEPTANCE_RECEIPT
        decided = [e for e in ctx.store.audit.entries() if e.action == "approval.decide"]
        assert [e.subject for e in decided] == [instant.case.case_number]
        details = json.dumps([e.details for e in ctx.store.audit.entries()], ensure_ascii=False)
        assert "张三" not in details and p.id_number not in details


def test_a_bundle_with_counter_only_items_is_refused_before_anything_is_written(tmp_path):
    with demo_terminal(tmp_path, "kiosk", wanted=WANTED) as (ctx, _):
        p = person()
        draft = ApplicationDraft(Case.new_id(), p, NEWBORN, {}, {}, signature_png=b"\x89PNG\r\n\x1a\ns")
        with pytest.raises(SubmitError) as refused:
            service(ctx).submit(draft)
        assert refused.value.code == BUNDLE_COUNTER_ONLY
        assert "出生医学证明" in refused.value.user_message and "窗口" in refused.value.user_message
        assert ctx.store.cases.count() == 0 and outbox_keys(ctx) == []
        assert [i.implementation_code for i in ApplicationScope.of(ctx.catalog, NEWBORN).counter_only] == [
            "430102WJ000201", "430102GA000201"]
