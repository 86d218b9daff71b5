"""一件事一次办 at the kiosk: a bundle asked for as ONE application, decided as one case per item.

    scope = ApplicationScope.of(catalog, "430102YJS0001")     # the merged form and checklist to ask for
    outcome = ApplyService(...).submit(draft)                  # draft.item_code = the bundle's code

The citizen fills one form (``Bundle.merged_form``), brings one set of materials (``Bundle.merged_materials``,
the same checklist the counter uses: ``core.acceptance.checklist``) and signs one commitment. Each item then
becomes its own case, as at the counter: its own number, department, time limit and rules, ``bundle_code``
set, only its own materials (a material two items need is recorded, and its file attached, on both; a
licence an earlier item issues is passed on, not asked for), and the one signed commitment.

Crash-safe and idempotent, in three steps:

1. every item's draft case in ONE transaction (local only, nothing for the platform yet);
2. the decisions, in memory (the 秒批 rules may ask the platform: no transaction is held meanwhile);
3. every decided case, its audit entries and its outbox rows in ONE transaction.

Each item's ``case_id`` is derived from the application's ``case_id`` and the item code
(``item_case_id``), so a retry after a crash at any point finds what is stored: a decided case is returned
as it is (its document rendered again: nothing was printed), a draft is decided, a missing one is created.
Nothing is recorded twice.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from core.cases.model import Case, CaseState
from core.catalog.fields import FormField
from core.catalog.models import Bundle, Material, ServiceItem
from core.selfservice.apply import ACCEPTED, INSTANT, ApplicationDraft, ApplyOutcome, Decided, SubmitError

if TYPE_CHECKING:
    from core.selfservice.apply import ApplyService

BUNDLE_COUNTER_ONLY = "SELFSERVICE_BUNDLE_COUNTER_ONLY"


@dataclass(frozen=True)
class ApplicationScope:
    """What the kiosk asks for one application: an item's form and materials, or a bundle's merged ones."""

    code: str
    name: str
    items: tuple[ServiceItem, ...]
    form_fields: tuple[FormField, ...]
    materials: tuple[Material, ...]
    bundle: Bundle | None = None

    @classmethod
    def of(cls, catalog: Any, code: str) -> ApplicationScope:
        from core.acceptance import checklist

        desk = checklist(catalog, code)
        if desk.bundle is None:
            item = desk.items[0]
            return cls(code, item.display_name, desk.items, item.form_fields, desk.materials)
        return cls(code, desk.name, desk.items, desk.bundle.merged_form(catalog), desk.materials, desk.bundle)

    @property
    def counter_only(self) -> tuple[ServiceItem, ...]:
        """The items this kiosk cannot take (a bundle with any of them is applied for at a counter)."""
        return tuple(item for item in self.items if not item.kiosk_capable)


@dataclass(frozen=True)
class BundleOutcome:
    """The answer to a bundle application: one ``ApplyOutcome`` per item, in the bundle's order."""

    bundle_code: str
    bundle_name: str
    items: tuple[ApplyOutcome, ...]

    @property
    def cases(self) -> tuple[Case, ...]:
        return tuple(outcome.case for outcome in self.items)

    @property
    def case(self) -> Case:
        """The first item's case (what a reader of one case, e.g. the receipt number, refers to)."""
        return self.items[0].case

    @property
    def documents(self) -> tuple[Any, ...]:
        return tuple(outcome.document for outcome in self.items if outcome.document is not None)


def item_case_id(application_id: str, item_code: str) -> str:
    """The case id of one item of a bundle application: the same for every retry of that application."""
    return str(uuid.uuid5(uuid.UUID(application_id), item_code))


def submit_bundle(service: ApplyService, draft: ApplicationDraft, at: datetime) -> BundleOutcome:
    """Record and decide every item of the bundle ``draft.item_code`` (see the module docstring)."""
    from core.sync import record_case

    catalog, store = service.catalog, service.store
    scope = ApplicationScope.of(catalog, draft.item_code)
    bundle = scope.bundle
    if bundle is None:
        raise SubmitError(f"{draft.item_code} is not a bundle", code="SELFSERVICE_NOT_A_BUNDLE")
    if scope.counter_only:
        names = "、".join(item.display_name for item in scope.counter_only)
        raise SubmitError(f"bundle {bundle.code}: {len(scope.counter_only)} items are not kiosk-capable",
                          code=BUNDLE_COUNTER_ONLY, user_message=f"“{bundle.name}”中的{names}需要到人工窗口办理，"
                                                                 "请到窗口一次办理。")
    wanted = frozenset(m.code for m in scope.materials)
    cases: dict[str, Case | None] = {item.implementation_code: store.cases.get(
        item_case_id(draft.case_id, item.implementation_code)) for item in scope.items}

    with store.transaction():                                           # 1. the drafts
        for item in scope.items:
            code = item.implementation_code
            if cases[code] is None:
                case = service.draft_case(draft, item, at, case_id=item_case_id(draft.case_id, code),
                                          bundle_code=bundle.code, wanted=wanted)
                record_case(store, case, service.actor, attachments=service.attachments(draft, case), bus=service.bus)
                cases[code] = case

    decided: list[tuple[ServiceItem, Decided, bool]] = []               # 2. the decisions
    for item in scope.items:
        case = cases[item.implementation_code]
        assert case is not None
        if case.state is CaseState.DRAFT:
            decided.append((item, service.conclude(case, item, at), True))
        else:
            decided.append((item, Decided(INSTANT if case.licence else ACCEPTED, case), False))

    with store.transaction():                                           # 3. all decided cases at once
        for _item, moved, new in decided:
            if new:
                service.record_decided(moved, service.attachments(draft, moved.case))
        store.audit.append(service.actor, "bundle.submit", bundle.code,
                           {"cases": [moved.case.case_number for _i, moved, _n in decided],
                            "outcomes": [moved.kind for _i, moved, _n in decided],
                            "recorded": sum(1 for _i, _m, new in decided if new)})

    outcomes = tuple(service.outcome_of(moved, item, _decided_at(moved.case, at)) for item, moved, _n in decided)
    return BundleOutcome(bundle.code, bundle.name, outcomes)


def _decided_at(case: Case, at: datetime) -> datetime:
    """When a case stored by an earlier attempt was decided (its licence carries that date), else now."""
    return case.completed_at or case.accepted_at or at
