"""Database rows as the API's JSON objects (the shapes documented in the OpenAPI schema).

``person_hmac`` and the client's request ids never leave the server: a display or another kiosk has
no business knowing who holds a ticket.
"""

from __future__ import annotations

import json
from typing import Any

from hall_server.clock import HallClock
from hall_server.config import HallConfig
from hall_server.db import Row

ESTIMATE_NOTE = "预计等候时间仅供参考"


def ticket_view(row: Row, config: HallConfig, clock: HallClock) -> dict[str, Any]:
    service = config.service(row["service_code"])
    counter = config.counter(row["counter_id"]) if row["counter_id"] else None
    return {
        "id": row["id"],
        "number": row["number"],
        "service_code": row["service_code"],
        "service_name": service.name if service else row["service_code"],
        "priority": row["priority"],
        "state": row["state"],
        "counter_id": row["counter_id"],
        "counter_name": counter.name if counter else None,
        "target_counter_id": row["target_counter_id"],
        "clerk_id": row["clerk_id"],
        "issued_at": clock.iso(row["issued_at"]),
        "called_at": clock.iso(row["called_at"]),
        "started_at": clock.iso(row["started_at"]),
        "finished_at": clock.iso(row["finished_at"]),
        "recall_count": row["recall_count"],
        "transfer_count": row["transfer_count"],
        "rank": row["rank_key"],
        "seq": row["seq"],
        "offline": bool(row["offline"]),
        "business_day": row["business_day"],
    }


def counter_view(row: Row, config: HallConfig, current: dict[str, Any] | None) -> dict[str, Any]:
    definition = config.counter(row["id"])
    return {
        "id": row["id"],
        "name": definition.name if definition else row["id"],
        "service_codes": list(definition.services) if definition else [],
        "paused": bool(row["paused"]),
        "pause_reason": row["pause_reason"],
        "clerk_id": row["clerk_id"],
        "current": current,
    }


def announcement_view(row: Row, clock: HallClock) -> dict[str, Any]:
    payload = json.loads(row["payload"])
    return {"version": row["version"], "kind": row["kind"], "business_day": row["business_day"],
            "at": clock.iso(row["at"]), "ticket": payload.get("ticket"), "counter": payload.get("counter")}
