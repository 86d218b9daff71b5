"""Declarations: each setting checks its own values, and the declarations themselves are sound."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.config import Kind, Settings
from core.config.declaration import REDACTED, Setting
from core.config.schema import BY_KEY, SECTIONS, SETTINGS, by_section
from core.errors import ConfigError


def _invalid(key: str, value: object) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        BY_KEY[key].coerce(value, where="test")
    assert info.value.code == "CFG_VALUE_INVALID"
    assert key in info.value.detail
    return info.value


def test_the_brief_s_settings_are_declared() -> None:
    expected = {
        "terminal.id", "terminal.region_code", "terminal.hall_name", "terminal.mode",
        "ui.language", "ui.elderly_mode_default", "ui.fullscreen", "ui.voice_volume",
        "kiosk.idle_timeout_s", "kiosk.idle_countdown_s", "kiosk.elderly_idle_factor", "kiosk.technician_pin_hash",
        "store.data_dir", "store.retention_days",
        "hall_server.url", "hall_server.token", "hall_server.request_timeout_s",
        "central.url", "central.terminal_secret", "central.ca_bundle", "central.client_cert", "central.sync_interval_s",
        "logging.level", "logging.max_bytes", "logging.backups",
    }
    assert expected <= set(BY_KEY)


def test_every_declaration_has_chinese_text_and_a_valid_default() -> None:
    for setting in SETTINGS:
        assert setting.label and setting.description, setting.key
        assert any("\u4e00" <= c <= "\u9fff" for c in setting.description), setting.key
        assert setting.coerce(setting.default, where="test") == setting.default


def test_sections_group_every_setting_in_declared_order() -> None:
    grouped = list(by_section())
    assert [section for section, _ in grouped] == list(SECTIONS)
    assert [s for _, settings in grouped for s in settings] == sorted(
        SETTINGS, key=lambda s: [sec.name for sec in SECTIONS].index(s.section))
    assert all(settings for _, settings in grouped)
    assert Settings.declarations() == SETTINGS
    assert list(Settings.declarations_by_section()) == grouped


def test_secrets_are_flagged() -> None:
    secrets = {s.key for s in SETTINGS if s.secret}
    assert secrets == {"kiosk.technician_pin_hash", "hall_server.token", "central.terminal_secret"}
    assert all(BY_KEY[k].kind is Kind.SECRET for k in secrets)


def test_a_declaration_with_a_bad_default_fails_at_import_time() -> None:
    with pytest.raises(ConfigError):
        Setting(key="x.y", kind=Kind.INT, default=5, minimum=10, label="x", description="x")
    with pytest.raises(ValueError, match="section"):
        Setting(key="nosection", kind=Kind.INT, default=5, label="x", description="x")


def test_int_is_strict_about_type_and_range() -> None:
    setting = BY_KEY["kiosk.idle_timeout_s"]
    assert setting.coerce(15, where="t") == 15
    assert setting.coerce(600, where="t") == 600
    _invalid("kiosk.idle_timeout_s", 14)
    _invalid("kiosk.idle_timeout_s", 601)
    _invalid("kiosk.idle_timeout_s", "60")
    _invalid("kiosk.idle_timeout_s", True)
    _invalid("kiosk.idle_timeout_s", 60.0)


def test_range_error_names_the_rule_calmly_in_chinese() -> None:
    error = _invalid("kiosk.idle_timeout_s", 5)
    assert "below the minimum 15" in error.detail
    assert error.user_message == "设置项「无操作超时（秒）」的值不正确：应在 15 到 600 之间"


def test_float_accepts_ints_and_refuses_nan() -> None:
    setting = BY_KEY["kiosk.elderly_idle_factor"]
    assert setting.coerce(3, where="t") == 3.0
    assert isinstance(setting.coerce(3, where="t"), float)
    _invalid("kiosk.elderly_idle_factor", float("nan"))
    _invalid("kiosk.elderly_idle_factor", 0.5)
    _invalid("kiosk.elderly_idle_factor", False)


def test_bool_choice_and_str_rules() -> None:
    _invalid("ui.fullscreen", 1)
    _invalid("ui.language", "fr")
    _invalid("logging.level", "info")
    assert BY_KEY["logging.level"].coerce("DEBUG", where="t") == "DEBUG"
    _invalid("terminal.hall_name", "   ")
    _invalid("terminal.hall_name", 5)


def test_terminal_id_and_region_use_the_case_numbering_rules() -> None:
    assert BY_KEY["terminal.id"].coerce("K02", where="t") == "K02"
    error = _invalid("terminal.id", "k-01")
    assert "upper-case" in error.detail
    _invalid("terminal.region_code", "43010")


def test_url_must_be_http_with_a_host_or_empty() -> None:
    setting = BY_KEY["central.url"]
    assert setting.coerce("", where="t") == ""
    assert setting.coerce("https://gov.example.cn:8443/api", where="t") == "https://gov.example.cn:8443/api"
    for bad in ("ftp://x.cn", "https://", "gov.example.cn", "http://host:99999", "http://a b.cn"):
        _invalid("central.url", bad)


def test_path_empty_means_not_set() -> None:
    setting = BY_KEY["central.ca_bundle"]
    assert setting.coerce("", where="t") is None
    assert setting.coerce("/etc/ssl/ca.pem", where="t") == Path("/etc/ssl/ca.pem")
    assert setting.coerce(Path("ca.pem"), where="t") == Path("ca.pem")
    assert setting.to_toml(None) == ""
    assert setting.to_toml(Path("/etc/ssl/ca.pem")) == "/etc/ssl/ca.pem"
    _invalid("central.ca_bundle", "bad\x00path")
    _invalid("central.ca_bundle", 5)


def test_list_of_str() -> None:
    setting = BY_KEY["kiosk.offered_items"]
    assert setting.coerce(["A1", "B2"], where="t") == ("A1", "B2")
    assert setting.to_toml(("A1",)) == ["A1"]
    _invalid("kiosk.offered_items", "A1")
    _invalid("kiosk.offered_items", ["A1", 2])
    _invalid("kiosk.offered_items", ["A1", " "])


def test_secret_values_never_appear_in_errors() -> None:
    error = _invalid("kiosk.technician_pin_hash", "12ab5678")
    assert "12ab5678" not in error.detail
    assert "12ab5678" not in error.user_message
    error = _invalid("hall_server.token", 123456789)
    assert "123456789" not in error.detail


def test_secret_display_is_redacted_but_shows_unset() -> None:
    setting = BY_KEY["hall_server.token"]
    assert setting.display("abc") == REDACTED
    assert setting.display("") == ""


def test_parse_text_for_technician_input() -> None:
    assert BY_KEY["kiosk.idle_timeout_s"].parse_text(" 90 ", where="t") == 90
    assert BY_KEY["kiosk.elderly_idle_factor"].parse_text("2.5", where="t") == 2.5
    assert BY_KEY["ui.fullscreen"].parse_text("否", where="t") is False
    assert BY_KEY["ui.fullscreen"].parse_text("TRUE", where="t") is True
    assert BY_KEY["kiosk.offered_items"].parse_text("A1, B2,,", where="t") == ("A1", "B2")
    assert BY_KEY["store.data_dir"].parse_text("", where="t") is None
    with pytest.raises(ConfigError) as info:
        BY_KEY["kiosk.idle_timeout_s"].parse_text("ninety", where="t")
    assert info.value.code == "CFG_VALUE_INVALID"
    with pytest.raises(ConfigError):
        BY_KEY["ui.fullscreen"].parse_text("maybe", where="t")
    with pytest.raises(ConfigError) as info:
        BY_KEY["kiosk.technician_pin_hash"].parse_text("secret-pin", where="t")
    assert "secret-pin" not in info.value.detail
