"""Counters recomputed from the hours worked, carried from week to week and read by the allocation.

Minutes per ISO week (the 12-week average), last shift end and worked-day streak at the end of each
week, annualised hours against the yearly target, idle contracted hours, and each member's shortfall
against its entitled share (the fairness deficit): together they make the `History` of a week.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal

from .base import Domain
from .employees import Employee
from .history import EmployeeHistory, History
from .hours import WorkedLine
from .requests import Request
from consortium.weeks import IsoWeek, parse_week, week_of

__all__ = [
    "FULL_TIME_YEAR_HOURS", "AnnualCounter", "weekly_minutes", "employee_history", "annual_counter",
    "contracted_minutes", "idle_minutes", "fair_shares", "week_shortfalls", "fairness_deficits", "history_for_week",
]

FULL_TIME_YEAR_HOURS = Decimal("1607")
FULL_TIME_WEEK_HOURS = 35


def weekly_minutes(lines: Iterable[WorkedLine]) -> dict[str, dict[str, int]]:
    """Employee -> ISO week -> minutes worked, travel between sites included (as the checker counts)."""
    result: dict[str, dict[str, int]] = defaultdict(dict)
    for line in lines:
        if line.minutes:
            week = str(week_of(line.day))
            result[line.employee][week] = result[line.employee].get(week, 0) + line.minutes + line.travel_minutes
    return dict(result)


def employee_history(lines: Iterable[WorkedLine], week: IsoWeek | str) -> dict[str, EmployeeHistory]:
    """Each employee's past as of the Monday of `week`, from the lines worked before it."""
    monday = parse_week(str(week)).monday
    before = [x for x in lines if x.day < monday and x.minutes]
    ends: dict[str, datetime] = {}
    days: dict[str, set[date]] = defaultdict(set)
    for x in before:
        if x.end is not None:  # always: lines with minutes have an end
            ends[x.employee] = max(x.end, ends.get(x.employee, x.end))
        days[x.employee].add(x.day)
    result = {}
    for code, weeks in weekly_minutes(before).items():
        streak, day = 0, monday - timedelta(days=1)
        while day in days[code]:
            streak, day = streak + 1, day - timedelta(days=1)
        result[code] = EmployeeHistory(weekly_minutes=weeks, last_shift_end=ends.get(code), consecutive_days=streak)
    return result


class AnnualCounter(Domain):
    """An annualised counter: hours worked in the year against the yearly target.

    `target_hours` is the contract's `annual_hours`, else 1,607 h pro rata of the weekly hours
    (35 h = full time); `expected_hours` the part of the target due by `as_of` (weeks elapsed / 52);
    `balance_hours` = worked - expected (positive: ahead, negative: behind).
    """

    employee: str
    year: int
    worked_hours: Decimal
    target_hours: Decimal
    expected_hours: Decimal
    balance_hours: Decimal


def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"))


def annual_counter(employee: Employee, lines: Iterable[WorkedLine], year: int, as_of: date) -> AnnualCounter:
    """The employee's annualised counter for `year`, counted up to `as_of` (inclusive)."""
    contract = employee.contract
    if contract.annual_hours is not None:
        target = Decimal(str(contract.annual_hours))
    else:
        target = FULL_TIME_YEAR_HOURS * Decimal(str(contract.weekly_hours)) / FULL_TIME_WEEK_HOURS
    target = target.quantize(Decimal("0.01"))
    minutes = sum(x.minutes + x.travel_minutes for x in lines
                  if x.employee == employee.code and x.day.year == year and x.day <= as_of and x.minutes)
    start = date(year, 1, 1)
    elapsed = max(0, min((as_of - start).days + 1, 364)) if as_of >= start else 0
    expected = (target * elapsed / 364).quantize(Decimal("0.01"))
    worked = _hours(minutes)
    return AnnualCounter(employee=employee.code, year=year, worked_hours=worked, target_hours=target,
                         expected_hours=expected, balance_hours=worked - expected)


