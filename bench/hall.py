"""Benchmark of the hall server: ticket issue p95 and call-next p99 with 50 concurrent counters.

    .venv/bin/python bench/hall.py [--tickets 3000] [--counters 50] [--kiosks 10] [--backends sqlite,postgresql]
                                   [--pg-workers 2]

For each backend a real server runs in its own process (``python -m hall_server``, as in a hall),
with every counter serving every service. Phase 1: ``--kiosks`` kiosks issue ``--tickets`` tickets as
fast as they can (issue latency). Phase 2: ``--counters`` counters call-next and mark no-show in a
closed loop until the queue is empty (call-next latency, tickets per second). The load comes from
several client processes (threads in each), so the client's own GIL does not inflate the figures.

SQLite: a file in a temporary directory (synchronous=FULL, group commit). PostgreSQL: the database of
``HALLTERM_TEST_PG_URL`` if set, else a private cluster started here with fsync ON (``hall_server.
testing_pg``, the module the tests use), served by ``--pg-workers`` server processes.

Goals: issue p95 <= 30 ms, call-next p99 <= 50 ms.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import re
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ISSUE_P95_GOAL_MS = 30
CALL_P99_GOAL_MS = 50
SERVICES = ("general", "social", "property")
KIOSK_TOKEN, COUNTER_TOKEN = "bench-kiosk-token", "bench-counter-token"
CLIENT_PROCESSES = 5


def write_config(path: Path, counters: int) -> None:
    import tomli_w

    config = {
        "hall_name": "基准测试大厅", "max_number": 99000,
        "services": [{"code": c, "prefix": p, "name": n} for c, p, n in
                     (("general", "A", "综合业务"), ("social", "B", "社保医保"), ("property", "C", "不动产"))],
        "counters": [{"id": str(i), "name": f"{i}号窗口", "services": list(SERVICES)} for i in range(1, counters + 1)],
        "tokens": [{"token": token, "role": role, "terminal_id": f"bench-{role}"}
                   for token, role in ((KIOSK_TOKEN, "kiosk"), (COUNTER_TOKEN, "counter"))],
    }
    path.write_bytes(tomli_w.dumps(config).encode("utf-8"))


def start_server(db_url: str, config: Path, workers: int) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen([sys.executable, "-m", "hall_server", "--db", db_url, "--config", str(config),
                                "--port", "0", "--log-level", "warning", "--workers", str(workers)],
                               cwd=ROOT, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    line = process.stdout.readline() if process.stdout else ""
    match = re.search(r"listening on (http://\S+)", line)
    if match is None:
        process.kill()
        raise RuntimeError(f"hall_server did not start: {line!r}")
    import httpx

    deadline = time.monotonic() + 20
    while True:
        try:
            if httpx.get(match.group(1) + "/v1/health", timeout=2).status_code == 200:
                return process, match.group(1)
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("hall_server not healthy within 20 s")
        time.sleep(0.1)


# --- load generators (run in client processes) --------------------------------------------------

def _kiosks(url: str, threads: int, per_thread: int, start: mp.Event) -> list[float]:
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    def kiosk(index: int) -> list[float]:
        latencies = []
        with httpx.Client(base_url=url, timeout=30, headers={"Authorization": f"Bearer {KIOSK_TOKEN}"}) as http:
            start.wait()
            for n in range(per_thread):
                began = time.perf_counter()
                response = http.post("/v1/tickets", json={"service_code": SERVICES[(index + n) % 3],
                                                          "client_request_id": uuid.uuid4().hex})
                latencies.append(time.perf_counter() - began)
                response.raise_for_status()
        return latencies

    with ThreadPoolExecutor(threads) as pool:
        return [x for result in pool.map(kiosk, range(threads)) for x in result]


def _counters(url: str, counter_ids: list[str], start: mp.Event) -> list[float]:
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    def counter(counter_id: str) -> list[float]:
        latencies = []
        with httpx.Client(base_url=url, timeout=30, headers={"Authorization": f"Bearer {COUNTER_TOKEN}"}) as http:
            start.wait()
            while True:
                began = time.perf_counter()
                response = http.post(f"/v1/counters/{counter_id}/call-next", json={"clerk_id": f"c{counter_id}"})
                latencies.append(time.perf_counter() - began)
                if response.status_code == 204:
                    return latencies
                response.raise_for_status()
                http.post(f"/v1/counters/{counter_id}/no-show").raise_for_status()

    with ThreadPoolExecutor(len(counter_ids)) as pool:
        return [x for result in pool.map(counter, counter_ids) for x in result]


def _run_phase(target, argument_sets: list[tuple]) -> tuple[list[float], float]:
    context = mp.get_context("spawn")
    with context.Manager() as manager:
        start = manager.Event()
        with context.Pool(len(argument_sets)) as pool:
            pending = [pool.apply_async(target, (*args, start)) for args in argument_sets]
            time.sleep(1.0)  # let every client connect and wait at the start line
            began = time.perf_counter()
            start.set()
            latencies = [x for p in pending for x in p.get(timeout=600)]
            return latencies, time.perf_counter() - began


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))] * 1000


def measure(name: str, db_url: str, args: argparse.Namespace, workers: int) -> None:
    with tempfile.TemporaryDirectory(prefix="hallterm-bench-") as tmp:
        config = Path(tmp) / "hall.toml"
        write_config(config, args.counters)
        process, url = start_server(db_url, config, workers)
        try:
            per_process = max(1, args.kiosks // CLIENT_PROCESSES)
            processes = max(1, args.kiosks // per_process)
            per_thread = args.tickets // (processes * per_process)
            issued, issue_s = _run_phase(_kiosks, [(url, per_process, per_thread)] * processes)
            ids = [str(i) for i in range(1, args.counters + 1)]
            groups = [ids[i::CLIENT_PROCESSES] for i in range(CLIENT_PROCESSES)]
            calls, call_s = _run_phase(_counters, [(url, group) for group in groups if group])
        finally:
            process.terminate()
            process.wait(30)
    served = len(issued)
    p95, p99 = percentile(issued, 0.95), percentile(calls, 0.99)
    label = f"{name}" + (f" ({workers} server processes)" if workers > 1 else "")
    print(f"# {label}: {served} tickets from {args.kiosks} kiosks, then {args.counters} counters", flush=True)
    print(f"hall.{name}.issue_p50_ms       {percentile(issued, 0.50):6.1f}")
    print(f"hall.{name}.issue_p95_ms       {p95:6.1f}  (goal <= {ISSUE_P95_GOAL_MS}: "
          f"{'met' if p95 <= ISSUE_P95_GOAL_MS else 'MISSED'})")
    print(f"hall.{name}.issues_per_s       {served / issue_s:6.0f}")
    print(f"hall.{name}.call_next_p50_ms   {percentile(calls, 0.50):6.1f}")
    print(f"hall.{name}.call_next_p99_ms   {p99:6.1f}  (goal <= {CALL_P99_GOAL_MS}: "
          f"{'met' if p99 <= CALL_P99_GOAL_MS else 'MISSED'})")
    print(f"hall.{name}.tickets_per_s      {served / call_s:6.0f}  (called and closed, {args.counters} counters)",
          flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=3000)
    parser.add_argument("--counters", type=int, default=50)
    parser.add_argument("--kiosks", type=int, default=10)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--pg-workers", type=int, default=2)
    args = parser.parse_args(argv)
    backends = args.backends.split(",")
    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at start", flush=True)
    if "sqlite" in backends:
        with tempfile.TemporaryDirectory(prefix="hallterm-bench-db-") as tmp:
            measure("sqlite", f"sqlite:///{tmp}/hall.sqlite3", args, 1)
    if "postgresql" in backends:
        from hall_server.testing_pg import PostgresUnavailable, PrivateCluster, create_database_at

        cluster = None
        try:
            if os.environ.get("HALLTERM_TEST_PG_URL"):
                url = create_database_at(os.environ["HALLTERM_TEST_PG_URL"])
            else:
                cluster = PrivateCluster(durable=True)
                url = cluster.start("hallterm_bench")
            measure("postgresql", url, args, args.pg_workers)
        except PostgresUnavailable as exc:
            print(f"hall.postgresql: not measured: {exc}", file=sys.stderr)
            return 1
        finally:
            if cluster is not None:
                cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
