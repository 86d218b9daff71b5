"""Service items (政务服务事项), their materials and implementing departments, after GB/T 39046-2020 table 4.

Values are frozen pydantic models: the catalogue is read once at start-up (``core.catalog.loader``) and
shared by every screen and thread, so nothing may change it in place. Field names are English; the
standard's Chinese name sits beside each one. Production schemas add 办件类型, 是否支持自助终端办理 and
到现场次数; no standard field marks 容缺 (acceptance with a secondary material missing), so each material
carries our local ``tolerable`` flag (the item's 容缺清单).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from core.cases.model import CaseType
from core.catalog.calendar import TimeLimit
from core.catalog.fields import KEY_PATTERN, FormField
from core.errors import ValidationError
from core.identity import validate_uscc

# GB/T 39046 基本编码 an..10 and 实施编码 an..24: letters and digits only.
BASIC_CODE_PATTERN = r"^[0-9A-Z]{1,10}$"
IMPLEMENTATION_CODE_PATTERN = r"^[0-9A-Z]{1,24}$"
DEPARTMENT_CODE_PATTERN = r"^[a-z][a-z0-9]{1,15}$"
RULE_SET_PATTERN = r"^[a-z][a-z0-9_]{0,47}$"
# A guide line is read aloud and shown in large type to people who may not read well: keep it short.
GUIDE_LINE_MAX = 40


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def duplicate_error(what: str, value: str) -> PydanticCustomError:
    """A duplicate inside one item; the loader reports these as CATALOG_DUPLICATE, not a bad value."""
    return PydanticCustomError("catalog_duplicate", "{what} '{value}' appears more than once",
                               {"what": what, "value": value})


class ItemType(StrEnum):
    """事项类型 (GB/T 39046)."""

    LICENSING = "01"          # 行政许可
    PENALTY = "02"            # 行政处罚
    COERCION = "03"           # 行政强制
    LEVY = "04"               # 行政征收
    BENEFIT = "05"            # 行政给付
    INSPECTION = "06"         # 行政检查
    CONFIRMATION = "07"       # 行政确认
    REWARD = "08"             # 行政奖励
    ADJUDICATION = "09"       # 行政裁决
    OTHER = "10"              # 其他行政权力
    PUBLIC_SERVICE = "20"     # 公共服务

    @property
    def label(self) -> str:
        return _ITEM_TYPE_LABELS[self]


_ITEM_TYPE_LABELS = {
    ItemType.LICENSING: "行政许可", ItemType.PENALTY: "行政处罚", ItemType.COERCION: "行政强制",
    ItemType.LEVY: "行政征收", ItemType.BENEFIT: "行政给付", ItemType.INSPECTION: "行政检查",
    ItemType.CONFIRMATION: "行政确认", ItemType.REWARD: "行政奖励", ItemType.ADJUDICATION: "行政裁决",
    ItemType.OTHER: "其他行政权力", ItemType.PUBLIC_SERVICE: "公共服务",
}


class ServiceObject(StrEnum):
    """服务对象."""

    NATURAL_PERSON = "1"      # 自然人
    ENTERPRISE = "2"          # 企业法人
    PUBLIC_INSTITUTION = "3"  # 事业法人
    SOCIAL_ORGANISATION = "4"  # 社会组织法人
    UNINCORPORATED = "5"      # 非法人企业 (个体工商户 and partnerships register here)
    GOVERNMENT = "6"          # 行政机关
    OTHER = "9"               # 其他组织


class HandlingForm(StrEnum):
    """办理形式."""

    WINDOW = "1"     # 窗口办理
    ONLINE_PC = "2"  # 网上办理（电脑端）
    MOBILE = "3"     # 移动端
    POST = "4"       # 快递申请


class MaterialSource(StrEnum):
    """来源渠道."""

    APPLICANT = "applicant"          # 申请人自备
    GOVERNMENT = "government"        # 政府部门核发
    INTERMEDIARY = "intermediary"    # 中介机构
    OTHER = "other"                  # 其他

    @property
    def label(self) -> str:
        return {"applicant": "申请人自备", "government": "政府部门核发", "intermediary": "中介机构",
                "other": "其他"}[self.value]


class Department(_Frozen):
    """实施主体: the office that decides, with its unified social credit code (GB 32100)."""

    code: str = Field(pattern=DEPARTMENT_CODE_PATTERN)
    name: str = Field(min_length=2, max_length=100)
    short_name: str = ""
    uscc: str
    region_code: str = Field(pattern=r"^\d{6}$")   # GB/T 2260 行政区划代码

    @field_validator("uscc")
    @classmethod
    def _uscc_valid(cls, value: str) -> str:
        try:
            return validate_uscc(value)
        except ValidationError as exc:
            raise ValueError(exc.detail) from None


class ElicenceType(_Frozen):
    """One kind of e-licence in the catalogue's 电子证照目录, and the platform's 证照类型代码 that supply it."""

    code: str = Field(pattern=r"^[A-Z]{2,20}$")
    name: str = Field(min_length=2, max_length=60)
    platform_codes: tuple[str, ...] = ()

    @field_validator("platform_codes")
    @classmethod
    def _codes_given(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if any(not code.strip() or len(code) > 40 for code in value):
            raise ValueError("a platform code is 1 to 40 characters")
        return value


class Material(_Frozen):
    """申请材料."""

    code: str = Field(pattern=KEY_PATTERN)   # the same code across items lets a bundle ask once
    name: str = Field(min_length=1, max_length=100)
    issuer: str = ""                          # 出具机构
    originals: int = Field(default=0, ge=0, le=20)   # 原件份数
    copies: int = Field(default=0, ge=0, le=20)      # 复印件份数
    required: bool = True                     # 是否必备
    source: MaterialSource = MaterialSource.APPLICANT
    elicence_type: str | None = None          # e-licence type that can be reused instead of paper
    tolerable: bool = Field(default=False, validate_default=True)  # 容缺: may be supplied later
    blank_form: str | None = None             # 空白表格 file name
    example: str | None = None                # 示例样表 file name
    note: str = ""

    @field_validator("tolerable")
    @classmethod
    def _tolerable_only_if_required(cls, tolerable: bool, info: ValidationInfo) -> bool:
        if tolerable and info.data.get("required") is False:
            raise ValueError("an optional material cannot be on the 容缺 list; only required ones can be deferred")
        return tolerable


class Fee(_Frozen):
    charged: bool = False                     # 是否收费
    description: str = Field(default="", validate_default=True)

    @field_validator("description")
    @classmethod
    def _charged_needs_description(cls, description: str, info: ValidationInfo) -> str:
        if info.data.get("charged") and not description:
            raise ValueError("a charged item must say what it costs and on which basis")
        return description


class ProcessStep(_Frozen):
    name: str = Field(min_length=1)           # 受理 / 审核 / 决定 / 送达
    description: str = ""


class Faq(_Frozen):
    q: str = Field(min_length=1)
    a: str = Field(min_length=1)


def _check_guide(lines: tuple[str, ...]) -> tuple[str, ...]:
    if not lines:
        raise ValueError("the plain-language guide needs at least one sentence")
    for number, line in enumerate(lines, 1):
        if not line.strip():
            raise ValueError(f"guide line {number} is empty")
        if len(line) > GUIDE_LINE_MAX:
            raise ValueError(f"guide line {number} has {len(line)} characters; keep each to {GUIDE_LINE_MAX} at most")
    return lines


class ServiceItem(_Frozen):
    """A service item as one department implements it; ``implementation_code`` is the key."""

    implementation_code: str = Field(pattern=IMPLEMENTATION_CODE_PATTERN)   # 实施编码
    basic_code: str = Field(pattern=BASIC_CODE_PATTERN)                     # 基本编码
    name: str = Field(min_length=2, max_length=200)                         # 事项名称
    short_name: str = Field(default="", max_length=20)                      # for tiles and tickets
    item_type: ItemType                                                     # 事项类型
    department: str = Field(pattern=DEPARTMENT_CODE_PATTERN)                # 实施主体 (code)
    statutory_limit: TimeLimit                                              # 法定办结时限
    promised_limit: TimeLimit                                               # 承诺办结时限
    case_type: CaseType                                                     # 办件类型
    kiosk_capable: bool = False                                             # 是否支持自助终端办理
    instant_approval: str | None = Field(default=None, pattern=RULE_SET_PATTERN)  # 秒批 rule set
    fee: Fee = Fee()
    service_objects: tuple[ServiceObject, ...] = Field(min_length=1)        # 服务对象
    handling_forms: tuple[HandlingForm, ...] = (HandlingForm.WINDOW,)       # 办理形式
    acceptance_conditions: tuple[str, ...] = ()                             # 受理条件
    process: tuple[ProcessStep, ...] = ()                                   # 办理流程
    location: str = Field(min_length=1)                                     # 办理地点
    hours: str = Field(min_length=1)                                        # 办理时间
    consult_phone: str = Field(pattern=r"^[0-9-]{5,20}$")                   # 咨询电话
    supervise_phone: str = Field(default="12345", pattern=r"^[0-9-]{5,20}$")  # 监督投诉电话
    faq: tuple[Faq, ...] = ()                                               # 常见问题
    guide: tuple[str, ...]                                                  # 白话版办事指南
    keywords: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()             # what people say: 开饭店 for 食品经营许可
    life_events: tuple[str, ...] = ()         # 开办企业 / 生育 / 养老 …
    visits: int = Field(default=1, ge=0, le=5)                              # 到现场次数
    licence_name: str | None = None           # what is issued (结果名称)
    licence_elicence_type: str | None = None  # its e-licence type: later items in a bundle need not ask for it
    hot: int | None = Field(default=None, ge=1)   # 1 = most asked for; shown first on the kiosk
    materials: tuple[Material, ...] = ()
    form_fields: tuple[FormField, ...] = ()

    @field_validator("statutory_limit", "promised_limit")
    @classmethod
    def _limit_not_negative(cls, limit: TimeLimit) -> TimeLimit:
        if limit.amount < 0:
            raise ValueError("a time limit cannot be negative")
        return limit

    @field_validator("promised_limit")
    @classmethod
    def _promise_within_law(cls, promised: TimeLimit, info: ValidationInfo) -> TimeLimit:
        # The promised limit may only shorten the statutory one (国办发〔2018〕45号 承诺时限 ≤ 法定时限).
        statutory = info.data.get("statutory_limit")
        if statutory is None:
            return promised
        if promised.unit is not statutory.unit:
            raise ValueError(f"promised limit in {promised.unit.value}s cannot be compared with a statutory "
                             f"limit in {statutory.unit.value}s; use the same unit")
        if promised.amount > statutory.amount:
            raise ValueError(f"promised {promised.amount} exceeds the statutory {statutory.amount} "
                             f"{statutory.unit.value}s")
        return promised

    @field_validator("instant_approval")
    @classmethod
    def _instant_only_for_immediate(cls, rule_set: str | None, info: ValidationInfo) -> str | None:
        if rule_set is not None and info.data.get("case_type") is CaseType.PROMISED:
            raise ValueError("instant approval (秒批) is only for 即办件 (case_type 1), this item is a 承诺件")
        return rule_set

    @field_validator("guide")
    @classmethod
    def _guide_plain(cls, lines: tuple[str, ...]) -> tuple[str, ...]:
        return _check_guide(lines)

    @field_validator("materials")
    @classmethod
    def _material_codes_unique(cls, materials: tuple[Material, ...]) -> tuple[Material, ...]:
        seen: set[str] = set()
        for material in materials:
            if material.code in seen:
                raise duplicate_error("material code", material.code)
            seen.add(material.code)
        return materials

    @field_validator("form_fields")
    @classmethod
    def _field_keys_unique(cls, fields: tuple[FormField, ...]) -> tuple[FormField, ...]:
        seen: set[str] = set()
        for form_field in fields:
            if form_field.key in seen:
                raise duplicate_error("form field key", form_field.key)
            seen.add(form_field.key)
        return fields

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def is_immediate(self) -> bool:
        return self.case_type is CaseType.IMMEDIATE

    @property
    def tolerable_materials(self) -> tuple[Material, ...]:
        """The item's 容缺清单."""
        return tuple(m for m in self.materials if m.tolerable)

    @property
    def limit_label(self) -> str:
        return self.promised_limit.label

    def material(self, code: str) -> Material | None:
        return next((m for m in self.materials if m.code == code), None)

    def form_field(self, key: str) -> FormField | None:
        return next((f for f in self.form_fields if f.key == key), None)


