"""Benchmark of the hall server: ticket issue p95 and call-next p99 with 50 concurrent counters.

    .venv/bin/python bench/hall.py [--counters 50] [--kiosks 10] [--subscribers 54] [--seconds 20]
                                   [--service-s 2.0] [--bursts 20] [--backends sqlite,postgresql] [--pg-workers 1]

For each backend a real server runs in its own process (``python -m hall_server``, as in a hall); the
load comes from ONE other process (bench/_hall_load.py: asyncio, plain keep-alive HTTP, tens of
microseconds per request) so the client's cost stays small beside the server's on a 2-core machine.
Every counter serves every service, and ``--subscribers`` terminals follow ``/v1/events`` throughout
(each counter client and each display holds an event stream in a real hall), so the event fan-out is
part of what is measured.

1. saturated issue: the kiosks issue the morning queue (200 tickets, plus the ``--bursts`` x
   ``--counters`` the bursts will call) as fast as the server answers.
2. paced (the goal figures): for ``--seconds``, each counter loops call-next, the citizen walks up
   (0.2-0.8 s), start, service (exponential, mean ``--service-s``), finish, a pause (0.05-0.3 s); 10%
   are no-shows (call-next, no-show). That is 3 requests per served ticket (2 for a no-show), while the
   kiosks issue tickets as a Poisson stream at the counters' serving rate (one issue per call). A real
   hall serves in minutes, not seconds: 50 counters at ~5 min a citizen serve ~0.17 tickets/s, this
   phase ~21/s, over 100x a busy hall's request rate. Issue latency counts from when the ticket was due
   (no coordinated omission). The goal lines (issue_p95_ms, call_next_p99_ms) come from this phase.
3. bursts: ``--bursts`` times, all counters press call-next at the same instant (then no-show): the
   worst case of "50 concurrent counters"; its p99 is what 50 simultaneous requests cost, so it
   tracks the server's CPU per request (printed beside it) and any hiccup of a shared machine.

Each phase also prints the CPU milliseconds per request of the server process tree (and of the
PostgreSQL cluster, and of the load generator), read from /proc: the figure that does not depend on
how busy the machine was.

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
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import _hall_load  # noqa: E402 - the load generator, importable by name in the spawned process

ISSUE_P95_GOAL_MS = 30
CALL_P99_GOAL_MS = 50
SERVICES = ("general", "social", "property")
KIOSK_TOKEN, COUNTER_TOKEN = "bench-kiosk-token", "bench-counter-token"


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


# --- measuring -------------------------------------------------------------------------------------

def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))] * 1000 if ordered else float("nan")


def _goal(value: float, goal: float) -> str:
    return f"  (goal <= {goal}: {'met' if value <= goal else 'MISSED'})"


def _latencies(name: str, key: str, values: list[float], goal_share: float | None = None,
               goal: float | None = None) -> None:
    shares = (0.50, 0.95, 0.99)
    for share in shares:
        value = percentile(values, share)
        tail = _goal(value, goal) if goal is not None and share == goal_share else ""
        print(f"hall.{name}.{key}_p{round(share * 100)}_ms".ljust(36) + f"{value:7.1f}{tail}")


def _cpu_per_request(name: str, phase: str, results: _hall_load.Results, requests: int) -> None:
    before, after = results.cpu[f"{phase}_start"], results.cpu[f"{phase}_end"]
    seconds = results.marks[f"{phase}_end"] - results.marks[f"{phase}_start"]
    parts = [f"{label} {(after[label] - before[label]) * 1000 / max(1, requests):.2f}" for label in after]
    busy = sum(after[label] - before[label] for label in after) / seconds
    print(f"# {phase}: {requests} requests in {seconds:.1f} s ({requests / seconds:.0f}/s); CPU ms per request: "
          f"{', '.join(parts)}; machine busy {busy:.2f} of {os.cpu_count()} cores")


def measure(name: str, db_url: str, args: argparse.Namespace, workers: int, pg_pid: int | None) -> None:
    with tempfile.TemporaryDirectory(prefix="hallterm-bench-") as tmp:
        config = Path(tmp) / "hall.toml"
        write_config(config, args.counters)
        process, url = start_server(db_url, config, workers)
        pids = {"server": process.pid, **({"postgres": pg_pid} if pg_pid else {})}
        plan = _hall_load.Plan(url=url, kiosk_token=KIOSK_TOKEN, counter_token=COUNTER_TOKEN,
                               counters=args.counters, kiosks=args.kiosks, subscribers=args.subscribers,
                               seconds=args.seconds, service_s=args.service_s, burst_rounds=args.bursts,
                               server_pids=pids)
        try:
            with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as pool:
                results = pool.submit(_hall_load.run, plan).result(timeout=600)
        finally:
            process.terminate()
            process.wait(30)
    figures, counts = results.figures, results.counts
    label = f"{name}" + (f" ({workers} server processes)" if workers > 1 else "")
    paced_s = results.marks["paced_end"] - results.marks["paced_start"]
    served = int(counts.get("served", 0))
    print(f"# {label}: {args.counters} counters, {args.kiosks} kiosks, {args.subscribers} event-stream "
          f"subscribers; paced {args.seconds:.0f} s (mean service {args.service_s} s, walk 0.2-0.8 s, "
          f"10% no-show; kiosks {counts['issue_rate_per_s']:.1f} tickets/s)", flush=True)
    _latencies(name, "issue", figures.get("issue", []), 0.95, ISSUE_P95_GOAL_MS)
    _latencies(name, "call_next", figures.get("call_next", []), 0.99, CALL_P99_GOAL_MS)
    _latencies(name, "counter_step", figures.get("step", []))
    print(f"hall.{name}.served_per_s".ljust(36) + f"{served / paced_s:7.1f}  (paced; call-next answered "
          f"204 {int(counts.get('call_next_empty', 0))} times)")
    paced_requests = sum(len(figures.get(k, [])) for k in ("issue", "call_next", "step", "step_wind_down"))
    _cpu_per_request(name, "paced", results, paced_requests)
    print(f"# saturated: {int(counts['fill_tickets'])} tickets from {args.kiosks} kiosks as fast as they go "
          f"(before the paced phase); {args.bursts} bursts of {args.counters} simultaneous call-next (+ no-show) "
          f"after it")
    _latencies(name, "issue_saturated", figures.get("issue_saturated", []), 0.95, ISSUE_P95_GOAL_MS)
    fill_s = results.marks["fill_end"] - results.marks["fill_start"]
    print(f"hall.{name}.issues_per_s".ljust(36) + f"{counts['fill_tickets'] / fill_s:7.0f}  (saturated)")
    _cpu_per_request(name, "fill", results, int(counts["fill_tickets"]))
    bursts = figures.get("burst_call_next", [])
    _latencies(name, "call_next_burst", bursts, 0.99, CALL_P99_GOAL_MS)
    _cpu_per_request(name, "burst", results, len(bursts) + int(counts.get("burst_served", 0)))
    print(f"# event streams: {int(counts['sse_frames'])} frames delivered; {int(counts['sse_behind'])} of "
          f"{args.subscribers} behind version {int(counts['sse_final_version'])} after "
          f"{counts['sse_catch_up_ms']:.0f} ms", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counters", type=int, default=50)
    parser.add_argument("--kiosks", type=int, default=10)
    parser.add_argument("--subscribers", type=int, default=54, help="event streams (counters + displays)")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of the paced phase")
    parser.add_argument("--service-s", type=float, default=2.0, help="mean service time in the paced phase")
    parser.add_argument("--bursts", type=int, default=20, help="rounds of simultaneous call-next")
    parser.add_argument("--backends", default="sqlite,postgresql")
    # One process: on 2 cores it used ~20% less server CPU per request than two and had lower tails (the
    # second process adds its own event hub, LISTEN thread and pool; PostgreSQL needs the other core).
    parser.add_argument("--pg-workers", type=int, default=1)
    args = parser.parse_args(argv)
    backends = args.backends.split(",")
    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at start", flush=True)
    if "sqlite" in backends:
        with tempfile.TemporaryDirectory(prefix="hallterm-bench-db-") as tmp:
            measure("sqlite", f"sqlite:///{tmp}/hall.sqlite3", args, 1, None)
    if "postgresql" in backends:
        from hall_server.testing_pg import PostgresUnavailable, PrivateCluster, create_database_at

        cluster = None
        try:
            if os.environ.get("HALLTERM_TEST_PG_URL"):
                url = create_database_at(os.environ["HALLTERM_TEST_PG_URL"])
            else:
                cluster = PrivateCluster(durable=True)
                url = cluster.start("hallterm_bench")
            pg_pid = int((cluster.data_dir / "postmaster.pid").read_text().split()[0]) if cluster else None
            measure("postgresql", url, args, args.pg_workers, pg_pid)
        except PostgresUnavailable as exc:
            print(f"hall.postgresql: not measured: {exc}", file=sys.stderr)
            return 1
        finally:
            if cluster is not None:
                cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
