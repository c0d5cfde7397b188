"""A greedy first plan, given to the engine as a hint so that large weeks start from a feasible plan.

Requests are taken by priority weight (then by fewest candidates); each gets the cheapest eligible
employees that the engine's own hard-rule check (`why_not`) accepts.
"""

from __future__ import annotations

from solver.roster import Problem, why_not

__all__ = ["greedy_plan"]


def greedy_plan(problem: Problem, start=()) -> list[tuple[str, str]]:
    """(employee, shift) pairs keeping every engine hard rule: pinned pairs, then those of `start` that
    still fit (a previous plan), then the greedy fill."""
    cost: dict[tuple[str, str], int] = {}
    for c in problem.costs:
        cost[c.employee, c.shift] = cost.get((c.employee, c.shift), 0) + c.amount
    takers: dict[str, list[str]] = {}
    for e in problem.employees:
        for s in sorted(e.eligible or ()):
            takers.setdefault(s, []).append(e.id)
    plan = list(problem.pinned)
    taken = {s: sum(1 for _, t in plan if t == s) for s in takers}
    demands = sorted(problem.demands, key=lambda d: (-d.under_weight, len(takers.get(d.shifts[0], ())), d.id))
    mine: dict[str, list[str]] = {}
    for who, s in plan:
        mine.setdefault(who, []).append(s)
    forbidden = set(problem.forbidden)
    for emp, shift in start:
        if (emp, shift) in forbidden or shift in mine.get(emp, ()) or shift not in takers:
            continue
        if not why_not(problem, [(emp, s) for s in mine.get(emp, ())], emp, shift):
            plan.append((emp, shift))
            mine.setdefault(emp, []).append(shift)
            taken[shift] = taken.get(shift, 0) + 1
    for d in demands:
        for shift in d.shifts:
            for emp in sorted(takers.get(shift, ()), key=lambda e: (cost.get((e, shift), 0), e)):
                if taken.get(shift, 0) >= d.requirement:
                    break
                if shift in mine.get(emp, ()) or (emp, shift) in forbidden:
                    continue
                mine_pairs = [(emp, s) for s in mine.get(emp, ())]
                if not why_not(problem, mine_pairs, emp, shift):
                    plan.append((emp, shift))
                    mine.setdefault(emp, []).append(shift)
                    taken[shift] = taken.get(shift, 0) + 1
    return plan
