"""SIGKILL the terminal process at random moments while it records and syncs: after a final drain the
platform holds every case exactly once and the terminal shows everything synced."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

from sync_factory import SECRET, TERMINAL, case_id_of, make_case, open_store

from central_sim.embedded import start
from central_sim.faults import Faults
from core.storage import OutboxState
from core.sync.wire import CaseRecord

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
VICTIM = HERE / "sync_victim.py"
CASES = 400
KILLS = 22


def _spawn(folder: Path, url: str, *extra: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(HERE)]))
    return subprocess.Popen([sys.executable, str(VICTIM), str(folder), url, str(CASES), *extra], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_sigkill_at_random_points_loses_and_duplicates_nothing(tmp_path):
    rng = random.Random(5)
    sim = start(tmp_path / "central.sqlite3", terminals={TERMINAL: SECRET},
                faults=Faults(latency_s=0.004, lost_reply_rate=0.05, seed=5))
    try:
        progress = []
        for life in range(KILLS):
            victim = _spawn(tmp_path, sim.url)
            if life % 4 != 3:                 # most kills aim past start-up, some land anywhere
                assert victim.stdout.readline().strip() == b"ready", victim.stderr.read().decode()[-2000:]
            try:
                victim.wait(timeout=rng.uniform(0.05, 0.6))
            except subprocess.TimeoutExpired:
                victim.send_signal(signal.SIGKILL)
            assert victim.wait(timeout=10) == -signal.SIGKILL, victim.stderr.read().decode()[-2000:]
            victim.stdout.close()
            victim.stderr.close()
            progress.append(sim.sim.db.count("cases"))
        # The kills must land while there is work in flight, not after everything was sent.
        assert sum(0 < p < CASES for p in progress) >= 15, f"kills missed the sync: {progress}"
        final = _spawn(tmp_path, sim.url, "--drain")
        _out, err = final.communicate(timeout=90)
        assert final.returncode == 0, err.decode()[-2000:]
        db = sim.sim.db
        assert sorted(db.case_ids()) == sorted(case_id_of(i) for i in range(CASES))
        assert db.count("events") == CASES * 2 + CASES // 10
        with open_store(tmp_path) as store:
            counts = store.outbox.counts_by_state()
            assert counts[OutboxState.SYNCED] == CASES + CASES // 10 == sum(counts.values())
            for i in (0, CASES // 2, CASES - 1):       # what the platform holds is what the terminal sent
                row = store.outbox.get(case_id_of(i))
                assert db.case_body(case_id_of(i)) == CaseRecord.model_validate(row.payload).model_dump(mode="json")
                assert store.cases.get(case_id_of(i)).case_number == make_case(i).case_number
    finally:
        sim.stop()