class Bundle(_Frozen):
    """一件事一次办: several items a life event needs, asked for with one form and one set of materials."""

    code: str = Field(pattern=IMPLEMENTATION_CODE_PATTERN)
    name: str = Field(min_length=2, max_length=100)
    items: tuple[str, ...] = Field(min_length=2)    # implementation codes, in the order they are handled
    life_event: str = Field(min_length=1)
    guide: tuple[str, ...]
    keywords: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    hot: int | None = Field(default=None, ge=1)

    @field_validator("items")
    @classmethod
    def _items_unique(cls, codes: tuple[str, ...]) -> tuple[str, ...]:
        if len(set(codes)) != len(codes):
            duplicate = next(c for c in codes if codes.count(c) > 1)
            raise duplicate_error("item", duplicate)
        return codes

    @field_validator("guide")
    @classmethod
    def _guide_plain(cls, lines: tuple[str, ...]) -> tuple[str, ...]:
        return _check_guide(lines)

    def merged_form(self, catalog: CatalogLike) -> tuple[FormField, ...]:
        """One form for the whole bundle: a key asked by several items appears once, at its first place,
        required if any item requires it."""
        merged: dict[str, FormField] = {}
        for item in catalog.items_of(self):
            for form_field in item.form_fields:
                known = merged.get(form_field.key)
                if known is None:
                    merged[form_field.key] = form_field
                elif form_field.required and not known.required:
                    merged[form_field.key] = known.model_copy(update={"required": True})
        return tuple(merged.values())

    def merged_materials(self, catalog: CatalogLike) -> tuple[Material, ...]:
        """One checklist: deduplicated by material code, keeping the strictest demand (required if any item
        requires it, the most originals and copies, 容缺 only if every item tolerates it). A licence that an
        earlier item of the bundle issues is not asked for: the office passes it on (一件事 data sharing)."""
        items = catalog.items_of(self)
        issued = {item.licence_elicence_type for item in items if item.licence_elicence_type}
        merged: dict[str, Material] = {}
        for item in items:
            for material in item.materials:
                if material.elicence_type in issued:
                    continue
                known = merged.get(material.code)
                if known is None:
                    merged[material.code] = material
                    continue
                required = known.required or material.required
                merged[material.code] = known.model_copy(update={
                    "required": required,
                    "originals": max(known.originals, material.originals),
                    "copies": max(known.copies, material.copies),
                    "tolerable": required and (known.tolerable or not known.required)
                    and (material.tolerable or not material.required),
                })
        return tuple(merged.values())


class CatalogLike(Protocol):
    """What a bundle needs from the catalogue (``core.catalog.catalog.Catalog`` provides it)."""

    def items_of(self, bundle: Bundle | str) -> tuple[ServiceItem, ...]: ...

