"""`replan`: repair a published plan after an absence, changing as little as it can."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta

from ..absences import Absence
from consortium.errors import InvalidInput
from ..group import Group
from ..history import History
from ..plans import Plan
from consortium.weeks import IsoWeek
from .allocate import solve_built
from .build import build_problem
from .result import Allocation
from .weights import AllocationParams

__all__ = ["replan", "plan_changes", "check_from_day"]


def replan(
    group: Group,
    week: IsoWeek,
    published: Plan,
    absent: str,
    from_day: date,
    *,
    history: History | None = None,
    params: AllocationParams = AllocationParams(),
    closed: Mapping[date, str] = {},
) -> Allocation:
    """The published plan repaired after `absent` becomes unavailable from `from_day` to the week's end.

    The absent employee's assignments from `from_day` on are dropped (an absence is added; a pinned
    one is reported as a dropped pin); every published assignment that starts before `from_day` is
    pinned; the later ones are kept unless they must change (each dropped one costs
    `weights.stability`). Assignments on a `closed` day (day -> why) are fixed, the absent
    employee's included: they are history.
    """
    if absent not in {e.code for e in group.employees}:
        raise InvalidInput(f"replan: unknown employee {absent}")
    if str(week) != published.week:
        raise InvalidInput(f"replan: the published plan is for {published.week}, not {week}")
    check_from_day(week, from_day)
    start = datetime.combine(from_day, datetime.min.time())
    end = datetime.combine(week.monday + timedelta(days=8), datetime.min.time())
    absence = Absence(employee=absent, kind="other", start=start, end=end, note="replan")
    group = group.model_copy(update={"absences": [*group.absences, absence]})
    fixed = [a for a in published.assignments if _naive(a.start).date() in closed]
    rest = [a for a in published.assignments if _naive(a.start).date() not in closed]
    before = [a for a in rest if _naive(a.start) < start]
    after = [a for a in rest if _naive(a.start) >= start and (a.employee != absent or a.pinned)]
    keep = published.model_copy(update={"assignments": fixed + after})
    built = build_problem(group, week, params.weights, history=history, published=keep, pins=before, fixed=fixed,
                          closed=closed)
    return solve_built(built, params)


def check_from_day(week: IsoWeek, from_day: date) -> None:
    """InvalidInput unless `from_day` is a day of the week."""
    if from_day not in week.days():
        raise InvalidInput(f"replan --from {from_day} is outside week {week} "
                           f"(Monday {week.monday} to Sunday {week.days()[-1]})")


def _naive(moment: datetime) -> datetime:
    return moment.replace(tzinfo=None)


def plan_changes(old: Plan, new: Plan) -> tuple[list, list]:
    """(removed, added) assignments between two plans, matched on employee, request and start."""
    old_keys = {a.key(): a for a in old.assignments}
    new_keys = {a.key(): a for a in new.assignments}
    removed = [a for k, a in old_keys.items() if k not in new_keys]
    added = [a for k, a in new_keys.items() if k not in old_keys]
    return removed, added