def contracted_minutes(employee: Employee, week: IsoWeek | str) -> int:
    """Contracted minutes of the week, pro rata of the days (of 7) the contract covers."""
    days = sum(employee.contract.is_active(d) for d in parse_week(str(week)).days())
    return round(employee.contract.weekly_hours * 60 * days / 7)


def idle_minutes(employees: Iterable[Employee], lines: Iterable[WorkedLine], week: IsoWeek | str) -> dict[str, int]:
    """Employee -> contracted minutes of the week neither worked (travel included) nor planned-then-absent.

    Planned hours missed through an absence are the absence's, not idle time the GE could have placed.
    """
    wk = parse_week(str(week))
    used: dict[str, int] = defaultdict(int)
    for x in lines:
        if week_of(x.day) == wk:
            used[x.employee] += x.minutes + x.travel_minutes if x.source != "absent" else x.planned_minutes
    return {e.code: max(0, contracted_minutes(e, wk) - used[e.code]) for e in employees}


def fair_shares(granted: float, requested: Mapping[str, float], entitlement: Mapping[str, float]) -> dict[str, float]:
    """The granted hours shared by entitlement, no member getting more than it asked (water-filling)."""
    shares = {m: 0.0 for m in requested}
    open_ = {m for m, h in requested.items() if h > 0}
    left = granted
    while open_ and left > 1e-9:
        total = sum(entitlement.get(m, 1.0) for m in open_)
        capped = {m for m in open_ if requested[m] - shares[m] <= left * entitlement.get(m, 1.0) / total + 1e-9}
        if not capped:
            for m in open_:
                shares[m] += left * entitlement.get(m, 1.0) / total
            break
        for m in capped:
            left -= requested[m] - shares[m]
            shares[m] = requested[m]
        open_ -= capped
    return shares


def week_shortfalls(requests: Iterable[Request], lines: Iterable[WorkedLine], week: IsoWeek | str,
                    entitlement: Mapping[str, float]) -> dict[str, float]:
    """Member -> hours short of its fair share of the granted hours in one week (negative: over-served).

    Empty when the demand was met: a member can be short only when there were not enough people.
    """
    wk = parse_week(str(week))
    requested: dict[str, float] = defaultdict(float)
    for r in requests:
        if week_of(r.day) == wk:
            requested[r.member] += r.hours
    got: dict[str, float] = defaultdict(float)
    for x in lines:
        if week_of(x.day) == wk:
            got[x.member] += x.minutes / 60
    granted = sum(got.values())
    if sum(requested.values()) <= granted + 1e-9:
        return {}
    shares = fair_shares(granted, requested, entitlement)
    return {m: round(shares.get(m, 0.0) - got.get(m, 0.0), 2) for m in sorted(set(requested) | set(got))}


def fairness_deficits(requests: Iterable[Request], lines: Iterable[WorkedLine], week: IsoWeek | str,
                      entitlement: Mapping[str, float], weeks: int) -> dict[str, float]:
    """Member -> shortfall summed over the `weeks` weeks before `week` (the deficit carried forward)."""
    requests, lines = list(requests), list(lines)
    wk = parse_week(str(week))
    total: dict[str, float] = defaultdict(float)
    for k in range(weeks, 0, -1):
        for member, hours in week_shortfalls(requests, lines, wk.shift(-k), entitlement).items():
            total[member] += hours
    return {m: round(h, 2) for m, h in sorted(total.items()) if abs(h) >= 0.005}


def history_for_week(lines: Iterable[WorkedLine], requests: Iterable[Request], week: IsoWeek | str,
                     entitlement: Mapping[str, float], weeks: int = 12) -> History:
    """The `History` leading into `week` from the hours worked: what the allocation and checker read."""
    wk = parse_week(str(week))
    first = wk.shift(-weeks).monday
    lines = [x for x in lines if first <= x.day < wk.monday]
    return History(week=str(wk), employees=employee_history(lines, wk),
                   fairness_deficit_hours=fairness_deficits(requests, lines, wk, entitlement, weeks))
