"""--demo's sample cases go the whole way: recorded locally, synced, moved on by the platform's back office."""

from datetime import UTC, datetime

import pytest

from central_sim.embedded import start
from core.cases import CaseState
from core.catalog import default_catalog_dir, load_catalog
from core.demo import seed_demo_cases
from core.storage import Store
from core.sync.client import CentralClient, ClientConfig
from core.sync.service import SyncEngine


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(default_catalog_dir())


def test_samples_are_recorded_once(tmp_path, catalog):
    with Store.open(tmp_path / "s.sqlite3", tmp_path / "s.key") as store:
        cases = seed_demo_cases(store, catalog, terminal_id="K01", region_code="430102", now=datetime.now(UTC))
        assert [c.state for c in cases] == [CaseState.COMPLETED, CaseState.SUBMITTED, CaseState.SUBMITTED]
        assert cases[0].licence is not None
        assert store.outbox.counts_by_state()  # queued for the platform
        assert seed_demo_cases(store, catalog, terminal_id="K01", region_code="430102",
                               now=datetime.now(UTC)) == []
        assert store.cases.count() == 3
        assert store.audit.verify().ok


def test_samples_sync_and_the_back_office_moves_them(tmp_path, catalog):
    secret = "demo-test-secret"
    sim = start(tmp_path / "central.sqlite3", terminals={"K01": secret}, back_office_step_s=0.2)
    try:
        with Store.open(tmp_path / "s.sqlite3", tmp_path / "s.key") as store:
            cases = seed_demo_cases(store, catalog, terminal_id="K01", region_code="430102", now=datetime.now(UTC))
            config = ClientConfig(base_url=sim.url, terminal_id="K01", secret=secret, timeout_s=5)
            engine = SyncEngine(store, CentralClient(config))
            try:
                engine.run_once()
                promised = cases[1].case_id
                deadline = datetime.now(UTC).timestamp() + 20
                while store.cases.get(promised).state is CaseState.SUBMITTED:
                    assert datetime.now(UTC).timestamp() < deadline, "back office never moved the case"
                    engine.run_once()
                moved = store.cases.get(promised)
                assert moved.state in (CaseState.ACCEPTED, CaseState.PROCESSING, CaseState.COMPLETED)
                assert any(e.actor.startswith("central") for e in moved.events)
            finally:
                engine.close()
    finally:
        sim.stop()
