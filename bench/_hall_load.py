"""The load generator of bench/hall.py: one asyncio process, plain HTTP/1.1 over keep-alive sockets.

It runs in its own process (never the server's), and it is deliberately cheap: a few dozen
microseconds of Python per request instead of the few hundred an httpx client costs, because on a
2-core machine every millisecond the client burns is a millisecond the server does not get. Each
terminal (kiosk, counter, display) holds its own connection, as the real ones do.

Latencies are measured from the moment a request was *due*, not from when it was sent: a kiosk whose
previous request ran late does not hide the delay (no coordinated omission).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import resource
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

SERVICES = ("general", "social", "property")
IDLE_REOPEN_S = 4.0  # uvicorn closes a keep-alive connection idle for 5 s; a real client reconnects too


class Conn:
    """One keep-alive HTTP/1.1 connection; enough of the protocol for the hall server's JSON answers."""

    def __init__(self, url: str, token: str) -> None:
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self._auth = f"Authorization: Bearer {token}\r\nHost: {self.host}\r\n"
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self._used = 0.0

    async def open(self) -> Conn:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)  # TCP_NODELAY: asyncio
        self._used = time.monotonic()
        return self

    async def request(self, method: str, path: str, body: object | None = None) -> tuple[int, bytes]:
        if time.monotonic() - self._used > IDLE_REOPEN_S:  # the server drops idle keep-alive connections
            self.close()
            await self.open()
        assert self.reader is not None and self.writer is not None
        payload = b"" if body is None else json.dumps(body).encode()
        self.writer.write(f"{method} {path} HTTP/1.1\r\n{self._auth}Content-Type: application/json\r\n"
                          f"Content-Length: {len(payload)}\r\n\r\n".encode() + payload)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        lowered = head.lower()
        at = lowered.find(b"\r\ncontent-length:")
        if at < 0:
            if b"transfer-encoding: chunked" in lowered:
                raise RuntimeError(f"{path}: chunked answer not expected")
            return status, b""
        length = int(lowered[at + 17:lowered.index(b"\r\n", at + 2)])
        data = await self.reader.readexactly(length) if length else b""
        self._used = time.monotonic()
        return status, data

    async def post_ok(self, path: str, body: object | None = None) -> bytes:
        status, data = await self.request("POST", path, body)
        if status >= 300:
            raise RuntimeError(f"{path}: HTTP {status} {data[:200]!r}")
        return data

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


@dataclass
class Plan:
    url: str
    kiosk_token: str
    counter_token: str
    counters: int
    kiosks: int
    subscribers: int
    seconds: float = 20.0        # paced phase
    service_s: float = 2.0       # mean service time (exponential)
    walk_s: tuple[float, float] = (0.2, 0.8)  # citizen walks to the counter (uniform)
    gap_s: tuple[float, float] = (0.05, 0.3)  # clerk's pause before the next call (uniform)
    no_show_share: float = 0.1
    issue_per_s: float = 0.0     # kiosks' combined Poisson arrival rate; 0: match the counters' capacity
    backlog: int = 200           # tickets waiting when the paced phase starts, beyond those the bursts need
    burst_rounds: int = 20       # burst phase: every counter calls at the same instant, this many times
    seed: int = 4
    server_pids: dict[str, int] = field(default_factory=dict)  # name -> root pid, for CPU accounting


