"""The outbox engine against a real simulator: batching, per-record results, parking, conflicts, recovery."""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta

from sync_factory import SECRET, T0, TERMINAL, engine_for, make_case

from central_sim.embedded import start
from core.cases import machine
from core.cases.model import CaseAction
from core.events import EventBus
from core.storage import OutboxState
from core.sync import (
    SyncConflict,
    SyncPolicy,
    SyncRowParked,
    SyncStatusChanged,
    SyncWorker,
    backoff_delay,
    record_case,
)
from core.sync.payloads import case_record
from core.sync.wire import CaseRecord

S = OutboxState


def _collect(bus: EventBus, kind: type) -> list:
    seen: list = []
    bus.subscribe(kind, seen.append)
    return seen


def test_cases_and_events_reach_the_platform_in_batches(sim, store):
    bus = EventBus()
    statuses = _collect(bus, SyncStatusChanged)
    cases = [make_case(i) for i in range(25)]
    for case in cases:
        record_case(store, case, "kiosk:K01")
    noted = machine.apply(cases[0], CaseAction.NOTE, actor="clerk:0231", at=T0 + timedelta(hours=1), reason="补充")
    record_case(store, noted, "clerk:0231")
    engine = engine_for(store, sim.url, bus=bus)
    report = engine.run_once()
    engine.close()
    assert (report.push.claimed, report.push.synced, report.push.requests) == (26, 26, 4)   # 3 batches + 1 event
    assert store.outbox.counts_by_state()[S.SYNCED] == 26
    assert sorted(sim.sim.db.case_ids()) == sorted(c.case_id for c in cases)
    for case in cases[:3]:   # the platform holds exactly what was sent (in its validated, canonical form)
        sent = CaseRecord.model_validate(store.outbox.get(case.case_id).payload).model_dump(mode="json")
        assert sim.sim.db.case_body(case.case_id) == sent
    assert sim.sim.db.count("events") == 25 * 2 + 1
    assert store.cases.get(cases[0].case_id).events[-1].action is CaseAction.NOTE
    last = statuses[-1]
    assert (last.waiting, last.parked, last.conflicts, last.online, last.last_error_code) == (0, 0, 0, True, None)
    assert last.last_success_at is not None and last.summary.startswith("已全部同步")


def test_a_refused_case_is_parked_alone_and_holds_back_its_events(sim, store):
    bus = EventBus()
    parked = _collect(bus, SyncRowParked)
    good = [make_case(i) for i in range(3)]
    bad = make_case(3, item=("430102ZZ999999", "不存在的事项"))
    for case in (good[0], bad, *good[1:]):
        record_case(store, case, "kiosk:K01")
    later = machine.apply(bad, CaseAction.NOTE, actor="clerk:0231", at=T0 + timedelta(hours=1), reason="补充")
    record_case(store, later, "clerk:0231")
    engine = engine_for(store, sim.url, bus=bus)
    report = engine.run_once()
    assert (report.push.synced, report.push.parked) == (3, 1)
    row = store.outbox.get(bad.case_id)
    assert row.state is S.FAILED_PERMANENT and "UNKNOWN_ITEM" in row.last_error and row.payload is not None
    assert store.outbox.get(later.events[-1].event_id).state is S.PENDING     # waits behind the parked case
    assert [(p.outbox_id, p.subject, p.http_status) for p in parked] == [(bad.case_id, bad.case_number, 422)]
    assert engine.run_once().push.claimed == 0                               # parked rows are not retried
    engine.close()


def test_a_different_body_under_the_same_key_is_a_conflict_not_an_overwrite(sim, store, http):
    bus = EventBus()
    conflicts = _collect(bus, SyncConflict)
    case = make_case(0)
    platform_copy = dict(case_record(case), contact_name="李四")
    assert http.post("/v1/cases", json=platform_copy).status_code == 201
    record_case(store, case, "kiosk:K01")
    record_case(store, make_case(1), "kiosk:K01")
    engine = engine_for(store, sim.url, bus=bus)
    report = engine.run_once()
    engine.close()
    assert (report.push.synced, report.push.conflicts) == (1, 1)
    assert store.outbox.get(case.case_id).state is S.CONFLICT
    assert sim.sim.db.case_body(case.case_id)["contact_name"] == "李四"
    assert [(c.outbox_id, c.code) for c in conflicts] == [(case.case_id, "SYNC_CONFLICT")]


