"""Plain-Python checks of the engine's hard rules on one employee's plan, and `why_not`.

Shares the rule ids of rules_hard.py; the wording is left to the caller.
"""
from __future__ import annotations

from collections.abc import Iterable

from .data import MINUTES_PER_DAY, Employee, Problem, Shift
from .index import Calendar

Violation = tuple[str, str]  # (rule id, subject)


def check_employee(problem: Problem, employee: str, shifts: Iterable[str]) -> list[Violation]:
    """Hard-rule violations of `employee` working exactly `shifts` (ids); [] when compliant."""
    p = problem
    e = next(x for x in p.employees if x.id == employee)
    by_id = {s.id: s for s in p.shifts}
    plan = sorted((by_id[s] for s in shifts), key=lambda s: (s.start, s.end, s.id))
    cal = Calendar(p.days, p.first_weekday)
    out: list[Violation] = []
    pinned = {s for emp, s in p.pinned if emp == employee}
    forbidden = {s for emp, s in p.forbidden if emp == employee}
    for s in plan:
        if s.id not in pinned and (
            (e.eligible is not None and s.id not in e.eligible) or s.id in forbidden
        ):
            out.append(("eligibility", s.id))
        if s.day in e.days_off:
            out.append(("days_off", s.id))
    out += [("pinned", s) for s in sorted(pinned - {s.id for s in plan})]
    out += _pairs(p, e, plan) + _days(p, e, plan) + _weeks(p, e, plan, cal)
    out += _runs(e, sorted({s.day for s in plan}), p.days) + _totals(e, plan, cal)
    return out


def why_not(problem: Problem, plan: Iterable[tuple[str, str]], employee: str, shift: str) -> list[Violation]:
    """Hard rules that adding (`employee`, `shift`) to `plan` would break (and the plan did not).

    `plan` is a Result's assignments (or any list of (employee id, shift id)).
    """
    plan = list(plan)
    mine = [s for e, s in plan if e == employee]
    before = set(check_employee(problem, employee, mine))
    after = check_employee(problem, employee, [*mine, shift])
    out = [v for v in after if v not in before]
    for dm in problem.demands:
        if dm.hard_max and shift in dm.shifts:
            taken = sum(1 for _, s in plan if s in dm.shifts)
            if taken >= dm.requirement:
                out.append(("demand_hard_max", dm.id))
    return out


def _pairs(p: Problem, e: Employee, plan: list[Shift]) -> list[Violation]:
    out = []
    rest = e.rules.min_daily_rest or 0
    last = e.history.last_shift_end
    for i, a in enumerate(plan):
        if rest and last is not None and a.start - last < rest:
            out.append(("daily_rest", f"history|{a.id}"))
        for b in plan[i + 1:]:
            gap = b.start - a.end
            if a.day == b.day and gap < p.travel_time(a, b):
                out.append(("no_overlap_travel", f"{a.id}|{b.id}"))
            elif a.day != b.day and (gap < rest or gap < 0):
                out.append(("daily_rest", f"{a.id}|{b.id}"))
    return out


def _days(p: Problem, e: Employee, plan: list[Shift]) -> list[Violation]:
    r, out = e.rules, []
    by_day: dict[int, list[Shift]] = {}
    for s in plan:
        by_day.setdefault(s.day, []).append(s)
    for d, ss in by_day.items():
        if r.max_shifts_per_day is not None and len(ss) > r.max_shifts_per_day:
            out.append(("max_shifts_per_day", f"day{d}"))
        if r.max_day_minutes is not None:
            load = sum(s.duration for s in ss)
            load += sum(p.travel_time(a, b) for a, b in zip(ss, ss[1:], strict=False))
            if load > r.max_day_minutes:
                out.append(("max_day_minutes", f"day{d}"))
    for a, b in r.forbidden_successions:
        types = {d: {s.type for s in ss} for d, ss in by_day.items()}
        types[-1] = set(e.history.last_day_types)
        for d, ts in types.items():
            if a in ts and b in types.get(d + 1, ()):
                out.append(("forbidden_succession", f"day{d + 1}"))
    for t, k in r.max_per_type:
        if sum(1 for s in plan if s.type == t) > k:
            out.append(("max_per_type", f"type{t}"))
    return out


def _travel_by_week(p: Problem, plan: list[Shift], cal: Calendar) -> dict[int, int]:
    """Travel between consecutive shifts of each day, summed per civil week (it counts as work)."""
    by_day: dict[int, list[Shift]] = {}
    for s in plan:
        by_day.setdefault(s.day, []).append(s)
    out: dict[int, int] = {}
    for d, ss in by_day.items():
        out[cal.week(d)] = out.get(cal.week(d), 0) + sum(p.travel_time(a, b) for a, b in zip(ss, ss[1:], strict=False))
    return out


