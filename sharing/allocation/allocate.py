"""`allocate_week`: build the week's problem, solve it with the engine, read the plan back."""

from __future__ import annotations

import dataclasses
import math
import time
from typing import Callable

from solver.roster import SolveParams, solve

from ..group import Group
from ..history import History
from ..plans import Assignment, Plan
from ..weeks import IsoWeek
from .build import COST_LABELS, Built, assignment_of, build_problem
from .explain import request_reasons
from .greedy import greedy_plan
from .result import Allocation, EmployeeRow, MemberRow, Penalty, Unfilled
from .weights import AllocationParams

__all__ = ["allocate_week", "solve_built", "MAX_EXPLAINED"]

Progress = Callable[[float, float, float, float], None]
MAX_EXPLAINED = 15  # candidates worded per unfilled request; the rest are counted
_REPAIRS = 6


def allocate_week(
    group: Group,
    week: IsoWeek,
    *,
    history: History | None = None,
    published: Plan | None = None,
    pins: list[Assignment] = (),
    last_week: Plan | None = None,
    params: AllocationParams = AllocationParams(),
    on_progress: Progress | None = None,
) -> Allocation:
    """The week's draft plan: every hard rule kept, soft rules weighed by `params.weights`.

    `published` is kept as far as possible (stability) and its pinned assignments hold, as do `pins`;
    `last_week` rewards continuity; `history` carries the rules that span weeks.
    """
    built = build_problem(group, week, params.weights, history=history, published=published, pins=pins,
                          last_week=last_week)
    return solve_built(built, params, on_progress)


def solve_built(built: Built, params: AllocationParams, on_progress: Progress | None = None) -> Allocation:
    """Solve a built problem and read the answer back.

    Two rules are stricter in the GE's checker than in the engine, so a plan is re-solved (warm
    started) while it breaks one of them: travel between sites counts in the week's hours (the
    engine counts it in the day's only), and the 35 h weekly rest must end by Sunday 24:00 (the
    engine lets it run into the next week, which the next week's plan does not know about).
    """
    started = time.monotonic()
    engine = SolveParams(time_limit=params.time_limit, seed=params.seed, workers=params.workers, log=params.log)
    result = _solve_from_greedy(built, engine, on_progress)
    bounds = [result.best_bound]
    for _ in range(_REPAIRS):
        if not result.is_feasible():
            break
        excess = _travel_excess(built, result.assignments)
        cuts = _weekly_rest_cuts(built, result.assignments)
        if not excess and not cuts:
            break
        problem = _tightened(built, excess) if excess else built.problem
        if cuts:
            problem = dataclasses.replace(problem, forbidden=tuple(sorted({*problem.forbidden, *cuts})))
        built.problem = problem
        left = max(1.0, params.time_limit - (time.monotonic() - started), 0.25 * params.time_limit)
        result = _solve_from_greedy(built, dataclasses.replace(engine, time_limit=left), on_progress,
                                    start=result.assignments)
        bounds.append(result.best_bound)
    # The repairs only add constraints: a bound of an earlier solve still bounds the last one.
    known = [b for b in bounds if b is not None]
    if result.is_feasible() and known and result.objective is not None:
        bound = min(max(known), result.objective)
        status = "OPTIMAL" if bound >= result.objective else "FEASIBLE"
        result = dataclasses.replace(result, best_bound=bound, status=status)
    return _read(built, result, time.monotonic() - started)


