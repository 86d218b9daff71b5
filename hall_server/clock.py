"""Time for the hall: epoch milliseconds in the database, business days in the hall's own time zone.

A business day is the hall's calendar date (``Asia/Shanghai`` by default): numbers restart at A001 and
open tickets expire when it changes, whatever the server's own TZ setting. Tests pass a clock they
control instead of ``time.time``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo


class HallClock:
    def __init__(self, zone: ZoneInfo, now: Callable[[], float] = time.time) -> None:
        self.zone = zone
        self._now = now

    def now_ms(self) -> int:
        return int(self._now() * 1000)

    def day_of(self, ms: int) -> str:
        return datetime.fromtimestamp(ms / 1000, self.zone).date().isoformat()

    def today(self) -> str:
        return self.day_of(self.now_ms())

    def hour_of(self, ms: int) -> int:
        return datetime.fromtimestamp(ms / 1000, self.zone).hour

    def iso(self, ms: int | None) -> str | None:
        """ISO 8601 with the hall's UTC offset (what a person reading a log expects)."""
        if ms is None:
            return None
        return datetime.fromtimestamp(ms / 1000, self.zone).isoformat(timespec="milliseconds")


def ms_from_datetime(value: datetime) -> int:
    if value.tzinfo is None:
        raise ValueError("a time without a zone is ambiguous")
    return int(value.astimezone(UTC).timestamp() * 1000)


def parse_day(value: str) -> str:
    """``YYYY-MM-DD`` normalised, or ValueError."""
    return date.fromisoformat(value).isoformat()
