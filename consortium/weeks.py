"""ISO weeks and the group's local time (Europe/Paris by default)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from .errors import InvalidInput

__all__ = ["DEFAULT_TZ", "IsoWeek", "parse_week", "week_of", "month_bounds"]

DEFAULT_TZ = "Europe/Paris"
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


class IsoWeek(tuple):
    """An ISO week such as `2026-W49`: a (year, week) tuple with calendar helpers."""

    def __new__(cls, year: int, week: int):
        try:
            date.fromisocalendar(year, week, 1)
        except ValueError as exc:
            raise InvalidInput(f"week {year}-W{week:02d} does not exist") from exc
        return super().__new__(cls, (year, week))

    year = property(lambda self: self[0])
    week = property(lambda self: self[1])

    def __str__(self) -> str:
        return f"{self[0]}-W{self[1]:02d}"

    def __repr__(self) -> str:
        return f"IsoWeek('{self}')"

    @property
    def monday(self) -> date:
        """The Monday that opens the week."""
        return date.fromisocalendar(self[0], self[1], 1)

    def days(self) -> list[date]:
        """The seven dates Monday to Sunday."""
        return [self.monday + timedelta(days=i) for i in range(7)]

    def shift(self, weeks: int) -> IsoWeek:
        """The week `weeks` later (earlier when negative)."""
        return week_of(self.monday + timedelta(weeks=weeks))

    def start(self, tz: str = DEFAULT_TZ) -> datetime:
        """Monday 00:00 local time."""
        return datetime.combine(self.monday, datetime.min.time(), ZoneInfo(tz))


def parse_week(text: str) -> IsoWeek:
    """Parse `2026-W49` into an IsoWeek; a clear error otherwise."""
    match = _WEEK.match(str(text).strip())
    if not match:
        raise InvalidInput(f"week {text!r} is not an ISO week like 2026-W49")
    return IsoWeek(int(match.group(1)), int(match.group(2)))


def week_of(day: date | datetime) -> IsoWeek:
    """The ISO week a date falls in."""
    year, week, _ = day.isocalendar()
    return IsoWeek(year, week)


def month_bounds(month: str) -> tuple[date, date]:
    """First day and the day after the last of `YYYY-MM`."""
    match = re.match(r"^(\d{4})-(\d{2})$", str(month).strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise InvalidInput(f"month {month!r} is not like 2026-11")
    year, number = int(match.group(1)), int(match.group(2))
    if not date.min.year <= year < date.max.year:  # 9999-12 would end in year 10000
        raise InvalidInput(f"month {month!r} is outside the years {date.min.year} to {date.max.year - 1}")
    first = date(year, number, 1)
    nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, nxt
