"""``sync status``, ``sync once`` and the technician's re-queue, on a real store and simulator."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from sync_factory import SECRET, client_for, make_case

from core.config import Settings
from core.storage import OutboxState
from core.sync import cli, record_case


def _settings(url: str = "", secret: str = SECRET) -> Settings:
    return Settings.load(None, overrides={"central.url": url, "central.terminal_secret": secret, "terminal.id": "K01",
                                          "central.request_timeout_s": 2.0})


def test_status_and_once(sim, store):
    settings = _settings(sim.url)
    record_case(store, make_case(0), "kiosk:K01")
    before = cli.status(store, settings)
    assert "pending 1" in before and "last success  never" in before and SECRET not in before
    code, text = cli.once(store, settings)
    assert code == cli.EXIT_OK and "synced 1" in text and "waiting       0 rows of 0 cases" in text
    assert sim.sim.db.case_ids() == [make_case(0).case_id]


def test_once_when_not_configured_or_unreachable(store, tmp_path):
    record_case(store, make_case(0), "kiosk:K01")
    code, text = cli.once(store, _settings(""))
    assert code == cli.EXIT_UNREACHABLE and "SYNC_NOT_CONFIGURED" in text
    code, text = cli.once(store, _settings("http://127.0.0.1:9"))         # nothing listens on the discard port
    assert code == cli.EXIT_UNREACHABLE and "SYNC_NETWORK" in text
    assert store.outbox.get(make_case(0).case_id).state is OutboxState.FAILED_RETRYABLE


def test_a_parked_row_is_reported_and_can_be_requeued(sim, store):
    bad = make_case(0, item=("430102ZZ999999", "不存在的事项"))
    record_case(store, bad, "kiosk:K01")
    code, text = cli.once(store, _settings(sim.url))
    assert code == cli.EXIT_ROWS_LEFT and "failed_permanent 1" in text
    assert "queued again" in cli.requeue(store, bad.case_id, "tech:T01")
    assert store.outbox.get(bad.case_id).state is OutboxState.PENDING
    assert "only parked" in cli.requeue(store, bad.case_id, "tech:T01")
    assert store.audit.entries()[-1].action == "sync.requeue"
    assert cli.requeue(store, "no-such-row", "tech:T01").startswith("no outbox row")


def test_the_simulator_runs_as_a_program(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen([sys.executable, "-m", "central_sim", "--db", str(tmp_path / "c.sqlite3"), "--port",
                             str(port), "--terminal", f"K01={SECRET}", "--failure-rate", "0", "--log-level", "warning"],
                            cwd=root, env=dict(os.environ, PYTHONPATH=str(root)), stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.05)
        with client_for(url) as client:
            assert client.licence_by_token("DEMO-ELIC-LIMING").person.name == "李明"
    finally:
        proc.terminate()
        proc.wait(10)
        proc.stderr.close()
