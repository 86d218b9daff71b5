"""The technician PIN: stored as an Argon2id hash, old plain PINs hashed on load, a lockout after failures."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from core.config import CURRENT_VERSION, Settings
from core.config.pin import PinGate, hash_pin, verify_pin
from core.errors import ConfigError


def test_hash_verifies_the_pin_and_nothing_else() -> None:
    encoded = hash_pin("20251124")
    assert encoded.startswith("$argon2id$") and "20251124" not in encoded
    assert verify_pin(encoded, "20251124")
    assert not verify_pin(encoded, "20251125")
    assert not verify_pin("", "20251124")
    assert not verify_pin("not-a-hash", "20251124")
    with pytest.raises(ValueError):
        hash_pin("12ab56")


def test_a_plain_pin_in_an_old_file_is_hashed_on_load_and_gone_after_save(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('schema_version = 2\n[kiosk]\ntechnician_pin = "20251124"\n', encoding="utf-8")
    settings = Settings.load(path)
    assert verify_pin(settings.get("kiosk.technician_pin_hash"), "20251124")
    settings.save()
    text = path.read_text("utf-8")
    assert "20251124" not in text
    assert tomllib.loads(text)["schema_version"] == CURRENT_VERSION


def test_an_old_plain_pin_that_is_not_digits_is_refused_without_showing_it(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('schema_version = 2\n[kiosk]\ntechnician_pin = "hunter2"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        Settings.load(path)
    assert info.value.code == "CFG_VALUE_INVALID" and "hunter2" not in info.value.detail


def test_gate_locks_after_repeated_wrong_pins() -> None:
    now = [100.0]
    encoded = hash_pin("123456")
    gate = PinGate(lambda: encoded, max_attempts=3, lockout_s=60, clock=lambda: now[0])
    assert gate.check("000000").attempts_left == 2
    assert gate.check("000001").reason == "wrong"
    locked = gate.check("000002")
    assert locked.reason == "locked" and locked.locked_for_s == 60
    assert gate.check("123456").reason == "locked"       # even the right PIN waits
    now[0] += 61
    assert gate.check("123456").ok


def test_gate_without_a_pin_says_not_set() -> None:
    gate = PinGate(lambda: "")
    assert not gate.is_set()
    assert gate.check("123456").reason == "not_set"