def _weeks(p: Problem, e: Employee, plan: list[Shift], cal: Calendar) -> list[Violation]:
    r, h, out = e.rules, e.history, []
    travel = _travel_by_week(p, plan, cal)
    for w in range(cal.weeks):
        days = {s.day for s in plan if cal.week(s.day) == w}
        minutes = sum(s.duration for s in plan if cal.week(s.day) == w) + travel.get(w, 0)
        if w == 0:
            minutes, ndays = minutes + h.week_minutes_before, len(days) + h.week_days_before
        else:
            ndays = len(days)
        if r.max_days_per_week is not None and ndays > r.max_days_per_week:
            out.append(("max_days_per_week", f"week{w}"))
        if r.max_week_minutes is not None and minutes > r.max_week_minutes:
            out.append(("max_week_minutes", f"week{w}"))
        if r.weekly_rest and not _has_weekly_rest(plan, cal, w, r.weekly_rest, h.last_shift_end):
            out.append(("weekly_rest", f"week{w}"))
        if r.rolling_weeks and r.rolling_avg_max is not None:
            first = w - r.rolling_weeks + 1
            total = sum(s.duration for s in plan if first <= cal.week(s.day) <= w)
            total += sum(v for k, v in travel.items() if first <= k <= w)
            past = h.past_week_minutes
            total += sum(past[len(past) + first:] if first < 0 else ())
            total += h.week_minutes_before if first <= 0 else 0
            if total > r.rolling_weeks * r.rolling_avg_max:
                out.append(("rolling_average", f"week{w}"))
    weekends = sum(1 for wk in cal.weekends() if any(s.day in wk for s in plan))
    if r.max_weekends is not None and weekends > r.max_weekends:
        out.append(("max_weekends", "horizon"))
    return out


def _has_weekly_rest(plan: list[Shift], cal: Calendar, w: int, rest: int, last: int | None) -> bool:
    """A free stretch of `rest` minutes ending by the week's end, counted from the last work before
    the week (a shift of the plan or `last`, week 0 only; at most a week before) or from the week's start."""
    lo, hi = cal.week_start(w), cal.week_start(w + 1)
    week_ago = lo - 7 * MINUTES_PER_DAY
    before = [s.end for s in plan if week_ago <= s.end <= lo]
    if w == 0 and last is not None:
        before.append(max(week_ago, last))
    free_from = min(lo, max(before)) if before else lo
    longest = 0
    for s in plan:  # sorted by start
        if s.end <= free_from or s.start >= hi:
            continue
        longest = max(longest, s.start - free_from)
        free_from = max(free_from, s.end)
    return max(longest, hi - free_from) >= rest


def _runs(e: Employee, worked: list[int], days: int) -> list[Violation]:
    r, h, out = e.rules, e.history, []
    state = [d in set(worked) for d in range(days)]
    for value, k, rule, before in (
        (True, r.max_consecutive_days, "max_consecutive_days", h.days_worked_before),
        (True, r.min_consecutive_days, "min_consecutive_days", h.days_worked_before),
        (False, r.min_consecutive_days_off, "min_consecutive_days_off", h.days_off_before),
    ):
        if k is None:
            continue
        known = bool(h.days_worked_before or h.days_off_before)
        for start, length in _run_list(state, value):
            at_start, at_end = start == 0, start + length == days
            full = length + (before if at_start else 0)
            if rule.startswith("max"):
                if full > k:
                    out.append((rule, f"day{start}"))
            elif full < k:
                exempt = at_end and r.edge_runs_exempt or at_start and (r.edge_runs_exempt or not known)
                if not exempt:
                    out.append((rule, f"day{start}"))
    return out


def _run_list(state: list[bool], value: bool) -> list[tuple[int, int]]:
    runs, start = [], None
    for d, v in enumerate(state + [not value]):
        if v == value and start is None:
            start = d
        elif v != value and start is not None:
            runs.append((start, d - start))
            start = None
    return runs


def _totals(e: Employee, plan: list[Shift], cal: Calendar) -> list[Violation]:
    r, total, out = e.rules, sum(s.duration for s in plan), []
    if r.max_total_minutes is not None and total > r.max_total_minutes:
        out.append(("total_minutes", "max"))
    if r.min_total_minutes is not None and r.min_total_weight is None and total < r.min_total_minutes:
        out.append(("total_minutes", "min"))
    return out
