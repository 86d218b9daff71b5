"""Rule files are checked strictly: every mistake has a stable code and names the file, rule and field."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from core.approval import (
    KINDS,
    REQUIRED_KINDS,
    ApprovalRuleError,
    RuleBook,
    check_catalog,
    default_rules_dir,
    load_rule_sets,
)
from core.catalog import Catalog

RULES_FILE = default_rules_dir() / "public_health_licence.yaml"


def test_the_hall_rule_sets_cover_every_instant_item(book: RuleBook, catalog: Catalog) -> None:
    names = {item.instant_approval for item in catalog.instant_items()}
    assert names and names <= set(book)
    check_catalog(book, catalog)


def test_the_shipped_rule_set_uses_every_rule_kind_and_gives_advice(book: RuleBook) -> None:
    rule_set = book["public_health_licence"]
    assert {r.kind for r in rule_set.rules} == set(KINDS)
    assert set(REQUIRED_KINDS) <= {r.kind for r in rule_set.rules}
    for rule in rule_set.rules:
        assert "窗口" in rule.advice, rule.id           # where to go …
        assert rule.description and rule.advice.endswith("。")


def original() -> dict[str, Any]:
    return yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))


def rule_named(data: dict[str, Any], rule_id: str) -> dict[str, Any]:
    return next(r for r in data["rules"] if r["id"] == rule_id)


def load_changed(tmp_path: Path, catalog: Catalog, change: Callable[[dict[str, Any]], Any],
                 name: str = "public_health_licence.yaml") -> RuleBook:
    data = copy.deepcopy(original())
    change(data)
    (tmp_path / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_rule_sets(catalog, tmp_path)


def test_an_unchanged_copy_loads(tmp_path: Path, catalog: Catalog) -> None:
    assert set(load_changed(tmp_path, catalog, lambda data: None)) == {"public_health_licence"}


def _set(rule_id: str, key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda data: rule_named(data, rule_id).__setitem__(key, value)


def _drop(rule_id: str, key: str) -> Callable[[dict[str, Any]], None]:
    return lambda data: rule_named(data, rule_id).pop(key)


CASES = [
    # (change, code, rule, field)
    (_set("applicant_adult", "kind", "max_age"), "APPROVAL_UNKNOWN_KIND", "applicant_adult", "kind"),
    (_drop("identity_verified", "params"), "APPROVAL_PARAM_INVALID", "identity_verified", "params.allowed"),
    (_set("identity_verified", "params", {"allowed": ["phone"]}), "APPROVAL_PARAM_INVALID", "identity_verified",
     "params.allowed.0"),
    (_set("applicant_adult", "params", {"years": -1}), "APPROVAL_PARAM_INVALID", "applicant_adult", "params.years"),
    (_set("applicant_adult", "params", {"years": 18, "months": 6}), "APPROVAL_PARAM_INVALID", "applicant_adult",
     "params.months"),
    (_set("credit_standing", "params", {"refuse": ["watch"]}), "APPROVAL_PARAM_INVALID", "credit_standing",
     "params.refuse"),
    (_set("staff_health_certified", "params", {"left": "health_certified_count", "op": ">="}),
     "APPROVAL_PARAM_INVALID", "staff_health_certified", "params"),
    (_set("licence_number_format", "params", {"field": "licence_number", "pattern": "([unclosed"}),
     "APPROVAL_PARAM_INVALID", "licence_number_format", "params.pattern"),
    (_set("staff_health_certified", "params", {"left": "health_certified_count", "op": ">=",
                                               "right_field": "employee_count"}),
     "APPROVAL_UNKNOWN_FIELD", "staff_health_certified", "employee_count"),
    (_drop("staff_health_certified", "applies_to"), "APPROVAL_UNKNOWN_FIELD", "staff_health_certified",
     "health_certified_count"),   # 变更 has no such field
    (_set("renewal_in_time", "params", {"field": "licence_number", "min": 30}), "APPROVAL_FIELD_TYPE",
     "renewal_in_time", "licence_number"),
    (_set("staff_health_certified", "params", {"left": "health_certified_count", "op": ">=",
                                               "right_value": 1, "right_field": "staff_count"}),
     "APPROVAL_PARAM_INVALID", "staff_health_certified", "params"),
    (_set("venue_low_risk", "params", {"field": "venue_category", "values": ["网吧"]}), "APPROVAL_PARAM_INVALID",
     "venue_low_risk", "venue_category"),
    (_set("materials_ready", "params", {"codes": ["floor_plan", "fire_certificate"]}), "APPROVAL_UNKNOWN_MATERIAL",
     "materials_ready", "fire_certificate"),
    (_set("renewal_in_time", "applies_to", ["430102SJ000301"]), "APPROVAL_UNKNOWN_ITEM", "renewal_in_time",
     "applies_to"),
    (_set("renewal_in_time", "applies_to", "430102WJ000103"), "APPROVAL_STRUCTURE", "renewal_in_time", "applies_to"),
    (_set("renewal_in_time", "id", "applicant_adult"), "APPROVAL_DUPLICATE", "applicant_adult", None),
    (_set("renewal_in_time", "id", "Renewal"), "APPROVAL_STRUCTURE", "Renewal", "id"),
    (_drop("commitment_signed", "advice"), "APPROVAL_STRUCTURE", "commitment_signed", "advice"),
    (_set("commitment_signed", "advice", "  "), "APPROVAL_STRUCTURE", "commitment_signed", "advice"),
    (_set("commitment_signed", "when", "always"), "APPROVAL_STRUCTURE", "commitment_signed", "when"),
    (lambda data: data["rules"].remove(rule_named(data, "credit_standing")), "APPROVAL_RULESET_INCOMPLETE", None,
     None),
    (_set("identity_verified", "applies_to", ["430102WJ000101"]), "APPROVAL_RULESET_INCOMPLETE", None, None),
    (lambda data: data.__setitem__("version", 0), "APPROVAL_STRUCTURE", None, "version"),
    (lambda data: data.__setitem__("rules", []), "APPROVAL_STRUCTURE", None, "rules"),
    (lambda data: data.pop("unknown_advice"), "APPROVAL_STRUCTURE", None, "unknown_advice"),
    (lambda data: data.__setitem__("owner", "wjj"), "APPROVAL_STRUCTURE", None, "owner"),
]


@pytest.mark.parametrize(("change", "code", "rule", "field"), CASES,
                         ids=[f"{c[1]}-{n}" for n, c in enumerate(CASES)])
def test_a_mistake_is_reported_with_code_file_rule_and_field(tmp_path: Path, catalog: Catalog, change: Callable,
                                                             code: str, rule: str | None, field: str | None) -> None:
    with pytest.raises(ApprovalRuleError) as caught:
        load_changed(tmp_path, catalog, change)
    error = caught.value
    assert error.code == code, error.detail
    assert "public_health_licence.yaml" in error.detail
    assert error.rule == rule
    if field is not None:
        assert field in (error.field or "") or field in error.detail, error.detail
    assert error.user_message == "秒批规则加载失败，暂停自助秒批。请到综合窗口办理。"


def test_a_key_written_twice_is_a_syntax_error(tmp_path: Path, catalog: Catalog) -> None:
    text = RULES_FILE.read_text(encoding="utf-8").replace("version: 1\n", "version: 1\nversion: 2\n")
    (tmp_path / "public_health_licence.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ApprovalRuleError) as caught:
        load_rule_sets(catalog, tmp_path)
    assert caught.value.code == "APPROVAL_YAML_SYNTAX"
    assert "duplicate key 'version'" in caught.value.detail


def test_a_rule_set_the_catalogue_needs_must_exist(tmp_path: Path, catalog: Catalog) -> None:
    with pytest.raises(ApprovalRuleError) as caught:
        load_rule_sets(catalog, tmp_path)
    assert caught.value.code == "APPROVAL_RULESET_MISSING"
    assert "430102WJ000101" in caught.value.detail


def test_a_file_name_must_be_a_rule_set_name(tmp_path: Path, catalog: Catalog) -> None:
    with pytest.raises(ApprovalRuleError) as caught:
        load_changed(tmp_path, catalog, lambda data: None, name="Public-Health.yaml")
    assert caught.value.code == "APPROVAL_STRUCTURE"


def test_a_missing_directory_is_reported(tmp_path: Path, catalog: Catalog) -> None:
    with pytest.raises(ApprovalRuleError) as caught:
        load_rule_sets(catalog, tmp_path / "nowhere")
    assert caught.value.code == "APPROVAL_NOT_FOUND"


def test_a_rule_set_nobody_uses_yet_loads(tmp_path: Path, catalog: Catalog) -> None:
    # Written ahead of the catalogue change that switches an item to it: nothing to check fields against yet.
    spare = {"title": "居住证签注 秒批规则", "version": 1, "unknown_advice": "请到一楼A区公安窗口办理。", "rules": [
        {"id": "identity_verified", "description": "身份经读卡核验", "kind": "identity_source",
         "params": {"allowed": ["card"]}, "advice": "请刷身份证后重新申请，或到一楼A区公安窗口办理。"},
        {"id": "credit_standing", "description": "无严重失信记录", "kind": "credit",
         "advice": "请到一楼A区公安窗口办理。"},
    ]}
    (tmp_path / "residence_permit_endorsement.yaml").write_text(yaml.safe_dump(spare, allow_unicode=True),
                                                               encoding="utf-8")
    book = load_changed(tmp_path, catalog, lambda data: None)
    assert set(book) == {"public_health_licence", "residence_permit_endorsement"}
    assert [r.kind for r in book["residence_permit_endorsement"].rules] == ["identity_source", "credit"]
