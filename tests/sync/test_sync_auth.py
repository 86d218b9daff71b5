"""Request signing: the simulator refuses skew, replays, bad signatures and strangers (401 + reason); TLS."""

from __future__ import annotations

import time

import httpx
import pytest
from sync_factory import SECRET, TERMINAL, client_for, make_case, open_store
from tls_certs import make_tls_files

from central_sim.embedded import start
from core.sync import SyncEngine, record_case
from core.sync.errors import SyncError
from core.sync.signing import (
    HEADER_NONCE,
    HEADER_SIGNATURE,
    HEADER_TIMESTAMP,
    canonical_query,
    check_signature,
    signed_headers,
)


def _send(sim, *, method="GET", path="/v1/changes", params=None, body=b"", secret=SECRET, terminal=TERMINAL,
          timestamp=None, nonce=None, tamper=None):
    params = params or {}
    headers = signed_headers(terminal_id=terminal, secret=secret, method=method, path=path,
                             query_pairs=list(params.items()), body=body, timestamp=timestamp, nonce=nonce)
    if tamper:
        headers.update(tamper)
    with httpx.Client(base_url=sim.url) as plain:
        return plain.request(method, path, params=params, content=body or None,
                             headers={**headers, "Content-Type": "application/json"})


def _reason(reply: httpx.Response) -> str:
    assert reply.status_code == 401 and reply.headers["WWW-Authenticate"] == "HALLTERM-HMAC-SHA256"
    return reply.json()["error"]["code"]


def test_a_signed_request_passes_and_each_fault_has_its_reason(sim):
    assert _send(sim, params={"limit": "5"}).status_code == 200
    now = int(time.time())
    assert _reason(_send(sim, timestamp=now - 310)) == "AUTH_SKEW"
    assert _reason(_send(sim, timestamp=now + 310)) == "AUTH_SKEW"
    assert _send(sim, timestamp=now - 290).status_code == 200          # inside the window
    assert _reason(_send(sim, secret="not-the-secret")) == "AUTH_BAD_SIGNATURE"
    assert _reason(_send(sim, terminal="K99")) == "AUTH_UNKNOWN_TERMINAL"
    assert _reason(_send(sim, tamper={HEADER_SIGNATURE: ""})) == "AUTH_MISSING"
    assert _reason(_send(sim, tamper={HEADER_NONCE: "short"})) == "AUTH_MALFORMED"
    # The signature covers the query and the body: change either after signing and it no longer matches.
    good = signed_headers(terminal_id=TERMINAL, secret=SECRET, method="GET", path="/v1/changes",
                          query_pairs=[("limit", "5")], body=b"")
    with httpx.Client(base_url=sim.url) as plain:
        assert _reason(plain.get("/v1/changes", params={"limit": "6"}, headers=good)) == "AUTH_BAD_SIGNATURE"
    body = b'{"cases": []}'
    signed_for_body = signed_headers(terminal_id=TERMINAL, secret=SECRET, method="POST", path="/v1/cases:batch",
                                     query_pairs=[], body=body)
    with httpx.Client(base_url=sim.url) as plain:
        assert _reason(plain.post("/v1/cases:batch", content=b'{"cases": [1]}',
                                  headers={**signed_for_body, "Content-Type": "application/json"})) \
            == "AUTH_BAD_SIGNATURE"


def test_a_replayed_request_is_refused(sim):
    nonce = "replay-nonce-0123456789"
    first = _send(sim, nonce=nonce, timestamp=int(time.time()))
    assert first.status_code == 200
    assert _reason(_send(sim, nonce=nonce, timestamp=int(time.time()))) == "AUTH_NONCE_REUSED"


def test_the_engine_reports_a_rejected_secret_and_keeps_the_row(sim, tmp_path):
    with open_store(tmp_path) as store:
        record_case(store, make_case(0), "kiosk:K01")
        engine = SyncEngine(store, client_for(sim.url, secret="wrong-secret"))
        report = engine.run_once()
        engine.close()
        assert report.push.last_error.code == "SYNC_AUTH_REJECTED"
        assert "AUTH_BAD_SIGNATURE" in report.push.last_error.detail
        row = store.outbox.get(make_case(0).case_id)
        assert row.state == "failed_retryable" and "AUTH_BAD_SIGNATURE" in row.last_error
    assert sim.sim.db.count("cases") == 0


def test_canonical_query_and_check_signature_agree():
    assert canonical_query([("b", "2"), ("a", "x y"), ("a", "0")]) == "a=0&a=x%20y&b=2"
    headers = signed_headers(terminal_id="K01", secret="s", method="post", path="/v1/cases", query_pairs=[],
                             body=b"{}", timestamp=1000, nonce="n" * 16)
    signed = check_signature(headers=headers, method="POST", path="/v1/cases", query_pairs=[], body=b"{}",
                             secret_of={"K01": "s"}.get, now=1000)
    assert (signed.terminal_id, signed.timestamp, signed.nonce) == ("K01", 1000, "n" * 16)
    assert headers[HEADER_TIMESTAMP] == "1000"


@pytest.fixture
def tls_sim(tmp_path):
    files = make_tls_files(tmp_path)
    running = start(tmp_path / "tls-central.sqlite3", terminals={TERMINAL: SECRET}, ssl_certfile=files.server_cert,
                    ssl_keyfile=files.server_key, ssl_ca_certs=files.ca, require_client_cert=True)
    yield running, files
    running.stop()


def test_mutual_tls(tls_sim, tmp_path):
    running, files = tls_sim
    assert running.url.startswith("https://127.0.0.1:")
    with open_store(tmp_path) as store:
        record_case(store, make_case(0), "kiosk:K01")
        engine = SyncEngine(store, client_for(running.url, ca_bundle=files.ca, client_cert=files.client_cert,
                                              client_key=files.client_key))
        report = engine.run_once()
        engine.close()
        assert report.push.synced == 1 and report.pull_error is None
    assert running.sim.db.count("cases") == 1
    untrusted = client_for(running.url)                       # the system store does not know our CA
    with pytest.raises(SyncError) as refused:
        untrusted.changes(None)
    untrusted.close()
    assert refused.value.code == "SYNC_TLS" and refused.value.retryable
    no_cert = client_for(running.url, ca_bundle=files.ca)     # the server demands a client certificate
    with pytest.raises(SyncError) as anonymous:
        no_cert.changes(None)
    no_cert.close()
    assert anonymous.value.code in ("SYNC_TLS", "SYNC_NETWORK")
    with pytest.raises(SyncError) as unreadable:
        client_for(running.url, ca_bundle=tmp_path / "missing.pem")
    assert (unreadable.value.code, unreadable.value.retryable) == ("SYNC_TLS", False)
