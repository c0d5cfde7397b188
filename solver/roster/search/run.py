"""One CP-SAT run over a built model, hints, and reading a finished run back into a Result."""
from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterable

from ortools.sat.python import cp_model

from ..model import RosterModel
from ..params import SolveParams
from ..result import Progress, Result

log = logging.getLogger(__name__)


def set_parameters(sp, params: SolveParams, time_limit: float) -> None:
    """Copy our value object into CP-SAT's parameters `sp` (a solver's `parameters`)."""
    cp = params.cp_sat
    sp.max_time_in_seconds = max(0.01, time_limit)
    sp.random_seed = params.seed
    sp.num_workers = cp.workers
    sp.log_search_progress = params.log
    sp.catch_sigint_signal = True
    for name in cp.subsolvers:
        sp.subsolvers.append(name)
    for name, value in cp.extra:
        setattr(sp, name, value)
    if cp.relative_gap is not None:
        sp.relative_gap_limit = cp.relative_gap


def threads(params: SolveParams) -> int:
    """Threads for the engine's own one-worker CP-SAT solves (neighbourhoods, pricing): no more than the
    workers asked for, the machine's cores or `LnsParams.threads` (0: no cap of its own)."""
    return max(1, min(params.cp_sat.workers, os.cpu_count() or 1, params.lns.threads or 64))


def objective_bound(solver: cp_model.CpSolver, model: cp_model.CpModel) -> float:
    """CP-SAT's lower bound on the minimised objective of a finished run of `model`.

    A run stopped before its search began (UNKNOWN) reports 0, the response's default, however low the
    objective can go: then the objective's bound over its variables' domains (weaker, but valid) is
    taken when it is below 0."""
    bound = solver.best_objective_bound
    if solver.response_proto.status != cp_model.UNKNOWN or bound != 0:
        return bound
    objective = model.proto.objective
    low = objective.offset
    for ref, coeff in zip(objective.vars, objective.coeffs, strict=True):
        domain = list(model.proto.variables[ref if ref >= 0 else -ref - 1].domain)  # no [-1] on the proto's
        lo, hi = (domain[0], domain[-1]) if ref >= 0 else (-domain[-1], -domain[0])
        low += min(coeff * lo, coeff * hi)
    return min(0.0, (objective.scaling_factor or 1.0) * low)


def report(fn: Progress, obj: float, bound: float, started: float) -> None:
    """Call `fn(objective, bound, gap, elapsed)`."""
    gap = 0.0 if obj == bound else abs(obj - bound) / max(abs(obj), 1e-9)
    fn(obj, bound, gap, time.monotonic() - started)


class _Progress(cp_model.CpSolverSolutionCallback):
    def __init__(self, fn: Progress, started: float) -> None:
        super().__init__()
        self.fn, self.started = fn, started

    def on_solution_callback(self) -> None:
        report(self.fn, self.objective_value, self.best_objective_bound, self.started)


class _Handover(cp_model.CpSolverSolutionCallback):
    """Stops the search at `due()` when it has no plan yet or its gap is above `gap` (the
    neighbourhood search then starts early); passes each plan on to `fn`."""

    def __init__(self, solver: cp_model.CpSolver, gap: float, fn: Progress | None, started: float) -> None:
        super().__init__()
        self.solver, self.gap, self.fn, self.started = solver, gap, fn, started
        self.last_gap: float | None = None
        self.stopped = False

    def on_solution_callback(self) -> None:
        obj, bound = self.objective_value, self.best_objective_bound
        self.last_gap = 0.0 if obj == bound else abs(obj - bound) / max(abs(obj), 1e-9)
        if self.fn:
            report(self.fn, obj, bound, self.started)

    def due(self) -> None:
        if self.last_gap is None or self.last_gap > self.gap:
            self.stopped = True
            self.solver.stop_search()


def run(
    m: RosterModel,
    params: SolveParams,
    on_progress: Progress | None,
    started: float,
    time_limit: float | None = None,
    handover: float | None = None,
) -> Result:
    """One CP-SAT run over the built model (by default until the search's end), read back.

    With `handover` (seconds after `started`), the run is stopped then if it has no plan or its gap
    is above `params.phases.handover_gap` (`Phases.handover`).
    """
    limit = params.search_end - (time.monotonic() - started) if time_limit is None else time_limit
    solver = cp_model.CpSolver()
    set_parameters(solver.parameters, params, limit)
    if handover is None or handover - (time.monotonic() - started) >= limit:
        status = solver.solve(m.cp, _Progress(on_progress, started) if on_progress else None)
        return read_result(m, solver, status, started)
    watch = _Handover(solver, params.phases.handover_gap, on_progress, started)
    timer = threading.Timer(max(0.0, handover - (time.monotonic() - started)), watch.due)
    timer.start()
    try:
        status = solver.solve(m.cp, watch)
    finally:
        timer.cancel()
    if watch.stopped:
        log.info("first run handed over at %.1f s (%s)", handover,
                 "no plan" if watch.last_gap is None else f"gap {watch.last_gap:.3f}")
    return read_result(m, solver, status, started)


