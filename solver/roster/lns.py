"""Large-neighbourhood search over employees and days, on top of the built CP-SAT model.

Each round frees every variable of a few employees, or of every employee on a window of days (or
both, around a shortfall), fixes the rest to the incumbent, and lets CP-SAT re-optimise the rest from a
hint. Neighbourhoods grow when a round is solved to optimality and shrink when it times out.
"""
from __future__ import annotations

import random
import time

from ortools.sat.python import cp_model

from .model import RosterModel
from .params import SolveParams
from .result import Result


def improve(m: RosterModel, best: Result, params: SolveParams, on_progress, started: float) -> Result:
    """Improve a feasible `best` until the time limit; returns the best Result (bound kept)."""
    rng = random.Random(params.seed)
    state = [best]  # the incumbent, updated in place so that Ctrl-C keeps it
    try:
        _loop(m, state, params, on_progress, started, rng)
    except KeyboardInterrupt:
        pass
    best = state[0]
    status = "OPTIMAL" if best.objective == best.best_bound else "FEASIBLE"
    return Result(status, best.objective, best.best_bound, time.monotonic() - started,
                  best.assignments, best.penalties, best.labels)


def _loop(m, state: list[Result], params, on_progress, started, rng) -> None:
    from .solve import read_result, set_parameters

    best = state[0]
    chosen = _chosen(m, best)
    deadline = started + params.time_limit
    n_emp, days = len(m.problem.employees), m.problem.days
    size, round_limit = 0.15, 0.5  # share of employees (or days) set free; seconds per round
    while deadline - time.monotonic() > 0.05 and best.objective > (best.best_bound or 0):
        free = _neighbourhood(m, rng, size, n_emp, days)
        sub = m.cp.clone()
        for key, x in m.x.items():
            if key not in free:
                sub.Add(x == int(key in chosen))
            sub.AddHint(x, key in chosen)
        solver = cp_model.CpSolver()
        limit = min(round_limit, deadline - time.monotonic())
        set_parameters(solver.parameters, params, limit)
        solver.parameters.random_seed = rng.randrange(1 << 30)
        status = solver.Solve(sub)
        if status == cp_model.OPTIMAL:
            size = min(1.0, size * 1.15)
        else:
            size = max(0.05, size * 0.9)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and solver.ObjectiveValue() <= best.objective:
            improved = solver.ObjectiveValue() < best.objective
            cand = read_result(m, solver, cp_model.FEASIBLE, started)
            best = Result("FEASIBLE", cand.objective, best.best_bound, cand.runtime,
                          cand.assignments, cand.penalties, cand.labels)
            chosen = _chosen(m, best)
            state[0] = best
            if improved and on_progress:
                on_progress(best.objective, best.best_bound, best.gap, time.monotonic() - started)


def evaluate(m: RosterModel, plan, params: SolveParams, started: float) -> Result:
    """The Result of a given plan of (employee id, shift id) pairs (status INFEASIBLE if it breaks a
    hard rule)."""
    from .solve import read_result, set_parameters

    ix = m.ix
    chosen = {(ix.emp_pos[e], ix.shift_pos[s]) for e, s in plan}
    sub = m.cp.clone()
    for key, x in m.x.items():
        sub.Add(x == int(key in chosen))
    solver = cp_model.CpSolver()
    set_parameters(solver.parameters, params, 10.0)
    solver.parameters.num_workers = 1
    status = solver.Solve(sub)
    return read_result(m, solver, status, started)


def _chosen(m: RosterModel, result: Result) -> set[tuple[int, int]]:
    ix = m.ix
    return {(ix.emp_pos[e], ix.shift_pos[s]) for e, s in result.assignments}


def _neighbourhood(m: RosterModel, rng: random.Random, size: float, n_emp: int, days: int) -> set:
    """Keys of the variables set free this round."""
    shifts = m.problem.shifts
    kind = rng.random()
    if kind < 0.4:  # a few whole employees
        k = max(2, round(size * n_emp))
        emps = set(rng.sample(range(n_emp), min(n_emp, k)))
        return {key for key in m.x if key[0] in emps}
    if kind < 0.7:  # every employee on a window of days
        length = max(2, round(size * days))
        first = rng.randrange(max(1, days - length + 1))
        return {key for key in m.x if first <= shifts[key[1]].day < first + length}
    # half the employees on a longer window
    length = max(3, round(min(1.0, 2 * size) * days))
    first = rng.randrange(max(1, days - length + 1))
    emps = set(rng.sample(range(n_emp), max(2, min(n_emp, round(min(1.0, 2 * size) * n_emp / 2)))))
    return {key for key in m.x if key[0] in emps and first <= shifts[key[1]].day < first + length}
