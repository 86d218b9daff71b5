"""The config file on disk: migrations, atomic writes, permissions, line lookup."""

from __future__ import annotations

import signal
import stat
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

from core.config import CURRENT_VERSION, Settings
from core.config.migrations import MIGRATIONS, migrate
from core.config.tomlfile import locate
from core.errors import ConfigError

REPO = Path(__file__).resolve().parents[2]

# A file as version 1 of the program wrote it (no schema_version yet, old key names).
V1_FILE = """\
[terminal]
id = "K09"

[kiosk]
idle_seconds = 120
countdown_seconds = 15

[ui]
locale = "en"
"""


def test_current_version_follows_the_migration_list() -> None:
    assert CURRENT_VERSION == len(MIGRATIONS) + 1 == 3


def test_v1_file_is_upgraded_by_renaming(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(V1_FILE, encoding="utf-8")
    settings = Settings.load(path)

    assert settings.loaded_version == 1
    assert settings.get("kiosk.idle_timeout_s") == 120
    assert settings.get("kiosk.idle_countdown_s") == 15
    assert settings.get("ui.language") == "en"
    assert settings.get("terminal.id") == "K09"

    settings.save()
    saved = tomllib.loads(path.read_text("utf-8"))
    assert saved["schema_version"] == CURRENT_VERSION
    assert saved["kiosk"] == {"idle_timeout_s": 120, "idle_countdown_s": 15}
    assert Settings.load(path).loaded_version == CURRENT_VERSION


def test_explicit_v1_file_is_upgraded_too(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("schema_version = 1\n" + V1_FILE, encoding="utf-8")
    assert Settings.load(path).get("kiosk.idle_timeout_s") == 120


def test_migration_does_not_touch_its_input_and_drops_emptied_sections() -> None:
    original = {"schema_version": 1, "ui": {"locale": "en"}}
    upgraded, version = migrate(original, where="t")

    assert original == {"schema_version": 1, "ui": {"locale": "en"}}
    assert upgraded == {"schema_version": CURRENT_VERSION, "ui": {"language": "en"}}
    assert version == 1
    assert migrate({"kiosk": {"idle_seconds": 30}}, where="t")[0] == {"schema_version": CURRENT_VERSION,
                                                                       "kiosk": {"idle_timeout_s": 30}}


def test_old_and_new_name_together_is_a_conflict() -> None:
    with pytest.raises(ConfigError) as info:
        migrate({"kiosk": {"idle_seconds": 30, "idle_timeout_s": 40}}, where="c.toml")
    assert info.value.code == "CFG_MIGRATION_CONFLICT"
    assert "kiosk.idle_seconds" in info.value.detail


def test_a_v2_file_is_not_renamed_again() -> None:
    doc = {"schema_version": 2, "kiosk": {"idle_seconds": 30}}
    # the loader then refuses the old name as unknown
    assert migrate(doc, where="t")[0] == {**doc, "schema_version": CURRENT_VERSION}


def test_saved_file_is_private_to_the_user(tmp_path: Path) -> None:
    settings = Settings.load(None)
    settings.set("hall_server.token", "t0ken")
    path = settings.save(tmp_path / "c.toml")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_save_replaces_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    settings = Settings.load(path)
    for volume in (10, 20, 30):
        settings.set("ui.voice_volume", volume)
        settings.save()
    assert [p.name for p in tmp_path.iterdir()] == ["c.toml"]
    assert Settings.load(path).get("ui.voice_volume") == 30


def test_a_process_killed_while_saving_leaves_the_old_config_whole(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("[ui]\nvoice_volume = 10\n", encoding="utf-8")
    # The child writes the new file completely, then dies by SIGKILL just before the rename: the worst
    # moment, when a non-atomic writer would have truncated the old file already.
    child = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from core.config import Settings
        settings = Settings.load(Path({str(path)!r}))
        settings.set("ui.voice_volume", 99)
        os.replace = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
        settings.save()
    """)
    result = subprocess.run([sys.executable, "-c", child], cwd=REPO, capture_output=True, timeout=60, check=False)

    assert result.returncode == -signal.SIGKILL, result.stderr.decode()
    leftovers = [p for p in tmp_path.iterdir() if p != path]
    assert len(leftovers) == 1  # the complete new file, never renamed into place
    assert tomllib.loads(leftovers[0].read_text("utf-8"))["ui"] == {"voice_volume": 99}
    assert Settings.load(path).get("ui.voice_volume") == 10
    assert path.read_text("utf-8") == "[ui]\nvoice_volume = 10\n"


def test_locate_finds_keys_in_tables_and_dotted_forms() -> None:
    text = textwrap.dedent("""\
        schema_version = 2
        kiosk.idle_timeout_s = 30

        [ui]  # comment
        language = "en"
        "voice_volume" = 3

        [devices.idcard]
        driver = "x"
        [[not.a.table]]
        """)
    assert locate(text, "schema_version") == 1
    assert locate(text, "kiosk.idle_timeout_s") == 2
    assert locate(text, "ui") == 4
    assert locate(text, "ui.language") == 5
    assert locate(text, "ui.voice_volume") == 6
    assert locate(text, "devices.idcard") == 8
    assert locate(text, "devices.idcard.driver") == 9
    assert locate(text, "ui.fullscreen") is None
