"""All live state of the hall in one consistent read, stamped with the version it reflects.

A client applies the event stream on top of a snapshot; when it reconnects, or finds a gap in the
versions, it fetches a new snapshot and continues from its version (``GET /v1/events?since=``).
"""

from __future__ import annotations

from typing import Any

from hall_server import journal
from hall_server.context import OPEN, QUEUE_ORDER, Hall
from hall_server.db import Tx
from hall_server.views import ESTIMATE_NOTE, announcement_view

RECENT_CALLS = 10


def snapshot(hall: Hall, tx: Tx, *, day: str) -> dict[str, Any]:
    version = journal.current_version(tx)
    rows = tx.all(f"SELECT * FROM tickets WHERE business_day = ? AND state IN {OPEN} "
                  f"ORDER BY {QUEUE_ORDER}", (day,))
    counters = {row["id"]: row for row in tx.all("SELECT * FROM counters")}
    means = {row["service_code"]: row["mean_ms"] / 1000 for row in tx.all("SELECT * FROM service_times")}
    recent = tx.all("SELECT * FROM announcements WHERE kind IN ('ticket_called', 'ticket_recalled') "
                    "ORDER BY version DESC LIMIT ?", (RECENT_CALLS,))
    waiting = [row for row in rows if row["state"] == "waiting"]
    active = {row["counter_id"]: row for row in rows if row["state"] != "waiting"}
    counter_views = [hall.counter(counters[c.id], active.get(c.id)) for c in hall.config.counters
                     if c.id in counters]
    services = []
    for service in hall.config.services:
        queue_length = sum(1 for row in waiting if row["service_code"] == service.code)
        serving = [v for v in counter_views if service.code in v["service_codes"] and not v["paused"]]
        open_count = sum(1 for v in serving if v["clerk_id"]) or len(serving)
        mean_s = means.get(service.code, hall.config.default_service_time_s)
        services.append({"code": service.code, "prefix": service.prefix, "name": service.name,
                         "waiting": queue_length, "mean_service_s": round(mean_s, 1),
                         "estimated_wait_s": round((queue_length + 1) * mean_s / open_count) if open_count else None})
    return {
        "version": version,
        "business_day": day,
        "hall_name": hall.config.hall_name,
        "generated_at": hall.clock.iso(hall.clock.now_ms()),
        "estimate_note": ESTIMATE_NOTE,
        "services": services,
        "counters": counter_views,
        "waiting": [hall.ticket(row) for row in waiting],
        "recent_calls": [announcement_view(row, hall.clock) for row in recent],
    }
