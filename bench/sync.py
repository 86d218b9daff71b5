"""Benchmark of the outbox engine: drain 10,000 queued cases to central_sim over loopback.

    .venv/bin/python bench/sync.py [--cases 10000] [--batch 100]

The simulator runs as its own process (``python -m central_sim``), as the platform would, so the two
sides do not share one interpreter lock. The cases are recorded with ``record_case`` inside one
transaction (the drain, not the kiosk's one-fsync-per-case path, is measured here), then the engine
sends them in ``POST /v1/cases:batch`` requests, one claim round at a time. Memory: the resident set of
this (terminal) process before the drain, after its first 10 % (the client's and parser's working set)
and at the end, and its peak (``resource.getrusage``); flat after the first 10 % means the engine does
not hold the queue in memory. Goal: >= 500 cases/s.
"""

from __future__ import annotations

import argparse
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.cases import machine  # noqa: E402
from core.cases.model import Case, CaseType, Channel, Commitment, MaterialRecord, MaterialStatus  # noqa: E402
from core.cases.numbering import format_case_number  # noqa: E402
from core.identity import Gender, IdentitySource, Person, id_check_char  # noqa: E402
from core.storage import OutboxState, Store  # noqa: E402
from core.sync import CentralClient, ClientConfig, SyncEngine, SyncPolicy, record_case  # noqa: E402

TERMINAL, SECRET = "K01", "bench-secret-0123456789"
T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
GOAL = 500


def rss_mib() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024   # KiB on Linux


def build_case(i: int) -> Case:
    at = T0 + timedelta(seconds=i)
    born = date(1950, 1, 1) + timedelta(days=i % 20000)
    first17 = f"430102{born:%Y%m%d}{i % 1000:03d}"
    applicant = Person(name="张三", id_number=first17 + id_check_char(first17), source=IdentitySource.CARD,
                       gender=Gender.MALE, nation="汉", address=f"湖南省长沙市芙蓉区五一大道{i}号",
                       authority="长沙市公安局芙蓉分局")
    case = machine.new_case(
        actor="kiosk:K01", at=at, case_id=str(uuid.uuid4()),
        case_number=format_case_number("430102", T0.date() + timedelta(days=i // 99_999), TERMINAL, i % 99_999 + 1),
        item_code="430102GA000401", item_name="无犯罪记录证明开具", case_type=CaseType.PROMISED, channel=Channel.KIOSK,
        region_code="430102", terminal_id=TERMINAL, created_at=at, applicant=applicant, contact_name="张三",
        contact_phone="13812345678", contact_address=applicant.address, form={"用途": "就业", "份数": 1},
        materials=(MaterialRecord("M001", "居民身份证", MaterialStatus.ORIGINAL, 1, received_at=at),),
        commitment=Commitment(text_sha256="a" * 64, signed_at=at))
    return machine.submit(case, actor="kiosk:K01", at=at)


def start_simulator(folder: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ, PYTHONPATH=str(ROOT), CENTRAL_SIM_TERMINALS=f"{TERMINAL}={SECRET}")
    proc = subprocess.Popen([sys.executable, "-m", "central_sim", "--db", str(folder / "central.sqlite3"),
                             "--port", str(port), "--back-office-step", "0", "--log-level", "warning"],
                            cwd=ROOT, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return proc, url
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("central_sim did not start")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=100, help="cases per POST /v1/cases:batch")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hallterm-bench-sync-") as tmp:
        folder = Path(tmp)
        sim, url = start_simulator(folder)
        try:
            store = Store.open(folder / "terminal.sqlite3", folder / "terminal.key")
            started = time.perf_counter()
            with store.transaction():
                for i in range(args.cases):
                    record_case(store, build_case(i), "kiosk:K01")
            print(f"sync.enqueue_rate  {args.cases / (time.perf_counter() - started):.0f} cases/s  "
                  f"(one transaction; not a goal)")
            client = CentralClient(ClientConfig(base_url=url, terminal_id=TERMINAL, secret=SECRET, timeout_s=30))
            # One round per push() so the resident set can be sampled as the queue drains.
            engine = SyncEngine(store, client, policy=SyncPolicy(claim_limit=5 * args.batch, case_batch=args.batch,
                                                                 max_rounds=1))
            rss_before = rss_mib()
            rss_warm = None
            synced_so_far, requests = 0, 0
            started = time.perf_counter()
            while True:
                round_report = engine.push()
                if round_report.claimed == 0:
                    break
                synced_so_far += round_report.synced
                requests += round_report.requests
                if rss_warm is None and synced_so_far >= args.cases // 10:
                    rss_warm = rss_mib()
            elapsed = time.perf_counter() - started
            rss_after = rss_mib()
            engine.close()
            synced = store.outbox.counts_by_state()[OutboxState.SYNCED]
            store.close()
        finally:
            sim.terminate()
            sim.wait(10)
    if synced != args.cases or synced_so_far != args.cases:
        print(f"sync.drain FAILED: {synced} of {args.cases} synced", file=sys.stderr)
        return 1
    print(f"sync.drain_rate  {args.cases / elapsed:.0f} cases/s  (goal >= {GOAL})")
    print(f"sync.drain_time  {elapsed:.2f} s  ({args.cases} cases, {requests} requests of <= {args.batch})")
    print(f"sync.rss_before_drain  {rss_before:.1f} MiB")
    print(f"sync.rss_after_first_10pct  {rss_warm or rss_after:.1f} MiB  (working set of the client and parser)")
    print(f"sync.rss_after_drain  {rss_after:.1f} MiB  (growth over the last 90 %: "
          f"{rss_after - (rss_warm or rss_after):+.1f} MiB; goal flat)")
    print(f"sync.peak_rss  {peak_rss_mib():.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