def read_result(m: RosterModel, solver: cp_model.CpSolver, status: cp_model.CpSolverStatus,
                started: float) -> Result:
    """Plan, objective, bound and penalties of a finished CP-SAT run."""
    name = solver.status_name(status)
    runtime = time.monotonic() - started
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        bound = objective_bound(solver, m.cp) if status == cp_model.UNKNOWN and m.penalties.terms else None
        return Result(name, None, bound, runtime, labels=m.labels)
    p = m.problem
    plan = tuple(
        (p.employees[ei].id, p.shifts[si].id)
        for (ei, si), x in sorted(m.x.items()) if solver.boolean_value(x)
    )
    penalties = m.penalties.evaluate(solver.value)
    return Result(
        name, solver.objective_value, solver.best_objective_bound, runtime, plan, penalties, m.labels
    )


def plan_of(m: RosterModel, solver: cp_model.CpSolver) -> list[tuple[str, str]]:
    """The (employee id, shift id) pairs a finished run took, in the model's variable order."""
    p = m.problem
    return [(p.employees[ei].id, p.shifts[si].id) for (ei, si), x in m.x.items() if solver.boolean_value(x)]


def add_hint(m: RosterModel, plan: Iterable[tuple[str, str]]) -> None:
    """Hint every decision variable from a plan of (employee id, shift id) pairs."""
    ix = m.ix
    chosen = {(ix.emp_pos[e], ix.shift_pos[s]) for e, s in plan}
    m.cp.clear_hints()
    for key, x in m.x.items():
        m.cp.add_hint(x, key in chosen)


def _hint_shortfalls(m: RosterModel, plan: list[tuple[str, str]]) -> None:
    """Hint each demand's real shortfall under the plan (requirement - placed, at least 0).

    Without it the cover's free `over` lets a shortfall exceed the real one at a price, and the fairness
    rule's maximum of shortfalls hides that from the search: a plan of 1,000 employees was not priced in
    30 s, against half a second with the shortfalls fixed too."""
    placed: dict[str, int] = {}
    for _, s in plan:
        placed[s] = placed.get(s, 0) + 1
    for d in m.problem.demands:
        under = m.under.get(d.id)
        if under is not None and not isinstance(under, int) and under is not m.zero:
            m.cp.add_hint(under, max(0, d.requirement - sum(placed.get(s, 0) for s in d.shifts)))


def complete_hint(m: RosterModel, plan: Iterable[tuple[str, str]], time_limit: float,
                  seed: int = 0, work: float | None = None) -> tuple[cp_model.CpSolver, cp_model.CpSolverStatus] | None:
    """Hint every variable of `m` (auxiliaries included) from a plan of (employee id, shift id).

    The plan's decision variables and its demands' real shortfalls are fixed and the rest is solved for
    (one worker, fast: propagation and a small optimisation of the auxiliaries); on success every variable
    gets its value as hint and the finished (solver, status) is returned (read it with `read_result`: the
    plan priced). Otherwise only the decision variables (and shortfalls) are hinted and None is returned.
    `work` bounds it in CP-SAT's deterministic time as well (then `time_limit` is only a wall-clock safety
    stop)."""
    plan = list(plan)
    add_hint(m, plan)
    _hint_shortfalls(m, plan)
    solver = cp_model.CpSolver()
    sp = solver.parameters
    sp.fix_variables_to_their_hinted_value = True
    sp.num_workers = 1
    sp.random_seed = seed
    sp.max_time_in_seconds = max(0.05, time_limit)
    if work is not None:
        sp.max_deterministic_time = work
    status = solver.solve(m.cp)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    values = solver.response_proto.solution
    m.cp.clear_hints()
    hint = m.cp.proto.solution_hint
    hint.vars.extend(range(len(values)))
    hint.values.extend(values)
    return solver, status


def price(m: RosterModel, plan, time_limit: float, seed: int, started: float,
          work: float | None = None) -> Result | None:
    """`plan` priced on the model (see `complete_hint`), or None when it could not be."""
    priced = complete_hint(m, plan, time_limit, seed, work)
    return read_result(m, *priced, started) if priced is not None else None
