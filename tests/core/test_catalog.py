"""The seed catalogue, its lookups, bundle merging, form-field validation and time limits."""

from __future__ import annotations

import time
from datetime import date

import pytest

from core.cases.model import CaseType
from core.catalog import (
    Bundle,
    Catalog,
    Department,
    FieldType,
    FormField,
    ItemType,
    LimitUnit,
    Material,
    ServiceItem,
    TimeLimit,
    default_catalog_dir,
    load_catalog,
    prefill_form,
    validate_form,
)
from core.errors import CatalogError, ValidationError
from core.identity import Gender, IdentitySource, Person, id_check_char, validate_uscc

PUBLIC_HEALTH = ("430102WJ000101", "430102WJ000102", "430102WJ000103")


@pytest.fixture(scope="module")
def seed() -> Catalog:
    return load_catalog(default_catalog_dir())


def valid_id(first17: str = "43010219800101123") -> str:
    return first17 + id_check_char(first17)


# --- the seed ----------------------------------------------------------------------------------------

def test_seed_loads_fast_enough_for_start_up():
    started = time.perf_counter()
    catalog = load_catalog(default_catalog_dir())
    elapsed = time.perf_counter() - started
    assert len(catalog.items) >= 30
    # Measured at about 25 ms; a generous bound so a slow CI box does not flake, yet a 10x regression fails.
    assert elapsed < 0.5


def test_seed_spans_at_least_six_departments_with_real_codes(seed: Catalog):
    departments_with_items = {item.department for item in seed.items}
    assert len(departments_with_items) >= 6
    assert {"scjg", "wjj", "gaj", "rsj", "mzj", "zjj"} <= departments_with_items
    for department in seed.departments:
        assert validate_uscc(department.uscc) == department.uscc
        assert department.region_code == "430102"


@pytest.mark.parametrize("name", [
    "公共场所卫生许可证核发（新办）", "公共场所卫生许可证核发（变更）", "公共场所卫生许可证核发（延续）",
    "个体工商户设立登记", "食品经营许可（新办）", "社会保障卡申领", "居住证申领",
])
def test_seed_has_the_items_the_hall_needs(seed: Catalog, name: str):
    assert any(item.name == name for item in seed.items)


@pytest.mark.parametrize("code", PUBLIC_HEALTH)
def test_public_health_licence_items_are_instant_kiosk_items(seed: Catalog, code: str):
    item = seed.item(code)
    assert item.case_type is CaseType.IMMEDIATE
    assert item.kiosk_capable
    assert item.instant_approval == "public_health_licence"
    assert item.item_type is ItemType.LICENSING
    assert item.licence_name == "公共场所卫生许可证"
    if code != "430102WJ000102":  # 新办 and 延续 defer the inspection report under 告知承诺 (容缺)
        assert {m.code for m in item.tolerable_materials} >= {"hygiene_report", "staff_health_certs"}


def test_every_seed_item_prefills_identity_and_asks_for_a_phone(seed: Catalog):
    for item in seed.items:
        sources = {f.prefill for f in item.form_fields}
        assert {"person.name", "person.id_number"} <= sources, item.implementation_code
        assert any(f.type is FieldType.PHONE for f in item.form_fields), item.implementation_code
        assert item.materials, item.implementation_code
        assert item.guide and item.keywords, item.implementation_code
        assert item.promised_limit.amount <= item.statutory_limit.amount


def test_seed_uses_address_prefill_and_tolerable_materials_somewhere(seed: Catalog):
    assert any(f.prefill == "person.address" for item in seed.items for f in item.form_fields)
    assert sum(1 for item in seed.items if item.tolerable_materials) >= 10


def test_food_licence_is_found_by_what_people_say(seed: Catalog):
    food = seed.item("430102SJ000301")
    assert {"开饭店", "开餐馆"} <= set(food.aliases)
    assert food.case_type is CaseType.PROMISED
    assert food.promised_limit == TimeLimit(5, LimitUnit.WORKING_DAY)


def test_seed_has_the_three_bundles(seed: Catalog):
    names = {bundle.name for bundle in seed.bundles}
    assert {"残疾人服务一件事", "新生儿出生一件事", "开办餐饮店一件事"} <= names
    for bundle in seed.bundles:
        assert 2 <= len(bundle.items) <= 5


# --- lookups -----------------------------------------------------------------------------------------

