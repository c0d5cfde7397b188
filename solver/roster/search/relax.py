"""First plans from a relaxed model: without the balance term (linear), or with only the cover terms."""
from __future__ import annotations

import threading
import time

from ortools.sat.python import cp_model

from ..model import RosterModel, without_rule
from ..params import SolveParams
from ..result import Progress
from .run import plan_of, report, set_parameters


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
        status = solver.solve(linear, watch)
    finally:
        timer.cancel()
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return plan_of(m, solver)


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
            self.solver.stop_search()

    def on_solution_callback(self) -> None:
        self.found = True
        if self.fn:
            report(self.fn, self.objective_value, self.best_objective_bound, self.started)
        if self.late or time.monotonic() >= self.deadline:
            self.stop_search()


def relaxed_plan(m: RosterModel, params: SolveParams, seconds: float):
    """A plan found in `seconds` on the model with only the cover terms as objective (a good cover
    comes fast without the many small request and preference terms); None if none was found."""
    cover = [t for t in m.penalties.terms if t.rule.startswith("cover")]
    if not cover:
        return None
    sub = m.cp.clone()
    sub.minimize(sum(t.weight * t.var for t in cover))
    solver = cp_model.CpSolver()
    set_parameters(solver.parameters, params, seconds)
    status = solver.solve(sub)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return plan_of(m, solver)
