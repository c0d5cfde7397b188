"""Hours worked checked by the same rules as plans: each ISO week's worked lines are read as a plan.

Planned, corrected, extra and adjusted hours all end up as `WorkedLine`s; their shifts (absences left
out) become the assignments of one plan per week, checked by `check_plan` with the history built from
the weeks before, so the labour rules exist once, here in the checker. Placement rules that a correction
legitimately breaks (staying after the request's window, a headcount met by a replacement) are not
applied to hours worked.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date

from ..group import Group
from ..hours import WorkedLine
from ..plans import Assignment, Plan
from consortium.weeks import IsoWeek, week_of
from .check import check_plan
from .history_builder import history_from_plans
from .violations import Violation

__all__ = ["WORKED_RULE_IDS", "WEEK_RULE_IDS", "worked_plans", "check_worked", "exception_key", "split_declared"]

WORKED_RULE_IDS: tuple[str, ...] = (
    "unknown_reference", "contract_member", "absence", "night_work", "no_overlap_travel", "max_daily_hours",
    "max_weekly_hours", "average_weekly_hours", "daily_rest", "weekly_rest", "max_days_per_week",
    "max_consecutive_days", "part_time_interruptions",
)
"""The hard rules hours worked must keep: labour law and the employee's contract."""

WEEK_RULE_IDS = frozenset({"max_weekly_hours", "average_weekly_hours", "weekly_rest"})
"""Rules whose violation is dated by the Monday of its week rather than by a worked day."""


def worked_plans(lines: Iterable[WorkedLine]) -> dict[IsoWeek, Plan]:
    """One published plan per ISO week holding that week's worked shifts (absent lines have none)."""
    by_week: dict[IsoWeek, list[Assignment]] = defaultdict(list)
    for x in lines:
        if x.start is None or x.end is None:
            continue
        by_week[week_of(x.day)].append(Assignment(employee=x.employee, request=x.request, member=x.member,
                                                  site=x.site, start=x.start, end=x.end,
                                                  travel_minutes_before=x.travel_minutes))
    return {w: Plan(week=str(w), status="published", assignments=a) for w, a in sorted(by_week.items())}


def check_worked(lines: Iterable[WorkedLine], group: Group, weeks: Iterable[IsoWeek]) -> list[Violation]:
    """Every broken rule of `WORKED_RULE_IDS` in the hours worked of `weeks`.

    `lines` should reach back `average_weeks` before the first week (the history of the rules that
    span weeks is built from them); `group` must know every request the lines name.
    """
    plans = worked_plans(lines)
    found: list[Violation] = []
    for week in sorted(set(weeks)):
        if week not in plans:
            continue
        history = history_from_plans([p for w, p in plans.items() if w < week], group, str(week))
        found += check_plan(plans[week], group, history, rules=WORKED_RULE_IDS)
    return found


def exception_key(rule: str, employee: str | None, day: date | None) -> tuple[str, str | None, date | None]:
    """What a declared exception covers: one rule broken by one employee on one day (or week's Monday)."""
    return rule, employee, day


def split_declared(violations: Iterable[Violation],
                   declared: Mapping[tuple, object]) -> tuple[list[Violation], list[Violation]]:
    """(open, declared) violations: declared when an exception covers its rule, employee and day.

    A violation that no declaration can excuse (`absolute`) stays open whatever was declared.
    """
    open_: list[Violation] = []
    covered: list[Violation] = []
    for v in violations:
        is_covered = not v.absolute and exception_key(v.rule, v.employee, v.day) in declared
        (covered if is_covered else open_).append(v)
    return open_, covered