def test_item_lookup_and_unknown_code(seed: Catalog):
    assert seed.item("430102GA000101").name == "居住证申领"
    assert seed.has_item("430102GA000101")
    with pytest.raises(CatalogError) as caught:
        seed.item("NOPE")
    assert caught.value.code == "CATALOG_UNKNOWN_ITEM"
    assert "NOPE" in caught.value.detail
    with pytest.raises(CatalogError) as caught:
        seed.bundle("NOPE")
    assert caught.value.code == "CATALOG_UNKNOWN_BUNDLE"


def test_department_lookups(seed: Catalog):
    health = seed.by_department("wjj")
    assert {item.implementation_code for item in health} >= set(PUBLIC_HEALTH)
    assert all(item.department == "wjj" for item in health)
    assert seed.department_of("430102WJ000101").name == "长沙市芙蓉区卫生健康局"
    assert seed.department("scjg").short_name == "区市场监管局"


def test_life_events_follow_the_declared_order(seed: Catalog):
    events = seed.life_events()
    assert events[:3] == ("开办企业", "经营许可", "生育")
    assert "残疾人服务" in events
    births = {item.implementation_code for item in seed.items_for_life_event("生育")}
    assert {"430102WJ000201", "430102GA000201", "430102YB000102"} <= births
    assert [b.name for b in seed.bundles_for_life_event("生育")] == ["新生儿出生一件事"]


def test_hot_items_are_ranked(seed: Catalog):
    hot = seed.hot_items(limit=3)
    assert hot[0].implementation_code == "430102WJ000101"
    ranks = [item.hot for item in seed.hot_items()]
    assert ranks == sorted(ranks)


def test_items_of_a_bundle_keep_its_order(seed: Catalog):
    newborn = seed.bundle("430102YJS0002")
    assert [item.implementation_code for item in seed.items_of(newborn)] == list(newborn.items)
    assert seed.items_of("430102YJS0002") == seed.items_of(newborn)
    assert newborn in seed.bundles_with_item("430102GA000201")


def test_kiosk_and_instant_lists(seed: Catalog):
    assert set(PUBLIC_HEALTH) <= {item.implementation_code for item in seed.instant_items()}
    assert all(item.kiosk_capable for item in seed.kiosk_items())


# --- bundles -----------------------------------------------------------------------------------------

def test_seed_bundles_ask_each_document_once(seed: Catalog):
    for bundle in seed.bundles:
        merged = bundle.merged_materials(seed)
        codes = [m.code for m in merged]
        assert len(codes) == len(set(codes))
        asked_by_items = sum(len(item.materials) for item in seed.items_of(bundle))
        assert len(merged) < asked_by_items, bundle.name


def test_newborn_bundle_does_not_ask_for_the_birth_certificate_it_issues(seed: Catalog):
    newborn = seed.bundle("430102YJS0002")
    codes = {m.code for m in newborn.merged_materials(seed)}
    assert "birth_certificate" not in codes          # issued by the first item (出生医学证明签发)
    assert {"parents_idcards", "household_register"} <= codes


def test_merged_form_asks_each_key_once(seed: Catalog):
    disability = seed.bundle("430102YJS0003")
    keys = [f.key for f in disability.merged_form(seed)]
    assert len(keys) == len(set(keys))
    assert keys.count("disability_category") == 1
    assert {"applicant_name", "bank_account", "subsidy_type", "contribution_level"} <= set(keys)


def _item(code: str, materials: tuple[Material, ...], fields: tuple[FormField, ...] = (),
          licence_type: str | None = None) -> ServiceItem:
    return ServiceItem(
        implementation_code=code, basic_code="T0001", name=f"测试事项{code}", item_type=ItemType.OTHER,
        department="test", statutory_limit=TimeLimit(5), promised_limit=TimeLimit(3), case_type=CaseType.PROMISED,
        service_objects=("1",), location="一楼", hours="工作日", consult_phone="0731-1234567",
        guide=("测试。",), materials=materials, form_fields=fields, licence_elicence_type=licence_type)


