"""A first plan built employee batch by batch: each batch is optimised with the earlier ones fixed.

Employees are coupled only through soft terms (cover, fairness, consistency) and hard demand maxima, so
each batch's model is small and a feasible plan comes fast even when the full model struggles.
"""
from __future__ import annotations

import time
from dataclasses import replace
from collections.abc import Callable

from ..data import Problem
from ..params import SolveParams
from ..result import Result


def construct(problem: Problem, params: SolveParams, seconds: float,
              solve: Callable[[Problem, SolveParams], Result], batch: int = 5):
    """A plan of (employee id, shift id) pairs, or None if a batch found no plan in time.

    Each batch is solved by `solve` (the engine's entry function, passed in so that this phase does not
    import the pipeline that runs it) without construction or neighbourhood search.
    """
    p, start = problem, time.monotonic()
    emps = list(p.employees)
    rounds = -(-len(emps) // batch)
    plan: list[tuple[str, str]] = []
    phases = replace(params.phases, lns=0.0, construct=0.0)
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
        result = solve(sub, replace(params, time_limit=max(0.05, left / (rounds - b)), phases=phases))
        if not result.is_feasible():
            return None
        plan = list(result.assignments)
    return plan
