"""Reading the catalogue from YAML, with errors a technician can act on.

Layout of a catalogue directory (``resources/catalog/`` by default)::

    departments.yaml        departments: [ {code, name, uscc, region_code, ...} ]        (required)
    life_events.yaml        life_events: [开办企业, 生育, ...]  — the kiosk's tile order   (optional)
    common_materials.yaml   materials: [ {code, name, ...} ]  — reused with ``use: code`` (optional)
    common_fields.yaml      fields: [ {key, label, type, ...} ]  — reused with ``use: key`` (optional)
    bundles.yaml            bundles: [ {code, name, items, life_event, guide, ...} ]      (optional)
    <anything>.yaml         department: code, defaults: {...}, items: [ {...} ]   one file per department

An entry ``{use: idcard, copies: 0}`` in an item's ``materials`` (or ``form_fields``) takes the common
definition and overrides some of its values; sharing codes this way is what lets a bundle ask for a
document once. ``defaults`` fill item values an item does not state (location, hours, phones).

Every mistake raises ``CatalogFileError`` (a ``CatalogError``) naming the file, the item and the field,
with a stable code: CATALOG_NOT_FOUND, CATALOG_YAML_SYNTAX, CATALOG_STRUCTURE, CATALOG_FIELD_INVALID,
CATALOG_DUPLICATE, CATALOG_REFERENCE, CATALOG_BUNDLE_CONFLICT (and CALENDAR_INVALID from the calendar).
Load runs at start-up, so it parses with libyaml when available (about 25 ms for the 41-item seed).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pydantic
import yaml

from core.catalog.calendar import WorkingCalendar
from core.catalog.catalog import Catalog
from core.catalog.fields import FormField
from core.catalog.models import Bundle, Department, ElicenceType, Material, ServiceItem
from core.errors import CatalogError

log = logging.getLogger(__name__)

DEPARTMENTS_FILE = "departments.yaml"
LIFE_EVENTS_FILE = "life_events.yaml"
MATERIALS_FILE = "common_materials.yaml"
FIELDS_FILE = "common_fields.yaml"
BUNDLES_FILE = "bundles.yaml"
ELICENCE_TYPES_FILE = "elicence_types.yaml"
RESERVED_FILES = frozenset({DEPARTMENTS_FILE, LIFE_EVENTS_FILE, MATERIALS_FILE, FIELDS_FILE, BUNDLES_FILE,
                            ELICENCE_TYPES_FILE})

_ITEM_FILE_KEYS = frozenset({"department", "defaults", "items"})
_REPO_ROOT = Path(__file__).resolve().parents[2]

M = TypeVar("M", bound=pydantic.BaseModel)


def default_catalog_dir() -> Path:
    return _REPO_ROOT / "resources" / "catalog"


def default_calendar_dir() -> Path:
    return _REPO_ROOT / "resources" / "calendar"


class CatalogFileError(CatalogError):
    """A catalogue file is wrong. ``path``, ``entity`` ("item '430102WJ000101'") and ``field`` say where."""

    def __init__(self, path: Path, detail: str, *, code: str, entity: str | None = None,
                 field: str | None = None):
        self.path, self.entity, self.field = path, entity, field
        where = [_shown(path)]
        if entity:
            where.append(f" {entity}")
        if field:
            where.append(f" field '{field}'")
        super().__init__("".join(where) + f": {detail}", code=code)


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# --- YAML ------------------------------------------------------------------------------------------

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_BaseLoader):
    """Safe loading that rejects a key written twice in one mapping. YAML 1.2 (3.2.1.1) requires unique
    keys, but PyYAML keeps the last one silently, which would hide a copy-paste mistake in an item."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogFileError(path, f"cannot read: {exc}", code="CATALOG_NOT_FOUND") from exc
    try:
        return yaml.load(text, Loader=_StrictLoader)  # a SafeLoader subclass: no arbitrary objects
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1} column {mark.column + 1}: " if mark else ""
        raise CatalogFileError(path, f"{where}{exc.problem or exc.context}", code="CATALOG_YAML_SYNTAX") from None
    except yaml.YAMLError as exc:
        raise CatalogFileError(path, str(exc), code="CATALOG_YAML_SYNTAX") from None


