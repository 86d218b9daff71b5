"""Back-office changes come back by cursor and never overwrite an edit the platform has not received."""

from __future__ import annotations

import time
from datetime import timedelta

from sync_factory import SECRET, T0, TERMINAL, engine_for, make_case

from central_sim.embedded import start
from core.cases import machine
from core.cases.model import CaseAction, CaseState, Outcome
from core.events import CaseStateChanged, EventBus
from core.storage import OutboxState
from core.sync import (
    BackOfficeChangeHeld,
    CatalogRefreshed,
    SyncWorker,
    cached_catalog,
    read_status,
    record_case,
)
from core.sync.status import CURSOR_KEY

S = OutboxState


def _synced_case(store, sim, i=0, **kw):
    case = make_case(i, **kw)
    record_case(store, case, "kiosk:K01")
    engine = engine_for(store, sim.url)
    assert engine.run_once().push.synced >= 1
    sim.sim.back_office.step_s = 0
    return case, engine


def test_the_back_office_moves_a_case_through_accept_processing_complete(sim, store):
    bus = EventBus()
    moves: list[CaseStateChanged] = []
    bus.subscribe(CaseStateChanged, moves.append)
    case, engine = _synced_case(store, sim)
    engine.puller.bus = bus
    for expected in (CaseState.ACCEPTED, CaseState.PROCESSING, CaseState.COMPLETED):
        assert sim.sim.back_office.run_once() == 1
        report = engine.run_once()
        assert report.pull.applied == 1
        assert store.cases.get(case.case_id).state is expected
    engine.close()
    local = store.cases.get(case.case_id)
    assert local.accepting_unit and local.acceptance_doc_number and local.promised_date is not None
    assert local.outcome is Outcome.ISSUED and local.completed_at is not None and local.licence is not None
    assert [e.actor for e in local.events[-3:]] == ["central:back-office"] * 3
    assert [m.to_state for m in moves] == ["accepted", "processing", "completed"]
    applied = [e for e in store.audit.entries() if e.action == "sync.change_applied"]
    assert [e.details["to_state"] for e in applied] == ["accepted", "processing", "completed"]
    assert store.outbox.counts_by_state()[S.PENDING] == 0        # a platform change is not sent back


def test_a_change_waits_while_the_case_has_an_unsent_edit(sim, store):
    bus = EventBus()
    held: list[BackOfficeChangeHeld] = []
    bus.subscribe(BackOfficeChangeHeld, held.append)
    case, engine = _synced_case(store, sim)
    engine.puller.bus = bus
    noted = machine.apply(case, CaseAction.NOTE, actor="clerk:0231", at=T0 + timedelta(hours=1), reason="已电话联系")
    record_case(store, noted, "clerk:0231")                       # a local edit, not sent yet
    sim.sim.back_office.run_once()                                # meanwhile the back office accepts
    pulled = engine.pull()                                        # pull only: the edit is still unsent
    assert (pulled.received, pulled.applied, pulled.held) == (1, 0, 1)
    local = store.cases.get(case.case_id)
    assert local == noted and local.state is CaseState.SUBMITTED
    assert [h.case_number for h in held] == [case.case_number] and read_status(store).held_changes == 1
    report = engine.run_once()                                    # the note goes out, then the change applies
    assert report.push.synced == 1 and report.pull.applied == 1 and report.pull.held == 0
    local = store.cases.get(case.case_id)
    assert local.state is CaseState.ACCEPTED
    assert [e.action for e in local.events] == [CaseAction.CREATE, CaseAction.SUBMIT, CaseAction.NOTE,
                                                CaseAction.ACCEPT]
    engine.close()


def test_a_conflicting_local_transition_is_surfaced_and_never_overwritten(sim, store):
    case, engine = _synced_case(store, sim)
    reviewed = machine.apply(case, CaseAction.PRE_REVIEW, actor="clerk:0231", at=T0 + timedelta(hours=1))
    record_case(store, reviewed, "clerk:0231")
    sim.sim.back_office.run_once()                                # accepted on the platform
    report = engine.run_once()
    assert report.push.conflicts == 1 and report.pull.held == 1
    row = store.outbox.get(reviewed.events[-1].event_id)
    assert row.state is S.CONFLICT and "STATE_CONFLICT" in row.last_error
    sim.sim.back_office.run_once()                                # processing: queued behind the first
    assert engine.run_once().pull.held == 2
    assert store.cases.get(case.case_id) == reviewed             # the clerk's pre_review stands
    engine.close()


def test_a_page_fetched_twice_applies_once(sim, store):
    case, engine = _synced_case(store, sim)
    sim.sim.back_office.run_once()
    engine.run_once()
    before = store.cases.get(case.case_id)
    store.settings.delete(CURSOR_KEY)                             # as if the cursor had never been saved
    again = engine.pull()
    engine.close()
    assert (again.received, again.applied) == (1, 0)
    assert store.cases.get(case.case_id) == before


def test_the_catalogue_is_fetched_once_per_etag(sim, store):
    bus = EventBus()
    refreshed: list[CatalogRefreshed] = []
    bus.subscribe(CatalogRefreshed, refreshed.append)
    assert cached_catalog(store) is None
    engine = engine_for(store, sim.url, bus=bus)
    assert engine.refresh_catalog() is True
    assert engine.refresh_catalog() is False                      # 304 Not Modified
    ack = engine.heartbeat({"idcard": "ONLINE", "printer": "HWERROR"})
    engine.close()
    catalog = cached_catalog(store)
    assert len(catalog.items) == len(sim.sim.catalog.items) and len(catalog.bundles) == len(sim.sim.catalog.bundles)
    assert catalog.item("430102GA000401").name == "无犯罪记录证明开具"
    assert [r.etag for r in refreshed] == [sim.sim.catalog_etag] == [ack.catalog_etag]
    assert read_status(store).catalog_etag == sim.sim.catalog_etag
    beat = sim.sim.db.last_heartbeat("K01")
    assert beat["devices"] == [{"name": "idcard", "health": "ONLINE"}, {"name": "printer", "health": "HWERROR"}]
    assert beat["outbox"]["pending"] == 0 and beat["catalog_etag"] == sim.sim.catalog_etag


def test_left_alone_the_worker_follows_the_back_office_to_completion(tmp_path, store):
    running = start(tmp_path / "busy-central.sqlite3", terminals={TERMINAL: SECRET}, back_office_step_s=0.1)
    case = make_case(0)
    record_case(store, case, "kiosk:K01")
    engine = engine_for(store, running.url)
    worker = SyncWorker(engine, interval_s=0.05, heartbeat_interval_s=3600, catalog_interval_s=3600)
    worker.start()
    try:
        deadline = time.monotonic() + 20
        while store.cases.get(case.case_id).state is not CaseState.COMPLETED:
            assert time.monotonic() < deadline, store.cases.get(case.case_id).state
            time.sleep(0.02)
    finally:
        worker.stop()
        engine.close()
        running.stop()
    assert [e.to_state for e in store.cases.get(case.case_id).events[-3:]] == [
        CaseState.ACCEPTED, CaseState.PROCESSING, CaseState.COMPLETED]
