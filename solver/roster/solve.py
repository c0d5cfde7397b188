"""The entry function: build, hint, solve with CP-SAT, read the plan and the penalties back."""
from __future__ import annotations

import threading
import time
from dataclasses import replace
from typing import Callable, Iterable

from ortools.sat.python import cp_model

from .data import Problem
from .model import RosterModel, build, complete_hint, without_rule
from .params import SolveParams
from .result import Result
from .rules_hard import HARD_RULES
from .rules_soft import SOFT_RULES

Progress = Callable[[float, float, float, float], None]
LABELS = {r.id: r.label for r in (*HARD_RULES.values(), *SOFT_RULES.values())}


def solve(
    problem: Problem,
    params: SolveParams = SolveParams(),
    *,
    hint: Iterable[tuple[str, str]] | None = None,
    on_progress: Progress | None = None,
) -> Result:
    """Solve `problem`; `hint` is a plan to start from (warm start), `on_progress` is called as
    ``on_progress(objective, bound, gap, elapsed)`` on each improving plan.

    Ctrl-C stops the search and the best plan found so far is returned.
    """
    started = time.monotonic()
    m = build(problem, runs=params.runs)
    if hint is None and params.construct_share:
        from .construct import construct

        hint = construct(problem, params, params.time_limit * params.construct_share)
    if hint is None and params.linear_share and problem.balance is not None:
        hint = linear_plan(m, params, params.time_limit * params.linear_share, on_progress)
    if hint is None and params.relax_share:
        hint = relaxed_plan(m, params, params.time_limit * params.relax_share)
    fallback = None
    if hint is not None:
        # price the plan on the model and hint every variable (CP-SAT ignores incomplete hints it
        # fails to complete); the priced plan is the answer when the search finds nothing better
        priced = complete_hint(m, hint, max(1.0, 0.1 * params.time_limit), params.seed)
        if priced is not None:
            fallback = read_result(m, *priced, started)
        else:
            add_hint(m, hint)
    share = params.lns_share + params.primal_share
    first = params.time_limit * (1 - share) - (time.monotonic() - started) if share else None
    if fallback is not None and first is not None and first < 1.0:
        # no time left for a full run before the neighbourhood search: start it from the priced plan
        result = replace(fallback, status="FEASIBLE", best_bound=None)
    else:
        result = run(m, params, on_progress, started, first)
    if params.primal_share and result.status == "FEASIBLE":
        result = primal_phase(m, result, params, on_progress, started)
    if fallback is not None and fallback.cost() < result.cost():
        bound = result.best_bound
        if bound is not None and bound > fallback.objective:
            bound = None  # not a bound: CP-SAT reports 0 when stopped before it had one
        status = "OPTIMAL" if bound is not None and bound >= fallback.objective else "FEASIBLE"
        result = replace(fallback, status=status, best_bound=bound)
    if params.lns_share and result.status in ("FEASIBLE", "UNKNOWN"):
        result = _engine_lns(m, result, params, on_progress, started)
    return result


def _engine_lns(m: RosterModel, result: Result, params: SolveParams, on_progress, started: float) -> Result:
    """The engine's neighbourhood search on the clause-encoded model (its one-worker rounds are much
    faster there than on the automaton), after a first plan if the first run found none."""
    from .lns import improve

    lm = m if m.runs == "clauses" else build(m.problem, m.ix, "clauses")
    if not result.is_feasible():
        first = replace(params, cp_sat=params.cp_sat + (("stop_after_first_solution", True),))
        found = run(lm, first, on_progress, started)
        if not found.is_feasible():
            return found
        bounds = [b for b in (result.best_bound, found.best_bound) if b is not None]
        result = replace(found, status="FEASIBLE", best_bound=max(bounds) if bounds else None)
    return improve(lm, result, params, on_progress, started)


def primal_phase(m: RosterModel, best: Result, params: SolveParams, on_progress, started: float) -> Result:
    """Continue from `best` (priced and hinted completely) with a portfolio leaning to neighbourhood
    search: only `primal_full_subsolvers` full-problem workers, the rest LNS and local search. The
    first phase (full portfolio) proves the small cases and gives the bound, which is kept."""
    left = params.time_limit * (1 - params.lns_share) - (time.monotonic() - started)
    if left < 1.0 or complete_hint(m, best.assignments, max(0.5, 0.05 * left), params.seed) is None:
        return best
    cp_sat = tuple(kv for kv in params.cp_sat if kv[0] != "num_full_subsolvers")
    primal = replace(params, cp_sat=cp_sat + (("num_full_subsolvers", params.primal_full_subsolvers),))
    left = params.time_limit * (1 - params.lns_share) - (time.monotonic() - started)
    result = run(m, primal, on_progress, started, max(0.1, left))
    bound = max(b for b in (best.best_bound, result.best_bound) if b is not None) \
        if best.best_bound is not None or result.best_bound is not None else None
    if result.cost() < best.cost():
        best = result
    status = "OPTIMAL" if bound is not None and best.objective is not None and bound >= best.objective else "FEASIBLE"
    return replace(best, status=status, best_bound=bound)


