"""Working-day calendar for statutory and promised time limits (法定/承诺办结时限).

Chinese public holidays move every year and come with make-up working days on weekends (调休上班), so
neither weekdays alone nor a fixed holiday list is right. The calendar is data: one TOML file per year in
``resources/calendar/`` (published each December by the State Council General Office), overridable in the
terminal config.

Counting rule: the day of acceptance is not counted; the limit ends on the N-th working day after it
(the usual reading of 行政许可法 art. 82 and provincial 时限 rules). Natural-day limits simply add days.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path

from core.errors import CatalogError


class LimitUnit(StrEnum):
    WORKING_DAY = "working_day"   # 工作日
    NATURAL_DAY = "natural_day"   # 自然日


@dataclass(frozen=True)
class TimeLimit:
    amount: int
    unit: LimitUnit = LimitUnit.WORKING_DAY

    @property
    def label(self) -> str:
        if self.amount == 0:  # 即办件: catalogues record 0 for "done while you wait"
            return "当场办结"
        return f"{self.amount}个{'工作日' if self.unit is LimitUnit.WORKING_DAY else '自然日'}"


@dataclass(frozen=True)
class WorkingCalendar:
    holidays: frozenset[date] = field(default_factory=frozenset)
    makeup_workdays: frozenset[date] = field(default_factory=frozenset)

    def is_working_day(self, day: date) -> bool:
        if day in self.makeup_workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (``start`` itself not counted); n=0 returns ``start``."""
        if n < 0:
            raise ValueError("n must not be negative")
        day = start
        while n:
            day += timedelta(days=1)
            if self.is_working_day(day):
                n -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: how many days of a limit elapsed between two dates."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            count += self.is_working_day(day)
        return count

    def due_date(self, start: date, limit: TimeLimit) -> date:
        if limit.unit is LimitUnit.NATURAL_DAY:
            return start + timedelta(days=limit.amount)
        return self.add_working_days(start, limit.amount)

    def merged(self, other: WorkingCalendar) -> WorkingCalendar:
        return WorkingCalendar(self.holidays | other.holidays, self.makeup_workdays | other.makeup_workdays)

    @classmethod
    def from_toml(cls, path: Path) -> WorkingCalendar:
        """``holidays = [2026-01-01, ...]`` and ``makeup_workdays = [...]`` as TOML dates."""
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise CatalogError(f"{path}: cannot read calendar: {exc}", code="CALENDAR_INVALID") from exc
        days: dict[str, frozenset[date]] = {}
        for key in ("holidays", "makeup_workdays"):
            values = data.get(key, [])
            if not isinstance(values, list) or not all(isinstance(v, date) for v in values):
                raise CatalogError(f"{path}: '{key}' must be a list of TOML dates (2026-10-01)",
                                   code="CALENDAR_INVALID")
            days[key] = frozenset(values)
        return cls(days["holidays"], days["makeup_workdays"])

    @classmethod
    def from_directory(cls, directory: Path) -> WorkingCalendar:
        calendar = cls()
        for path in sorted(directory.glob("*.toml")):
            calendar = calendar.merged(cls.from_toml(path))
        return calendar
