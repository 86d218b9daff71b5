import itertools
from collections import deque
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from core.cases import CaseAction, CaseState, CaseType, Channel, Licence, Outcome
from core.cases import machine as m
from core.catalog.calendar import LimitUnit, TimeLimit, WorkingCalendar
from core.errors import TransitionError
from core.identity import IdentitySource, Person

T0 = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
CAL = WorkingCalendar(holidays=frozenset({date(2026, 10, d) for d in range(1, 8)}),
                      makeup_workdays=frozenset({date(2026, 10, 10)}))


def draft(**overrides):
    fields = dict(case_id="6f1c1a7e-2d4b-4c8e-9a51-3b0f7d2e9c10", case_number="43010220261123K0100001",
                  item_code="114301020000001", item_name="公共场所卫生许可证新办", case_type=CaseType.PROMISED,
                  channel=Channel.KIOSK,
                  region_code="430102", terminal_id="K01", created_at=T0,
                  applicant=Person(name="张三", id_number="11010519491231002X", source=IdentitySource.CARD))
    fields.update(overrides)
    return m.new_case(actor="kiosk:K01", at=T0, **fields)


def test_new_case_has_a_creation_event():
    case = draft()
    assert case.state is CaseState.DRAFT
    assert [e.action for e in case.events] == [CaseAction.CREATE]
    assert case.events[0].from_state is None and case.events[0].actor == "kiosk:K01"


def test_promised_path_records_who_when_why():
    case = m.submit(draft(), actor="kiosk:K01", at=T0)
    case = m.accept(case, actor="clerk:0231", at=T0, calendar=CAL, promised=TimeLimit(5), unit="卫健局")
    assert case.state is CaseState.ACCEPTED
    assert case.promised_date == date(2026, 11, 30)  # Mon + 5 working days
    case = m.apply(case, CaseAction.START_PROCESSING, actor="central", at=T0)
    case = m.apply(case, CaseAction.STEP, actor="central", at=T0, data={"step": "审核", "result": "通过"})
    case = m.apply(case, CaseAction.COMPLETE, actor="central", at=T0, outcome=Outcome.ISSUED, completed_at=T0)
    assert case.state is CaseState.COMPLETED
    assert [e.seq for e in case.events] == list(range(1, 7))
    assert case.events[4].data == {"step": "审核", "result": "通过"}


def test_instant_approval_goes_through_acceptance_to_completion_in_one_call():
    licence = Licence("公共场所卫生许可证", "湘卫公证字〔2026〕第000001号", date(2026, 11, 23), date(2030, 11, 22))
    trace = [{"rule": "identity_from_card", "passed": True}]
    case = m.instant_approve(draft(case_type=CaseType.IMMEDIATE), actor="kiosk:K01", at=T0, licence=licence,
                             rule_trace=trace)
    assert case.state is CaseState.COMPLETED and case.outcome is Outcome.ISSUED and case.licence == licence
    assert [e.to_state for e in case.events] == [CaseState.DRAFT, CaseState.SUBMITTED, CaseState.ACCEPTED,
                                                 CaseState.COMPLETED]
    assert case.events[2].data["rule_trace"] == trace


@pytest.mark.parametrize("action", [CaseAction.REFUSE, CaseAction.REQUEST_CORRECTION])
def test_refusals_need_a_reason(action):
    case = m.submit(draft(), actor="kiosk:K01", at=T0)
    with pytest.raises(TransitionError) as err:
        m.apply(case, action, actor="clerk:1", at=T0, reason="  ")
    assert err.value.code == "CASE_REASON_REQUIRED"


@pytest.mark.parametrize("case_id", ["c-1", "6F1C1A7E-2D4B-4C8E-9A51-3B0F7D2E9C10",
                                     "6f1c1a7e2d4b4c8e9a513b0f7d2e9c10", ""])
def test_case_ids_must_be_canonical_uuids(case_id):
    with pytest.raises(TransitionError) as err:
        draft(case_id=case_id)
    assert err.value.code == "CASE_ID_INVALID"


