"""Settings: load, get, set, lock, save, overrides, devices, demo defaults, redaction."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from core.config import CURRENT_VERSION, REDACTED, Settings
from core.config.pin import hash_pin
from core.errors import ConfigError
from core.paths import Paths


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def load_error(path: Path, **kwargs: object) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        Settings.load(path, **kwargs)  # type: ignore[arg-type]
    return info.value


# --- loading -------------------------------------------------------------------------------------

def test_missing_file_means_defaults(tmp_path: Path) -> None:
    settings = Settings.load(tmp_path / "absent.toml")

    assert settings.get("kiosk.idle_timeout_s") == 60
    assert settings.get("terminal.hall_name") == "长沙市芙蓉区政务服务中心"
    assert settings.get("store.data_dir") is None
    assert settings.devices == {}
    assert settings.loaded_version is None
    assert not (tmp_path / "absent.toml").exists()


def test_no_path_means_defaults() -> None:
    assert Settings.load(None).get("logging.level") == "INFO"


def test_file_values_override_defaults(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", """
schema_version = 2
[terminal]
id = "K07"
[kiosk]
idle_timeout_s = 90
elderly_idle_factor = 3
offered_items = ["11430102MB0001", "11430102MB0002"]
[central]
ca_bundle = "/etc/hallterm/ca.pem"
""")
    settings = Settings.load(path)

    assert settings.get("terminal.id") == "K07"
    assert settings["kiosk.idle_timeout_s"] == 90
    assert settings.get("kiosk.elderly_idle_factor") == 3.0
    assert settings.get("kiosk.offered_items") == ("11430102MB0001", "11430102MB0002")
    assert settings.get("central.ca_bundle") == Path("/etc/hallterm/ca.pem")
    assert settings.get("kiosk.idle_countdown_s") == 10
    assert settings.source == path
    assert settings.loaded_version == 2


def test_dotted_keys_at_top_level_are_the_same_as_tables(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", 'kiosk.idle_timeout_s = 30\nui.language = "en"\n')
    settings = Settings.load(path)
    assert settings.get("kiosk.idle_timeout_s") == 30
    assert settings.get("ui.language") == "en"


def test_unknown_key_is_refused_with_a_suggestion_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", "schema_version = 2\n\n[kiosk]\nidle_timeout = 30\n")
    error = load_error(path)

    assert error.code == "CFG_UNKNOWN_KEY"
    assert str(path) in error.detail
    assert "line 4" in error.detail
    assert "kiosk.idle_timeout" in error.detail
    assert "did you mean kiosk.idle_timeout_s?" in error.detail


def test_old_name_in_a_current_file_suggests_its_new_name(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", "schema_version = 2\n[kiosk]\nidle_seconds = 30\n")
    assert "did you mean kiosk.idle_timeout_s?" in load_error(path).detail


def test_unknown_section_and_scalar_section_are_refused(tmp_path: Path) -> None:
    assert load_error(write(tmp_path / "a.toml", "[kioks]\nidle_timeout_s = 30\n")).code == "CFG_UNKNOWN_KEY"
    error = load_error(write(tmp_path / "b.toml", "kiosk = 5\n"))
    assert error.code == "CFG_UNKNOWN_KEY"
    assert "unknown key kiosk" in error.detail


def test_wrong_type_names_file_line_and_key(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", '[ui]\nlanguage = "zh_CN"\nvoice_volume = "loud"\n')
    error = load_error(path)

    assert error.code == "CFG_VALUE_INVALID"
    assert f"{path} line 3: ui.voice_volume" in error.detail


def test_out_of_range_and_not_in_choices(tmp_path: Path) -> None:
    assert load_error(write(tmp_path / "a.toml", "[store]\nretention_days = 0\n")).code == "CFG_VALUE_INVALID"
    error = load_error(write(tmp_path / "b.toml", '[logging]\nlevel = "LOUD"\n'))
    assert error.code == "CFG_VALUE_INVALID"
    assert "DEBUG, INFO, WARNING, ERROR" in error.detail


def test_a_table_where_a_value_belongs_is_invalid(tmp_path: Path) -> None:
    error = load_error(write(tmp_path / "c.toml", "[kiosk.idle_timeout_s]\nvalue = 3\n"))
    assert error.code == "CFG_VALUE_INVALID"


def test_secret_value_is_not_in_the_error(tmp_path: Path) -> None:
    error = load_error(write(tmp_path / "c.toml", '[kiosk]\ntechnician_pin = "hunter2"\n'))
    assert error.code == "CFG_VALUE_INVALID"
    assert "hunter2" not in error.detail
    assert "kiosk.technician_pin" in error.detail
    error = load_error(write(tmp_path / "d.toml", f'schema_version = {CURRENT_VERSION}\n'
                                                   '[kiosk]\ntechnician_pin_hash = "hunter2"\n'))
    assert error.code == "CFG_VALUE_INVALID"
    assert "hunter2" not in error.detail


def test_corrupt_toml_reports_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", "[kiosk]\nidle_timeout_s = 30\nthis is not toml\n")
    error = load_error(path)

    assert error.code == "CFG_CORRUPT"
    assert str(path) in error.detail
    assert "line 3, column" in error.detail


def test_non_utf8_file_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_bytes('[terminal]\nhall_name = "大厅"\n'.encode("gb18030"))
    assert load_error(path).code == "CFG_CORRUPT"


def test_unreadable_file(tmp_path: Path) -> None:
    # A folder where the file should be cannot be read on any platform, whoever runs the tests.
    (tmp_path / "c.toml").mkdir()
    error = load_error(tmp_path / "c.toml")
    assert error.code == "CFG_UNREADABLE"
    assert str(tmp_path / "c.toml") in error.detail


def test_future_version_is_refused(tmp_path: Path) -> None:
    error = load_error(write(tmp_path / "c.toml", f"schema_version = {CURRENT_VERSION + 1}\n"))
    assert error.code == "CFG_FUTURE_VERSION"
    assert "newer" in error.detail


def test_bad_schema_version(tmp_path: Path) -> None:
    assert load_error(write(tmp_path / "a.toml", 'schema_version = "2"\n')).code == "CFG_VALUE_INVALID"
    assert load_error(write(tmp_path / "b.toml", "schema_version = 0\n")).code == "CFG_VALUE_INVALID"


# --- get / set / reset ---------------------------------------------------------------------------

def test_get_unknown_key_suggests() -> None:
    with pytest.raises(ConfigError) as info:
        Settings.load(None).get("kiosk.idle_timout_s")
    assert info.value.code == "CFG_UNKNOWN_KEY"
    assert "did you mean kiosk.idle_timeout_s?" in info.value.detail


def test_set_checks_and_returns_the_canonical_value() -> None:
    settings = Settings.load(None)

    assert settings.set("kiosk.elderly_idle_factor", 3) == 3.0
    assert settings.set("central.ca_bundle", "/ca.pem") == Path("/ca.pem")
    assert settings.get("central.ca_bundle") == Path("/ca.pem")
    with pytest.raises(ConfigError) as info:
        settings.set("kiosk.idle_timeout_s", 1)
    assert info.value.code == "CFG_VALUE_INVALID"
    assert settings.get("kiosk.idle_timeout_s") == 60
    with pytest.raises(ConfigError) as info:
        settings.set("kiosk.nope", 1)
    assert info.value.code == "CFG_UNKNOWN_KEY"


def test_set_text_parses_what_a_technician_typed() -> None:
    settings = Settings.load(None)
    assert settings.set_text("kiosk.idle_timeout_s", "120") == 120
    assert settings.set_text("ui.elderly_mode_default", "是") is True


def test_reset_returns_to_default() -> None:
    settings = Settings.load(None)
    settings.set("ui.voice_volume", 10)
    settings.reset("ui.voice_volume")
    assert settings.get("ui.voice_volume") == 80
    assert settings.is_default("ui.voice_volume")


# --- locking ------------------------------------------------------------------------------------

def test_locked_key_refuses_set_until_unlocked() -> None:
    settings = Settings.load(None)
    settings.lock("kiosk.idle_timeout_s")

    with pytest.raises(ConfigError) as info:
        settings.set("kiosk.idle_timeout_s", 90)
    assert info.value.code == "CFG_KEY_LOCKED"
    assert info.value.user_message == "设置项「无操作超时（秒）」已被锁定，不能修改。"
    with pytest.raises(ConfigError):
        settings.reset("kiosk.idle_timeout_s")
    assert settings.is_locked("kiosk.idle_timeout_s")

    settings.unlock("kiosk.idle_timeout_s")
    assert settings.set("kiosk.idle_timeout_s", 90) == 90
    assert not settings.is_locked("kiosk.idle_timeout_s")


def test_locked_devices_refuse_changes() -> None:
    settings = Settings.demo_defaults()
    settings.lock("devices.idcard")
    with pytest.raises(ConfigError) as info:
        settings.set_device("idcard", {"driver": "samv_serial", "port": "/dev/ttyUSB0"})
    assert info.value.code == "CFG_KEY_LOCKED"
    with pytest.raises(ConfigError):
        settings.remove_device("idcard")


def test_lock_of_an_unknown_key_is_refused() -> None:
    with pytest.raises(ConfigError) as info:
        Settings.load(None).lock("kiosk.idle")
    assert info.value.code == "CFG_UNKNOWN_KEY"


def test_locks_are_read_from_and_saved_to_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", '[locked]\nkeys = ["ui.language", "devices.idcard"]\n')
    settings = Settings.load(path)
    assert settings.locked_keys() == {"ui.language", "devices.idcard"}
    with pytest.raises(ConfigError) as info:
        settings.set("ui.language", "en")
    assert info.value.code == "CFG_KEY_LOCKED"

    settings.unlock("devices.idcard")
    settings.save()
    assert tomllib.loads(path.read_text("utf-8"))["locked"] == {"keys": ["ui.language"]}


def test_bad_locked_table(tmp_path: Path) -> None:
    error = load_error(write(tmp_path / "a.toml", '[locked]\nkeys = ["kiosk.idle_timeout"]\n'))
    assert error.code == "CFG_UNKNOWN_KEY"
    assert "did you mean kiosk.idle_timeout_s?" in error.detail
    assert load_error(write(tmp_path / "b.toml", "[locked]\nkeys = [1]\n")).code == "CFG_VALUE_INVALID"
    assert load_error(write(tmp_path / "c.toml", "[locked]\nkey = []\n")).code == "CFG_UNKNOWN_KEY"


# --- saving -------------------------------------------------------------------------------------

def test_save_writes_only_non_default_values_and_the_version(tmp_path: Path) -> None:
    settings = Settings.load(None)
    settings.set("kiosk.idle_timeout_s", 90)
    settings.set("ui.voice_volume", 80)  # equal to the default: not written
    settings.set("central.ca_bundle", "/ca.pem")
    path = settings.save(tmp_path / "sub" / "c.toml")

    assert tomllib.loads(path.read_text("utf-8")) == {
        "schema_version": CURRENT_VERSION,
        "kiosk": {"idle_timeout_s": 90},
        "central": {"ca_bundle": "/ca.pem"},
    }
    assert settings.source == path


def test_save_without_a_path_goes_back_to_the_source(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", "[ui]\nvoice_volume = 30\n")
    settings = Settings.load(path)
    settings.set("ui.voice_volume", 40)
    settings.save()
    assert Settings.load(path).get("ui.voice_volume") == 40


def test_save_with_nowhere_to_go() -> None:
    with pytest.raises(ConfigError) as info:
        Settings.load(None).save()
    assert info.value.code == "CFG_UNWRITABLE"


def test_save_into_an_unwritable_place_keeps_the_message_calm(tmp_path: Path) -> None:
    (tmp_path / "c.toml").mkdir()  # a folder in the way: os.replace cannot put a file there
    settings = Settings.load(None)
    with pytest.raises(ConfigError) as info:
        settings.save(tmp_path / "c.toml")
    assert info.value.code == "CFG_UNWRITABLE"
    assert list(tmp_path.iterdir()) == [tmp_path / "c.toml"]  # the temporary file was removed


# --- overrides ----------------------------------------------------------------------------------

def test_overrides_win_over_the_file_and_are_not_saved(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", "[kiosk]\nidle_timeout_s = 90\n")
    settings = Settings.load(path, overrides={"kiosk.idle_timeout_s": "30", "logging.level": "DEBUG"})

    assert settings.get("kiosk.idle_timeout_s") == 30
    assert settings.get("logging.level") == "DEBUG"
    assert settings.is_overridden("kiosk.idle_timeout_s")
    settings.save()
    assert tomllib.loads(path.read_text("utf-8"))["kiosk"] == {"idle_timeout_s": 90}
    assert "logging" not in tomllib.loads(path.read_text("utf-8"))


def test_set_on_an_overridden_key_drops_the_override() -> None:
    settings = Settings.load(None, overrides={"ui.voice_volume": 10})
    settings.set("ui.voice_volume", 20)
    assert settings.get("ui.voice_volume") == 20
    assert not settings.is_overridden("ui.voice_volume")


def test_bad_overrides_are_refused() -> None:
    with pytest.raises(ConfigError) as info:
        Settings.load(None, overrides={"kiosk.idle_timout_s": 30})
    assert info.value.code == "CFG_UNKNOWN_KEY"
    with pytest.raises(ConfigError) as info:
        Settings.load(None, overrides={"kiosk.idle_timeout_s": "abc"})
    assert info.value.code == "CFG_VALUE_INVALID"
    assert "overrides" in info.value.detail


def test_device_override() -> None:
    settings = Settings.demo_defaults(overrides={"devices.idcard": {"driver": "samv_serial", "port": "socket://x:1"}})
    assert settings.device("idcard") == {"driver": "samv_serial", "port": "socket://x:1"}
    assert settings.is_overridden("devices.idcard")


# --- devices ------------------------------------------------------------------------------------

def test_devices_table_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", """
[devices.idcard]
driver = "samv_serial"
port = "/dev/ttyUSB0"
baud = 115200

