"""Fixtures of the sync tests: a real simulator on a loopback port, a real store file, a signed client."""

from __future__ import annotations

import httpx
import pytest
from sync_factory import SECRET, TERMINAL, open_store

from central_sim.embedded import start
from core.sync import HmacAuth


@pytest.fixture
def sim(tmp_path):
    running = start(tmp_path / "central.sqlite3", terminals={TERMINAL: SECRET, "K02": "another-secret-K02"})
    yield running
    running.stop()


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path)
    yield opened
    opened.close()


@pytest.fixture
def http(sim):
    """A signed HTTP client for talking to the simulator below the engine (contract tests)."""
    with httpx.Client(base_url=sim.url, auth=HmacAuth(TERMINAL, SECRET), timeout=5) as client:
        yield client
