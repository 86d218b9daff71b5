"""The technician's link test against the real local servers: the hall server and the central simulator."""

from __future__ import annotations

import socket

import pytest

from central_sim.embedded import start as start_central
from core.linkcheck import AUTH_FAILED, NOT_CONFIGURED, OK, UNREACHABLE, check_central, check_hall
from core.queueing.codes import Role
from core.sync.client import ClientConfig
from hall_server.embedded import start_in_thread

SECRET = "link-test-secret-0123456789"


@pytest.fixture
def hall(tmp_path):
    running = start_in_thread(f"sqlite:///{tmp_path / 'hall.sqlite3'}")
    yield running
    running.stop()


@pytest.fixture
def central(tmp_path):
    running = start_central(tmp_path / "central.sqlite3", terminals={"K01": SECRET})
    yield running
    running.stop()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_hall_server_answers_with_rtt_and_clock_skew(hall):
    report = check_hall(hall.url, hall.tokens[Role.KIOSK])
    assert report.code == OK and report.reachable and report.authenticated
    assert report.rtt_ms is not None and report.rtt_ms >= 0
    assert report.clock_skew_s is not None and abs(report.clock_skew_s) < 5
    assert "127.0.0.1" in report.target


def test_hall_server_wrong_token_is_an_authentication_failure(hall):
    report = check_hall(hall.url, "not-a-token")
    assert report.code == AUTH_FAILED and report.reachable and report.authenticated is False
    assert report.clock_skew_s is not None


def test_hall_server_not_configured_or_unreachable():
    assert check_hall("", "t").code == NOT_CONFIGURED
    report = check_hall(f"http://127.0.0.1:{_closed_port()}", "t", timeout_s=2)
    assert report.code == UNREACHABLE and not report.reachable and report.rtt_ms is None


def test_central_heartbeat_passes_with_the_right_secret(central):
    report = check_central(ClientConfig(base_url=central.url, terminal_id="K01", secret=SECRET, timeout_s=5))
    assert report.code == OK and report.authenticated
    assert report.rtt_ms is not None and abs(report.clock_skew_s) < 5


def test_central_wrong_secret_is_an_authentication_failure(central):
    report = check_central(ClientConfig(base_url=central.url, terminal_id="K01", secret="wrong", timeout_s=5))
    assert report.code == AUTH_FAILED and report.reachable and report.authenticated is False
    assert report.clock_skew_s is not None          # known even when the signature was refused
    assert "wrong" not in report.detail


def test_central_unreachable():
    config = ClientConfig(base_url=f"http://127.0.0.1:{_closed_port()}", terminal_id="K01", secret=SECRET,
                          timeout_s=2)
    report = check_central(config)
    assert report.code == UNREACHABLE and not report.reachable