def _solve_from_greedy(built: Built, engine: SolveParams, on_progress: Progress | None, start=()):
    """Fix a greedy plan and solve (fast: it only prices the plan), then search the whole problem from it.

    CP-SAT does not always complete a hint on the auxiliary variables of large weeks; the priced
    greedy plan is a complete hint, and stays the answer when the search finds nothing better.
    """
    started = time.monotonic()
    problem = built.problem
    greedy = greedy_plan(problem, start)
    first = solve(dataclasses.replace(problem, pinned=tuple(sorted(set(greedy)))),
                  dataclasses.replace(engine, time_limit=max(min(5.0, 0.5 * engine.time_limit), 0.4 * engine.time_limit)))
    if not first.is_feasible():
        # Not even priced in time (very large weeks): the greedy plan keeps every engine hard rule.
        return dataclasses.replace(first, status="FEASIBLE", assignments=tuple(sorted(set(greedy))),
                                   runtime=time.monotonic() - started)
    left = max(0.5, engine.time_limit - (time.monotonic() - started))
    result = solve(problem, dataclasses.replace(engine, time_limit=left), hint=first.assignments,
                   on_progress=on_progress)
    if result.is_feasible() and result.objective <= first.objective:
        return dataclasses.replace(result, runtime=time.monotonic() - started)
    bound = result.best_bound if result.best_bound is not None else None
    status = "OPTIMAL" if bound is not None and bound >= first.objective else "FEASIBLE"
    return dataclasses.replace(first, status=status, best_bound=bound, runtime=time.monotonic() - started)


def _weekly_rest_cuts(built: Built, pairs) -> set[tuple[str, str]]:
    """(employee, latest shift) of each employee whose longest rest inside the week is too short."""
    shifts = {s.id: s for s in built.problem.shifts}
    mine: dict[str, list] = {}
    for e, s in pairs:
        mine.setdefault(e, []).append(shifts[s])
    week_end = 7 * 1440
    cuts = set()
    for e in built.problem.employees:
        need = e.rules.weekly_rest
        if not need or e.id not in mine:
            continue
        last = e.history.last_shift_end
        free_from = min(0, last) if last is not None else 0
        longest = 0
        for s in sorted(mine[e.id], key=lambda s: (s.start, s.end)):
            if s.end <= free_from or s.start >= week_end:
                continue
            longest = max(longest, s.start - free_from)
            free_from = max(free_from, s.end)
        longest = max(longest, week_end - free_from)
        if longest < need:
            latest = max(mine[e.id], key=lambda s: (s.end, s.start))
            if (e.id, latest.id) not in built.pinned:
                cuts.add((e.id, latest.id))
                hours = built.group.settings.labour.weekly_rest_hours
                built.cuts[e.id, latest.id] = f"would leave no {hours:g} h weekly rest before Sunday 24:00"
    return cuts


def _day_travel(built: Built, pairs) -> dict[str, dict[int, list[tuple[str, int]]]]:
    """Per employee and engine day, the requests in time order with the travel minutes before each."""
    by_emp: dict[str, dict[int, list[str]]] = {}
    shifts = {s.id: s for s in built.problem.shifts}
    for e, s in pairs:
        by_emp.setdefault(e, {}).setdefault(shifts[s].day, []).append(s)
    out = {}
    for e, days in by_emp.items():
        out[e] = {}
        for d, codes in days.items():
            codes.sort(key=lambda c: (shifts[c].start, shifts[c].end))
            out[e][d] = [(c, built.travel(p, c) if i else 0) for i, (p, c) in enumerate(zip([None] + codes, codes))]
    return out


def _travel_excess(built: Built, pairs) -> dict[str, int]:
    """Travel minutes of employees whose week, travel included, goes over their engine caps."""
    out = {}
    shifts = {s.id: s for s in built.problem.shifts}
    rules = {e.id: e for e in built.problem.employees}
    for e, days in _day_travel(built, pairs).items():
        travel = sum(t for items in days.values() for _, t in items)
        if not travel:
            continue
        worked = sum(shifts[c].duration for items in days.values() for c, _ in items)
        r, h = rules[e].rules, rules[e].history
        over = r.max_week_minutes is not None and worked + travel > r.max_week_minutes
        if r.rolling_weeks and r.rolling_avg_max is not None:
            past = sum(h.past_week_minutes[len(h.past_week_minutes) - r.rolling_weeks + 1:])
            over |= past + worked + travel > r.rolling_weeks * r.rolling_avg_max
        if over:
            out[e] = travel
    return out


