"""The first-paint probe that bench/startup.py reads."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QLabel

from ui_common.first_paint import install_first_paint_probe

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import sys
from PySide6.QtWidgets import QLabel
from ui_common.app import create_application
from ui_common.first_paint import install_first_paint_probe
app = create_application(sys.argv[:1])
window = QLabel("办事")
install_first_paint_probe(window)
window.show()
sys.exit(app.exec())
"""


def test_probe_reports_and_quits_when_asked(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HALLTERM_REPORT_FIRST_PAINT": "1",
           "HALLTERM_QUIT_AFTER_PAINT": "1", "PYTHONPATH": str(ROOT)}
    started = time.time()
    result = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True,
                            timeout=60, cwd=tmp_path)
    finished = time.time()
    assert result.returncode == 0, result.stderr
    match = re.search(r"^first-paint (\d+\.\d+)$", result.stderr, re.MULTILINE)
    assert match, result.stderr
    assert started < float(match.group(1)) < finished


def test_probe_records_the_time_in_process_without_reporting(qtbot, monkeypatch, capfd):
    monkeypatch.delenv("HALLTERM_REPORT_FIRST_PAINT", raising=False)
    monkeypatch.delenv("HALLTERM_QUIT_AFTER_PAINT", raising=False)
    window = QLabel("办事")
    qtbot.addWidget(window)
    probe = install_first_paint_probe(window)
    before = time.time()
    window.show()
    qtbot.waitUntil(lambda: probe.painted_at is not None)
    assert probe.painted_at >= before
    assert "first-paint" not in capfd.readouterr().err


def test_painted_signal_comes_after_the_frame(qtbot):
    window = QLabel("办事")
    qtbot.addWidget(window)
    probe = install_first_paint_probe(window)
    with qtbot.waitSignal(probe.painted, timeout=5000) as blocker:
        window.show()
    assert blocker.args == [probe.painted_at]
