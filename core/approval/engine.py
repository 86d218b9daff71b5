"""Rule sets and the decision: every applicable rule is evaluated (so the citizen hears everything that
stands in the way at once, 一次性告知), and the outcome is instant only if every one of them passed."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from core.approval.kinds import KINDS, Context
from core.approval.model import (
    Application,
    ApprovalError,
    ApprovalPorts,
    Decision,
    Outcome,
    RuleResult,
)
from core.approval.params import Params

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rule:
    id: str
    description: str                         # plain Chinese: what is checked
    kind: str                                # a key of core.approval.kinds.KINDS
    params: Params
    advice: str                              # what to do when it fails: where to go, what to bring
    advice_unknown: str = ""                 # when it cannot be checked; the rule set's default if empty
    applies_to: frozenset[str] | None = None  # implementation codes; None: every item using the set

    def applies(self, item_code: str) -> bool:
        return self.applies_to is None or item_code in self.applies_to

    def evaluate(self, context: Context) -> RuleResult:
        passed, detail = KINDS[self.kind].evaluate(self.params, context)
        return RuleResult(rule_id=self.id, passed=passed, detail=detail)


@dataclass(frozen=True)
class RuleSet:
    name: str                   # what ServiceItem.instant_approval says
    title: str
    version: int                # goes into every decision, so an audit can tell which rules decided
    unknown_advice: str         # default advice when a rule cannot be checked
    rules: tuple[Rule, ...]
    basis: str = ""             # the regulation or notice the rules come from
    source: str = ""            # the file it was read from, for error messages

    def rules_for(self, item_code: str) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.rules if rule.applies(item_code))

    def evaluate(self, application: Application, ports: ApprovalPorts) -> Decision:
        code = application.item.implementation_code
        if application.item.instant_approval != self.name:
            raise ApprovalError(f"item {code} uses rule set {application.item.instant_approval!r}, not {self.name!r}",
                                code="APPROVAL_WRONG_RULE_SET")
        context = Context(application=application, ports=ports)
        trace: list[RuleResult] = []
        advice: list[str] = []
        for rule in self.rules_for(code):
            result = rule.evaluate(context)
            trace.append(result)
            if result.passed is False:
                advice.append(rule.advice)
            elif result.passed is None:
                advice.append(rule.advice_unknown or self.unknown_advice)
        # Instant only on a full, all-True trace: a rule that could not be checked never counts as passed.
        instant = bool(trace) and all(r.passed is True for r in trace)
        decision = Decision(outcome=Outcome.INSTANT if instant else Outcome.REFER_TO_COUNTER, trace=tuple(trace),
                            advice=tuple(dict.fromkeys(advice)), rule_set=self.name, version=self.version)
        log.info("instant approval %s v%d for %s: %s (failed %s, unknown %s)", self.name, self.version, code,
                 decision.outcome.value, [r.rule_id for r in decision.failed], [r.rule_id for r in decision.unknown])
        return decision


class RuleBook(Mapping[str, RuleSet]):
    """Every loaded rule set by name; the one thing a kiosk needs to decide any 秒批 item."""

    def __init__(self, rule_sets: Mapping[str, RuleSet]):
        self._sets = MappingProxyType(dict(rule_sets))

    def __getitem__(self, name: str) -> RuleSet:
        return self._sets[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._sets)

    def __len__(self) -> int:
        return len(self._sets)

    def __repr__(self) -> str:
        return f"RuleBook({', '.join(self._sets)})"

    def for_item(self, item_code: str, rule_set: str | None) -> RuleSet:
        if rule_set is None:
            raise ApprovalError(f"item {item_code} has no instant-approval rule set", code="APPROVAL_NOT_INSTANT")
        try:
            return self._sets[rule_set]
        except KeyError:
            raise ApprovalError(f"rule set {rule_set!r} of item {item_code} is not loaded",
                                code="APPROVAL_RULESET_MISSING") from None

    def evaluate(self, application: Application, ports: ApprovalPorts) -> Decision:
        item = application.item
        return self.for_item(item.implementation_code, item.instant_approval).evaluate(application, ports)
