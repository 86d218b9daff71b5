"""The case state machine: the only way a ``Case`` changes state.

Every edge is listed in ``TRANSITIONS``; anything else raises ``TransitionError`` (a property test walks
random action sequences and checks no illegal state is reachable). Each call returns a new case with one
more ``CaseEvent`` recording who, when and why.

::

    draft ─submit→ submitted ─pre_review→ pre_review
                    │  ↑                     │
                    │  └──resubmit── correction ←─request_correction─┤ (repeatable)
                    │                     └─return→ returned           │
                    ├─refuse→ not_accepted ←──────────────────────────┤
                    └─accept→ accepted ←──────────────────────────────┘
                                 ├─complete→ completed ─deliver→ delivered     (即办件 / 秒批)
                                 └─start_processing→ processing ⇄ suspended (特别程序 pauses the clock)
                                                        └─complete→ completed
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from core.cases.model import (
    Case,
    CaseAction,
    CaseEvent,
    CaseState,
    Licence,
    Outcome,
)
from core.catalog.calendar import TimeLimit, WorkingCalendar
from core.errors import TransitionError

S, A = CaseState, CaseAction

TRANSITIONS: dict[tuple[CaseState, CaseAction], CaseState] = {
    (S.DRAFT, A.SUBMIT): S.SUBMITTED,
    (S.SUBMITTED, A.PRE_REVIEW): S.PRE_REVIEW,
    (S.SUBMITTED, A.ACCEPT): S.ACCEPTED,
    (S.PRE_REVIEW, A.ACCEPT): S.ACCEPTED,
    (S.SUBMITTED, A.REFUSE): S.NOT_ACCEPTED,
    (S.PRE_REVIEW, A.REFUSE): S.NOT_ACCEPTED,
    (S.SUBMITTED, A.REQUEST_CORRECTION): S.CORRECTION,
    (S.PRE_REVIEW, A.REQUEST_CORRECTION): S.CORRECTION,
    (S.CORRECTION, A.RESUBMIT): S.SUBMITTED,
    (S.CORRECTION, A.RETURN): S.RETURNED,
    (S.ACCEPTED, A.START_PROCESSING): S.PROCESSING,
    (S.ACCEPTED, A.COMPLETE): S.COMPLETED,
    (S.PROCESSING, A.STEP): S.PROCESSING,
    (S.PROCESSING, A.SUSPEND): S.SUSPENDED,
    (S.SUSPENDED, A.RESUME): S.PROCESSING,
    (S.PROCESSING, A.COMPLETE): S.COMPLETED,
    (S.COMPLETED, A.DELIVER): S.DELIVERED,
}

# Actions that must say why (the notice printed to the applicant quotes the reason).
_REASON_REQUIRED = frozenset({A.REFUSE, A.RETURN, A.REQUEST_CORRECTION, A.SUSPEND})


def allowed_actions(state: CaseState) -> tuple[CaseAction, ...]:
    acts = tuple(a for (s, a) in TRANSITIONS if s is state)
    return (*acts, A.NOTE)


def next_state(state: CaseState, action: CaseAction) -> CaseState:
    if action is A.NOTE:
        return state
    try:
        return TRANSITIONS[(state, action)]
    except KeyError:
        raise TransitionError(f"no transition {state.value} --{action.value}-->") from None


def _event(case: Case, action: CaseAction, to_state: CaseState, actor: str, at: datetime, reason: str,
           data: dict[str, Any] | None, from_state: CaseState | None) -> CaseEvent:
    return CaseEvent(event_id=str(uuid.uuid4()), case_id=case.case_id, seq=len(case.events) + 1, action=action,
                     from_state=from_state, to_state=to_state, actor=actor, at=at, reason=reason,
                     data=dict(data or {}))


def apply(case: Case, action: CaseAction, *, actor: str, at: datetime, reason: str = "",
          data: dict[str, Any] | None = None, **changes: Any) -> Case:
    """Move ``case`` along one edge, record the event and apply ``changes`` to its fields."""
    if action is A.CREATE:
        raise TransitionError("a case is created with new_case(), not apply()")
    if action in _REASON_REQUIRED and not reason.strip():
        raise TransitionError(f"{action.value} needs a reason", code="CASE_REASON_REQUIRED",
                              user_message="请填写原因。")
    to_state = next_state(case.state, action)
    if action is A.COMPLETE and changes.get("outcome", case.outcome) is None:
        raise TransitionError("complete needs an outcome", code="CASE_OUTCOME_REQUIRED")
    if action is A.ACCEPT and changes.get("promised_date", case.promised_date) is None:
        raise TransitionError("accept needs a promised date", code="CASE_PROMISED_DATE_REQUIRED")
    event = _event(case, action, to_state, actor, at, reason, data, case.state)
    return case.with_changes(state=to_state, events=(*case.events, event), **changes)


def new_case(*, actor: str, at: datetime, **fields: Any) -> Case:
    """A draft case with its creation event.

    ``case_id`` must be a canonical UUID (``Case.new_id()``): it is the idempotency key the central
    platform's contract checks, so a malformed one is refused here rather than parked after sync.
    """
    case_id = fields.get("case_id", "")
    try:
        canonical = str(uuid.UUID(case_id))
    except (TypeError, ValueError, AttributeError):
        canonical = None
    if canonical != case_id:
        raise TransitionError(f"case_id {case_id!r} is not a canonical UUID", code="CASE_ID_INVALID")
    if at.tzinfo is None:
        raise TransitionError("case timestamps must carry a time zone", code="CASE_NAIVE_DATETIME")
    case = Case(**fields, state=S.DRAFT, events=())
    event = _event(case, A.CREATE, S.DRAFT, actor, at, "", None, None)
    return case.with_changes(events=(event,))


# --- the common paths, so callers do not assemble them by hand ----------------------------------------

def submit(case: Case, *, actor: str, at: datetime) -> Case:
    return apply(case, A.SUBMIT, actor=actor, at=at, submitted_at=at)


def accept(case: Case, *, actor: str, at: datetime, calendar: WorkingCalendar, promised: TimeLimit,
           unit: str = "", doc_number: str = "", reason: str = "", data: dict[str, Any] | None = None) -> Case:
    """受理 (also 容缺受理: the tolerated-missing materials and their deadlines are on ``case.materials``)."""
    due = calendar.due_date(at.date(), promised)
    return apply(case, A.ACCEPT, actor=actor, at=at, reason=reason, data=data, accepted_at=at,
                 promised_date=due, accepting_unit=unit, acceptance_doc_number=doc_number)


def instant_approve(case: Case, *, actor: str, at: datetime, licence: Licence | None, unit: str = "",
                    rule_trace: list[dict[str, Any]] | None = None) -> Case:
    """即办件 / 秒批: 申报 → 受理 → 办结 in one step, the rule trace kept on the acceptance event."""
    if case.state is S.DRAFT:
        case = submit(case, actor=actor, at=at)
    case = apply(case, A.ACCEPT, actor=actor, at=at, reason="即办件，规则校验通过",
                 data={"rule_trace": rule_trace or []}, accepted_at=at, promised_date=at.date(),
                 accepting_unit=unit)
    return apply(case, A.COMPLETE, actor=actor, at=at, completed_at=at, outcome=Outcome.ISSUED, licence=licence)


def resume(case: Case, *, actor: str, at: datetime, calendar: WorkingCalendar, reason: str = "") -> Case:
    """End a special procedure; the promised date moves by the working days it lasted."""
    suspended = next((e for e in reversed(case.events) if e.action is A.SUSPEND), None)
    promised = case.promised_date
    paused = 0
    if suspended is not None and promised is not None:
        paused = calendar.working_days_between(suspended.at.date(), at.date())
        promised = calendar.add_working_days(promised, paused)
    return apply(case, A.RESUME, actor=actor, at=at, reason=reason, data={"paused_working_days": paused},
                 promised_date=promised)


def is_overdue(case: Case, today: date) -> bool:
    return (case.promised_date is not None and today > case.promised_date
            and case.state in (S.ACCEPTED, S.PROCESSING))