def test_merge_keeps_the_strictest_demand():
    first = _item("A1", (
        Material(code="idcard", name="身份证", originals=1, copies=0, required=False),
        Material(code="report", name="检测报告", originals=1, tolerable=True),
        Material(code="licence", name="许可证", copies=1, elicence_type="LIC"),
    ), (FormField(key="phone", label="电话", type=FieldType.PHONE, required=False),))
    second = _item("A2", (
        Material(code="idcard", name="身份证", originals=1, copies=2, required=True),
        Material(code="report", name="检测报告", originals=2, tolerable=False),
    ), (FormField(key="phone", label="电话", type=FieldType.PHONE, required=True),
        FormField(key="area", label="面积", type=FieldType.NUMBER)), licence_type="LIC")
    bundle = Bundle(code="B1", name="测试一件事", items=("A1", "A2"), life_event="测试", guide=("测试。",))
    catalog = Catalog(items=(first, second), bundles=(bundle,))

    merged = {m.code: m for m in bundle.merged_materials(catalog)}
    assert set(merged) == {"idcard", "report"}       # "licence" is issued by A2 inside the bundle
    assert (merged["idcard"].required, merged["idcard"].originals, merged["idcard"].copies) == (True, 1, 2)
    assert merged["report"].originals == 2
    assert merged["report"].tolerable is False       # 容缺 only if every item tolerates it

    form = bundle.merged_form(catalog)
    assert [f.key for f in form] == ["phone", "area"]
    assert form[0].required is True


# --- form fields -------------------------------------------------------------------------------------

def test_id_number_field_normalises_and_names_itself():
    field = FormField(key="owner_id", label="身份证号码", type=FieldType.ID_NUMBER)
    number = valid_id("43010219800101123")
    assert field.validate_value(f" {number.lower()} ") == number
    wrong = number[:17] + ("1" if number[17] != "1" else "2")
    with pytest.raises(ValidationError) as caught:
        field.validate_value(wrong)
    assert caught.value.code == "ID_NUMBER_CHECKSUM"
    assert caught.value.field == "owner_id"
    assert wrong not in caught.value.detail           # personal data never goes into the detail


def test_id_number_accepts_full_width_input():
    field = FormField(key="id", label="身份证号码", type=FieldType.ID_NUMBER)
    number = valid_id("11010519491231002")
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in number)
    assert field.validate_value(full_width) == number


def test_phone_field():
    field = FormField(key="contact_phone", label="联系电话", type=FieldType.PHONE)
    assert field.validate_value("+86 138-1234-5678") == "13812345678"
    with pytest.raises(ValidationError) as caught:
        field.validate_value("12345")
    assert (caught.value.code, caught.value.field) == ("PHONE_SHAPE", "contact_phone")
    assert "11位" in caught.value.user_message


def test_choice_field():
    field = FormField(key="delivery", label="领取方式", type=FieldType.CHOICE, choices=("到窗口领取", "邮寄"))
    assert field.validate_value("邮寄") == "邮寄"
    with pytest.raises(ValidationError) as caught:
        field.validate_value("快递")
    assert caught.value.code == "FIELD_NOT_CHOICE"
    assert caught.value.user_message == "请从列表中选择领取方式。"


def test_number_field_range_and_integer():
    area = FormField(key="area", label="经营面积", type=FieldType.NUMBER, min_value=1, max_value=500)
    assert area.validate_value("120.5") == 120.5
    assert area.validate_value(" 80 ") == 80
    for bad, code in (("0.5", "FIELD_OUT_OF_RANGE"), (501, "FIELD_OUT_OF_RANGE"), ("大约一百", "FIELD_NOT_NUMBER"),
                      ("nan", "FIELD_NOT_NUMBER"), (True, "FIELD_NOT_NUMBER")):
        with pytest.raises(ValidationError) as caught:
            area.validate_value(bad)
        assert caught.value.code == code
    with pytest.raises(ValidationError) as caught:
        area.validate_value(600)
    assert caught.value.user_message == "经营面积应在1到500之间。"

    staff = FormField(key="staff", label="从业人员人数", type=FieldType.NUMBER, integer=True, min_value=0)
    assert staff.validate_value("12") == 12
    with pytest.raises(ValidationError) as caught:
        staff.validate_value("2.5")
    assert caught.value.code == "FIELD_NOT_INTEGER"
    with pytest.raises(ValidationError) as caught:
        staff.validate_value(-1)
    assert caught.value.user_message == "从业人员人数不能小于0。"


def test_required_and_optional_fields():
    required = FormField(key="name", label="姓名", type=FieldType.TEXT)
    for empty in (None, "", "   "):
        with pytest.raises(ValidationError) as caught:
            required.validate_value(empty)
        assert (caught.value.code, caught.value.user_message) == ("FIELD_REQUIRED", "请填写姓名。")
    optional = FormField(key="unit", label="工作单位", type=FieldType.TEXT, required=False)
    assert optional.validate_value("  ") is None
    signature = FormField(key="signature", label="签名", type=FieldType.SIGNATURE)
    with pytest.raises(ValidationError) as caught:
        signature.validate_value(b"")
    assert caught.value.user_message == "请在签名区域签名。"
    assert signature.validate_value(b"\x89PNG") == b"\x89PNG"


