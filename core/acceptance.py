"""Counter acceptance (窗口受理): the materials checklist of an item or a bundle, and the clerk's four decisions.

    desk = checklist(catalog, "430102GA000101")            # an item, or a bundle code (一件事)
    cases = decide(store, catalog, DecisionRequest(...), clerk_actor="clerk:0231", terminal_id="C01", ...)

A bundle asks once: one merged checklist, materials deduplicated by code across its items. Each item of
the bundle still becomes its own case (its own number, department and time limit, ``bundle_code`` set);
all the cases of one decision are written in ONE transaction through ``core.sync.record_case`` (case,
events, outbox rows, audit entries), so a power cut leaves all of them or none.

The decisions, each checked before anything is written:

* 受理 (ACCEPT): every required material received;
* 容缺受理 (TOLERATE): the missing ones are all materials the item allows to follow later (``tolerable``),
  with a deadline and the applicant's signed commitment;
* 补齐补正 (CORRECT): at least one material missing or wrong; the one-time notice lists all of them;
* 不予受理 (REFUSE): a reason is required.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from core.cases import machine
from core.cases.model import Case, CaseType, Channel, Commitment, MaterialRecord, MaterialStatus
from core.cases.numbering import format_case_number
from core.catalog.models import Bundle, Material, ServiceItem
from core.errors import ValidationError
from core.identity import Person
from core.storage import Store

DEFAULT_COMMITMENT_TEXT = ("本人承诺：所提交的申请材料真实、合法、有效；"
                           "对容缺的申请材料，将在本通知书载明的期限内补齐；逾期未补齐的，愿意承担相应的法律责任和信用后果。")


class Decision(StrEnum):
    ACCEPT = "accept"          # 受理
    TOLERATE = "tolerate"      # 容缺受理
    CORRECT = "correct"        # 补齐补正
    REFUSE = "refuse"          # 不予受理


@dataclass(frozen=True)
class Checklist:
    """What the clerk checks for one item or bundle: the items it covers and the merged materials."""

    code: str
    name: str
    items: tuple[ServiceItem, ...]
    materials: tuple[Material, ...]
    bundle: Bundle | None = None

    def material(self, code: str) -> Material | None:
        return next((m for m in self.materials if m.code == code), None)


def checklist(catalog: Any, code: str) -> Checklist:
    if catalog.has_item(code):
        item = catalog.item(code)
        return Checklist(code, item.name, (item,), item.materials)
    bundle = catalog.bundle(code)
    return Checklist(code, bundle.name, catalog.items_of(bundle), bundle.merged_materials(catalog), bundle)


@dataclass(frozen=True)
class MaterialCheck:
    status: MaterialStatus
    note: str = ""                     # what is wrong (DEFECTIVE)
    licence_number: str | None = None  # the reused e-licence (ELICENCE)


@dataclass(frozen=True)
class DecisionRequest:
    decision: Decision
    applicant: Person
    code: str                                        # item or bundle
    checks: Mapping[str, MaterialCheck]              # by material code; unchecked = missing
    reason: str = ""
    deadline: date | None = None                     # 容缺 / 补正 deadline
    signature_png: bytes = field(default=b"", repr=False)
    commitment_text: str = DEFAULT_COMMITMENT_TEXT
    contact_phone: str = ""
    ticket_id: str | None = None                     # ties the cases to the service (evaluation)
    ticket_number: str | None = None


def check_request(desk: Checklist, request: DecisionRequest) -> None:
    """Raise ValidationError (calm user_message) when the decision does not fit the checklist."""
    def status(material: Material) -> MaterialStatus:
        check = request.checks.get(material.code)
        return check.status if check else MaterialStatus.MISSING

    missing = [m for m in desk.materials if m.required and not status(m).is_received]
    decision = request.decision
    if decision is Decision.ACCEPT and missing:
        raise ValidationError(f"{len(missing)} required materials not received", code="ACCEPT_MATERIALS_MISSING",
                              user_message=f"还有 {len(missing)} 项必备材料未收取：{missing[0].name}。"
                                           "请补齐补正或容缺受理。")
    if decision is Decision.TOLERATE:
        if not missing:
            raise ValidationError("nothing to tolerate", code="TOLERANCE_NOTHING_MISSING",
                                  user_message="材料已齐全，请直接受理。")
        refused = [m for m in missing if not m.tolerable or status(m) is MaterialStatus.DEFECTIVE]
        if refused:
            raise ValidationError(f"{len(refused)} missing materials are not tolerable", code="TOLERANCE_NOT_ALLOWED",
                                  user_message=f"“{refused[0].name}”不允许容缺，请补齐补正。")
        if request.deadline is None:
            raise ValidationError("no deadline", code="TOLERANCE_DEADLINE_REQUIRED",
                                  user_message="请填写容缺材料补交期限。")
        if not request.signature_png:
            raise ValidationError("no signature", code="TOLERANCE_SIGNATURE_REQUIRED",
                                  user_message="请申请人签署容缺受理承诺书。")
    if decision is Decision.CORRECT:
        problems = [m for m in desk.materials if status(m) in (MaterialStatus.MISSING, MaterialStatus.DEFECTIVE)
                    and (m.required or status(m) is MaterialStatus.DEFECTIVE)]
        if not problems and not request.reason.strip():
            raise ValidationError("nothing to correct", code="CORRECTION_NOTHING_MISSING",
                                  user_message="没有缺少或有误的材料，请直接受理。")
    if decision is Decision.REFUSE and not request.reason.strip():
        raise ValidationError("refusal without a reason", code="CASE_REASON_REQUIRED",
                              user_message="不予受理必须填写理由。")


def _records(item: ServiceItem, desk: Checklist, request: DecisionRequest, now: datetime) -> tuple[MaterialRecord, ...]:
    """The item's materials as the clerk checked them on the merged list."""
    wanted = {m.code for m in desk.materials}
    records = []
    for material in item.materials:
        if material.code not in wanted:
            continue   # passed on by an earlier item of the bundle (一件事 data sharing)
        merged = desk.material(material.code) or material
        check = request.checks.get(material.code, MaterialCheck(MaterialStatus.MISSING))
        status = check.status
        if not status.is_received and status is not MaterialStatus.DEFECTIVE:
            if not merged.required and request.decision is not Decision.CORRECT:
                continue    # an optional material not brought is not part of the case
            if request.decision is Decision.TOLERATE:
                status = MaterialStatus.TOLERATED_MISSING
        count = merged.originals if status is MaterialStatus.ORIGINAL else merged.copies
        records.append(MaterialRecord(
            code=material.code, name=material.name, status=status, count=count if status.is_received else 0,
            received_at=now if status.is_received else None, licence_number=check.licence_number,
            deadline=request.deadline if status is MaterialStatus.TOLERATED_MISSING else None, note=check.note))
    return tuple(records)


