"""50 counters race over 5,000 tickets while 10 kiosks issue them: none called twice, none lost.

A real server (``python -m hall_server`` in its own process; two of them on PostgreSQL) on each
backend; the kiosks and counters are threads with their own httpx clients. Every counter serves every
service, so a counter that gets 204 after the kiosks finished proves the queue empty.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from hall_fixtures import TOKENS, config_file, hall_config, server_process

TICKETS = 5000
COUNTERS = 50
KIOSKS = 10
SERVICES = ("general", "social", "property")


def test_fifty_counters_five_thousand_tickets(db_url: str, tmp_path: Path) -> None:
    config = hall_config(counters=[{"id": str(i), "name": f"{i}号窗口", "services": list(SERVICES)}
                                   for i in range(1, COUNTERS + 1)])
    issued: list[dict] = []
    called: list[str] = []
    lock = threading.Lock()
    issuing_done = threading.Event()
    backlog = threading.Event()  # counters start once a queue has formed, as in a hall at opening time
    started = time.monotonic()

    # On PostgreSQL two server processes share the database, as several instances would in a hall.
    workers = ("--workers", "2") if db_url.startswith("postgresql") else ()
    with server_process(db_url, *workers, config=config_file(tmp_path, config)) as (_, url):
        def kiosk(index: int) -> None:
            with httpx.Client(base_url=url, timeout=30,
                              headers={"Authorization": f"Bearer {TOKENS['kiosk']}"}) as http:
                for n in range(TICKETS // KIOSKS):
                    response = http.post("/v1/tickets", json={"service_code": SERVICES[(index + n) % 3],
                                                              "client_request_id": uuid.uuid4().hex})
                    assert response.status_code == 201, response.text
                    with lock:
                        issued.append(response.json())
                        if len(issued) >= TICKETS // 5:
                            backlog.set()

        def counter(counter_id: str) -> int:
            calls = 0
            with httpx.Client(base_url=url, timeout=30,
                              headers={"Authorization": f"Bearer {TOKENS['counter']}"}) as http:
                backlog.wait(60)
                while True:
                    response = http.post(f"/v1/counters/{counter_id}/call-next", json={"clerk_id": f"c{counter_id}"})
                    if response.status_code == 204:
                        if issuing_done.is_set():
                            return calls
                        time.sleep(0.05)  # the kiosks are behind; do not spend the server on empty calls
                        continue
                    assert response.status_code == 200, response.text
                    calls += 1
                    with lock:
                        called.append(response.json()["id"])
                    steps = ("start", "finish") if calls % 5 == 0 else ("no-show",)
                    for step in steps:
                        assert http.post(f"/v1/counters/{counter_id}/{step}").status_code == 200

        with ThreadPoolExecutor(max_workers=KIOSKS + COUNTERS) as pool:
            kiosks = [pool.submit(kiosk, i) for i in range(KIOSKS)]
            counters = [pool.submit(counter, str(i)) for i in range(1, COUNTERS + 1)]
            for future in kiosks:
                future.result(timeout=120)
            issuing_done.set()
            per_counter = [future.result(timeout=120) for future in counters]

        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {TOKENS['display']}"}) as http:
            snapshot = http.get("/v1/snapshot", timeout=30).json()

    elapsed = time.monotonic() - started
    assert len(issued) == TICKETS
    duplicates = [ticket for ticket, n in Counter(called).items() if n > 1]
    assert duplicates == [], f"{len(duplicates)} tickets called twice"
    assert set(called) == {t["id"] for t in issued}, "tickets lost"
    assert sum(per_counter) == TICKETS and min(per_counter) > 0
    assert snapshot["waiting"] == [] and all(c["current"] is None for c in snapshot["counters"])
    for prefix in ("A", "B", "C"):
        numbers = sorted(int(t["number"][1:]) for t in issued if t["number"].startswith(prefix))
        assert numbers == list(range(1, len(numbers) + 1)), f"{prefix} numbers have gaps or repeats"
    print(f"{TICKETS} tickets, {COUNTERS} counters on {db_url.split(':')[0]}: {elapsed:.1f} s")
