"""`allocate_week`: build the week's problem, solve it with the engine, read the plan back."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from solver.roster import Progress, check_employee, solve

from ..group import Group
from ..history import History
from ..plans import Assignment, Plan
from consortium.weeks import IsoWeek
from .build import COST_LABELS, Built, assignment_of, build_problem
from .explain import request_reasons
from .greedy import greedy_plan
from .pins import drop_breaking_pins
from .result import Allocation, EmployeeRow, MemberRow, Penalty, Unfilled
from .weights import AllocationParams
from .wording import word_violation

__all__ = ["allocate_week", "solve_built", "MAX_EXPLAINED"]

MAX_EXPLAINED = 15  # candidates worded per unfilled request; the rest are counted


def allocate_week(
    group: Group,
    week: IsoWeek,
    *,
    history: History | None = None,
    published: Plan | None = None,
    pins: Sequence[Assignment] = (),
    last_week: Plan | None = None,
    params: AllocationParams = AllocationParams(),
    on_progress: Progress | None = None,
    fixed: Sequence[Assignment] = (),
    closed: Mapping[date, str] = {},
    lent=(),
) -> Allocation:
    """The week's draft plan: every hard rule kept, soft rules weighed by `params.weights`.

    `published` is kept as far as possible (stability) and its pinned assignments hold, as do `pins`
    (a pin that can no longer hold is dropped and named in `Allocation.dropped_pins`); `last_week`
    rewards continuity; `history` carries the rules that span weeks. Requests on a `closed` day
    (day -> why) keep only their `fixed` assignments, which hold whatever happens. `lent` are members'
    offers of their own staff (sharing.lending.Offer), placed after GE staff by default.
    """
    built = build_problem(group, week, params.weights, history=history, published=published, pins=pins,
                          last_week=last_week, fixed=fixed, closed=closed, lent=lent)
    return solve_built(built, params, on_progress)


def solve_built(built: Built, params: AllocationParams, on_progress: Progress | None = None) -> Allocation:
    """Solve a built problem once and read the answer back.

    A greedy plan is handed to the engine as its hint: priced on the model (its variables fixed, the
    auxiliaries solved for) and hinted completely, then the whole problem is searched from it (see
    `AllocationParams.engine`). The priced greedy plan stays the answer when the search finds nothing
    better in time. The engine keeps the checker's rules itself (weekly rest inside the week, travel in
    the week's hours), so there are no repair rounds; `check_employee` runs last as a safety check and
    only reports (`Allocation.violations`).
    """
    started = time.monotonic()
    built.dropped += drop_breaking_pins(built, word_violation)
    greedy = sorted(set(greedy_plan(built.problem)))
    engine = params.engine()
    if not params.deterministic:  # the greedy plan's seconds count in the time limit
        engine = dataclasses.replace(engine, time_limit=max(0.1 * params.time_limit,
                                                            params.time_limit - (time.monotonic() - started)))
    result = solve(built.problem, engine, hint=greedy, on_progress=on_progress)
    if not result.is_feasible() and greedy:
        # no plan found and the greedy one could not be priced: it is the answer (the safety check reports)
        result = dataclasses.replace(result, status="FEASIBLE", assignments=tuple(greedy))
    violations = _safety_check(built, result.assignments) if result.is_feasible() else []
    return _read(built, result, time.monotonic() - started, violations)


def _safety_check(built: Built, pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(employee, rule id, subject) of every engine hard rule the plan breaks: [] expected."""
    mine: dict[str, list[str]] = {}
    for e, s in pairs:
        mine.setdefault(e, []).append(s)
    return [(e, rule, subject) for e, shifts in mine.items()
            for rule, subject in check_employee(built.problem, e, shifts)]


def _day_travel(built: Built, pairs: Iterable[tuple[str, str]]) -> dict[str, dict[int, list[tuple[str, int]]]]:
    """Per employee and engine day, the requests in time order with the travel minutes before each."""
    by_emp: dict[str, dict[int, list[str]]] = {}
    shifts = {s.id: s for s in built.problem.shifts}
    for e, s in pairs:
        by_emp.setdefault(e, {}).setdefault(shifts[s].day, []).append(s)
    out: dict[str, dict[int, list[tuple[str, int]]]] = {}
    for e, days in by_emp.items():
        out[e] = {}
        for d, codes in days.items():
            codes.sort(key=lambda c: (shifts[c].start, shifts[c].end))
            out[e][d] = [(c, built.travel(codes[i - 1], c) if i else 0) for i, c in enumerate(codes)]
    return out


def _read(built: Built, result, runtime: float, violations: list[tuple[str, str, str]]) -> Allocation:
    # the hours lent staff work at their home firm are pinned busy time, not assignments
    pairs = [(e, s) for e, s in result.assignments if s not in built.home] if result.is_feasible() else []
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
        dropped_pins=[str(d) for d in built.dropped], violations=violations, lent_staff=frozenset(built.lent),
    )


def _reasons(built: Built, pairs, code: str, optimal: bool) -> list[str]:
    if code in built.closed:
        return [built.closed[code]]
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
