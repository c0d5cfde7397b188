"""A first plan built employee batch by batch: each batch is optimised with the earlier ones fixed.

Employees are coupled only through soft terms (cover, fairness, consistency) and hard demand maxima, so
each batch's model is small and a feasible plan comes fast even when the full model struggles.
"""
from __future__ import annotations

import time
from dataclasses import replace

from .data import Problem
from .params import SolveParams


def construct(problem: Problem, params: SolveParams, seconds: float, batch: int = 5):
    """A plan of (employee id, shift id) pairs, or None if a batch found no plan in time."""
    from .solve import solve

    p, start = problem, time.monotonic()
    emps = list(p.employees)
    rounds = -(-len(emps) // batch)
    plan: list[tuple[str, str]] = []
    for b in range(rounds):
        fixed = [
            replace(e, eligible=frozenset(s for who, s in plan if who == e.id))
            for e in emps[: b * batch]
        ]
        part = tuple(fixed + emps[b * batch:(b + 1) * batch])
        ids = {e.id for e in part}
        sub = replace(
            p,
            employees=part,
            requests=tuple(r for r in p.requests if r.employee in ids),
            costs=tuple(c for c in p.costs if c.employee in ids),
            pinned=tuple({*(x for x in p.pinned if x[0] in ids), *plan}),
            forbidden=tuple(x for x in p.forbidden if x[0] in ids),
            reference=tuple(x for x in p.reference if x[0] in ids),
        )
        left = seconds - (time.monotonic() - start)
        sub_params = replace(params, time_limit=max(0.05, left / (rounds - b)), lns_share=0.0, construct_share=0.0)
        result = solve(sub, sub_params)
        if not result.is_feasible():
            return None
        plan = list(result.assignments)
    return plan


def construct_by_days(problem: Problem, params: SolveParams, seconds: float, window: int = 2, ahead: int = 1):
    """A plan built through time: days [lo, lo + window + ahead) are optimised with every earlier day
    fixed, then days [lo, lo + window) are kept. None if a window found no plan in time.

    Only the shifts seen so far take part, so hard cover on later days cannot block a window, and a
    rule that links days (rest, runs) sees the fixed past. Each window is a small model: a plan for
    a large horizon comes long before CP-SAT finds one on the whole problem (exact cover with rest).
    """
    from .solve import solve

    p, start = problem, time.monotonic()
    rounds = -(-p.days // window)
    plan: list[tuple[str, str]] = []
    for b in range(rounds):
        lo, hi = b * window, min(p.days, (b + 1) * window + ahead)
        sub = _days_before(p, hi, lo, plan)
        left = seconds - (time.monotonic() - start)
        sub_params = replace(params, time_limit=max(0.5, left / (rounds - b)), lns_share=0.0,
                             construct_share=0.0, construct_by="employees")
        result = solve(sub, sub_params)
        left = seconds - (time.monotonic() - start)
        if result.status == "UNKNOWN" and left > sub_params.time_limit:  # give a hard window the rest
            result = solve(sub, replace(sub_params, time_limit=left))
        if not result.is_feasible():
            return None
        keep = {s.id for s in p.shifts if s.day < lo + window}
        plan = [(e, s) for e, s in result.assignments if s in keep]
    return plan


def _days_before(p: Problem, hi: int, lo: int, plan: list[tuple[str, str]]) -> Problem:
    """The problem cut to days < hi, with the plan fixed on days < lo (nothing else there)."""
    shifts = tuple(s for s in p.shifts if s.day < hi)
    seen = {s.id for s in shifts}
    past = {s.id for s in shifts if s.day < lo}
    mine: dict[str, set[str]] = {}
    for e, s in plan:
        mine.setdefault(e, set()).add(s)
    employees = []
    for e in p.employees:
        allowed = seen if e.eligible is None else e.eligible & seen
        employees.append(replace(e, eligible=frozenset((allowed - past) | mine.get(e.id, set()))))

    def inside(pairs):
        return tuple(x for x in pairs if x[1] in seen)

    return replace(
        p, days=hi, shifts=shifts, employees=tuple(employees),
        demands=tuple(d for d in p.demands if set(d.shifts) <= seen),
        requests=tuple(r for r in p.requests if set(r.shifts) <= seen),
        costs=tuple(c for c in p.costs if c.shift in seen),
        consistency=tuple(c for c in p.consistency if set(c.shifts) <= seen),
        pinned=tuple({*inside(p.pinned), *plan}), forbidden=inside(p.forbidden), reference=inside(p.reference),
    )