def linear_plan(m: RosterModel, params: SolveParams, seconds: float, on_progress: Progress | None = None):
    """A plan from the model without its balance term (a linear model), or None.

    The search stops after `seconds` if it has a plan by then, else at its first plan (within the
    whole time limit): without a plan the full model, where feasibility jump cannot run, rarely finds
    one. `on_progress` sees that model's objective (the balance term left out).
    """
    started = time.monotonic()
    linear = without_rule(m, "balance")
    solver = cp_model.CpSolver()
    set_parameters(solver.parameters, params, params.time_limit - (time.monotonic() - started))
    watch = _FirstPlanAfter(solver, started + seconds, on_progress, started)
    timer = threading.Timer(max(0.0, started + seconds - time.monotonic()), watch.due)
    timer.start()
    try:
        status = solver.Solve(linear, watch)
    finally:
        timer.cancel()
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    p = m.problem
    return [(p.employees[ei].id, p.shifts[si].id) for (ei, si), x in m.x.items() if solver.BooleanValue(x)]


class _FirstPlanAfter(cp_model.CpSolverSolutionCallback):
    """Stops the search at the deadline if it has a plan, else at its first plan after it."""

    def __init__(self, solver, deadline: float, fn: Progress | None, started: float) -> None:
        super().__init__()
        self.solver, self.deadline, self.fn, self.started = solver, deadline, fn, started
        self.found = False
        self.late = False

    def due(self) -> None:
        self.late = True
        if self.found:
            self.solver.StopSearch()

    def on_solution_callback(self) -> None:
        self.found = True
        if self.fn:
            obj, bound = self.ObjectiveValue(), self.BestObjectiveBound()
            gap = 0.0 if obj == bound else abs(obj - bound) / max(abs(obj), 1e-9)
            self.fn(obj, bound, gap, time.monotonic() - self.started)
        if self.late or time.monotonic() >= self.deadline:
            self.StopSearch()


def relaxed_plan(m: RosterModel, params: SolveParams, seconds: float):
    """A plan found in `seconds` on the model with only the cover terms as objective (a good cover
    comes fast without the many small request and preference terms); None if none was found."""
    cover = [t for t in m.penalties.terms if t.rule.startswith("cover")]
    if not cover:
        return None
    sub = m.cp.clone()
    sub.Minimize(sum(t.weight * t.var for t in cover))
    solver = cp_model.CpSolver()
    set_parameters(solver.parameters, params, seconds)
    status = solver.Solve(sub)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    p = m.problem
    return [(p.employees[ei].id, p.shifts[si].id) for (ei, si), x in m.x.items() if solver.BooleanValue(x)]


def add_hint(m: RosterModel, plan: Iterable[tuple[str, str]]) -> None:
    """Hint every decision variable from a plan of (employee id, shift id) pairs."""
    ix = m.ix
    chosen = {(ix.emp_pos[e], ix.shift_pos[s]) for e, s in plan}
    m.cp.ClearHints()
    for key, x in m.x.items():
        m.cp.AddHint(x, key in chosen)


def set_parameters(sp, params: SolveParams, time_limit: float) -> None:
    """Copy our value object into CP-SAT's parameters `sp` (a solver's `parameters`)."""
    sp.max_time_in_seconds = max(0.01, time_limit)
    sp.random_seed = params.seed
    sp.num_workers = params.workers
    sp.log_search_progress = params.log
    sp.catch_sigint_signal = True
    for name in params.subsolvers:
        sp.subsolvers.append(name)
    for name, value in params.cp_sat:
        setattr(sp, name, value)
    if params.relative_gap is not None:
        sp.relative_gap_limit = params.relative_gap


class _Progress(cp_model.CpSolverSolutionCallback):
    def __init__(self, fn: Progress | None, started: float) -> None:
        super().__init__()
        self.fn, self.started = fn, started

    def on_solution_callback(self) -> None:
        obj, bound = self.ObjectiveValue(), self.BestObjectiveBound()
        gap = 0.0 if obj == bound else abs(obj - bound) / max(abs(obj), 1e-9)
        if self.fn:
            self.fn(obj, bound, gap, time.monotonic() - self.started)


def run(
    m: RosterModel,
    params: SolveParams,
    on_progress: Progress | None,
    started: float,
    time_limit: float | None = None,
) -> Result:
    """One CP-SAT run over the built model, read back into a Result."""
    limit = params.time_limit - (time.monotonic() - started) if time_limit is None else time_limit
    solver = cp_model.CpSolver()
    set_parameters(solver.parameters, params, limit)
    status = solver.Solve(m.cp, _Progress(on_progress, started) if on_progress else None)
    return read_result(m, solver, status, started)


def read_result(m: RosterModel, solver: cp_model.CpSolver, status, started: float) -> Result:
    """Plan, objective, bound and penalties of a finished CP-SAT run."""
    name = solver.StatusName(status)
    runtime = time.monotonic() - started
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        bound = solver.BestObjectiveBound() if status == cp_model.UNKNOWN and m.penalties.terms else None
        return Result(name, None, bound, runtime, labels=LABELS)
    p = m.problem
    plan = tuple(
        (p.employees[ei].id, p.shifts[si].id)
        for (ei, si), x in sorted(m.x.items()) if solver.BooleanValue(x)
    )
    penalties = m.penalties.evaluate(solver.Value)
    return Result(
        name, solver.ObjectiveValue(), solver.BestObjectiveBound(), runtime, plan, penalties, LABELS
    )
