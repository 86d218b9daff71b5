"""``python -m devices.idcard.simulator`` as a technician or a script uses it: a separate process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from devices.base import DeviceError
from devices.idcard.reader import read_one_card
from devices.idcard.simcards import load_cards
from devices.idcard.simcontrol import handle_line
from devices.idcard.simulator import SamvSimulator

ROOT = Path(__file__).resolve().parents[2]


def _send(process: subprocess.Popen, line: str) -> str:
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(line + "\n")
    process.stdin.flush()
    return process.stdout.readline().strip()


@pytest.mark.parametrize("where", [["--tcp", "127.0.0.1:0"], ["--pty"]])
def test_simulator_process_serves_the_real_driver(where):
    process = subprocess.Popen([sys.executable, "-m", "devices.idcard.simulator", *where, "--place", "resident"],
                               cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert url.startswith(("socket://127.0.0.1:", "/dev/pts/"))
        assert read_one_card(url, timeout=3.0).name == "张三"

        assert _send(process, "remove") == "ok"
        with pytest.raises(DeviceError, match="IDCARD_NO_CARD"):
            read_one_card(url, timeout=0.3, poll_interval=0.05)
        assert _send(process, "place foreign_2023") == "ok"
        assert read_one_card(url, timeout=3.0).card_type == "foreign_permanent_2023"
        assert "card=foreign_2023" in _send(process, "status")
        assert _send(process, "quit") == "bye"
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=5)


def test_control_lines_set_faults_and_explain_mistakes():
    cards = load_cards()
    sim = SamvSimulator()
    assert handle_line(sim, cards, "checksum 2") == ("ok", True)
    assert handle_line(sim, cards, "stray on") == ("ok", True)
    assert handle_line(sim, cards, "chunks on") == ("ok", True)
    assert handle_line(sim, cards, "delay 0.25") == ("ok", True)
    assert handle_line(sim, cards, "selftest fail") == ("ok", True)
    assert (sim.faults.checksum_errors, sim.faults.stray_bytes, sim.faults.chunked, sim.faults.delay,
            sim.faults.selftest_failed) == (2, True, True, 0.25, True)
    assert handle_line(sim, cards, "place nobody")[0].startswith("error: unknown card")
    assert handle_line(sim, cards, "stray maybe")[0].startswith("error:")
    assert handle_line(sim, cards, "dance")[0].startswith("error: commands:")
    assert "resident (resident)" in handle_line(sim, cards, "cards")[0]
    assert handle_line(sim, cards, "quit") == ("bye", False)
    sim.stop()