def decide(store: Store, catalog: Any, request: DecisionRequest, *, clerk_actor: str, terminal_id: str,
           region_code: str, now: datetime, bus: Any = None) -> list[Case]:
    """Build, move and record the case(s) of one decision; all in one transaction. Returns the cases."""
    from core.sync import record_case

    desk = checklist(catalog, request.code)
    check_request(desk, request)
    data = {k: v for k, v in (("ticket_id", request.ticket_id), ("ticket_number", request.ticket_number)) if v}
    commitment = None
    if request.decision is Decision.TOLERATE:
        commitment = Commitment(text_sha256=hashlib.sha256(request.commitment_text.encode()).hexdigest(),
                                signed_at=now, signature_png=request.signature_png)
    cases: list[Case] = []
    with store.transaction():
        for item in desk.items:
            number = format_case_number(region_code, now.date(), terminal_id, store.cases.next_sequence(now.date()))
            department = catalog.department_of(item)
            records = _records(item, desk, request, now)
            tolerated = any(r.status is MaterialStatus.TOLERATED_MISSING for r in records)
            case = machine.new_case(
                actor=clerk_actor, at=now, case_id=Case.new_id(), case_number=number,
                item_code=item.implementation_code, item_name=item.name, case_type=CaseType(item.case_type.value),
                channel=Channel.COUNTER, region_code=region_code, terminal_id=terminal_id, created_at=now,
                applicant=request.applicant, bundle_code=desk.bundle.code if desk.bundle else None,
                contact_name=request.applicant.name, contact_phone=request.contact_phone or request.applicant.phone,
                contact_address=request.applicant.address, materials=records,
                commitment=commitment if tolerated else None)
            case = machine.submit(case, actor=clerk_actor, at=now)
            case = _apply_decision(case, item, request, catalog, clerk_actor, now, department.name, data)
            record_case(store, case, clerk_actor, bus=bus)
            cases.append(case)
    return cases


