"""5xx, dropped connections, stalls past the client timeout and lost replies on 20 % of requests:
the outbox still delivers every record exactly once."""

from __future__ import annotations

import time
from datetime import timedelta

from sync_factory import T0, TERMINAL, engine_for, make_case

from core.cases import machine
from core.cases.model import CaseAction
from core.storage import OutboxState
from core.sync import SyncPolicy, SyncWorker, record_case, record_evaluation

S = OutboxState


def test_twenty_percent_faults_lose_and_duplicate_nothing(sim, store):
    faults = sim.faults
    faults.failure_rate = faults.drop_rate = faults.stall_rate = faults.lost_reply_rate = 0.05
    faults.stall_s = 0.8
    cases = [make_case(i, signature=b"\x89PNG sig %d" % (i % 5)) for i in range(120)]
    for case in cases:
        record_case(store, case, "kiosk:K01")
    for case in cases[:30]:
        noted = machine.apply(case, CaseAction.NOTE, actor="clerk:0231", at=T0 + timedelta(hours=1), reason="补充")
        record_case(store, noted, "clerk:0231")
        record_evaluation(store, case_number=case.case_number, case_id=case.case_id, level="满意", channel="5",
                          terminal_id=TERMINAL, actor="kiosk:K01")
    expected_rows = sum(store.outbox.counts_by_state().values())
    engine = engine_for(store, sim.url, timeout_s=0.4,
                        policy=SyncPolicy(case_batch=8, backoff_base_s=0.02, backoff_cap_s=0.2))
    worker = SyncWorker(engine, interval_s=0.1, heartbeat_interval_s=3600, catalog_interval_s=3600)
    worker.start()
    deadline = time.monotonic() + 90
    try:
        while store.outbox.counts_by_state()[S.SYNCED] < expected_rows:
            assert time.monotonic() < deadline, f"not drained: {store.outbox.counts_by_state()}"
            time.sleep(0.05)
    finally:
        worker.stop()
        engine.close()
    injected = sim.sim.injector.injected
    assert all(injected[k] > 0 for k in ("failure", "drop", "stall", "lost_reply")), injected
    db = sim.sim.db
    assert sorted(db.case_ids()) == sorted(c.case_id for c in cases)
    assert db.count("events") == 120 * 2 + 30 and db.count("evaluations") == 30 and db.count("attachments") == 5
    assert db.resends("cases") + db.resends("events") + db.resends("evaluations") > 0   # replies were lost
    counts = store.outbox.counts_by_state()
    assert counts[S.SYNCED] == expected_rows and counts[S.FAILED_PERMANENT] == counts[S.CONFLICT] == 0
