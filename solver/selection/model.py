"""The selection model: take options so that the weighted minutes they cover together are largest.

Options estimated one at a time may fill the same shortage: two welders cannot both fill the same
eight hours. Each demand's covered minutes are therefore bounded by its missing minutes and by the
sum of the chosen options' covers, so an overlap counts once. Ties go to the cheaper combination.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from .problem import SelectionProblem
from .result import Selection


def select(problem: SelectionProblem, time_limit: float = 10.0, seed: int = 0) -> Selection:
    """Choose at most `limits[kind]` options of each kind within the budget (see the module docstring)."""
    model = cp_model.CpModel()
    take = {o.code: model.new_bool_var(f"take[{o.code}]") for o in problem.options}

    # how many of each kind
    for kind, limit in problem.limits.items():
        model.add(sum(take[o.code] for o in problem.options if o.kind == kind) <= limit)

    # the budget
    cost = sum(o.cost * take[o.code] for o in problem.options)
    if problem.budget is not None:
        model.add(cost <= problem.budget)

    # a demand is covered at most by its missing minutes and by what the chosen options bring to it
    covered = {}
    for d in problem.demands:
        covered[d.code] = model.new_int_var(0, d.minutes, f"covered[{d.code}]")
        model.add(covered[d.code] <= sum(o.cover.get(d.code, 0) * take[o.code] for o in problem.options))

    weights = {d.code: d.weight for d in problem.demands}
    value = sum(weights[c] * v for c, v in covered.items())
    total_cost = sum(o.cost for o in problem.options) + 1
    model.maximize(value * total_cost - cost)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.random_seed = seed
    solver.parameters.num_workers = 1
    status = solver.solve(model)
    missing = {d.code: d.minutes for d in problem.demands}
    alone = {o.code: sum(weights[c] * min(m, missing[c]) for c, m in o.cover.items())
             for o in problem.options}
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Selection(solver.status_name(status), [], {}, 0, 0, 0.0, alone)
    chosen = [o.code for o in problem.options if solver.value(take[o.code])]
    return Selection(
        status=solver.status_name(status), chosen=chosen,
        covered={c: solver.value(v) for c, v in covered.items() if solver.value(v)},
        cost=sum(o.cost for o in problem.options if o.code in chosen),
        objective=sum(weights[c] * solver.value(v) for c, v in covered.items()),
        bound=solver.best_objective_bound / total_cost, alone=alone)

