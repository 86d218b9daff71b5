"""The kinds of rule a 秒批 rule set may use: each one's parameters (``core.approval.params``), its check
against the form and materials of an item that uses it (at load time), and its evaluation (at decision time).

A check returns ``(passed, detail)``: ``passed`` is True, False, or None when the rule could not be
checked (a port did not answer, the age cannot be known). ``detail`` is plain Chinese for the trace and
never contains a form value or anything about the person beyond the rule's outcome.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core.approval.model import Application, ApprovalPorts
from core.approval.params import (
    CreditParams,
    DaysUntilParams,
    FieldCompareParams,
    FieldInParams,
    FieldRegexParams,
    FormMatchesIdentityParams,
    FormValidParams,
    IdentitySourceParams,
    MaterialsParams,
    MinAgeParams,
    NoParams,
    Params,
)
from core.cases.model import MaterialStatus
from core.catalog.fields import FieldType
from core.catalog.models import ServiceItem
from core.errors import HalltermError, ValidationError
from core.identity import IdentitySource

# What a port raises when the platform cannot answer; anything else is a bug and propagates.
PORT_FAILURES = (HalltermError, OSError, TimeoutError)

Result = tuple[bool | None, str]


class Mismatch(Exception):
    """A rule does not fit an item that uses it; the loader turns this into ApprovalRuleError."""

    def __init__(self, code: str, field: str, message: str):
        super().__init__(message)
        self.code, self.field, self.message = code, field, message


@dataclass(frozen=True)
class Context:
    application: Application
    ports: ApprovalPorts


# --- load-time checks against an item ----------------------------------------------------------------

def _need_field(item: ServiceItem, key: str, types: frozenset[FieldType] | None = None) -> FieldType:
    form_field = item.form_field(key)
    if form_field is None:
        raise Mismatch("APPROVAL_UNKNOWN_FIELD", key, f"item {item.implementation_code} has no form field '{key}'")
    if types is not None and form_field.type not in types:
        wanted = ", ".join(sorted(t.value for t in types))
        raise Mismatch("APPROVAL_FIELD_TYPE", key, f"form field '{key}' of item {item.implementation_code} is "
                       f"{form_field.type.value}; this rule needs {wanted}")
    return form_field.type


def _need_material(item: ServiceItem, code: str) -> None:
    if item.material(code) is None:
        raise Mismatch("APPROVAL_UNKNOWN_MATERIAL", code,
                       f"item {item.implementation_code} has no material '{code}'")


_ORDERED = frozenset({FieldType.NUMBER, FieldType.DATE})


def _verify_compare(p: FieldCompareParams, item: ServiceItem) -> None:
    left = _need_field(item, p.left, _ORDERED)
    if p.right_field is not None:
        right = _need_field(item, p.right_field, _ORDERED)
        if right is not left:
            raise Mismatch("APPROVAL_FIELD_TYPE", p.right_field, f"cannot compare {left.value} with {right.value}")
    elif left is not FieldType.NUMBER:
        raise Mismatch("APPROVAL_FIELD_TYPE", p.left, "'right_value' is a number; the field must be a number")


def _verify_in(p: FieldInParams, item: ServiceItem) -> None:
    _need_field(item, p.field)
    choices = item.form_field(p.field).choices
    unknown = [v for v in p.values if choices and v not in choices]
    if unknown:
        raise Mismatch("APPROVAL_PARAM_INVALID", p.field, f"values {unknown} are not choices of '{p.field}' "
                       f"in item {item.implementation_code}")


# --- evaluation --------------------------------------------------------------------------------------

_SOURCE_LABELS = {IdentitySource.CARD: "身份证读卡", IdentitySource.ELICENCE: "电子证照",
                  IdentitySource.TYPED: "手工录入"}


def _identity_source(p: IdentitySourceParams, ctx: Context) -> Result:
    source = ctx.application.applicant.source
    label = _SOURCE_LABELS[source]
    if source in p.allowed:
        return True, f"身份经{label}核验"
    return False, f"身份为{label}，不能秒批"


def _min_age(p: MinAgeParams, ctx: Context) -> Result:
    try:
        age = ctx.application.applicant.age_on(ctx.application.on)
    except ValidationError:
        age = None
    if age is None:
        return None, "无法确定申请人年龄"
    return (True, f"申请人已满{p.years}周岁") if age >= p.years else (False, f"申请人未满{p.years}周岁")


def _plain(value: Any) -> str:
    return unicodedata.normalize("NFKC", str(value)).strip().upper()


def _form_matches_identity(p: FormMatchesIdentityParams, ctx: Context) -> Result:
    typed = ctx.application.form.get(p.field)
    if typed is None or _plain(typed) == "":
        return False, f"表单未填写{p.field}"
    known = getattr(ctx.application.applicant, p.attribute)
    if _plain(typed) == _plain(known):
        return True, f"表单{p.field}与核验身份一致"
    return False, f"表单{p.field}与核验身份不一致"


def _form_valid(p: FormValidParams, ctx: Context) -> Result:
    fields = [f for f in ctx.application.item.form_fields if not p.fields or f.key in p.fields]
    failures = []
    for form_field in fields:
        try:
            form_field.validate_value(ctx.application.form.get(form_field.key))
        except ValidationError as exc:
            failures.append(f"{form_field.key}({exc.code})")
    if failures:
        return False, "未通过校验：" + "、".join(failures)
    return True, f"{len(fields)}项填写有效"


def _commitment_signed(_: NoParams, ctx: Context) -> Result:
    return (True, "已签署告知承诺书") if ctx.application.commitment_signed else (False, "未签署告知承诺书")


def _no_open_case(_: NoParams, ctx: Context) -> Result:
    try:
        count = ctx.ports.open_cases(ctx.application.applicant, ctx.application.item.implementation_code)
    except PORT_FAILURES as exc:
        return None, f"在办件暂时无法查询（{getattr(exc, 'code', type(exc).__name__)}）"
    return (True, "无同一事项的在办件") if count == 0 else (False, f"同一事项已有{count}件在办")


def _credit(p: CreditParams, ctx: Context) -> Result:
    try:
        standing = ctx.ports.credit(ctx.application.applicant)
    except PORT_FAILURES as exc:
        return None, f"信用信息暂时无法核验（{getattr(exc, 'code', type(exc).__name__)}）"
    label = standing.level.label
    return (False, f"信用状况{label}") if standing.level in p.refuse else (True, f"信用状况{label}")


def _materials(p: MaterialsParams, ctx: Context) -> Result:
    item, received = ctx.application.item, ctx.application.materials
    codes = p.codes or tuple(m.code for m in item.materials if m.required)
    missing, tolerated = [], []
    for code in codes:
        status = received.get(code)
        if status is not None and status.is_received:
            continue
        if p.tolerate and item.material(code).tolerable and status is MaterialStatus.TOLERATED_MISSING:
            tolerated.append(code)
        else:
            missing.append(code)
    if missing:
        return False, "缺少材料：" + "、".join(missing)
    return True, "材料齐全" + (f"（容缺：{'、'.join(tolerated)}）" if tolerated else "")


def _value(ctx: Context, key: str) -> Any:
    """The normalised answer, or None when it is empty or does not pass the field's own rule."""
    try:
        return ctx.application.item.form_field(key).validate_value(ctx.application.form.get(key))
    except ValidationError:
        return None


_OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


def _field_compare(p: FieldCompareParams, ctx: Context) -> Result:
    left = _value(ctx, p.left)
    right = _value(ctx, p.right_field) if p.right_field is not None else p.right_value
    shown = f"{p.left} {p.op} {p.right_field if p.right_field is not None else format(p.right_value, 'g')}"
    if left is None or right is None:
        return False, f"{shown}：未填写或无效"
    return (True, f"{shown}：满足") if _OPERATORS[p.op](left, right) else (False, f"{shown}：不满足")


def _field_in(p: FieldInParams, ctx: Context) -> Result:
    if _value(ctx, p.field) in p.values:
        return True, f"{p.field}在秒批范围内"
    return False, f"{p.field}不在秒批范围内"


def _field_regex(p: FieldRegexParams, ctx: Context) -> Result:
    value = _value(ctx, p.field)
    if value is not None and re.fullmatch(p.pattern, str(value)):
        return True, f"{p.field}格式正确"
    return False, f"{p.field}格式不正确"


def _days_until(p: DaysUntilParams, ctx: Context) -> Result:
    value = _value(ctx, p.field)
    bounds = "、".join(b for b in (f"至少{p.min}天" if p.min is not None else "",
                                   f"至多{p.max}天" if p.max is not None else "") if b)
    if value is None:
        return False, f"{p.field}未填写或无效"
    days = (value - ctx.application.on).days
    within = (p.min is None or days >= p.min) and (p.max is None or days <= p.max)
    return (True, f"{p.field}距今{bounds}：满足") if within else (False, f"{p.field}距今{bounds}：不满足")


# --- the registry ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Kind:
    params: type[Params]
    evaluate: Callable[[Any, Context], Result]
    verify: Callable[[Any, ServiceItem], None] = lambda params, item: None


def _verify_fields(*names: str, types: frozenset[FieldType] | None = None) -> Callable[[Any, ServiceItem], None]:
    def verify(params: Any, item: ServiceItem) -> None:
        for name in names:
            value = getattr(params, name)
            for key in (value if isinstance(value, tuple) else (value,)):
                _need_field(item, key, types)
    return verify


def _verify_identity_field(p: FormMatchesIdentityParams, item: ServiceItem) -> None:
    _need_field(item, p.field, frozenset({FieldType.ID_NUMBER if p.attribute == "id_number" else FieldType.TEXT}))


def _verify_materials(p: MaterialsParams, item: ServiceItem) -> None:
    for code in p.codes:
        _need_material(item, code)


KINDS: dict[str, Kind] = {
    "identity_source": Kind(IdentitySourceParams, _identity_source),
    "min_age": Kind(MinAgeParams, _min_age),
    "form_matches_identity": Kind(FormMatchesIdentityParams, _form_matches_identity, _verify_identity_field),
    "form_valid": Kind(FormValidParams, _form_valid, _verify_fields("fields")),
    "commitment_signed": Kind(NoParams, _commitment_signed),
    "no_open_case": Kind(NoParams, _no_open_case),
    "credit": Kind(CreditParams, _credit),
    "materials": Kind(MaterialsParams, _materials, _verify_materials),
    "field_compare": Kind(FieldCompareParams, _field_compare, _verify_compare),
    "field_in": Kind(FieldInParams, _field_in, _verify_in),
    "field_regex": Kind(FieldRegexParams, _field_regex, _verify_fields("field")),
    "days_until": Kind(DaysUntilParams, _days_until, _verify_fields("field", types=frozenset({FieldType.DATE}))),
}
