"""The audit log: append-only, hash-chained, so an edit, a deletion or a cut-off tail is detectable.

Each entry stores ``hash = HMAC-SHA256(audit_key, prev_hash + canonical(entry))`` where the canonical
form is sorted-key compact JSON of seq, at, actor, action, subject and details. The key comes from the
terminal's key file (``core.storage.crypto``), so someone with only the database cannot recompute a
valid chain after editing it. Triggers refuse UPDATE and DELETE; ``verify`` catches whoever drops them.

The chain alone cannot show that the newest entries were removed, so the head (last seq and hash) is
also written to ``meta`` in the same transaction as each append. That anchor lives in the same file: it
catches a careless truncation, not an attacker who also rewinds the anchor to an earlier genuine head;
sending the head to the platform with each sync closes that gap (a sync-engine task).

Entries must not contain personal data: callers pass masked values (``mask_id_number``) or case
numbers. ``append`` refuses text shaped like a valid ID number or a mobile number
(STORE_AUDIT_PERSONAL_DATA) because the log is kept for years and never purged.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from core.errors import StorageError
from core.identity import is_valid_id_number
from core.storage.codec import dt_text, dt_value, to_json
from core.storage.db import Database

GENESIS_HASH = "0" * 64
HEAD_META_KEY = "audit_head"

# Standing alone, not inside a longer run (case numbers such as 43010220261123K0100042 are fine).
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: datetime
    actor: str
    action: str
    subject: str
    details: dict[str, Any] = field(hash=False)
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class AuditVerification:
    ok: bool
    checked: int                 # entries whose link and MAC were confirmed
    first_bad_seq: int | None    # the first entry that is altered or missing
    reason: str                  # for the technician: what is wrong (English, no personal data)


def canonical(seq: int, at: str, actor: str, action: str, subject: str, details: dict[str, Any]) -> str:
    return to_json({"seq": seq, "at": at, "actor": actor, "action": action, "subject": subject, "details": details})


def chain_hash(key: bytes, prev_hash: str, seq: int, at: str, actor: str, action: str, subject: str,
               details: dict[str, Any]) -> str:
    message = (prev_hash + canonical(seq, at, actor, action, subject, details)).encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _refuse_personal_data(*texts: str) -> None:
    for text in texts:
        if any(is_valid_id_number(m.group()) for m in _ID_NUMBER.finditer(text)) or _PHONE.search(text):
            raise StorageError("audit entry contains an ID number or phone number; pass masked values",
                               code="STORE_AUDIT_PERSONAL_DATA")


class AuditLog:
    def __init__(self, db: Database, audit_key: bytes):
        self._db = db
        self._key = audit_key

    def append(self, actor: str, action: str, subject: str, details: dict[str, Any] | None = None, *,
               at: datetime | None = None) -> AuditEntry:
        """Add one entry (joins the caller's transaction if there is one) and move the head anchor."""
        details = dict(details or {})
        details_text = to_json(details)
        _refuse_personal_data(actor, action, subject, details_text)
        at_text = dt_text(at or datetime.now(UTC))
        with self._db.transaction() as conn:
            last = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
            seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
            digest = chain_hash(self._key, prev_hash, seq, at_text, actor, action, subject, details)
            conn.execute("INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         (seq, at_text, actor, action, subject, details_text, prev_hash, digest))
            conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = "
                         "excluded.value", (HEAD_META_KEY, to_json({"seq": seq, "hash": digest})))
        return AuditEntry(seq=seq, at=dt_value(at_text), actor=actor, action=action, subject=subject,
                          details=details, prev_hash=prev_hash, hash=digest)

    def entries(self, *, after_seq: int = 0, limit: int = 200) -> list[AuditEntry]:
        """Entries after ``after_seq`` in order, for the technician console and diagnostics export."""
        with self._db.reading() as conn:
            rows = conn.execute("SELECT seq, at, actor, action, subject, details, prev_hash, hash FROM audit_log "
                                "WHERE seq > ? ORDER BY seq LIMIT ?", (after_seq, limit)).fetchall()
        return [AuditEntry(seq=r[0], at=dt_value(r[1]), actor=r[2], action=r[3], subject=r[4],
                           details=json.loads(r[5]), prev_hash=r[6], hash=r[7]) for r in rows]

    def latest_about(self, subjects: Iterable[str], actions: Iterable[str], *, since: datetime,
                     limit: int = 50) -> list[AuditEntry]:
        """The newest entries (newest first) about any of ``subjects`` with one of ``actions`` after
        ``since``: what a restarted terminal needs to remember, such as a clerk's failed logins."""
        subjects, actions = list(subjects), list(actions)
        if not subjects or not actions:
            return []
        sql = ("SELECT seq, at, actor, action, subject, details, prev_hash, hash FROM audit_log "
               f"WHERE subject IN ({', '.join('?' * len(subjects))}) "
               f"AND action IN ({', '.join('?' * len(actions))}) AND at > ? ORDER BY seq DESC LIMIT ?")
        with self._db.reading() as conn:
            rows = conn.execute(sql, (*subjects, *actions, dt_text(since), limit)).fetchall()
        return [AuditEntry(seq=r[0], at=dt_value(r[1]), actor=r[2], action=r[3], subject=r[4],
                           details=json.loads(r[5]), prev_hash=r[6], hash=r[7]) for r in rows]

    def verify(self) -> AuditVerification:
        """Walk the whole chain and compare its end with the head anchor."""
        with self._db.snapshot() as conn:
            anchor_row = conn.execute("SELECT value FROM meta WHERE key = ?", (HEAD_META_KEY,)).fetchone()
            cur = conn.execute("SELECT seq, at, actor, action, subject, details, prev_hash, hash "
                               "FROM audit_log ORDER BY seq")
            try:
                return self._walk(cur, anchor_row[0] if anchor_row else None)
            finally:
                cur.close()

    def _walk(self, rows: Iterable[sqlite3.Row], anchor_text: str | None) -> AuditVerification:
        checked, prev_hash, expected = 0, GENESIS_HASH, 1
        for seq, at, actor, action, subject, details_text, stored_prev, stored_hash in rows:
            if seq != expected:
                return _bad(checked, expected, f"entry {expected} is missing (next entry is {seq})")
            if stored_prev != prev_hash:
                return _bad(checked, seq, f"entry {seq} does not link to entry {seq - 1}")
            try:
                details = json.loads(details_text)
            except (TypeError, json.JSONDecodeError):
                return _bad(checked, seq, f"entry {seq} has unreadable details")
            digest = chain_hash(self._key, prev_hash, seq, at, actor, action, subject, details)
            if not hmac.compare_digest(digest, stored_hash):
                return _bad(checked, seq, f"entry {seq} was altered (its MAC does not match)")
            checked, prev_hash, expected = checked + 1, stored_hash, expected + 1
        return _check_anchor(anchor_text, checked, prev_hash)


def _check_anchor(anchor_text: str | None, last_seq: int, last_hash: str) -> AuditVerification:
    if anchor_text is None:
        if last_seq == 0:
            return AuditVerification(ok=True, checked=0, first_bad_seq=None, reason="empty log")
        return _bad(last_seq, 1, "the head anchor is missing")
    try:
        anchor = json.loads(anchor_text)
        anchor_seq, anchor_hash = int(anchor["seq"]), str(anchor["hash"])
    except (ValueError, KeyError, TypeError):
        return _bad(last_seq, last_seq + 1, "the head anchor is unreadable")
    if anchor_seq > last_seq:
        return _bad(last_seq, last_seq + 1,
                    f"log ends at entry {last_seq} but the head anchor says {anchor_seq}: entries were removed")
    if anchor_seq < last_seq:
        return _bad(last_seq, anchor_seq + 1, f"entries after {anchor_seq} were not written through the log")
    if not hmac.compare_digest(anchor_hash, last_hash):
        return _bad(last_seq, last_seq, f"entry {last_seq} does not match the head anchor")
    return AuditVerification(ok=True, checked=last_seq, first_bad_seq=None, reason="chain intact")


def _bad(checked: int, seq: int, reason: str) -> AuditVerification:
    return AuditVerification(ok=False, checked=checked, first_bad_seq=seq, reason=reason)


__all__ = ["GENESIS_HASH", "AuditEntry", "AuditLog", "AuditVerification", "chain_hash"]
