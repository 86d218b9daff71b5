"""Where hallterm keeps its files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import platformdirs
import pytest

from core.paths import HOME_ENV, Paths


def test_hallterm_home_puts_everything_under_one_folder(tmp_path: Path) -> None:
    paths = Paths.default(environ={HOME_ENV: str(tmp_path)})

    assert paths.config_file == tmp_path / "config" / "hallterm.toml"
    assert paths.data_dir == tmp_path / "data"
    assert paths.cache_dir == tmp_path / "cache"
    assert paths.database_file == tmp_path / "data" / "hallterm.sqlite3"
    assert paths.key_file == tmp_path / "data" / "keys" / "data.key"
    assert paths.log_file == tmp_path / "data" / "logs" / "hallterm.log"


def test_without_hallterm_home_platformdirs_decides() -> None:
    paths = Paths.default(environ={})

    assert paths.config_file == platformdirs.user_config_path("hallterm", appauthor=False) / "hallterm.toml"
    assert paths.data_dir == platformdirs.user_data_path("hallterm", appauthor=False)
    assert paths.cache_dir == platformdirs.user_cache_path("hallterm", appauthor=False)


def test_tests_run_under_a_private_home() -> None:
    # tests/conftest.py sets HALLTERM_HOME, so nothing here touches the real user's files.
    assert os.environ[HOME_ENV]
    assert Paths.default().data_dir == Path(os.environ[HOME_ENV]).absolute() / "data"


def test_config_override_moves_only_the_config_file(tmp_path: Path) -> None:
    base = Paths.default(environ={HOME_ENV: str(tmp_path / "home")})
    paths = Paths.default(config_file=tmp_path / "elsewhere.toml", environ={HOME_ENV: str(tmp_path / "home")})

    assert paths.config_file == tmp_path / "elsewhere.toml"
    assert paths.data_dir == base.data_dir
    assert paths.cache_dir == base.cache_dir


def test_demo_keeps_everything_under_the_demo_folder(tmp_path: Path) -> None:
    paths = Paths.for_demo(tmp_path / "demo")

    for location in (paths.config_file, paths.data_dir, paths.cache_dir, paths.key_file, paths.logs_dir):
        assert location.is_relative_to(tmp_path / "demo")


def test_demo_default_root_is_inside_the_data_dir(tmp_path: Path) -> None:
    env = {HOME_ENV: str(tmp_path)}
    paths = Paths.for_demo(environ=env)

    assert paths.data_dir.is_relative_to(Paths.default(environ=env).data_dir / "demo")
    assert paths.config_file.is_relative_to(tmp_path / "data" / "demo")


def test_data_dir_from_config_absolute_and_relative(tmp_path: Path) -> None:
    paths = Paths.under(tmp_path)

    assert paths.with_data_dir(tmp_path / "disk2").data_dir == tmp_path / "disk2"
    # Relative to the config file's folder, so a config and its data move together.
    assert paths.with_data_dir("store").data_dir == tmp_path / "config" / "store"
    assert paths.with_data_dir(None) is paths
    assert paths.with_data_dir("") is paths


def test_paths_are_frozen(tmp_path: Path) -> None:
    paths = Paths.under(tmp_path)
    with pytest.raises(AttributeError):
        paths.data_dir = tmp_path  # type: ignore[misc]


def test_ensure_dirs_creates_folders_and_a_private_keys_folder(tmp_path: Path) -> None:
    paths = Paths.under(tmp_path).ensure_dirs()

    for folder in (paths.config_dir, paths.data_dir, paths.logs_dir, paths.cache_dir, paths.keys_dir):
        assert folder.is_dir()
    assert not paths.config_file.exists()
    if os.name == "posix":
        assert stat.S_IMODE(paths.keys_dir.stat().st_mode) == 0o700
