"""Submit a self-service application: commit it locally, let the 秒批 rules decide, issue the document.

    service = ApplyService(store, catalog, terminal_id="K01", region_code="430102", hall=hall, key=key,
                           central=central)
    outcome = service.submit(draft)       # blocking: run it off the GUI thread

Order (DESIGN "Sync": local commit first): the application is recorded as a draft case before anything
is decided, so a power cut mid-decision loses nothing. Then, for an item with a rule set, ``RuleBook``
decides on the real trace:

* **instant**: 申报 → 受理 → 办结 with the rule trace on the acceptance event, the licence rendered;
* **referred**: nothing failed may be issued here; the trace goes on a NOTE event of the (still local)
  draft and the advice tells the citizen, in plain words, where to go and what to bring.

An item without a rule set (a 承诺件 the kiosk may take) is submitted and accepted with its promised date,
and the acceptance receipt is rendered. Each decision also goes to the audit log (rule ids and outcomes,
never personal data).

Idempotent: the draft carries its ``case_id``; a second ``submit`` of the same draft (a double tap, a
retry after a crash) returns the first outcome and never records a second case.

A 一件事 bundle (``draft.item_code`` is the bundle's code) is one application with one form, one set of
materials and one signature; each of its items becomes its own case (``core.selfservice.bundle``).
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from core.approval import Application, ApprovalPorts, CreditStanding, Decision, RuleBook
from core.cases import machine
from core.cases.model import (
    Case,
    CaseAction,
    CaseState,
    CaseType,
    Channel,
    Commitment,
    Licence,
    MaterialRecord,
    MaterialStatus,
)
from core.cases.numbering import format_case_number
from core.catalog.fields import FieldType
from core.catalog.models import ServiceItem
from core.errors import HalltermError, ValidationError
from core.identity import IdentitySource, Person
from core.selfservice.elicence import central_lock

if TYPE_CHECKING:
    from core.selfservice.bundle import BundleOutcome

log = logging.getLogger(__name__)

INSTANT, ACCEPTED, REFERRED = "instant", "accepted", "referred"
TOLERATED_DAYS = 30            # 容缺材料 are due within 30 days (the rule sets and the FAQ say so)
LICENCE_YEARS = 4              # 公共场所卫生许可证 is valid four years
_OPEN_STATES = frozenset({CaseState.SUBMITTED, CaseState.PRE_REVIEW, CaseState.CORRECTION, CaseState.ACCEPTED,
                          CaseState.PROCESSING, CaseState.SUSPENDED})

DEFAULT_COMMITMENT = ("本人承诺：所填写的信息和提交的材料真实、合法、有效；经营场所符合公共场所卫生管理的要求；"
                      "从业人员均持有有效健康证明。本人知晓发证机关将依法核查，承诺内容不实的，愿意承担撤销许可等"
                      "法律责任，并记入信用记录。容缺的材料，本人将在30日内补齐。")


class SubmitError(HalltermError):
    code = "SELFSERVICE_SUBMIT_FAILED"
    user_message = "提交没有成功，您填写的信息还在。请稍后再试，或到人工窗口办理。"


@dataclass(frozen=True)
class MaterialInput:
    status: MaterialStatus
    image: bytes = b""
    content_type: str = ""
    licence_number: str = ""


@dataclass(frozen=True)
class ApplicationDraft:
    case_id: str
    person: Person
    item_code: str
    form: Mapping[str, Any]
    materials: Mapping[str, MaterialInput] = field(default_factory=dict)
    signature_png: bytes = b""
    commitment_text: str = ""

    def __repr__(self) -> str:   # the form and the person are personal data
        return f"ApplicationDraft({self.case_id}, item={self.item_code})"


@dataclass(frozen=True)
class ApplyOutcome:
    kind: str                                   # INSTANT | ACCEPTED | REFERRED
    case: Case
    decision: Decision | None = None
    document: Any = None                        # core.documents.IssuedDocument to print, if any
    advice: tuple[str, ...] = ()

    @property
    def is_instant(self) -> bool:
        return self.kind == INSTANT


@dataclass(frozen=True)
class Decided:
    """A case moved by its decision in memory, not yet recorded."""

    kind: str                                   # INSTANT | ACCEPTED | REFERRED
    case: Case
    decision: Decision | None = None


def commitment_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ApplyService:
    """Blocking and thread-safe (one submission at a time); the kiosk runs it through ``ctx.tasks``."""

    def __init__(self, store: Any, catalog: Any, *, terminal_id: str, region_code: str, hall: Any, key: Any,
                 central: Any = None, bus: Any = None, rule_book: RuleBook | None = None) -> None:
        self.store, self.catalog = store, catalog
        self.terminal_id, self.region_code = terminal_id, region_code
        self.hall, self.key, self.central, self.bus = hall, key, central, bus
        self._rule_book = rule_book
        self._lock = threading.Lock()
        self._outcomes: dict[str, ApplyOutcome] = {}

    @property
    def actor(self) -> str:
        return f"kiosk:{self.terminal_id}"

    @property
    def rule_book(self) -> RuleBook:
        if self._rule_book is None:
            from core.selfservice.derived import rule_book

            self._rule_book = rule_book(self.catalog)   # loaded once per catalogue, not per submission
        return self._rule_book

    # --- the ports the rules ask through ----------------------------------------------------------------

    def open_cases(self, person: Person, item_code: str, *, except_case: str = "") -> int:
        return sum(1 for case in self.store.cases.by_person(person.id_number)
                   if case.item_code == item_code and case.state in _OPEN_STATES and case.case_id != except_case)

    def credit(self, person: Person) -> CreditStanding:
        if self.central is None:
            raise SubmitError("no platform client for the credit check", code="SELFSERVICE_NO_PLATFORM")
        from core.sync.signing import person_lookup_hmac

        with central_lock:
            standing = self.central.credit(person_lookup_hmac(self.central.config.secret, person.id_number))
        return CreditStanding.from_platform(standing.level, standing.dishonest)

    def ports(self, case_id: str) -> ApprovalPorts:
        return ApprovalPorts(open_cases=lambda person, code: self.open_cases(person, code, except_case=case_id),
                             credit=self.credit)

    # --- submit -----------------------------------------------------------------------------------------

    def submit(self, draft: ApplicationDraft, *, now: datetime | None = None) -> ApplyOutcome | BundleOutcome:
        """Submit one item, or a bundle (一件事: ``draft.item_code`` is the bundle's code) as one application."""
        with self._lock:
            known = self._outcomes.get(draft.case_id)
            if known is not None:
                log.info("submit of application %s repeated; first outcome returned", draft.case_id)
                return known
            at = now or datetime.now(UTC)
            if not self.catalog.has_item(draft.item_code):
                from core.selfservice.bundle import submit_bundle

                outcome: ApplyOutcome | BundleOutcome = submit_bundle(self, draft, at)
            else:
                stored = self.store.cases.get(draft.case_id)
                if stored is not None and stored.state is not CaseState.DRAFT:
                    outcome = ApplyOutcome(INSTANT if stored.licence else ACCEPTED, stored)
                else:
                    outcome = self._decide(draft, stored, at)
            self._outcomes[draft.case_id] = outcome
            return outcome

    def _decide(self, draft: ApplicationDraft, stored: Case | None, at: datetime) -> ApplyOutcome:
        from core.sync import record_case

        item = self.catalog.item(draft.item_code)
        case = stored or self.draft_case(draft, item, at)
        attachments = self.attachments(draft, case)
        record_case(self.store, case, self.actor, attachments=attachments, bus=self.bus)
        decided = self.conclude(case, item, at)
        with self.store.transaction():
            self.record_decided(decided, attachments)
        return self.outcome_of(decided, item, at)

    # --- the steps one case goes through (a bundle runs them for each of its items) -------------------

    def conclude(self, case: Case, item: ServiceItem, at: datetime) -> Decided:
        """Decide a recorded draft in memory: the rules for an item with a rule set, else accepted with its
        promised date. Nothing is written (the rules may ask the platform: no transaction is held)."""
        department = self.catalog.department_of(item)
        if item.instant_approval is None:
            case = machine.submit(case, actor=self.actor, at=at)
            case = machine.accept(case, actor=self.actor, at=at, calendar=self.catalog.calendar,
                                  promised=item.promised_limit, unit=department.name, reason="自助终端申报受理")
            return Decided(ACCEPTED, case)
        decision = self.rule_book.evaluate(Application.from_case(case, item, on=at.date()), self.ports(case.case_id))
        if decision.is_instant:
            licence = Licence(item.licence_name or item.name, self._licence_number(case, at), at.date(),
                              _years_later(at.date(), LICENCE_YEARS))
            case = machine.instant_approve(case, actor=self.actor, at=at, licence=licence, unit=department.name,
                                           rule_trace=decision.trace_dicts())
            return Decided(INSTANT, case, decision)
        case = machine.apply(case, CaseAction.NOTE, actor=self.actor, at=at, reason="自助秒批未通过，请到窗口办理",
                             data={"rule_trace": decision.trace_dicts(), "outcome": decision.outcome.value,
                                   "rule_set": decision.rule_set, "version": decision.version})
        return Decided(REFERRED, case, decision)

    def record_decided(self, decided: Decided, attachments: list[Any]) -> None:
        """The decision's audit entry (rule ids and outcomes only) and the moved case; call in a transaction."""
        from core.sync import record_case

        if decided.decision is not None:
            self.store.audit.append(self.actor, "approval.decide", decided.case.case_number,
                                    decided.decision.to_record())
        record_case(self.store, decided.case, self.actor, attachments=attachments, bus=self.bus)

    def outcome_of(self, decided: Decided, item: ServiceItem, at: datetime) -> ApplyOutcome:
        """What the citizen is told and given: the licence (instant), the receipt (accepted) or the advice."""
        case, decision = decided.case, decided.decision
        advice = decision.advice if decision is not None else ()
        department = self.catalog.department_of(item)
        if decided.kind == INSTANT:
            return ApplyOutcome(INSTANT, case, decision, self._licence(case, item, department, at), advice)
        if decided.kind == ACCEPTED:
            return ApplyOutcome(ACCEPTED, case, decision, self._receipt(case, item, department), advice)
        return ApplyOutcome(REFERRED, case, decision, None, advice)

    @staticmethod
    def attachments(draft: ApplicationDraft, case: Case) -> list[Any]:
        """The draft's files that ``case`` records (a bundle's shared material goes with each of its cases)."""
        from core.sync import Attachment

        wanted = {m.code for m in case.materials if m.file_sha256}
        return [Attachment.of(m.image, m.content_type) for code, m in draft.materials.items()
                if m.image and code in wanted]

    # --- building the case ------------------------------------------------------------------------------

    def draft_case(self, draft: ApplicationDraft, item: ServiceItem, at: datetime, *, case_id: str = "",
                   bundle_code: str | None = None, wanted: frozenset[str] | None = None) -> Case:
        """The application as a draft case; for a bundle's item: its own ``case_id``, the ``bundle_code``, and
        only the item's materials on the bundle's merged list (``wanted``)."""
        number = format_case_number(self.region_code, at.date(), self.terminal_id,
                                    self.store.cases.next_sequence(at.date()))
        form = self._form(item, draft)
        commitment = None
        if draft.signature_png:
            commitment = Commitment(commitment_sha256(draft.commitment_text or DEFAULT_COMMITMENT), at,
                                    draft.signature_png)
        person = draft.person
        return machine.new_case(
            actor=self.actor, at=at, case_id=case_id or draft.case_id, case_number=number,
            item_code=item.implementation_code, item_name=item.name, bundle_code=bundle_code,
            case_type=CaseType(item.case_type.value), channel=Channel.KIOSK,
            region_code=self.region_code, terminal_id=self.terminal_id, created_at=at, applicant=person,
            contact_name=person.name, contact_phone=str(form.get("contact_phone") or person.phone),
            contact_address=str(form.get("business_address") or form.get("applicant_address") or person.address),
            form=form, materials=self._materials(item, draft, at, signed=commitment is not None, wanted=wanted),
            commitment=commitment)

    @staticmethod
    def _form(item: ServiceItem, draft: ApplicationDraft) -> dict[str, Any]:
        """Answers normalised where they are valid (JSON-ready), kept as typed where not (the rules say why)."""
        form: dict[str, Any] = {}
        for form_field in item.form_fields:
            if form_field.type is FieldType.SIGNATURE:
                if draft.signature_png:
                    form[form_field.key] = hashlib.sha256(draft.signature_png).hexdigest()
                continue
            raw = draft.form.get(form_field.key)
            if raw is None or raw == "":
                continue
            try:
                value = form_field.validate_value(raw)
            except ValidationError:
                value = raw
            form[form_field.key] = value.isoformat() if isinstance(value, date) else value
        return form

    @staticmethod
    def _materials(item: ServiceItem, draft: ApplicationDraft, at: datetime, *, signed: bool,
                   wanted: frozenset[str] | None = None) -> tuple[MaterialRecord, ...]:
        records = []
        person = draft.person
        for material in item.materials:
            if wanted is not None and material.code not in wanted:
                continue   # a licence an earlier item of the bundle issues: passed on, not asked for
            given = draft.materials.get(material.code)
            count = max(material.originals, material.copies, 1)
            if given is not None:
                status, sha, number = given.status, None, given.licence_number or None
                if given.image:
                    sha = hashlib.sha256(given.image).hexdigest()
                deadline = at.date() + timedelta(days=TOLERATED_DAYS) if status is MaterialStatus.TOLERATED_MISSING \
                    else None
                received = at if status.is_received else None
                records.append(MaterialRecord(material.code, material.name, status, count if received else 0,
                                              received, sha, number, deadline))
            elif material.code == "idcard" and person.source is not IdentitySource.TYPED:
                status = MaterialStatus.ORIGINAL if person.source is IdentitySource.CARD else MaterialStatus.ELICENCE
                records.append(MaterialRecord(material.code, material.name, status, 1, at))
            elif material.code == "commitment" and signed:
                records.append(MaterialRecord(material.code, material.name, MaterialStatus.ORIGINAL, 1, at))
            else:
                records.append(MaterialRecord(material.code, material.name, MaterialStatus.MISSING))
        return tuple(records)

    @staticmethod
    def _licence_number(case: Case, at: datetime) -> str:
        return f"湘卫公证字〔{at.year}〕第{case.case_number[-9:]}号"

    # --- documents --------------------------------------------------------------------------------------

    def _licence(self, case: Case, item: ServiceItem, department: Any, at: datetime) -> Any:
        from core.documents.licence import render_licence

        return render_licence(case, item, department=department, hall=self.hall, key=self.key, issued_at=at)

    def _receipt(self, case: Case, item: ServiceItem, department: Any) -> Any:
        from core.documents.receipt import render_acceptance_receipt

        return render_acceptance_receipt(case, item, hall=self.hall, key=self.key, department=department)


def _years_later(day: date, years: int) -> date:
    try:
        end = day.replace(year=day.year + years)
    except ValueError:          # 29 February
        end = day.replace(year=day.year + years, day=28)
    return end - timedelta(days=1)
