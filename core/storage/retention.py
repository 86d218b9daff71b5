"""Retention: synced cases lose their personal data after a configurable period (DESIGN "Data").

A case is purged only when all of these hold, so nothing the platform has not received is ever lost:

* its "case" outbox row reached ``synced`` (``cases.synced_at`` is set, by ``Outbox.mark``);
* no outbox row of the case is in any other state (a later event still waiting keeps the data);
* both that sync and the last local change are older than ``older_than_days``.

Purging drops the personal blob and the ID-number HMAC (the case can no longer be found by person), sets
``purged_at``, and drops the sealed payloads of the case's outbox rows (all synced by then). Synced rows
that belong to no case (an evaluation, say) lose their payload after the same period. Numbers, item,
states, dates and events stay for statistics. One audit entry records each purge run.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from core.errors import StorageError
from core.storage.audit import AuditLog
from core.storage.codec import dt_text
from core.storage.db import Database

_PURGEABLE = """
SELECT c.case_id FROM cases c
WHERE c.purged_at IS NULL AND c.synced_at IS NOT NULL AND c.synced_at <= :cutoff AND c.updated_at <= :cutoff
  AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.case_id = c.case_id AND o.state != 'synced')
"""


def purge_personal(db: Database, audit: AuditLog, *, older_than_days: int, now: datetime,
                   actor: str = "system") -> int:
    """Purge what has been synced for longer than ``older_than_days``; returns how many cases were purged."""
    if older_than_days < 0:
        raise StorageError(f"retention of {older_than_days} days", code="STORE_RETENTION_INVALID")
    cutoff = dt_text(now - timedelta(days=older_than_days))
    stamp = dt_text(now)
    with db.transaction() as conn:
        purged = conn.execute(f"UPDATE cases SET personal = NULL, person_hmac = NULL, purged_at = :stamp "
                              f"WHERE case_id IN ({_PURGEABLE})", {"cutoff": cutoff, "stamp": stamp}).rowcount
        payloads = conn.execute(
            "UPDATE outbox SET payload = NULL WHERE payload IS NOT NULL AND state = 'synced' AND ("
            " case_id IN (SELECT case_id FROM cases WHERE purged_at IS NOT NULL)"
            " OR (case_id IS NULL AND updated_at <= :cutoff))", {"cutoff": cutoff}).rowcount
        if purged or payloads:
            audit.append(actor, "retention.purge", "cases",
                         {"cases": purged, "outbox_payloads": payloads, "older_than_days": older_than_days}, at=now)
    if (purged or payloads) and not db.in_transaction:
        # Old page images stay in the WAL until a checkpoint; fold them in now (secure_delete, set when the
        # file is opened, has zeroed the freed space in the main file).
        db.checkpoint()
    return purged
