"""Key figures of a business day, per service, counter, clerk and hour.

Definitions (all times in seconds; a figure with no data is ``null``, never 0):

* wait = first called − issued (a transferred ticket's wait ends at its first call);
* walk = started − called at the serving counter (how long the citizen took to arrive);
* service = finished − started;
* no-show rate = no-shows ÷ tickets called;
* abandonment rate = (cancelled + expired) ÷ tickets;
* over-target share = tickets called after waiting longer than the service-level target ÷ tickets called.

Services and hours group tickets by what was issued (the hour is the hall's local hour of issue);
counters and clerks group the tickets they handled last. Today's tickets are read live, earlier days'
from the history the daily reset archived.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from hall_server.context import Hall
from hall_server.db import Row, Tx

_FIELDS = ("service_code, counter_id, clerk_id, state, issued_at, first_called_at, called_at, started_at, "
           "finished_at")


def day_rows(tx: Tx, day: str) -> list[Row]:
    return tx.all(f"SELECT {_FIELDS} FROM tickets WHERE business_day = ? UNION ALL "
                  f"SELECT {_FIELDS} FROM tickets_history WHERE business_day = ?", (day, day))


def _seconds(later: int | None, earlier: int | None) -> float | None:
    if later is None or earlier is None:
        return None
    return max(0, later - earlier) / 1000


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _p90(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)], 1)


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def kpis(rows: Iterable[Row], target_s: int) -> dict[str, Any]:
    rows = list(rows)
    count = defaultdict(int)
    for row in rows:
        count[row["state"]] += 1
    waits = [w for r in rows if (w := _seconds(r["first_called_at"], r["issued_at"])) is not None]
    walks = [w for r in rows if (w := _seconds(r["started_at"], r["called_at"])) is not None]
    services = [s for r in rows if r["state"] == "finished" and (s := _seconds(r["finished_at"], r["started_at"]))
                is not None]
    called = len(waits)
    return {
        "tickets": len(rows),
        "called": called,
        "served": count["finished"],
        "no_show": count["no_show"],
        "cancelled": count["cancelled"],
        "expired": count["expired"],
        "open": count["waiting"] + count["called"] + count["serving"],
        "wait_mean_s": _mean(waits),
        "wait_p90_s": _p90(waits),
        "walk_mean_s": _mean(walks),
        "service_mean_s": _mean(services),
        "no_show_rate": _rate(count["no_show"], called),
        "abandonment_rate": _rate(count["cancelled"] + count["expired"], len(rows)),
        "over_target_share": _rate(sum(1 for w in waits if w > target_s), called),
    }


def _grouped(rows: list[Row], key: Callable[[Row], Any], target_s: int) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        value = key(row)
        if value is not None:
            groups[str(value)].append(row)
    return {name: kpis(members, target_s) for name, members in sorted(groups.items())}


def day_stats(hall: Hall, tx: Tx, day: str) -> dict[str, Any]:
    rows = day_rows(tx, day)
    target = hall.config.service_level_target_s
    return {
        "date": day,
        "service_level_target_s": target,
        "hall": kpis(rows, target),
        "by_service": _grouped(rows, lambda r: r["service_code"], target),
        "by_counter": _grouped(rows, lambda r: r["counter_id"], target),
        "by_clerk": _grouped(rows, lambda r: r["clerk_id"], target),
        "by_hour": _grouped(rows, lambda r: f"{hall.clock.hour_of(r['issued_at']):02d}", target),
    }
