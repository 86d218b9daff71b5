"""Without PostgreSQL the PostgreSQL half of the hall tests fails (setup error) with the reason; never skipped."""

from __future__ import annotations

import os
import subprocess
import sys

from hall_fixtures import ROOT

TARGET = "tests/hall/test_hall_config.py::test_schema_migrates_once_and_refuses_a_newer_database"


def _without_postgres() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HALLTERM_TEST_PG_")}
    env["HALLTERM_PG_BIN"] = "/nonexistent/postgresql/bin"
    return env


def _outcome(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stdout[-3000:] + result.stderr[-2000:]
    # pytest reports a fixture's failure as an error at setup; either way the run fails.
    assert "1 passed, 1 error" in result.stdout, result.stdout[-3000:]
    assert "skipped" not in result.stdout
    assert "PostgreSQL tests cannot run" in result.stdout
    return result.stdout


def test_pytest_alone_fails_the_postgresql_cases_with_the_reason() -> None:
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", TARGET], cwd=ROOT,
                            env=_without_postgres(), capture_output=True, text=True, timeout=120)
    assert "HALLTERM_PG_BIN" in _outcome(result)


def test_with_services_exports_the_reason_and_the_postgresql_cases_fail() -> None:
    result = subprocess.run(["bash", "scripts/with-services.sh", sys.executable, "-m", "pytest", "-q", "-p",
                             "no:cacheprovider", TARGET], cwd=ROOT, env=_without_postgres(), capture_output=True,
                            text=True, timeout=120)
    _outcome(result)
    assert "PostgreSQL did not start" in result.stderr