def test_rows_stuck_in_sending_are_sent_again(sim, store):
    case = make_case(0)
    record_case(store, case, "kiosk:K01")
    long_ago = datetime.now(UTC) - timedelta(hours=1)
    store.outbox.mark(case.case_id, S.SENDING, now=long_ago)          # a sender that hung an hour ago
    engine = engine_for(store, sim.url, policy=SyncPolicy(stuck_after_s=600))
    report = engine.run_once()
    assert report.push.synced == 1 and store.outbox.get(case.case_id).attempts == 2
    fresh = make_case(1)
    record_case(store, fresh, "kiosk:K01")
    store.outbox.mark(fresh.case_id, S.SENDING)                       # in flight right now: left alone
    assert engine.run_once().push.claimed == 0 and store.outbox.get(fresh.case_id).state is S.SENDING
    assert engine.recover() == 1                                      # at start-up nothing is in flight
    assert engine.run_once().push.synced == 1
    engine.close()


def test_backoff_is_capped_exponential_with_jitter():
    policy = SyncPolicy(backoff_base_s=2.0, backoff_cap_s=60.0)
    rng = random.Random(1)
    for attempts, step in ((1, 2.0), (2, 4.0), (3, 8.0), (6, 60.0), (40, 60.0)):
        delays = [backoff_delay(attempts, policy, rng) for _ in range(200)]
        assert step / 2 <= min(delays) and max(delays) <= step
        assert max(delays) - min(delays) > step / 4          # really spread, not one value


def test_the_outbox_drains_by_itself_when_the_platform_comes_back(tmp_path, store):
    bus = EventBus()
    statuses = _collect(bus, SyncStatusChanged)
    first = start(tmp_path / "central.sqlite3", terminals={TERMINAL: SECRET})
    url, port = first.url, first.port
    first.stop()                                                       # the platform is down
    for i in range(40):
        record_case(store, make_case(i), "kiosk:K01")
    engine = engine_for(store, url, bus=bus, timeout_s=0.5,
                        policy=SyncPolicy(case_batch=10, backoff_base_s=0.05, backoff_cap_s=0.4))
    worker = SyncWorker(engine, interval_s=0.2, heartbeat_interval_s=3600, catalog_interval_s=3600)
    worker.start()
    try:
        # The status is published at the end of the round that parked the rows: wait for both.
        _wait(lambda: store.outbox.counts_by_state()[S.FAILED_RETRYABLE] == 40
              and bool(statuses) and statuses[-1].waiting == 40, 10)
        assert statuses[-1].online is False and statuses[-1].last_error_code == "SYNC_NETWORK"
        assert (statuses[-1].waiting, statuses[-1].cases_waiting) == (40, 40)
        assert statuses[-1].summary.startswith("40 件办件待同步") and "平台暂时无法连接" in statuses[-1].summary
        time.sleep(0.5)                                                # a while longer down
        again = start(tmp_path / "central.sqlite3", terminals={TERMINAL: SECRET}, port=port)
        try:
            _wait(lambda: store.outbox.counts_by_state()[S.SYNCED] == 40, 20)
            assert len(again.sim.db.case_ids()) == 40
        finally:
            worker.stop()
            again.stop()
    finally:
        worker.stop()
        engine.close()
    assert statuses[-1].online is True and statuses[-1].waiting == 0


def _wait(predicate, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.02)



def test_a_batch_too_large_for_the_platform_is_split(tmp_path, store):
    small = start(tmp_path / "small.sqlite3", terminals={TERMINAL: SECRET}, max_body_bytes=9_000)
    try:
        for i in range(12):
            record_case(store, make_case(i), "kiosk:K01")
        engine = engine_for(store, small.url)
        first = engine.run_once()
        assert first.push.last_error.status == 413 and engine.pusher.case_batch < 10
        while engine.run_once().push.claimed:
            pass
        engine.close()
        assert store.outbox.counts_by_state()[S.SYNCED] == 12 and len(small.sim.db.case_ids()) == 12
    finally:
        small.stop()
