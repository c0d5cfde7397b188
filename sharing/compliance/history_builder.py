"""Build the `History` that leads into a week from the plans of the weeks before it."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from collections.abc import Iterable

from consortium.errors import InvalidInput
from ..group import Group
from ..history import EmployeeHistory, History
from ..plans import Plan
from consortium.weeks import parse_week
from .context import Context, local

__all__ = ["history_from_plans"]


def history_from_plans(plans: Iterable[Plan], group: Group, week: str, previous: History | None = None) -> History:
    """Minutes per earlier week, last shift end and worked-day streak, from one plan per earlier week.

    Minutes count travel between sites as the checker does. Plans of `week` or later are ignored;
    `previous` supplies the weeks no plan covers and the members' fairness deficits.
    """
    target = parse_week(week)
    minutes: dict[str, dict[str, int]] = defaultdict(dict)
    last_end: dict[str, datetime] = {}
    worked: dict[str, set[date]] = defaultdict(set)
    seen: set[str] = set()
    for plan in plans:
        ctx = Context.build(plan, group)
        if ctx.week >= target:
            continue
        if str(ctx.week) in seen:
            raise InvalidInput(f"two plans for week {ctx.week}: pass one plan per week")
        seen.add(str(ctx.week))
        for code, days in ctx.by_day.items():
            for wk, total in ctx.weekly_minutes(code).items():
                minutes[code][str(wk)] = minutes[code].get(str(wk), 0) + total
            worked[code].update(days)
            end = max(p.end for items in days.values() for p in items)
            last_end[code] = max(end, last_end.get(code, end))
    employees = {}
    for code in set(minutes) | set(previous.employees if previous else {}):
        before = previous.employee(code) if previous else EmployeeHistory()
        weekly = {w: m for w, m in before.weekly_minutes.items() if w not in seen} | minutes.get(code, {})
        streak, day = 0, target.monday - timedelta(days=1)
        while day in worked.get(code, set()):
            streak, day = streak + 1, day - timedelta(days=1)
        employees[code] = EmployeeHistory(
            weekly_minutes=weekly,
            last_shift_end=max(filter(None, [_local(before.last_shift_end, group), last_end.get(code)]), default=None),
            consecutive_days=streak,
        )
    deficits = previous.fairness_deficit_hours if previous else {}
    return History(week=str(target), employees=employees, fairness_deficit_hours=deficits)


def _local(moment: datetime | None, group: Group) -> datetime | None:
    return None if moment is None else local(moment, group.settings.timezone)