def test_naive_timestamps_are_refused():
    with pytest.raises(TransitionError) as err:
        m.new_case(actor="k", at=datetime(2026, 1, 1), **{k: v for k, v in draft().__dict__.items()
                                                           if k not in ("state", "events")})
    assert err.value.code == "CASE_NAIVE_DATETIME"


def test_illegal_transition_is_refused_and_changes_nothing():
    case = draft()
    with pytest.raises(TransitionError) as err:
        m.apply(case, CaseAction.COMPLETE, actor="x", at=T0, outcome=Outcome.ISSUED)
    assert err.value.code == "CASE_ILLEGAL_TRANSITION"
    assert case.state is CaseState.DRAFT and len(case.events) == 1


def test_special_procedure_pauses_the_promised_date():
    case = m.submit(draft(), actor="k", at=T0)
    case = m.accept(case, actor="c", at=T0, calendar=CAL, promised=TimeLimit(10))
    promised = case.promised_date
    case = m.apply(case, CaseAction.START_PROCESSING, actor="central", at=T0)
    case = m.apply(case, CaseAction.SUSPEND, actor="central", at=T0 + timedelta(days=1), reason="现场核查")
    case = m.resume(case, actor="central", at=T0 + timedelta(days=8), calendar=CAL)  # Tue -> next Tue: 5 wd
    assert case.events[-1].data == {"paused_working_days": 5}
    assert case.promised_date == CAL.add_working_days(promised, 5)


def test_natural_day_limits_add_days():
    assert CAL.due_date(date(2026, 9, 30), TimeLimit(10, LimitUnit.NATURAL_DAY)) == date(2026, 10, 10)
    assert CAL.due_date(date(2026, 9, 30), TimeLimit(1)) == date(2026, 10, 8)  # holiday week skipped


def test_every_state_is_reachable_from_draft():
    seen, todo = {CaseState.DRAFT}, deque([CaseState.DRAFT])
    while todo:
        for (src, _action), dst in m.TRANSITIONS.items():
            if src is todo[0] and dst not in seen:
                seen.add(dst)
                todo.append(dst)
        todo.popleft()
    assert seen == set(CaseState)


def test_final_states_have_no_way_out():
    for state in CaseState:
        if state.is_final:
            assert m.allowed_actions(state) == (CaseAction.NOTE,)


ACTIONS = [a for a in CaseAction if a is not CaseAction.CREATE]


class CaseMachine(RuleBasedStateMachine):
    """Random action sequences: legal edges move exactly as the table says; everything else is refused."""

    def __init__(self):
        super().__init__()
        self.case = draft()
        self.clock = T0

    @rule(action=st.sampled_from(ACTIONS), reason=st.sampled_from(["", "材料不全"]))
    def act(self, action, reason):
        self.clock += timedelta(hours=3)
        before = self.case
        expected = m.TRANSITIONS.get((before.state, action), before.state if action is CaseAction.NOTE else None)
        kwargs = {"outcome": Outcome.ISSUED} if action is CaseAction.COMPLETE else {}
        if action is CaseAction.ACCEPT:
            kwargs["promised_date"] = self.clock.date()
        try:
            if action is CaseAction.RESUME and before.state is CaseState.SUSPENDED:
                self.case = m.resume(before, actor="t", at=self.clock, calendar=CAL, reason=reason)
            else:
                self.case = m.apply(before, action, actor="t", at=self.clock, reason=reason, **kwargs)
        except TransitionError:
            assert self.case is before
            needs_reason = action in (CaseAction.REFUSE, CaseAction.RETURN, CaseAction.REQUEST_CORRECTION,
                                      CaseAction.SUSPEND)
            assert expected is None or (needs_reason and not reason)
            return
        assert expected is not None, f"{before.state} --{action}--> should have been refused"
        assert self.case.state is expected

    @invariant()
    def history_is_a_chain(self):
        events = self.case.events
        assert [e.seq for e in events] == list(range(1, len(events) + 1))
        for prev, nxt in itertools.pairwise(events):
            assert nxt.from_state is prev.to_state
        assert events[-1].to_state is self.case.state


TestCaseMachine = CaseMachine.TestCase
TestCaseMachine.settings = settings(max_examples=150, stateful_step_count=30, deadline=None)
