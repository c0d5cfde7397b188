"""Premiums and allowances of one shift: night, Sunday and public-holiday hours, the meal allowance.

Night hours are the minutes on site inside the night window (Code du travail, L3122-2: 21:00-06:00 by
default, the group's setting); Sunday hours the minutes on a Sunday (L3132-3); public-holiday hours the
minutes on a public holiday (L3133-1), which take the place of the Sunday premium when a holiday falls
on a Sunday. A shift whose time on site spans a meal time earns one meal allowance ("panier").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta

__all__ = ["window_minutes", "day_minutes", "crosses_meal_time"]


def _overlap(start: datetime, end: datetime, lo: datetime, hi: datetime) -> int:
    return max(0, int((min(end, hi) - max(start, lo)).total_seconds() // 60))


def _days(start: datetime, end: datetime) -> Iterable[date]:
    day = start.date() - timedelta(days=1)
    while day <= end.date():
        yield day
        day += timedelta(days=1)


def window_minutes(start: datetime, end: datetime, begins: time, ends: time) -> int:
    """Minutes of [start, end) inside the daily window [begins, ends) (crossing midnight when ends <= begins)."""
    total = 0
    for day in _days(start, end):
        lo = datetime.combine(day, begins)
        hi = datetime.combine(day + timedelta(days=1) if ends <= begins else day, ends)
        total += _overlap(start, end, lo, hi)
    return total


def day_minutes(start: datetime, end: datetime, counts: Callable[[date], bool]) -> int:
    """Minutes of [start, end) on the calendar days for which `counts(day)` holds."""
    return sum(_overlap(start, end, datetime.combine(d, time()), datetime.combine(d + timedelta(days=1), time()))
               for d in _days(start, end) if counts(d))


def crosses_meal_time(start: datetime, end: datetime, meal_times: Iterable[time]) -> bool:
    """Whether a meal time falls strictly inside (start, end)."""
    times = list(meal_times)
    return any(start < datetime.combine(d, t) < end for d in _days(start, end) for t in times)
