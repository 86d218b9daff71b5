"""``main.py documents samples`` signs with the terminal's key; ``main.py verify-qr`` checks offline."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main_py(*args, home):
    env = dict(os.environ, HALLTERM_HOME=str(home))
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def test_samples_verify_with_this_terminal_and_tampering_is_refused(tmp_path):
    out = tmp_path / "samples"
    made = main_py("documents", "samples", "--demo", str(out), home=tmp_path / "home")
    assert made.returncode == 0, made.stderr
    tokens = dict(line.split("\t") for line in (out / "tokens.txt").read_text(encoding="utf-8").splitlines())
    assert {p.suffix for p in out.iterdir()} >= {".pdf", ".png", ".escpos"}

    receipt = next(token for name, token in tokens.items() if "receipt" in name)
    ok = main_py("verify-qr", "--demo", receipt, home=tmp_path / "home")
    assert ok.returncode == 0, ok.stderr
    assert "核验通过" in ok.stdout and "受理回执" in ok.stdout

    flipped = receipt[:-3] + ("A" if receipt[-3] != "A" else "B") + receipt[-2:]
    bad = main_py("verify-qr", "--demo", flipped, home=tmp_path / "home")
    assert bad.returncode == 1 and "核验未通过" in bad.stderr and "Traceback" not in bad.stderr

    # Another terminal (a fresh home, so another key) does not know this one's key.
    stranger = main_py("verify-qr", "--demo", receipt, home=tmp_path / "other-home")
    assert stranger.returncode == 1 and "DOC_TOKEN_UNKNOWN_KEY" in stranger.stderr
