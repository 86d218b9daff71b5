"""Instant approval (秒批): declarative rule sets in ``resources/approval/*.yaml`` decide whether a 即办件
can be accepted and completed on the spot, with a trace of every rule and plain-words advice otherwise.

``load_rule_sets(catalog)`` once at start-up; then ``book.evaluate(Application(...), ports)`` per
application. The engine is Qt-free and calls the platform only through the ports the caller passes.
"""

from core.approval.engine import Rule, RuleBook, RuleSet
from core.approval.kinds import KINDS
from core.approval.loader import (
    REQUIRED_KINDS,
    ApprovalRuleError,
    check_catalog,
    default_rules_dir,
    load_rule_set,
    load_rule_sets,
)
from core.approval.model import (
    Application,
    ApprovalError,
    ApprovalPorts,
    CreditCheck,
    CreditLevel,
    CreditStanding,
    Decision,
    OpenCases,
    Outcome,
    RuleResult,
)

__all__ = [
    "KINDS", "REQUIRED_KINDS", "Application", "ApprovalError", "ApprovalPorts", "ApprovalRuleError", "CreditCheck",
    "CreditLevel", "CreditStanding", "Decision", "OpenCases", "Outcome", "Rule", "RuleBook", "RuleResult", "RuleSet",
    "check_catalog", "default_rules_dir", "load_rule_set", "load_rule_sets",
]
