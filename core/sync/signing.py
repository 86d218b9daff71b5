"""Request signing shared by the terminal (``core.sync.client``) and the platform (``central_sim``).

Every request to the platform carries four headers::

    X-Hallterm-Terminal:  K01
    X-Hallterm-Timestamp: 1772413200            (Unix seconds, UTC)
    X-Hallterm-Nonce:     9f0c…                 (16-64 characters [0-9A-Za-z_-], never reused)
    X-Hallterm-Signature: hex(HMAC-SHA256(secret, string_to_sign))

and the string to sign is, each part on its own line (no trailing newline)::

    HALLTERM-HMAC-SHA256
    <terminal id>
    <METHOD>
    <path, percent-decoded, e.g. /v1/cases:batch>
    <canonical query: pairs sorted by name then value, RFC 3986 encoded, joined by &>
    <timestamp>
    <nonce>
    <hex sha256 of the exact body bytes (of b"" when there is none)>

The body hash binds the payload; the timestamp bounds a replay to ``MAX_SKEW_S`` either way; the nonce,
remembered by the server for longer than that window, stops a replay inside it. Values are compared in
constant time. The scheme is ours (docs/central-api.yaml, "securitySchemes"); a real platform adapter
implements the same string.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import quote

SCHEME = "HALLTERM-HMAC-SHA256"
HEADER_TERMINAL = "X-Hallterm-Terminal"
HEADER_TIMESTAMP = "X-Hallterm-Timestamp"
HEADER_NONCE = "X-Hallterm-Nonce"
HEADER_SIGNATURE = "X-Hallterm-Signature"
MAX_SKEW_S = 300

NONCE_PATTERN = re.compile(r"^[0-9A-Za-z_-]{16,64}$")
_TIMESTAMP_PATTERN = re.compile(r"^\d{1,12}$")
_SIGNATURE_PATTERN = re.compile(r"^[0-9a-f]{64}$")


def body_sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def canonical_query(pairs: Iterable[tuple[str, str]]) -> str:
    """``b=2&a=1&a=0`` -> ``a=0&a=1&b=2``; both sides encode the same way whatever the client sent."""
    encoded = sorted((quote(k, safe="-_.~"), quote(v, safe="-_.~")) for k, v in pairs)
    return "&".join(f"{k}={v}" for k, v in encoded)


def string_to_sign(*, terminal_id: str, method: str, path: str, query: str, timestamp: str, nonce: str,
                   content_sha256: str) -> bytes:
    return "\n".join((SCHEME, terminal_id, method.upper(), path, query, timestamp, nonce,
                      content_sha256)).encode()


def signature(secret: str, message: bytes) -> str:
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def new_nonce() -> str:
    return secrets.token_urlsafe(18)   # 24 characters, 144 random bits


def signed_headers(*, terminal_id: str, secret: str, method: str, path: str, query_pairs: Iterable[tuple[str, str]],
                   body: bytes, timestamp: int | None = None, nonce: str | None = None) -> dict[str, str]:
    """The four auth headers for one request; a fresh nonce and the current time unless given (tests)."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    nonce = nonce or new_nonce()
    message = string_to_sign(terminal_id=terminal_id, method=method, path=path, query=canonical_query(query_pairs),
                             timestamp=ts, nonce=nonce, content_sha256=body_sha256(body))
    return {HEADER_TERMINAL: terminal_id, HEADER_TIMESTAMP: ts, HEADER_NONCE: nonce,
            HEADER_SIGNATURE: signature(secret, message)}


@dataclass(frozen=True)
class AuthFailure(Exception):
    """Why the server refused a request (sent back as the 401's error code)."""

    code: str      # AUTH_MISSING, AUTH_UNKNOWN_TERMINAL, AUTH_SKEW, AUTH_BAD_SIGNATURE, AUTH_NONCE_REUSED
    message: str


@dataclass(frozen=True)
class SignedRequest:
    terminal_id: str
    timestamp: int
    nonce: str


def check_signature(*, headers: Mapping[str, str], method: str, path: str, query_pairs: Iterable[tuple[str, str]],
                    body: bytes, secret_of: Callable[[str], str | None], now: float | None = None,
                    max_skew_s: int = MAX_SKEW_S) -> SignedRequest:
    """Verify everything but the nonce's freshness (the caller's store decides that); raises AuthFailure.

    Order matters for the reasons a technician reads: a missing header, then an unknown terminal, then the
    clock, then the signature. ``secret_of(terminal_id)`` returns the secret or None.
    """
    lowered = {k.lower(): v for k, v in headers.items()}
    values = [lowered.get(h.lower(), "") for h in (HEADER_TERMINAL, HEADER_TIMESTAMP, HEADER_NONCE, HEADER_SIGNATURE)]
    terminal_id, ts_text, nonce, given = values
    missing = [h for h, v in zip((HEADER_TERMINAL, HEADER_TIMESTAMP, HEADER_NONCE, HEADER_SIGNATURE), values,
                                 strict=True) if not v]
    if missing:
        raise AuthFailure("AUTH_MISSING", "missing header(s): " + ", ".join(missing))
    if not _TIMESTAMP_PATTERN.match(ts_text) or not NONCE_PATTERN.match(nonce) \
            or not _SIGNATURE_PATTERN.match(given):
        raise AuthFailure("AUTH_MALFORMED", "timestamp, nonce or signature header is malformed")
    secret = secret_of(terminal_id)
    if not secret:
        raise AuthFailure("AUTH_UNKNOWN_TERMINAL", f"terminal {terminal_id[:16]!r} is not enrolled")
    skew = (time.time() if now is None else now) - int(ts_text)
    if abs(skew) > max_skew_s:
        raise AuthFailure("AUTH_SKEW", f"timestamp is {skew:+.0f} s from the server clock (limit {max_skew_s} s)")
    expected = signature(secret, string_to_sign(
        terminal_id=terminal_id, method=method, path=path, query=canonical_query(query_pairs), timestamp=ts_text,
        nonce=nonce, content_sha256=body_sha256(body)))
    if not hmac.compare_digest(expected, given):
        raise AuthFailure("AUTH_BAD_SIGNATURE", "signature does not match (secret, path, query or body differ)")
    return SignedRequest(terminal_id=terminal_id, timestamp=int(ts_text), nonce=nonce)


def person_lookup_hmac(secret: str, id_number: str) -> str:
    """The pseudonym of a person in credit lookups (``GET /v1/credit/{person_hmac}``).

    Keyed by a key derived from the terminal's secret, so the platform (which knows every terminal's
    secret) can compute it for its citizens while two terminals' pseudonyms for one person differ and
    the ID number itself never travels in a URL or a log line.
    """
    key = hmac.new(secret.encode(), b"hallterm person lookup v1", hashlib.sha256).digest()
    return hmac.new(key, id_number.strip().upper().encode(), hashlib.sha256).hexdigest()