def _apply_decision(case: Case, item: ServiceItem, request: DecisionRequest, catalog: Any, actor: str,
                    now: datetime, unit: str, data: dict[str, Any]) -> Case:
    decision = request.decision
    if decision in (Decision.ACCEPT, Decision.TOLERATE):
        reason = "容缺受理" if case.commitment is not None else ""
        return machine.accept(case, actor=actor, at=now, calendar=catalog.calendar, promised=item.promised_limit,
                              unit=unit, reason=reason, data=data)
    if decision is Decision.CORRECT:
        problems = [m for m in case.materials if m.status in (MaterialStatus.MISSING, MaterialStatus.DEFECTIVE)]
        reason = request.reason.strip() or "申请材料不齐全或不符合法定形式：" + "、".join(m.name for m in problems)
        return machine.apply(case, machine.A.REQUEST_CORRECTION, actor=actor, at=now, reason=reason,
                             data={**data, "deadline": request.deadline.isoformat() if request.deadline else None})
    return machine.apply(case, machine.A.REFUSE, actor=actor, at=now, reason=request.reason.strip(), data=data)


def decision_of(case: Case) -> Decision | None:
    """Which counter decision a recorded case carries (for reprints)."""
    from core.cases.model import CaseAction

    for event in reversed(case.events):
        if event.action is CaseAction.ACCEPT:
            return Decision.TOLERATE if case.commitment is not None else Decision.ACCEPT
        if event.action is CaseAction.REQUEST_CORRECTION:
            return Decision.CORRECT
        if event.action is CaseAction.REFUSE:
            return Decision.REFUSE
    return None


def documents_for(case: Case, catalog: Any, *, hall: Any, key: Any, commitment_text: str = DEFAULT_COMMITMENT_TEXT,
                  deadline: date | None = None) -> Sequence[Any]:
    """The A4 documents a decision prints: receipt (+ 容缺 notice with the commitment), or the notice."""
    from core.documents.notices import render_correction_notice, render_refusal_notice, render_tolerance_notice
    from core.documents.receipt import render_acceptance_receipt

    item = catalog.item(case.item_code)
    department = catalog.department_of(item)
    decision = decision_of(case)
    if decision is Decision.ACCEPT:
        return [render_acceptance_receipt(case, item, hall=hall, key=key, department=department)]
    if decision is Decision.TOLERATE:
        return [render_acceptance_receipt(case, item, hall=hall, key=key, department=department),
                render_tolerance_notice(case, item, hall=hall, key=key, department=department,
                                        commitment_text=commitment_text)]
    if decision is Decision.CORRECT:
        if deadline is None:
            event = next((e for e in reversed(case.events) if e.action.value == "request_correction"), None)
            text = event.data.get("deadline") if event else None
            deadline = date.fromisoformat(text) if text else None
        return [render_correction_notice(case, item, hall=hall, key=key, department=department, deadline=deadline)]
    if decision is Decision.REFUSE:
        return [render_refusal_notice(case, item, hall=hall, key=key, department=department)]
    return []