def _top_level(path: Path, data: Any, allowed: frozenset[str], required: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise CatalogFileError(path, f"expected a mapping with {', '.join(sorted(allowed))}",
                               code="CATALOG_STRUCTURE")
    for key in data:
        if key not in allowed:
            raise CatalogFileError(path, f"unknown top-level key; expected {', '.join(sorted(allowed))}",
                                   code="CATALOG_STRUCTURE", field=str(key))
    for key in required:
        if key not in data:
            raise CatalogFileError(path, "missing top-level key", code="CATALOG_STRUCTURE", field=key)
    return data


def _entries(path: Path, data: dict[str, Any], key: str) -> list[Any]:
    entries = data.get(key) or []
    if not isinstance(entries, list):
        raise CatalogFileError(path, "must be a list", code="CATALOG_STRUCTURE", field=key)
    return entries


def _read_list(path: Path, key: str) -> list[Any]:
    """A file that holds one top-level list under ``key``."""
    return _entries(path, _top_level(path, _read_yaml(path), frozenset({key}), (key,)), key)


# --- validation with locations ---------------------------------------------------------------------

def _label(raw: Any, index: int, *keys: str) -> str:
    if isinstance(raw, dict):
        for key in keys:
            if isinstance(raw.get(key), str | int) and raw.get(key) != "":
                return str(raw[key])
    return f"#{index + 1}"


def _location(raw: Any, loc: tuple[int | str, ...]) -> str:
    """``('materials', 2, 'copies')`` -> ``materials[idcard].copies``: list positions named by their code."""
    text, node = "", raw
    for part in loc:
        if isinstance(part, int):
            element = node[part] if isinstance(node, list) and part < len(node) else None
            name = _label(element, part, "code", "key", "use")
            text += f"[{name}]" if not name.startswith("#") else f"[{part}]"
            node = element
        else:
            text += f".{part}" if text else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return text


def _validate(model: type[M], raw: Any, path: Path, entity: str) -> M:
    if not isinstance(raw, dict):
        raise CatalogFileError(path, "expected a mapping of field: value", code="CATALOG_STRUCTURE", entity=entity)
    try:
        return model.model_validate(raw)
    except pydantic.ValidationError as exc:
        errors = exc.errors(include_url=False)  # the input is inspected, never echoed: it may be long
        first = errors[0]
        code = "CATALOG_DUPLICATE" if first["type"] == "catalog_duplicate" else "CATALOG_FIELD_INVALID"
        message = first["msg"].removeprefix("Value error, ")
        if first["type"] == "enum" and isinstance(first.get("input"), int):
            message += ' (YAML reads 01 as a number: write codes in quotes, e.g. "01")'
        if len(errors) > 1:
            message += f" (and {len(errors) - 1} more)"
        raise CatalogFileError(path, message, code=code, entity=entity,
                               field=_location(raw, tuple(first["loc"])) or None) from None


def _unique(path: Path, seen: dict[str, Path], code: str, entity: str) -> None:
    if code in seen:
        raise CatalogFileError(path, f"already defined in {_shown(seen[code])}", code="CATALOG_DUPLICATE",
                               entity=entity)
    seen[code] = path


# --- the parts -------------------------------------------------------------------------------------

def _load_library(path: Path, key: str, model: type[M], id_key: str) -> dict[str, dict[str, Any]]:
    """Common materials or fields: validated here so a mistake names the library file."""
    if not path.exists():
        return {}
    library: dict[str, dict[str, Any]] = {}
    seen: dict[str, Path] = {}
    for index, raw in enumerate(_read_list(path, key)):
        kind = "material" if model is Material else "form field"
        entity = f"{kind} '{_label(raw, index, id_key)}'"
        entry = _validate(model, raw, path, entity)
        _unique(path, seen, getattr(entry, id_key), entity)
        library[getattr(entry, id_key)] = raw
    return library


def _resolve_uses(raw_item: dict[str, Any], key: str, library: dict[str, dict[str, Any]], id_key: str,
                  path: Path, entity: str) -> None:
    """Replace ``{use: code, ...overrides}`` entries of ``raw_item[key]`` by the common definition."""
    entries = raw_item.get(key)
    if not isinstance(entries, list):
        return  # pydantic reports the wrong type with the right location
    resolved = []
    for index, entry in enumerate(entries):
        if isinstance(entry, dict) and "use" in entry:
            name = entry["use"]
            where = f"{key}[{name}]"
            if not isinstance(name, str) or name not in library:
                raise CatalogFileError(path, f"no common definition {name!r}", code="CATALOG_REFERENCE",
                                       entity=entity, field=f"{key}[{index}].use")
            if id_key in entry:
                raise CatalogFileError(path, f"'{id_key}' cannot be overridden; define a new entry instead",
                                       code="CATALOG_FIELD_INVALID", entity=entity, field=f"{where}.{id_key}")
            entry = {**library[name], **{k: v for k, v in entry.items() if k != "use"}}
        resolved.append(entry)
    raw_item[key] = resolved


def _load_departments(directory: Path) -> tuple[Department, ...]:
    path = directory / DEPARTMENTS_FILE
    if not path.is_file():
        raise CatalogFileError(path, "the catalogue has no departments file", code="CATALOG_NOT_FOUND")
    departments, seen = [], {}
    for index, raw in enumerate(_read_list(path, "departments")):
        entity = f"department '{_label(raw, index, 'code', 'name')}'"
        department = _validate(Department, raw, path, entity)
        _unique(path, seen, department.code, entity)
        departments.append(department)
    return tuple(departments)


def _load_item_file(path: Path, departments: dict[str, Department], materials: dict[str, dict[str, Any]],
                    fields: dict[str, dict[str, Any]], life_events: set[str] | None,
                    seen: dict[str, Path]) -> list[ServiceItem]:
    data = _top_level(path, _read_yaml(path), _ITEM_FILE_KEYS, ("department", "items"))
    department = data["department"]
    if department not in departments:
        raise CatalogFileError(path, f"unknown department {department!r}; see {DEPARTMENTS_FILE}",
                               code="CATALOG_REFERENCE", field="department")
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise CatalogFileError(path, "must be a mapping", code="CATALOG_STRUCTURE", field="defaults")
    items = []
    for index, raw in enumerate(_entries(path, data, "items")):
        entity = f"item '{_label(raw, index, 'implementation_code', 'name')}'"
        if not isinstance(raw, dict):
            raise CatalogFileError(path, "expected a mapping of field: value", code="CATALOG_STRUCTURE",
                                   entity=entity)
        raw = {**defaults, **raw}
        if raw.setdefault("department", department) != department:
            raise CatalogFileError(path, f"items in this file belong to {department!r}", code="CATALOG_REFERENCE",
                                   entity=entity, field="department")
        _resolve_uses(raw, "materials", materials, "code", path, entity)
        _resolve_uses(raw, "form_fields", fields, "key", path, entity)
        item = _validate(ServiceItem, raw, path, entity)
        _unique(path, seen, item.implementation_code, entity)
        _check_life_events(path, entity, "life_events", item.life_events, life_events)
        items.append(item)
    return items


def _check_life_events(path: Path, entity: str, field: str, events: tuple[str, ...],
                       declared: set[str] | None) -> None:
    if declared is None:
        return
    for event in events:
        if event not in declared:
            raise CatalogFileError(path, f"life event {event!r} is not listed in {LIFE_EVENTS_FILE}",
                                   code="CATALOG_REFERENCE", entity=entity, field=field)


def _load_bundles(directory: Path, items: dict[str, ServiceItem], life_events: set[str] | None) -> tuple[Bundle, ...]:
    path = directory / BUNDLES_FILE
    if not path.exists():
        return ()
    bundles, seen = [], {}
    for index, raw in enumerate(_read_list(path, "bundles")):
        entity = f"bundle '{_label(raw, index, 'code', 'name')}'"
        bundle = _validate(Bundle, raw, path, entity)
        _unique(path, seen, bundle.code, entity)
        for position, code in enumerate(bundle.items):
            if code not in items:
                raise CatalogFileError(path, f"no item with implementation code {code!r}", code="CATALOG_REFERENCE",
                                       entity=entity, field=f"items[{position}]")
        _check_life_events(path, entity, "life_event", (bundle.life_event,), life_events)
        _check_bundle_consistency(path, entity, [items[code] for code in bundle.items])
        bundles.append(bundle)
    return tuple(bundles)


def _check_bundle_consistency(path: Path, entity: str, members: list[ServiceItem]) -> None:
    """A merged form and checklist only make sense if a shared key or code means the same thing everywhere."""
    def check(kind: str, getter: Callable[[ServiceItem], tuple], key: Callable, same: Callable) -> None:
        first: dict[str, tuple[str, Any]] = {}
        for item in members:
            for entry in getter(item):
                known = first.setdefault(key(entry), (item.implementation_code, entry))
                if not same(known[1], entry):
                    raise CatalogFileError(
                        path, f"{kind} {key(entry)!r} differs between items {known[0]} and "
                        f"{item.implementation_code}; give one of them another {kind.split()[-1]}",
                        code="CATALOG_BUNDLE_CONFLICT", entity=entity, field="items")

    check("form field key", lambda i: i.form_fields, lambda f: f.key,
          lambda a, b: (a.type, a.choices) == (b.type, b.choices))
    # Names may differ by role (经营者 / 法定代表人 身份证); the document itself may not.
    check("material code", lambda i: i.materials, lambda m: m.code,
          lambda a, b: (a.elicence_type, a.source) == (b.elicence_type, b.source))


def _load_elicence_types(directory: Path, items: list[ServiceItem], item_paths: dict[str, Path]
                         ) -> tuple[ElicenceType, ...]:
    """The 电子证照目录. When the file is there, every e-licence type an item names must be in it (a typo
    would otherwise silently never match the platform's e-licences)."""
    path = directory / ELICENCE_TYPES_FILE
    if not path.exists():
        return ()
    kinds: list[ElicenceType] = []
    seen: dict[str, Path] = {}
    supplies: dict[str, str] = {}    # platform code -> the type it already supplies
    for index, raw in enumerate(_read_list(path, "elicence_types")):
        entity = f"e-licence type '{_label(raw, index, 'code', 'name')}'"
        kind = _validate(ElicenceType, raw, path, entity)
        _unique(path, seen, kind.code, entity)
        for platform_code in kind.platform_codes:
            if platform_code in supplies:
                raise CatalogFileError(path, f"platform code {platform_code!r} already supplies "
                                       f"{supplies[platform_code]}", code="CATALOG_DUPLICATE", entity=entity,
                                       field="platform_codes")
            supplies[platform_code] = kind.code
        kinds.append(kind)
    for item in items:
        named = [(f"materials[{m.code}].elicence_type", m.elicence_type) for m in item.materials if m.elicence_type]
        if item.licence_elicence_type:
            named.append(("licence_elicence_type", item.licence_elicence_type))
        for where, code in named:
            if code not in seen:
                raise CatalogFileError(item_paths.get(item.implementation_code, path),
                                       f"e-licence type {code!r} is not in {ELICENCE_TYPES_FILE}",
                                       code="CATALOG_REFERENCE", entity=f"item '{item.implementation_code}'",
                                       field=where)
    return tuple(kinds)


def load_catalog(directory: Path, *, calendar_dir: Path | None = None) -> Catalog:
    """Read and check a whole catalogue directory; raises ``CatalogFileError`` on the first mistake."""
    started = time.perf_counter()
    if not directory.is_dir():
        raise CatalogFileError(directory, "catalogue directory does not exist", code="CATALOG_NOT_FOUND")
    departments = _load_departments(directory)
    life_events_path = directory / LIFE_EVENTS_FILE
    event_order = tuple(str(e) for e in _read_list(life_events_path, "life_events")) \
        if life_events_path.exists() else ()
    declared = set(event_order) if life_events_path.exists() else None
    materials = _load_library(directory / MATERIALS_FILE, "materials", Material, "code")
    fields = _load_library(directory / FIELDS_FILE, "fields", FormField, "key")

    by_department = {d.code: d for d in departments}
    items: list[ServiceItem] = []
    seen: dict[str, Path] = {}
    for path in sorted(directory.glob("*.yaml")):
        if path.name not in RESERVED_FILES:
            items.extend(_load_item_file(path, by_department, materials, fields, declared, seen))
    bundles = _load_bundles(directory, {item.implementation_code: item for item in items}, declared)
    elicence_types = _load_elicence_types(directory, items, seen)

    calendar_dir = calendar_dir or default_calendar_dir()
    if not calendar_dir.is_dir():
        raise CatalogFileError(calendar_dir, "working calendar directory does not exist", code="CALENDAR_INVALID")
    catalog = Catalog(items=tuple(items), bundles=bundles, departments=departments,
                      calendar=WorkingCalendar.from_directory(calendar_dir), life_event_order=event_order,
                      elicence_types=elicence_types)
    log.info("catalogue loaded: %d items, %d bundles, %d departments in %.1f ms", len(items), len(bundles),
             len(departments), (time.perf_counter() - started) * 1000)
    return catalog
