"""Every kind of bad catalogue file fails loudly, with a stable code and a message naming file, item, field."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from core.catalog import CatalogFileError, load_catalog
from core.errors import CatalogError
from core.identity import uscc_check_char

USCC_FIRST17 = "11430102MB1C27011"
ITEM_CODE = "430102TS000101"


def good_department() -> dict[str, Any]:
    return {"code": "test", "name": "测试局", "uscc": USCC_FIRST17 + uscc_check_char(USCC_FIRST17),
            "region_code": "430102"}


def good_item(code: str = ITEM_CODE) -> dict[str, Any]:
    return {
        "implementation_code": code, "basic_code": "TS0001", "name": "测试事项", "item_type": "01",
        "statutory_limit": {"amount": 20, "unit": "working_day"},
        "promised_limit": {"amount": 5, "unit": "working_day"},
        "case_type": "2", "service_objects": ["1"], "location": "一楼", "hours": "工作日",
        "consult_phone": "0731-84690000", "guide": ["带上身份证来办。"], "life_events": ["开办企业"],
        "materials": [{"use": "idcard"}, {"code": "form", "name": "申请表", "originals": 1}],
        "form_fields": [
            {"use": "applicant_name"},
            {"key": "venue", "label": "场所类别", "type": "choice", "choices": ["宾馆", "理发店"]},
        ],
    }


def good_files() -> dict[str, Any]:
    return {
        "departments.yaml": {"departments": [good_department()]},
        "life_events.yaml": {"life_events": ["开办企业", "生育"]},
        "common_materials.yaml": {"materials": [{"code": "idcard", "name": "身份证", "originals": 1}]},
        "common_fields.yaml": {"fields": [
            {"key": "applicant_name", "label": "姓名", "type": "text", "prefill": "person.name"}]},
        "test.yaml": {"department": "test", "items": [good_item(), good_item("430102TS000102")]},
        "bundles.yaml": {"bundles": [{"code": "430102YJS9001", "name": "测试一件事",
                                      "items": [ITEM_CODE, "430102TS000102"], "life_event": "开办企业",
                                      "guide": ["一次办完。"]}]},
    }


def write(directory: Path, files: dict[str, Any]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        text = content if isinstance(content, str) else yaml.safe_dump(content, allow_unicode=True, sort_keys=False)
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def load_broken(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> CatalogFileError:
    files = copy.deepcopy(good_files())
    change(files)
    with pytest.raises(CatalogFileError) as caught:
        load_catalog(write(tmp_path / "catalog", files))
    return caught.value


def first_item(files: dict[str, Any]) -> dict[str, Any]:
    return files["test.yaml"]["items"][0]


def test_the_fixture_itself_is_valid(tmp_path: Path):
    catalog = load_catalog(write(tmp_path / "catalog", good_files()))
    assert catalog.item(ITEM_CODE).materials[0].name == "身份证"
    assert [m.code for m in catalog.bundle("430102YJS9001").merged_materials(catalog)] == ["idcard", "form"]


def set_in_item(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(files: dict[str, Any]) -> None:
        node: Any = first_item(files)
        *parents, last = path.split(".")
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(last) if last.isdigit() else last] = value
    return change


# (what is wrong, the change, the code, the field the message must name)
ITEM_CASES = [
    ("promised beyond statutory", set_in_item("promised_limit.amount", 30), "CATALOG_FIELD_INVALID",
     "promised_limit"),
    ("mixed limit units", set_in_item("promised_limit.unit", "natural_day"), "CATALOG_FIELD_INVALID",
     "promised_limit"),
    ("negative limit amount", set_in_item("statutory_limit.amount", -1), "CATALOG_FIELD_INVALID",
     "statutory_limit"),
    ("instant approval on a 承诺件", set_in_item("instant_approval", "public_health_licence"),
     "CATALOG_FIELD_INVALID", "instant_approval"),
    ("choice field without choices", set_in_item("form_fields.1.choices", []), "CATALOG_FIELD_INVALID",
     "form_fields[venue].choices"),
    ("unknown field type", set_in_item("form_fields.1.type", "checkbox"), "CATALOG_FIELD_INVALID",
     "form_fields[venue].type"),
    ("unknown prefill source", set_in_item("form_fields.1.prefill", "person.salary"), "CATALOG_FIELD_INVALID",
     "form_fields[venue].prefill"),
    ("unknown item type", set_in_item("item_type", "99"), "CATALOG_FIELD_INVALID", "item_type"),
    ("unquoted item type", set_in_item("item_type", 1), "CATALOG_FIELD_INVALID", "item_type"),
    ("implementation code too long", set_in_item("implementation_code", "A" * 25), "CATALOG_FIELD_INVALID",
     "implementation_code"),
    ("negative copies", set_in_item("materials.1.copies", -1), "CATALOG_FIELD_INVALID", "materials[form].copies"),
    ("optional material on the 容缺 list",
     set_in_item("materials.1", {"code": "form", "name": "申请表", "required": False, "tolerable": True}),
     "CATALOG_FIELD_INVALID", "materials[form].tolerable"),
    ("misspelt field", set_in_item("promised_limt", {"amount": 1}), "CATALOG_FIELD_INVALID", "promised_limt"),
    ("guide line too long", set_in_item("guide", ["很" * 41]), "CATALOG_FIELD_INVALID", "guide"),
    ("duplicate field keys", set_in_item("form_fields.1.key", "applicant_name"), "CATALOG_DUPLICATE",
     "form_fields"),
    ("duplicate material codes", set_in_item("materials.1.code", "idcard"), "CATALOG_DUPLICATE", "materials"),
    ("unknown common material", set_in_item("materials.0.use", "passport"), "CATALOG_REFERENCE",
     "materials[0].use"),
    ("item names another department", set_in_item("department", "other"), "CATALOG_REFERENCE", "department"),
    ("undeclared life event", set_in_item("life_events", ["开办企业", "开办公司"]), "CATALOG_REFERENCE",
     "life_events"),
]


@pytest.mark.parametrize(("change", "code", "field"), [case[1:] for case in ITEM_CASES],
                         ids=[case[0] for case in ITEM_CASES])
def test_a_bad_item_names_file_item_and_field(tmp_path: Path, change, code, field):
    error = load_broken(tmp_path, change)
    changed = copy.deepcopy(good_files())
    change(changed)
    assert isinstance(error, CatalogError)
    assert error.code == code
    assert error.path.name == "test.yaml"
    assert error.field == field
    message = str(error)
    assert "test.yaml" in message
    assert f"item '{first_item(changed)['implementation_code']}'" in message
    assert f"field '{field}'" in message
    assert "Value error" not in message


def test_duplicate_messages_name_the_duplicate(tmp_path: Path):
    error = load_broken(tmp_path, set_in_item("form_fields.1.key", "applicant_name"))
    assert "form field key 'applicant_name' appears more than once" in str(error)


def test_unquoted_codes_get_a_hint(tmp_path: Path):
    error = load_broken(tmp_path, set_in_item("item_type", 1))
    assert "quotes" in str(error)
    error = load_broken(tmp_path, set_in_item("item_type", "99"))
    assert "quotes" not in str(error)


def test_an_item_without_a_code_is_named_by_its_name(tmp_path: Path):
    def change(files):
        del first_item(files)["implementation_code"]
    error = load_broken(tmp_path, change)
    assert error.code == "CATALOG_FIELD_INVALID"
    assert "item '测试事项'" in str(error)
    assert error.field == "implementation_code"


def test_yaml_syntax_error_names_the_line(tmp_path: Path):
    def change(files):
        files["test.yaml"] = "department: test\nitems:\n  - name: [unclosed\n"
    error = load_broken(tmp_path, change)
    assert error.code == "CATALOG_YAML_SYNTAX"
    assert "test.yaml" in str(error)
    assert "line " in str(error)


def test_a_key_written_twice_is_a_syntax_error(tmp_path: Path):
    def change(files):
        files["test.yaml"] = "department: test\ndepartment: test\nitems: []\n"
    error = load_broken(tmp_path, change)
    assert error.code == "CATALOG_YAML_SYNTAX"
    assert "duplicate key 'department'" in str(error)
    assert "line 2" in str(error)


def test_duplicate_item_code_across_files_names_both(tmp_path: Path):
    def change(files):
        files["zz_more.yaml"] = {"department": "test", "items": [good_item()]}
    error = load_broken(tmp_path, change)
    assert error.code == "CATALOG_DUPLICATE"
    assert error.path.name == "zz_more.yaml"
    assert f"item '{ITEM_CODE}'" in str(error)
    assert "test.yaml" in str(error)


def test_unknown_department_in_an_item_file(tmp_path: Path):
    def change(files):
        files["test.yaml"]["department"] = "nowhere"
    error = load_broken(tmp_path, change)
    assert (error.code, error.field) == ("CATALOG_REFERENCE", "department")
    assert "nowhere" in str(error)


def test_bundle_naming_an_unknown_item(tmp_path: Path):
    def change(files):
        files["bundles.yaml"]["bundles"][0]["items"][1] = "430102XX999999"
    error = load_broken(tmp_path, change)
    assert (error.code, error.field, error.path.name) == ("CATALOG_REFERENCE", "items[1]", "bundles.yaml")
    assert "bundle '430102YJS9001'" in str(error)
    assert "430102XX999999" in str(error)


def test_bundle_listing_an_item_twice(tmp_path: Path):
    def change(files):
        files["bundles.yaml"]["bundles"][0]["items"] = [ITEM_CODE, ITEM_CODE]
    error = load_broken(tmp_path, change)
    assert (error.code, error.field) == ("CATALOG_DUPLICATE", "items")


def test_bundle_whose_items_disagree_on_a_field(tmp_path: Path):
    def change(files):
        files["test.yaml"]["items"][1]["form_fields"][1]["choices"] = ["游泳馆"]
    error = load_broken(tmp_path, change)
    assert error.code == "CATALOG_BUNDLE_CONFLICT"
    assert "venue" in str(error)


def test_bad_department_uscc(tmp_path: Path):
    def change(files):
        uscc = files["departments.yaml"]["departments"][0]["uscc"]
        files["departments.yaml"]["departments"][0]["uscc"] = uscc[:17] + ("0" if uscc[17] != "0" else "1")
    error = load_broken(tmp_path, change)
    assert (error.code, error.field, error.path.name) == ("CATALOG_FIELD_INVALID", "uscc", "departments.yaml")
    assert "department 'test'" in str(error)
    assert "GB 32100" in str(error)


def test_duplicate_department(tmp_path: Path):
    def change(files):
        files["departments.yaml"]["departments"].append(good_department())
    error = load_broken(tmp_path, change)
    assert error.code == "CATALOG_DUPLICATE"
    assert "department 'test'" in str(error)


def test_bad_common_material_names_the_library(tmp_path: Path):
    def change(files):
        files["common_materials.yaml"]["materials"][0]["source"] = "friend"
    error = load_broken(tmp_path, change)
    assert (error.code, error.field, error.path.name) == ("CATALOG_FIELD_INVALID", "source",
                                                          "common_materials.yaml")
    assert "material 'idcard'" in str(error)


def test_unknown_top_level_key(tmp_path: Path):
    def change(files):
        files["test.yaml"]["itmes"] = []
    error = load_broken(tmp_path, change)
    assert (error.code, error.field) == ("CATALOG_STRUCTURE", "itmes")


def test_items_not_a_list(tmp_path: Path):
    def change(files):
        files["test.yaml"]["items"] = {"name": "x"}
    error = load_broken(tmp_path, change)
    assert (error.code, error.field) == ("CATALOG_STRUCTURE", "items")


def test_missing_departments_file(tmp_path: Path):
    def change(files):
        del files["departments.yaml"]
    error = load_broken(tmp_path, change)
    assert error.code == "CATALOG_NOT_FOUND"
    assert "departments.yaml" in str(error)


def test_missing_directory(tmp_path: Path):
    with pytest.raises(CatalogFileError) as caught:
        load_catalog(tmp_path / "absent")
    assert caught.value.code == "CATALOG_NOT_FOUND"


def test_missing_calendar_directory(tmp_path: Path):
    directory = write(tmp_path / "catalog", good_files())
    with pytest.raises(CatalogError) as caught:
        load_catalog(directory, calendar_dir=tmp_path / "no-calendar")
    assert caught.value.code == "CALENDAR_INVALID"


def test_calendar_from_a_given_directory(tmp_path: Path):
    calendar_dir = tmp_path / "calendar"
    calendar_dir.mkdir()
    (calendar_dir / "cn-2027.toml").write_text("holidays = [2027-01-01]\nmakeup_workdays = []\n", encoding="utf-8")
    catalog = load_catalog(write(tmp_path / "catalog", good_files()), calendar_dir=calendar_dir)
    assert not catalog.calendar.is_working_day(date(2027, 1, 1))


def test_error_user_message_is_calm_and_has_no_path(tmp_path: Path):
    error = load_broken(tmp_path, set_in_item("promised_limit.amount", 30))
    assert "人工窗口" in error.user_message
    assert str(tmp_path) not in error.user_message


def _with_elicence_types(files: dict[str, Any], *kinds: dict[str, Any]) -> None:
    files["common_materials.yaml"]["materials"][0]["elicence_type"] = "JMSFZ"
    files["elicence_types.yaml"] = {"elicence_types": list(kinds)}


def test_the_elicence_directory_maps_platform_codes_to_the_catalogue_types(tmp_path: Path):
    files = copy.deepcopy(good_files())
    _with_elicence_types(files, {"code": "JMSFZ", "name": "居民身份证", "platform_codes": ["111"]},
                         {"code": "YYZZ", "name": "营业执照", "platform_codes": ["201", "202"]})
    catalog = load_catalog(write(tmp_path / "catalog", files))
    assert [catalog.elicence_type_of(code) for code in ("111", "201", "202")] == ["JMSFZ", "YYZZ", "YYZZ"]
    assert catalog.elicence_type_of("999") == "999"       # unknown: matches no material


def test_an_item_naming_an_elicence_type_the_directory_lacks(tmp_path: Path):
    def change(files):
        _with_elicence_types(files, {"code": "YYZZ", "name": "营业执照", "platform_codes": ["201"]})
    error = load_broken(tmp_path, change)
    assert (error.code, error.field) == ("CATALOG_REFERENCE", "materials[idcard].elicence_type")
    assert error.path.name == "test.yaml" and "JMSFZ" in str(error)


def test_one_platform_code_for_two_elicence_types(tmp_path: Path):
    def change(files):
        _with_elicence_types(files, {"code": "JMSFZ", "name": "居民身份证", "platform_codes": ["111"]},
                             {"code": "JMHKB", "name": "居民户口簿", "platform_codes": ["111"]})
    error = load_broken(tmp_path, change)
    assert error.code == "CATALOG_DUPLICATE" and "111" in str(error)
