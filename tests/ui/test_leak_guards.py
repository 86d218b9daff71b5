"""The guards in tests/ui/conftest.py really fail a test that leaks (run in a separate pytest)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

LEAKY_TESTS = '''
import threading
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

keep = []


def test_leaks_a_timer():
    timer = QTimer()
    timer.start(60_000)
    keep.append(timer)


def test_leaks_a_single_shot():
    QTimer.singleShot(60_000, lambda: None)


def test_leaks_a_thread():
    stop = threading.Event()
    # Ends by itself soon after the check, so the inner interpreter's exit does not wait long for it.
    threading.Thread(target=stop.wait, args=(1.5,), name="leaky-worker").start()


def test_leaks_a_window():
    window = QLabel("left open")
    window.show()
    keep.append(window)


def test_clean(qtbot):
    timer = QTimer()
    timer.start(60_000)
    timer.stop()
    QTimer.singleShot(0, lambda: None)
    qtbot.wait(10)
    window = QLabel("closed")
    qtbot.addWidget(window)
    window.show()
'''


def test_each_kind_of_leak_fails_its_test_and_a_clean_test_passes(tmp_path):
    shutil.copy(HERE / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "test_leaky.py").write_text(LEAKY_TESTS, encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir",
                             str(tmp_path), str(tmp_path)], env=env, capture_output=True, text=True,
                            timeout=120, cwd=tmp_path)
    out = result.stdout
    assert "5 passed, 4 errors" in out, out
    assert "ERROR at teardown of test_leaks_a_timer" in out
    assert "ERROR at teardown of test_leaks_a_single_shot" in out
    assert "left running threads behind: leaky-worker" in out
    assert "left visible top-level widgets behind: QLabel" in out
    assert "1 active QTimer(s)" in out