def _tightened(built: Built, excess: dict[str, int]):
    employees = []
    for e in built.problem.employees:
        if e.id in excess:
            r, t = e.rules, excess[e.id]
            rules = dataclasses.replace(
                r,
                max_week_minutes=None if r.max_week_minutes is None else r.max_week_minutes - t,
                rolling_avg_max=None if r.rolling_avg_max is None else r.rolling_avg_max - math.ceil(t / (r.rolling_weeks or 1)),
            )
            e = dataclasses.replace(e, rules=rules)
        employees.append(e)
    return dataclasses.replace(built.problem, employees=tuple(employees))


def _read(built: Built, result, runtime: float) -> Allocation:
    pairs = list(result.assignments) if result.is_feasible() else []
    day_travel = _day_travel(built, pairs)
    assignments = [
        assignment_of(built, e, code, t)
        for e in sorted(day_travel) for d in sorted(day_travel[e]) for code, t in day_travel[e][d]
    ]
    plan = Plan(week=str(built.week), status="draft", assignments=assignments, objective=result.objective,
                best_bound=result.best_bound, solver_status=result.status)
    optimal = result.status == "OPTIMAL"
    unfilled = []
    placed: dict[str, int] = {}
    for _, s in pairs:
        placed[s] = placed.get(s, 0) + 1
    for code, r in built.requests.items():
        missing = r.headcount - placed.get(code, 0)
        if missing <= 0:
            continue
        if not result.is_feasible():
            reasons = [f"no plan found ({result.status}): a pinned assignment may break a hard rule"]
        else:
            reasons = _reasons(built, pairs, code, optimal)
        unfilled.append(Unfilled(code, r.member, missing * r.minutes / 60, reasons))
    penalties = [Penalty(rule, COST_LABELS.get(rule, label), subject, amount)
                 for rule, label, subject, amount in result.explain()]
    return Allocation(
        status=result.status, objective=result.objective, best_bound=result.best_bound, gap=result.gap,
        runtime=runtime, plan=plan, unfilled=unfilled, penalties=penalties,
        variables=sum(len(e.eligible or ()) for e in built.problem.employees),
        _members=_member_rows(built, placed), _employees=_employee_rows(built, day_travel),
    )


def _reasons(built: Built, pairs, code: str, optimal: bool) -> list[str]:
    general, rows = request_reasons(built, pairs, code, optimal)
    rows = [c for c in rows if not c.placed]
    # Candidates the static rules allow first: their reasons say what the rest of the plan blocks.
    rows.sort(key=lambda c: (c.employee, code) not in built.commute)
    out = general + [str(c) for c in rows[:MAX_EXPLAINED]]
    if len(rows) > MAX_EXPLAINED:
        out.append(f"... and {len(rows) - MAX_EXPLAINED} other employees with the skill")
    return out or ["every employee with the skill is already on it"]


def _member_rows(built: Built, placed: dict[str, int]) -> list[MemberRow]:
    asked: dict[str, list[float]] = {}
    for code, r in built.requests.items():
        row = asked.setdefault(r.member, [0.0, 0.0])
        row[0] += r.hours
        row[1] += min(placed.get(code, 0), r.headcount) * r.minutes / 60
    return [MemberRow(m, round(a, 2), round(g, 2), round(a - g, 2)) for m, (a, g) in asked.items()]


def _employee_rows(built: Built, day_travel) -> list[EmployeeRow]:
    shifts = {s.id: s for s in built.problem.shifts}
    rows = []
    for code, e in built.employees.items():
        days = day_travel.get(code, {})
        worked = sum(shifts[c].duration for items in days.values() for c, _ in items)
        travel = sum(t for items in days.values() for _, t in items)
        commute = sum(built.commute.get((code, items[0][0]), 0) for items in days.values())
        contract = e.contract.weekly_hours
        rows.append(EmployeeRow(code, round(worked / 60, 2), contract, travel, commute,
                                round(max(0.0, contract - (worked + travel) / 60), 2)))
    return rows
