"""Reading 秒批 rule sets: one YAML file per rule set in ``resources/approval/``, named after the set
(``public_health_licence.yaml`` is what ``instant_approval: public_health_licence`` refers to).

Loading is strict, because a rule set decides without a person looking: an unknown key or rule kind, a
missing or wrong parameter, a rule that names a form field or material an item using the set does not
have, an item whose ``instant_approval`` has no rule set — each raises ``ApprovalRuleError`` with a stable
code and the file, rule and field, and nothing is approved until it is fixed. Every rule set must check
where the identity came from and the applicant's credit (``REQUIRED_KINDS``) for every item it serves.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

import pydantic
import yaml

from core.approval.engine import Rule, RuleBook, RuleSet
from core.approval.kinds import KINDS, Mismatch
from core.catalog import Catalog
from core.catalog.fields import KEY_PATTERN
from core.catalog.models import IMPLEMENTATION_CODE_PATTERN, RULE_SET_PATTERN
from core.errors import HalltermError

log = logging.getLogger(__name__)

_REPO_ROOT = Path(__file__).resolve().parents[2]
_TOP_KEYS = frozenset({"title", "basis", "version", "unknown_advice", "rules"})
_TOP_REQUIRED = ("title", "version", "unknown_advice", "rules")
_RULE_KEYS = frozenset({"id", "description", "kind", "params", "advice", "advice_unknown", "applies_to"})
_RULE_REQUIRED = ("id", "description", "kind", "advice")
REQUIRED_KINDS = ("identity_source", "credit")


def default_rules_dir() -> Path:
    return _REPO_ROOT / "resources" / "approval"


class ApprovalRuleError(HalltermError):
    """A rule file is wrong. ``path``, ``rule`` and ``field`` say where."""

    code = "APPROVAL_RULES_INVALID"
    user_message = "秒批规则加载失败，暂停自助秒批。请到综合窗口办理。"

    def __init__(self, path: Path | str, detail: str, *, code: str, rule: str | None = None,
                 field: str | None = None):
        self.path, self.rule, self.field = str(path), rule, field
        where = str(path) + (f" rule '{rule}'" if rule else "") + (f" field '{field}'" if field else "")
        super().__init__(f"{where}: {detail}", code=code)


class _StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe loading that refuses a key written twice (YAML 1.2 3.2.1.1; PyYAML would keep the last)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError("while constructing a mapping", node.start_mark,
                                                        f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _read(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ApprovalRuleError(path, f"cannot read: {exc}", code="APPROVAL_NOT_FOUND") from exc
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1} column {mark.column + 1}: " if mark else ""
        raise ApprovalRuleError(path, f"{where}{exc.problem or exc.context}", code="APPROVAL_YAML_SYNTAX") from None
    except yaml.YAMLError as exc:
        raise ApprovalRuleError(path, str(exc), code="APPROVAL_YAML_SYNTAX") from None


def _keys(path: Path, raw: Any, allowed: frozenset[str], required: tuple[str, ...], rule: str | None) -> None:
    if not isinstance(raw, dict):
        raise ApprovalRuleError(path, "expected a mapping", code="APPROVAL_STRUCTURE", rule=rule)
    for key in raw:
        if key not in allowed:
            raise ApprovalRuleError(path, f"unknown key; expected {', '.join(sorted(allowed))}",
                                    code="APPROVAL_STRUCTURE", rule=rule, field=str(key))
    for key in required:
        if key not in raw:
            raise ApprovalRuleError(path, "missing", code="APPROVAL_STRUCTURE", rule=rule, field=key)


def _text(path: Path, raw: dict[str, Any], key: str, rule: str | None = None, *, optional: bool = False) -> str:
    value = raw.get(key, "" if optional else None)
    if not isinstance(value, str) or (not optional and not value.strip()):
        raise ApprovalRuleError(path, "must be non-empty text", code="APPROVAL_STRUCTURE", rule=rule, field=key)
    return value.strip()


def _rule(path: Path, raw: Any, index: int) -> Rule:
    label = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else f"#{index + 1}"
    _keys(path, raw, _RULE_KEYS, _RULE_REQUIRED, label)
    if not isinstance(raw["id"], str) or not _matches(KEY_PATTERN, raw["id"]):
        raise ApprovalRuleError(path, "a rule id is lower-case letters, digits and _", code="APPROVAL_STRUCTURE",
                                rule=label, field="id")
    kind = raw["kind"]
    if kind not in KINDS:
        raise ApprovalRuleError(path, f"unknown rule kind {kind!r}; known: {', '.join(sorted(KINDS))}",
                                code="APPROVAL_UNKNOWN_KIND", rule=label, field="kind")
    params = raw.get("params") or {}
    try:
        parsed = KINDS[kind].params.model_validate(params)
    except pydantic.ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in ("params", *first["loc"]))
        raise ApprovalRuleError(path, first["msg"].removeprefix("Value error, "), code="APPROVAL_PARAM_INVALID",
                                rule=label, field=where) from None
    applies_to = raw.get("applies_to")
    if applies_to is not None and (not isinstance(applies_to, list) or not applies_to
                                   or not all(isinstance(c, str) and _matches(IMPLEMENTATION_CODE_PATTERN, c)
                                              for c in applies_to)):
        raise ApprovalRuleError(path, "expected a non-empty list of implementation codes", code="APPROVAL_STRUCTURE",
                                rule=label, field="applies_to")
    return Rule(id=raw["id"], description=_text(path, raw, "description", label), kind=kind, params=parsed,
                advice=_text(path, raw, "advice", label),
                advice_unknown=_text(path, raw, "advice_unknown", label, optional=True),
                applies_to=frozenset(applies_to) if applies_to is not None else None)


def _matches(pattern: str, value: str) -> bool:
    return re.match(pattern, value) is not None


def load_rule_set(path: Path) -> RuleSet:
    """One file, checked on its own (``check_catalog`` then checks it against the items that use it)."""
    name = path.stem
    if not _matches(RULE_SET_PATTERN, name):
        raise ApprovalRuleError(path, "a rule set file is named <rule set>.yaml with lower-case letters, digits "
                                "and _", code="APPROVAL_STRUCTURE")
    raw = _read(path)
    _keys(path, raw, _TOP_KEYS, _TOP_REQUIRED, None)
    version = raw["version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ApprovalRuleError(path, "must be a whole number from 1", code="APPROVAL_STRUCTURE", field="version")
    if not isinstance(raw["rules"], list) or not raw["rules"]:
        raise ApprovalRuleError(path, "must be a non-empty list", code="APPROVAL_STRUCTURE", field="rules")
    rules = [_rule(path, entry, index) for index, entry in enumerate(raw["rules"])]
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise ApprovalRuleError(path, "the same rule id is used twice", code="APPROVAL_DUPLICATE", rule=rule.id)
        seen.add(rule.id)
    return RuleSet(name=name, title=_text(path, raw, "title"), version=version,
                   unknown_advice=_text(path, raw, "unknown_advice"), rules=tuple(rules),
                   basis=_text(path, raw, "basis", optional=True), source=str(path))


def check_catalog(book: RuleBook, catalog: Catalog) -> None:
    """Every ``instant_approval`` of the catalogue has a rule set, and every rule fits every item it serves."""
    for item in catalog.instant_items():
        if item.instant_approval not in book:
            raise ApprovalRuleError(f"{default_rules_dir().name}/{item.instant_approval}.yaml",
                                    f"item {item.implementation_code} uses rule set {item.instant_approval!r}, "
                                    "which does not exist", code="APPROVAL_RULESET_MISSING")
    for rule_set in book.values():
        users = {i.implementation_code: i for i in catalog.instant_items() if i.instant_approval == rule_set.name}
        if not users:
            log.warning("rule set %s is not used by any item of the catalogue", rule_set.name)
        for rule in rule_set.rules:
            for code in sorted(rule.applies_to or ()):
                if code not in users:
                    raise ApprovalRuleError(rule_set.source, f"item {code} does not use rule set {rule_set.name!r}",
                                            code="APPROVAL_UNKNOWN_ITEM", rule=rule.id, field="applies_to")
        for code, item in users.items():
            rules = rule_set.rules_for(code)
            for kind in REQUIRED_KINDS:
                if not any(rule.kind == kind for rule in rules):
                    raise ApprovalRuleError(rule_set.source, f"no '{kind}' rule applies to item {code}",
                                            code="APPROVAL_RULESET_INCOMPLETE")
            for rule in rules:
                try:
                    KINDS[rule.kind].verify(rule.params, item)
                except Mismatch as exc:
                    raise ApprovalRuleError(rule_set.source, exc.message, code=exc.code, rule=rule.id,
                                            field=exc.field) from None


def load_rule_sets(catalog: Catalog, directory: Path | None = None) -> RuleBook:
    """Every rule set of ``directory`` (default ``resources/approval``), checked against ``catalog``."""
    directory = directory or default_rules_dir()
    if not directory.is_dir():
        raise ApprovalRuleError(directory, "rule set directory does not exist", code="APPROVAL_NOT_FOUND")
    book = RuleBook({path.stem: load_rule_set(path) for path in sorted(directory.glob("*.yaml"))})
    check_catalog(book, catalog)
    log.info("instant-approval rule sets loaded: %s", ", ".join(f"{s.name} v{s.version}" for s in book.values()))
    return book
