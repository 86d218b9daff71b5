"""Fixtures of the hall tests: every test that takes ``db_url`` runs on SQLite AND PostgreSQL.

PostgreSQL comes from ``HALLTERM_TEST_PG_URL`` (``scripts/with-services.sh`` starts a private cluster
for ``make test``); run directly (``pytest tests/hall``), the session starts its own private cluster
through ``hall_server.testing_pg``. If PostgreSQL cannot be had, the PostgreSQL half FAILS with the
reason (an error at setup: the run fails): a backend the product supports is never silently untested.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hall_fixtures import LiveHall, start_hall

from hall_server.testing_pg import PostgresUnavailable, PrivateCluster, create_database_at

BACKENDS = ("sqlite", "postgresql")
_OUR_THREADS = ("hall-server", "hall-listener", "hall-pg-listen")


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """A URL on a PostgreSQL server where the tests may create databases."""
    if os.environ.get("HALLTERM_TEST_PG_UNAVAILABLE"):
        pytest.fail(f"PostgreSQL tests cannot run: {os.environ['HALLTERM_TEST_PG_UNAVAILABLE']}", pytrace=False)
    if os.environ.get("HALLTERM_TEST_PG_URL"):
        yield os.environ["HALLTERM_TEST_PG_URL"]
        return
    reason = ""
    try:
        cluster = PrivateCluster()
        url = cluster.start()
    except PostgresUnavailable as exc:
        reason = str(exc)
    if reason:  # outside the except block, so the report shows the reason and not a chained traceback
        pytest.fail(f"PostgreSQL tests cannot run: {reason}", pytrace=False)
    try:
        yield url
    finally:
        cluster.stop()


def _fresh_pg_database(request: pytest.FixtureRequest) -> str:
    return create_database_at(request.getfixturevalue("pg_server_url"))


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/hall.sqlite3"
    return _fresh_pg_database(request)


@pytest.fixture
def hall(db_url: str) -> Iterator[LiveHall]:
    """The test hall (tests/hall/hall_fixtures.py) served in-process on ``db_url``, clock at 09:00."""
    live = start_hall(db_url)
    try:
        yield live
    finally:
        live.close()


@pytest.fixture(autouse=True)
def no_leaked_hall_threads() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    leaked = [t for t in threading.enumerate() if t not in before and t.name.startswith(_OUR_THREADS)]
    for thread in leaked:
        thread.join(timeout=5)
    still = [t.name for t in leaked if t.is_alive()]
    assert not still, f"test left hall threads running: {still}"
