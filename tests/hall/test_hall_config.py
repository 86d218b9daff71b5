"""The hall server's configuration file and its database schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hall_fixtures import config_file, hall_config

from core.errors import ConfigError
from hall_server.config import demo_config, load_config
from hall_server.db import LATEST_VERSION, open_backend
from hall_server.db.schema import schema_version
from hall_server.errors import HallServerError


def test_the_demo_hall_and_files_in_toml_and_json(tmp_path: Path) -> None:
    demo = demo_config()
    assert [(s.prefix, s.name) for s in demo.services][:4] == [("A", "综合业务"), ("B", "社保医保"), ("C", "不动产"),
                                                               ("D", "公安户政")]
    assert [c.id for c in demo.counters] == [str(i) for i in range(1, 9)]
    from_toml = load_config(config_file(tmp_path))
    assert from_toml == hall_config()
    json_path = tmp_path / "hall.json"
    json_path.write_text(json.dumps(hall_config().model_dump(mode="json")), encoding="utf-8")
    assert load_config(json_path) == hall_config()


@pytest.mark.parametrize(("change", "words"), [
    ({"counters": [{"id": "1", "name": "1号窗口", "services": ["visa"]}]}, "unknown or no services"),
    ({"services": [{"code": "general", "prefix": "A", "name": "综合"}, {"code": "general", "prefix": "B",
                                                                         "name": "重复"}]}, "duplicate service code"),
    ({"services": [{"code": "general", "prefix": "a1", "name": "综合业务"}]}, "prefix"),
    ({"timezone": "Mars/Olympus"}, "unknown time zone"),
    ({"max_number": 9500}, "above max_number"),
    ({"tokens": [{"token": "short", "role": "kiosk", "terminal_id": "k1"}]}, "token"),
    ({"tokens": [{"token": "display-token-0001", "role": "display", "terminal_id": "d1", "counter_id": "1"}]},
     "counter_id only applies"),
    ({"priority": {"policy": "lottery"}}, "priority.policy"),
])
def test_configuration_mistakes_stop_the_server_with_a_readable_reason(change: dict, words: str) -> None:
    with pytest.raises(ConfigError) as error:
        hall_config(**change)
    assert error.value.code == "HALL_CONFIG_INVALID" and words in error.value.detail
    assert "display-token-0001" not in error.value.detail  # a token never reaches a log


def test_overlapping_reserved_ranges_are_refused() -> None:
    tokens = [{"token": "kiosk-token-0001", "role": "kiosk", "terminal_id": "k1", "reserved_numbers": [9000, 9100]},
              {"token": "kiosk-token-0002", "role": "kiosk", "terminal_id": "k2", "reserved_numbers": [9100, 9200]}]
    with pytest.raises(ConfigError, match="overlap"):
        hall_config(tokens=tokens)


def test_unreadable_and_broken_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as missing:
        load_config(tmp_path / "nope.toml")
    assert missing.value.code == "HALL_CONFIG_UNREADABLE"
    broken = tmp_path / "broken.toml"
    broken.write_text("services = [", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(broken)


def test_schema_migrates_once_and_refuses_a_newer_database(db_url: str) -> None:
    backend = open_backend(db_url)
    try:
        assert schema_version(backend) == LATEST_VERSION
        backend.write(lambda tx: tx.run("INSERT INTO schema_migrations (version, name, applied_at) "
                                        "VALUES (?, 'from the future', 0)", (LATEST_VERSION + 1,)))
    finally:
        backend.close()
    again = open_backend(db_url, run_migrations=False)
    try:
        with pytest.raises(HallServerError) as newer:
            from hall_server.db import migrate

            migrate(again)
        assert newer.value.code == "HALL_DB_FUTURE_SCHEMA"
        assert schema_version(again) == LATEST_VERSION + 1  # left as it was
    finally:
        again.close()
