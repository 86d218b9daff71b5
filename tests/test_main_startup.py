"""The composition root refuses to start unsafely, and says why without a traceback."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.errors import StorageError

ROOT = Path(__file__).resolve().parent.parent


def run_main(*args: str, home: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    env = dict(os.environ, HALLTERM_HOME=str(home), QT_QPA_PLATFORM="offscreen",
               HALLTERM_REPORT_FIRST_PAINT="1", HALLTERM_QUIT_AFTER_PAINT="1")
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)


def test_demo_kiosk_starts_and_paints(tmp_path):
    result = run_main("kiosk", "--demo", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "first-paint" in result.stderr
    assert "Traceback" not in result.stderr


def test_corrupt_config_opens_the_out_of_service_screen(tmp_path):
    config = tmp_path / "bad.toml"
    config.write_text("[kiosk\nidle_timeout_s = 60\n", encoding="utf-8")
    result = run_main("kiosk", "--config", str(config), home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "CFG_CORRUPT" in result.stderr
    assert "first-paint" in result.stderr          # a window was shown: the out-of-service screen
    assert "Traceback" not in result.stderr


def test_deleted_key_file_refuses_to_start_rather_than_making_a_new_key(tmp_path):
    from core.paths import Paths
    from core.storage import Store

    paths = Paths.under(tmp_path)
    first = run_main("kiosk", home=tmp_path)
    assert first.returncode == 0, first.stderr
    assert paths.key_file.exists() and paths.database_file.exists()
    with Store.open(paths.database_file, paths.key_file) as store:
        store.audit.append("test", "setup", "store")
    paths.key_file.unlink()

    result = run_main("kiosk", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "STORE_KEY_MISSING" in result.stderr
    assert "first-paint" in result.stderr          # the out-of-service screen, not the home screen
    assert not paths.key_file.exists()             # no new key was made behind the person's back
    with pytest.raises(StorageError) as err:
        Store.open(paths.database_file, paths.key_file.with_name("other.key"))
    assert err.value.code == "STORE_KEY_MISSING"
