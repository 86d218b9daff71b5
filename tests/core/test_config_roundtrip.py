"""Property: any valid settings survive save -> load unchanged (values, devices, locks)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from core.config import Kind, Setting, Settings
from core.config.pin import hash_pin
from core.config.schema import SETTINGS

_TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
_PRINTABLE = st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=40)

_SPECIAL: dict[str, st.SearchStrategy[Any]] = {
    "terminal.id": st.from_regex(r"[A-Z0-9]{1,8}", fullmatch=True),
    "terminal.region_code": st.from_regex(r"[0-9]{6}", fullmatch=True),
    "terminal.hall_name": _TEXT.filter(lambda s: s.strip() != "" and len(s) <= 64),
    "kiosk.technician_pin_hash": st.one_of(st.just(""), st.just(hash_pin("20251124"))),
    **{s.key: st.one_of(st.just("none"), st.from_regex(r"[a-z][a-z0-9_]{0,31}", fullmatch=True))
       for s in SETTINGS if s.section == "printing"},
    "kiosk.offered_items": st.lists(_PRINTABLE.filter(lambda s: s.strip() != ""), max_size=5),
}

_URL = st.one_of(
    st.just(""),
    st.builds(lambda scheme, host, port, path: f"{scheme}://{host}{port}/{path}",
              st.sampled_from(["http", "https"]),
              st.from_regex(r"[a-z][a-z0-9-]{0,15}(\.[a-z]{2,6}){0,2}", fullmatch=True),
              st.one_of(st.just(""), st.integers(1, 65535).map(lambda p: f":{p}")),
              st.from_regex(r"[a-z0-9/_-]{0,20}", fullmatch=True)),
)


def values_for(setting: Setting) -> st.SearchStrategy[Any]:
    if setting.key in _SPECIAL:
        return _SPECIAL[setting.key]
    kind = setting.kind
    if kind is Kind.INT:
        return st.integers(int(setting.minimum or 0), int(setting.maximum or 10**9))
    if kind is Kind.FLOAT:
        return st.floats(setting.minimum, setting.maximum, allow_nan=False, allow_infinity=False)
    if kind is Kind.BOOL:
        return st.booleans()
    if kind is Kind.CHOICE:
        return st.sampled_from(setting.choices)
    if kind is Kind.URL:
        return _URL
    if kind is Kind.PATH:
        return st.one_of(st.just(""), _PRINTABLE)
    return _TEXT  # STR, SECRET


_SCALAR = st.one_of(_TEXT, st.integers(-(2**63), 2**63 - 1), st.booleans(),
                    st.floats(allow_nan=False, allow_infinity=False))
_DEVICES = st.dictionaries(
    st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True),
    st.builds(lambda driver, params: {**params, "driver": driver},
              _PRINTABLE.filter(lambda s: s.strip() != ""),
              st.dictionaries(_PRINTABLE.filter(lambda s: s != "driver"), _SCALAR, max_size=4)),
    max_size=4,
)


@st.composite
def valid_settings(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, dict[str, Any]], set[str]]:
    chosen = draw(st.lists(st.sampled_from(SETTINGS), unique=True))
    values = {s.key: draw(values_for(s)) for s in chosen}
    devices = draw(_DEVICES)
    locks = set(draw(st.lists(st.sampled_from([s.key for s in SETTINGS] + [f"devices.{d}" for d in devices]))))
    return values, devices, locks


@settings(max_examples=150, deadline=None)
@given(valid_settings())
def test_save_then_load_gives_back_the_same_settings(case: tuple[dict[str, Any], dict[str, Any], set[str]]) -> None:
    values, devices, locks = case
    original = Settings.load(None)
    for key, value in values.items():
        original.set(key, value)
    for name, params in devices.items():
        original.set_device(name, params)
    for key in locks:
        original.lock(key)

    with tempfile.TemporaryDirectory() as folder:
        path = original.save(Path(folder) / "hallterm.toml")
        loaded = Settings.load(path)
        resaved = path.read_bytes()
        loaded.save()
        assert path.read_bytes() == resaved  # saving what was loaded changes nothing

    for setting in SETTINGS:
        assert loaded.get(setting.key) == original.get(setting.key), setting.key
    assert loaded.devices == original.devices
    assert loaded.locked_keys() == original.locked_keys()
    assert loaded.redacted_dict() == original.redacted_dict()
