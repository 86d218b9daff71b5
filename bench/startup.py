"""Start-up benchmark: time from launch to the kiosk's first painted frame, beside a bare Qt window.

    .venv/bin/python bench/startup.py [--runs 7]

Runs ``python main.py kiosk --demo`` and a bare PySide6 window (one QLabel, the same first-paint probe)
alternately, ``--runs`` times each after one warm-up of each. Each run is timed from just before
``subprocess.Popen`` to the ``first-paint <unix time>`` line that ``ui_common.first_paint`` writes to stderr
(``HALLTERM_REPORT_FIRST_PAINT=1``; ``HALLTERM_QUIT_AFTER_PAINT=1`` ends the process right after). All runs
share one temporary ``HALLTERM_HOME``. Without a display the script re-runs itself under ``xvfb-run -a``
(a real X server, as on a kiosk), or falls back to ``QT_QPA_PLATFORM=offscreen``.

Before measuring, the project is byte-compiled (as a deployed terminal's installed wheel is).

Goals: kiosk median <= 1.5 s, and <= 2x the bare window's median (what Python + Qt cost anyway).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_SECONDS = 1.5
GOAL_RATIO = 2.0
UNDER_XVFB = "HALLTERM_BENCH_UNDER_XVFB"
FIRST_PAINT = re.compile(r"^first-paint (\d+(?:\.\d+)?)$", re.MULTILINE)

BARE_WINDOW = """
import sys
sys.path.insert(0, {root!r})
from PySide6.QtWidgets import QApplication, QLabel
from ui_common.first_paint import install_first_paint_probe
app = QApplication(sys.argv[:1])
window = QLabel("hallterm")
install_first_paint_probe(window)
window.resize(1920, 1080)
window.show()
sys.exit(app.exec())
"""


def one_run(command: list[str], env: dict[str, str]) -> float:
    """Seconds from just before Popen to the reported first paint."""
    started = time.time()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    try:
        _, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise RuntimeError(f"{' '.join(command)} did not paint and quit within 60 s") from None
    match = FIRST_PAINT.search(err)
    if match is None:
        tail = "\n".join(err.strip().splitlines()[-15:])
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode} without a first-paint line:\n{tail}")
    return float(match.group(1)) - started


def measure(runs: int) -> dict[str, list[float]]:
    home = tempfile.mkdtemp(prefix="hallterm-bench-home-")
    bare_script = Path(home) / "bare_window.py"
    bare_script.write_text(BARE_WINDOW.format(root=str(ROOT)), encoding="utf-8")
    env = {**os.environ, "HALLTERM_REPORT_FIRST_PAINT": "1", "HALLTERM_QUIT_AFTER_PAINT": "1",
           "HALLTERM_HOME": home}
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    commands = {"kiosk": [sys.executable, "main.py", "kiosk", "--demo"],
                "bare": [sys.executable, str(bare_script)]}
    times: dict[str, list[float]] = {name: [] for name in commands}
    try:
        for command in commands.values():  # warm-up: the OS file cache, the demo store's first creation
            one_run(command, env)
        for _ in range(runs):
            for name, command in commands.items():  # alternate, so drift hits both alike
                times[name].append(one_run(command, env))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return times


def report(times: dict[str, list[float]]) -> bool:
    kiosk, bare = statistics.median(times["kiosk"]), statistics.median(times["bare"])
    ratio = kiosk / bare
    platform = "X11 (" + os.environ["DISPLAY"] + ")" if os.environ.get("DISPLAY") else "offscreen"
    print(f"platform: {platform}, runs: {len(times['kiosk'])} each")
    for name in ("kiosk", "bare"):
        print(f"  {name:5s} runs: " + " ".join(f"{t:.3f}" for t in times[name]))
    met_time, met_ratio = kiosk <= GOAL_SECONDS, ratio <= GOAL_RATIO
    print(f"kiosk first paint (median)  {kiosk:.3f} s  (goal <= {GOAL_SECONDS} s: {'met' if met_time else 'MISSED'})")
    print(f"bare window first paint (median)  {bare:.3f} s")
    print(f"kiosk / bare  {ratio:.2f} x  (goal <= {GOAL_RATIO} x: {'met' if met_ratio else 'MISSED'})")
    return met_time and met_ratio


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--check", action="store_true", help="exit 1 when a goal is missed")
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY") and not os.environ.get(UNDER_XVFB) and shutil.which("xvfb-run"):
        # One X server for the whole benchmark, so its own start-up is in neither figure.
        os.environ[UNDER_XVFB] = "1"
        os.execvp("xvfb-run", ["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", sys.executable, __file__,
                               *(argv if argv is not None else sys.argv[1:])])
    if not (ROOT / "main.py").exists():
        print("main.py not found: nothing to measure", file=sys.stderr)
        return 1
    # Measure what a deployed terminal runs: byte-compiled modules, as pip leaves an installed wheel.
    # (An editable install is not compiled, and PYTHONDONTWRITEBYTECODE would recompile it every start.)
    import compileall

    for package in ("main.py", "core", "devices", "ui_common", "kiosk"):
        target = ROOT / package
        ok = compileall.compile_file(target, quiet=1) if target.is_file() else compileall.compile_dir(target, quiet=1)
        if not ok:
            print(f"could not byte-compile {package}", file=sys.stderr)
    met = report(measure(args.runs))
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