@dataclass
class Results:
    figures: dict[str, list[float]] = field(default_factory=dict)  # latency lists, seconds
    counts: dict[str, float] = field(default_factory=dict)
    marks: dict[str, float] = field(default_factory=dict)           # phase start/end (perf_counter)
    cpu: dict[str, dict[str, float]] = field(default_factory=dict)  # mark -> {process tree: CPU seconds}

    def add(self, name: str, value: float) -> None:
        self.figures.setdefault(name, []).append(value)

    def count(self, name: str, n: float = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + n


# --- event-stream subscribers (counter clients and displays follow /v1/events) --------------------

class Subscriber:
    def __init__(self, url: str, token: str) -> None:
        self.conn = Conn(url, token)
        self.last_id = 0
        self.frames = 0
        self.task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self.conn.open()
        assert self.conn.writer is not None
        self.conn.writer.write(f"GET /v1/events HTTP/1.1\r\n{self.conn._auth}Accept: text/event-stream\r\n\r\n"
                               .encode())
        self.task = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.conn.reader is not None
        await self.conn.reader.readuntil(b"\r\n\r\n")
        rest = b""
        while data := await self.conn.reader.read(65536):
            lines = (rest + data).split(b"\n")
            rest = lines.pop()
            for line in lines:
                if line.startswith(b"id: "):
                    self.last_id = int(line[4:])
                    self.frames += 1

    def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
        self.conn.close()


# --- terminals ------------------------------------------------------------------------------------

async def _issue(kiosk: Conn, results: Results, name: str, due: float, index: int) -> None:
    await kiosk.post_ok("/v1/tickets", {"service_code": SERVICES[index % 3], "client_request_id": uuid.uuid4().hex})
    results.add(name, time.perf_counter() - due)


async def _kiosk_paced(kiosk: Conn, plan: Plan, rate: float, end: float, results: Results, rng: random.Random,
                       index: int) -> None:
    due = time.perf_counter() + rng.expovariate(rate)
    n = index
    while due < end:
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        await _issue(kiosk, results, "issue", due, n)
        n += plan.kiosks
        due += rng.expovariate(rate)


async def _counter_paced(conn: Conn, plan: Plan, cid: int, end: float, results: Results,
                         rng: random.Random) -> None:
    """A clerk's day, compressed: call, the citizen walks up, start, serve, finish, a short pause, again."""
    base = f"/v1/counters/{cid}"
    await asyncio.sleep(rng.uniform(0, plan.gap_s[1] + plan.walk_s[1]))  # clerks do not start in lockstep
    while time.perf_counter() < end:
        began = time.perf_counter()
        status, _ = await conn.request("POST", f"{base}/call-next", {"clerk_id": f"c{cid}"})
        results.add("call_next", time.perf_counter() - began)
        if status == 204:
            results.count("call_next_empty")
            await asyncio.sleep(0.5)  # a real client waits for the event stream; here: look again soon
            continue
        if status != 200:
            raise RuntimeError(f"call-next: HTTP {status}")
        results.count("requests")
        await asyncio.sleep(rng.uniform(*plan.walk_s) if time.perf_counter() < end else 0)
        for step, pause in (("no-show", None),) if rng.random() < plan.no_show_share else (
                ("start", rng.expovariate(1 / plan.service_s)), ("finish", None)):
            began = time.perf_counter()
            await conn.post_ok(f"{base}/{step}")
            # After the end every counter closes its ticket at once: those are counted, not timed.
            results.add("step" if began < end else "step_wind_down", time.perf_counter() - began)
            results.count("requests")
            if pause and time.perf_counter() < end:  # the phase is over: close the ticket at once
                await asyncio.sleep(min(pause, end - time.perf_counter()))
        results.count("served")
        await asyncio.sleep(rng.uniform(*plan.gap_s))


async def _counter_burst(conn: Conn, cid: int, go: asyncio.Event, done: list[int], results: Results) -> bool:
    await go.wait()
    began = time.perf_counter()
    status, _ = await conn.request("POST", f"/v1/counters/{cid}/call-next", {"clerk_id": f"c{cid}"})
    results.add("burst_call_next", time.perf_counter() - began)
    if status == 200:
        await conn.post_ok(f"/v1/counters/{cid}/no-show")
    done.append(cid)
    return status == 200


def tree_cpu_s(root: int) -> float:
    """CPU seconds (user + system) of a process and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        times[int(entry)] = (int(fields[11]) + int(fields[12])) / tick
    total, todo = 0.0, [root]
    children: dict[int, list[int]] = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    while todo:
        pid = todo.pop()
        total += times.get(pid, 0.0)
        todo.extend(children.get(pid, ()))
    return total


def _mark(results: Results, plan: Plan, name: str) -> None:
    results.marks[name] = time.perf_counter()
    results.cpu[name] = {label: tree_cpu_s(pid) for label, pid in plan.server_pids.items()}
    results.cpu[name]["client"] = _cpu_s()


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def _run(plan: Plan) -> Results:
    rng = random.Random(plan.seed)
    results = Results()
    kiosks = [await Conn(plan.url, plan.kiosk_token).open() for _ in range(plan.kiosks)]
    counters = [await Conn(plan.url, plan.counter_token).open() for _ in range(plan.counters)]
    subscribers = [Subscriber(plan.url, plan.counter_token) for _ in range(plan.subscribers)]
    for subscriber in subscribers:
        await subscriber.start()

    # Phase 1, saturated issue: the kiosks fill the morning queue as fast as the server lets them, with
    # enough tickets for the paced phase (which issues as fast as it serves) and for every burst.
    async def fill(conn: Conn, index: int, count: int) -> None:
        for n in range(count):
            await _issue(conn, results, "issue_saturated", time.perf_counter(), index + n * plan.kiosks)

    per_kiosk = (plan.backlog + plan.counters * plan.burst_rounds + plan.kiosks - 1) // plan.kiosks
    _mark(results, plan, "fill_start")
    await asyncio.gather(*(fill(k, i, per_kiosk) for i, k in enumerate(kiosks)))
    _mark(results, plan, "fill_end")
    results.counts["fill_tickets"] = per_kiosk * plan.kiosks

    # Phase 2, paced: counters work their loop while kiosks issue at the rate the counters can serve.
    cycle_s = sum(plan.walk_s) / 2 + plan.service_s * (1 - plan.no_show_share) + sum(plan.gap_s) / 2
    rate = plan.issue_per_s or plan.counters / cycle_s
    results.counts["issue_rate_per_s"] = rate
    _mark(results, plan, "paced_start")
    end = results.marks["paced_start"] + plan.seconds
    await asyncio.gather(*(_kiosk_paced(k, plan, rate / plan.kiosks, end, results, rng, i)
                           for i, k in enumerate(kiosks)),
                         *(_counter_paced(c, plan, i + 1, end, results, rng) for i, c in enumerate(counters)))
    _mark(results, plan, "paced_end")

    # Phase 3, bursts: every counter presses "next" at the same instant (opening time, after a break).
    _mark(results, plan, "burst_start")
    for _ in range(plan.burst_rounds):
        go, done = asyncio.Event(), []
        tasks = [asyncio.create_task(_counter_burst(c, i + 1, go, done, results)) for i, c in enumerate(counters)]
        await asyncio.sleep(0.05)
        go.set()
        served = await asyncio.gather(*tasks)
        results.count("burst_served", sum(served))
        await asyncio.sleep(0.2)  # the hall settles; the next burst starts from an idle server
    _mark(results, plan, "burst_end")

    # The event streams must have delivered everything: wait until each has seen the hall's version.
    _status, body = await counters[0].request("GET", "/v1/health")
    final = json.loads(body)["version"]
    caught_up = time.perf_counter()
    while any(s.last_id < final for s in subscribers) and time.perf_counter() - caught_up < 30:
        await asyncio.sleep(0.01)
    results.counts["sse_final_version"] = final
    results.counts["sse_behind"] = sum(s.last_id < final for s in subscribers)
    results.counts["sse_catch_up_ms"] = (time.perf_counter() - caught_up) * 1000
    results.counts["sse_frames"] = sum(s.frames for s in subscribers)
    for conn in (*kiosks, *counters):
        conn.close()
    for subscriber in subscribers:
        subscriber.stop()
    return results


def run(plan: Plan, ready: object = None) -> Results:
    """Entry point in the load process."""
    return asyncio.run(_run(plan))
