"""The terminal process the kill test shoots: ``python sync_victim.py DIR URL N [--drain]``.

Opens the store in DIR, records cases 0..N-1 that are not there yet (every tenth with a later note), and
runs the sync worker until killed. With ``--drain`` it instead runs engine rounds until every outbox row
is synced and exits 0. Prints "ready" once the store is open (the test aims its kills after that).
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import timedelta
from pathlib import Path

from sync_factory import T0, case_id_of, engine_for, make_case, open_store

from core.cases import machine
from core.cases.model import CaseAction
from core.storage import OutboxState
from core.sync import SyncPolicy, SyncWorker, record_case

POLICY = SyncPolicy(claim_limit=20, case_batch=5, backoff_base_s=0.02, backoff_cap_s=0.1)


def enqueue_missing(store, n: int) -> None:
    for i in range(n):
        stored = store.cases.get(case_id_of(i))
        if stored is None:
            stored = make_case(i)
            record_case(store, stored, "kiosk:K01")
        if i % 10 == 0 and len(stored.events) == 2:
            noted = machine.apply(stored, CaseAction.NOTE, actor="clerk:0231", at=T0 + timedelta(hours=1),
                                  reason="补充")
            record_case(store, noted, "clerk:0231")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("url")
    parser.add_argument("n", type=int)
    parser.add_argument("--drain", action="store_true")
    args = parser.parse_args(argv)
    store = open_store(args.folder)
    print("ready", flush=True)
    engine = engine_for(store, args.url, policy=POLICY, timeout_s=2.0)
    if args.drain:
        engine.recover()
        enqueue_missing(store, args.n)
        deadline = time.monotonic() + 60
        while store.outbox.counts_by_state()[OutboxState.SYNCED] < sum(store.outbox.counts_by_state().values()):
            if time.monotonic() > deadline:
                return 1
            engine.run_once()
            time.sleep(engine.seconds_until_due(0.05))
        return 0
    worker = SyncWorker(engine, interval_s=0.05, heartbeat_interval_s=3600, catalog_interval_s=3600)
    worker.start()                      # syncs what earlier lives left while this one records the rest
    enqueue_missing(store, args.n)
    worker.nudge()
    while True:                         # until SIGKILL
        time.sleep(1)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