def test_text_length_and_date_fields():
    text = FormField(key="scope", label="经营范围", type=FieldType.TEXT, max_length=4)
    assert text.validate_value("餐饮服务") == "餐饮服务"
    with pytest.raises(ValidationError) as caught:
        text.validate_value("餐饮服务零售")
    assert caught.value.code == "FIELD_TOO_LONG"
    day = FormField(key="start", label="开始日期", type=FieldType.DATE)
    assert day.validate_value("2026-3-1") == date(2026, 3, 1)
    assert day.validate_value(date(2026, 3, 1)) == date(2026, 3, 1)
    for bad in ("2026-02-30", "3月1日", 20260301):
        with pytest.raises(ValidationError) as caught:
            day.validate_value(bad)
        assert caught.value.code == "FIELD_NOT_DATE"


def test_uscc_field(seed: Catalog):
    field = FormField(key="business_uscc", label="统一社会信用代码", type=FieldType.USCC)
    code = seed.department("scjg").uscc
    assert field.validate_value(code.lower()) == code
    with pytest.raises(ValidationError) as caught:
        field.validate_value(code[:17] + ("0" if code[17] != "0" else "1"))
    assert (caught.value.code, caught.value.field) == ("USCC_CHECKSUM", "business_uscc")


def test_a_seed_form_prefills_from_the_card_and_validates(seed: Catalog):
    item = seed.item("430102WJ000101")
    person = Person(name="张三", id_number=valid_id(), source=IdentitySource.CARD, gender=Gender.MALE,
                    address="长沙市芙蓉区某某路1号", phone="")
    answers = prefill_form(item.form_fields, person)
    assert answers == {"applicant_name": "张三", "applicant_id_number": person.id_number}
    answers.update({
        "business_name": "芙蓉区某某理发店", "business_uscc": seed.department("wjj").uscc,
        "business_address": "长沙市芙蓉区某某路2号", "venue_category": "理发店", "business_area": "45",
        "staff_count": "3", "health_certified_count": "3", "contact_phone": "13812345678",
        "signature": b"\x89PNG", "stale_key": "dropped",
    })
    form = validate_form(item.form_fields, answers)
    assert form["business_area"] == 45
    assert "stale_key" not in form
    del answers["venue_category"]
    with pytest.raises(ValidationError) as caught:
        validate_form(item.form_fields, answers)
    assert caught.value.field == "venue_category"


def test_model_rules_hold_outside_the_loader_too():
    with pytest.raises(ValueError, match="choice field needs"):
        FormField(key="kind", label="类别", type=FieldType.CHOICE)
    with pytest.raises(ValueError, match="cannot fill"):
        FormField(key="born", label="出生日期", type=FieldType.TEXT, prefill="person.birth_date")
    with pytest.raises(ValueError, match="GB 32100"):
        Department(code="bad", name="某某局", uscc="11430102MB1C270110", region_code="430102")


# --- time limits -------------------------------------------------------------------------------------

def test_due_date_across_the_2026_national_day_holiday(seed: Catalog):
    # cn-2026.toml: 10-01..10-07 are holidays, Saturday 10-10 is a make-up working day. From Wednesday
    # 09-30 the 5 working days are 10-08, 10-09, 10-10, 10-12, 10-13.
    assert seed.calendar.due_date(date(2026, 9, 30), TimeLimit(5)) == date(2026, 10, 13)
    food = seed.item("430102SJ000301")                      # promised 5 working days
    assert seed.promised_date(food, date(2026, 9, 30)) == date(2026, 10, 13)
    assert seed.statutory_date("430102SJ000301", date(2026, 9, 30)) == date(2026, 10, 20)
    permit = seed.item("430102GA000101")                    # 居住证: 10 natural days
    assert permit.promised_limit.unit is LimitUnit.NATURAL_DAY
    assert seed.promised_date(permit, date(2026, 9, 30)) == date(2026, 10, 10)


def test_an_instant_item_is_due_the_day_it_is_accepted(seed: Catalog):
    item = seed.item("430102WJ000101")
    assert seed.promised_date(item, date(2026, 10, 8)) == date(2026, 10, 8)
    assert item.limit_label == "当场办结"
