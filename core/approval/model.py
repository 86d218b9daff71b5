"""What the instant-approval (秒批) engine takes and gives.

In: an ``Application`` (the item, the applicant as the terminal knows them, the form answers, the state
of each material, whether the commitment is signed, the day) and two ports to the central platform that
the caller supplies (``ApprovalPorts``): how many cases of the item the person already has open, and
their credit standing.

Out: a frozen ``Decision``: ``instant`` only when every rule passed; otherwise ``refer_to_counter`` with
plain-words advice. A rule that could not be checked (the platform did not answer) has ``passed=None``
and also stops instant approval: the engine never approves on missing data. The caller may then submit
the application as a normal promised case (``Decision.undecided``) instead of sending the citizen away.

The trace goes into the case's acceptance event (``core.cases.machine.instant_approve(rule_trace=...)``)
and into the audit log, so it holds rule ids, outcomes and non-personal details only: never a name,
number, phone, address or form value.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from core.cases.model import Case, MaterialStatus
from core.catalog.models import ServiceItem
from core.errors import HalltermError
from core.identity import Person


class ApprovalError(HalltermError):
    """Asked to decide something the rules do not cover (not a 秒批 item, no rule set loaded)."""

    code = "APPROVAL_ERROR"
    user_message = "该事项暂不能自助秒批，请到综合窗口办理。"


class Outcome(StrEnum):
    INSTANT = "instant"                     # 秒批: accept and complete now, print the licence
    REFER_TO_COUNTER = "refer_to_counter"   # not on the spot: a clerk looks at it


class CreditLevel(StrEnum):
    OK = "ok"        # good, or no record
    WATCH = "watch"  # a minor record (e.g. an administrative penalty still on file)
    BAD = "bad"      # serious dishonesty (失信被执行人 …): excluded from 秒批 and 容缺受理

    @property
    def label(self) -> str:
        return {"ok": "良好", "watch": "关注", "bad": "不良"}[self.value]


@dataclass(frozen=True)
class CreditStanding:
    level: CreditLevel
    reason: str = ""   # the platform's words, for a clerk's screen; never copied into the trace

    @classmethod
    def from_platform(cls, level: str, dishonest: bool, reason: str = "") -> CreditStanding:
        """Map the central platform's ``CreditStanding`` (docs/central-api.yaml: good, no_record, warning,
        bad; ``dishonest`` = on the 失信被执行人 list) to ours. Dishonest is bad whatever the level says."""
        if dishonest or level == "bad":
            return cls(CreditLevel.BAD, reason)
        if level == "warning":
            return cls(CreditLevel.WATCH, reason)
        if level in ("good", "no_record"):
            return cls(CreditLevel.OK, reason)
        raise ApprovalError(f"unknown platform credit level {level!r}", code="APPROVAL_CREDIT_LEVEL")


OpenCases = Callable[[Person, str], int]            # (person, implementation code) -> cases not yet completed
CreditCheck = Callable[[Person], CreditStanding]    # raises when the platform cannot be asked


@dataclass(frozen=True)
class ApprovalPorts:
    """How the engine asks the outside world. A port that cannot answer raises ``HalltermError`` (e.g. the
    sync client's ``SyncError``), ``OSError`` or ``TimeoutError``; the rule is then "unknown"."""

    open_cases: OpenCases
    credit: CreditCheck


@dataclass(frozen=True)
class Application:
    item: ServiceItem
    applicant: Person
    form: Mapping[str, Any]
    materials: Mapping[str, MaterialStatus]   # material code -> what happened to it; absent = missing
    commitment_signed: bool
    on: date                                  # the day of the decision (age, deadlines)

    def __repr__(self) -> str:   # the form holds personal data; a traceback must not print it
        return f"Application(item={self.item.implementation_code}, applicant={self.applicant!r}, on={self.on})"

    @classmethod
    def from_case(cls, case: Case, item: ServiceItem, on: date | None = None) -> Application:
        """The application a draft or submitted case represents."""
        return cls(item=item, applicant=case.applicant, form=dict(case.form),
                   materials={m.code: m.status for m in case.materials},
                   commitment_signed=case.commitment is not None,
                   on=on or (case.submitted_at or case.created_at).date())


@dataclass(frozen=True)
class RuleResult:
    rule_id: str
    passed: bool | None   # None: could not be checked
    detail: str           # plain Chinese, non-personal: "申请人已满18周岁", "缺少材料：floor_plan"

    def to_dict(self) -> dict[str, Any]:
        return {"rule_id": self.rule_id, "passed": self.passed, "detail": self.detail}


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    trace: tuple[RuleResult, ...]
    advice: tuple[str, ...]          # what the citizen should do next, one sentence per failed rule
    rule_set: str = ""
    version: int = 0

    @property
    def is_instant(self) -> bool:
        return self.outcome is Outcome.INSTANT

    @property
    def failed(self) -> tuple[RuleResult, ...]:
        return tuple(r for r in self.trace if r.passed is False)

    @property
    def unknown(self) -> tuple[RuleResult, ...]:
        return tuple(r for r in self.trace if r.passed is None)

    @property
    def undecided(self) -> bool:
        """Nothing failed, but something could not be checked: fit for a normal promised case."""
        return not self.failed and bool(self.unknown)

    def trace_dicts(self) -> list[dict[str, Any]]:
        """The trace as JSON-ready dicts, for ``instant_approve(rule_trace=...)``."""
        return [r.to_dict() for r in self.trace]

    def to_record(self) -> dict[str, Any]:
        """Everything an audit entry needs, JSON-ready and free of personal data."""
        return {"rule_set": self.rule_set, "version": self.version, "outcome": self.outcome.value,
                "trace": self.trace_dicts()}