[devices.receipt_printer]
driver = "escpos_network"
host = "192.168.1.50"
cut = true
""")
    settings = Settings.load(path)
    assert settings.devices == {
        "idcard": {"driver": "samv_serial", "port": "/dev/ttyUSB0", "baud": 115200},
        "receipt_printer": {"driver": "escpos_network", "host": "192.168.1.50", "cut": True},
    }
    settings.devices["idcard"]["baud"] = 9600  # a copy: the settings do not change behind their back
    assert settings.device("idcard")["baud"] == 115200  # type: ignore[index]


@pytest.mark.parametrize(("body", "fragment", "line"), [
    ('[devices.idcard]\nport = "/dev/ttyUSB0"\n', 'needs a non-empty string "driver"', 2),
    ("[devices.idcard]\ndriver = 5\n", 'needs a non-empty string "driver"', 2),
    ('[devices.idcard]\ndriver = "x"\nports = ["a", "b"]\n', "devices.idcard.ports", 2),
    ('[devices.idcard]\ndriver = "x"\n[devices.idcard.extra]\na = 1\n', "devices.idcard.extra", 2),
    ('[devices."ID Card"]\ndriver = "x"\n', "device name", 2),
    ("devices = 5\n", "table of devices", 2),
    ("[devices]\nidcard = 5\n", "expected a table", 3),
])
def test_malformed_devices(tmp_path: Path, body: str, fragment: str, line: int) -> None:
    error = load_error(write(tmp_path / "c.toml", "schema_version = 2\n" + body))
    assert error.code == "CFG_VALUE_INVALID"
    assert fragment in error.detail
    assert f"{tmp_path / 'c.toml'} line {line}: devices" in error.detail


def test_set_and_remove_devices_and_save(tmp_path: Path) -> None:
    settings = Settings.load(None)
    settings.set_device("idcard", {"driver": "samv_serial", "port": "COM3"})
    settings.set_device("scanner", {"driver": "wedge"})
    assert settings.remove_device("scanner") is True
    assert settings.remove_device("scanner") is False
    with pytest.raises(ConfigError):
        settings.set_device("idcard", {"port": "COM3"})
    path = settings.save(tmp_path / "c.toml")
    assert Settings.load(path).devices == {"idcard": {"driver": "samv_serial", "port": "COM3"}}


# --- demo, redaction, paths ---------------------------------------------------------------------

def test_demo_defaults_run_on_simulators_and_local_services() -> None:
    settings = Settings.demo_defaults()

    assert settings.device("idcard") == {"driver": "samv_simulated"}
    assert settings.device("receipt_printer")["driver"] == "capture"  # type: ignore[index]
    assert settings.device("a4_printer")["driver"] == "capture"  # type: ignore[index]
    assert settings.get("hall_server.url") == ""
    assert settings.get("central.url") == ""
    assert settings.get("ui.fullscreen") is False


def test_demo_with_a_file_keeps_demo_devices_unless_the_file_names_devices(tmp_path: Path) -> None:
    plain = write(tmp_path / "a.toml", "[ui]\nvoice_volume = 5\n")
    assert Settings.load(plain, demo=True).device("idcard") == {"driver": "samv_simulated"}
    own = write(tmp_path / "b.toml", '[devices.idcard]\ndriver = "samv_serial"\n')
    assert Settings.load(own, demo=True).devices == {"idcard": {"driver": "samv_serial"}}


def test_redacted_dict_hides_secrets_and_lists_everything(tmp_path: Path) -> None:
    settings = Settings.load(None)
    settings.set("hall_server.token", "tok-abcdef")
    settings.set("kiosk.technician_pin_hash", hash_pin("20251124"))
    settings.set("central.ca_bundle", tmp_path / "ca.pem")
    settings.set_device("printer", {"driver": "escpos_network", "host": "10.0.0.9", "password": "pw-123"})
    settings.lock("ui.language")
    out = settings.redacted_dict()

    assert out["hall_server"]["token"] == REDACTED
    assert out["kiosk"]["technician_pin_hash"] == REDACTED
    assert out["central"]["terminal_secret"] == ""
    assert out["central"]["ca_bundle"] == str(tmp_path / "ca.pem")
    assert out["devices"]["printer"] == {"driver": "escpos_network", "host": "10.0.0.9", "password": REDACTED}
    assert out["locked"] == {"keys": ["ui.language"]}
    assert out["schema_version"] == CURRENT_VERSION
    text = repr(out) + repr(settings)
    for secret in ("tok-abcdef", "20251124", "pw-123"):
        assert secret not in text
    assert {k for section in ("terminal", "ui", "kiosk") for k in out[section]} >= {"id", "language", "idle_timeout_s"}


def test_resolve_paths_applies_store_data_dir(tmp_path: Path) -> None:
    paths = Paths.under(tmp_path)
    settings = Settings.load(write(tmp_path / "c.toml", '[store]\ndata_dir = "local-data"\n'))
    assert settings.resolve_paths(paths).data_dir == paths.config_dir / "local-data"
    assert Settings.load(None).resolve_paths(paths) == paths
