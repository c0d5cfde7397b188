"""Lexicographic solve: each stage minimises its terms, then its value is kept as a bound."""
from __future__ import annotations

import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .index import MONEY_SCALE, Index
from .greedy import greedy_units
from .guide import lp_bound, restricted_solve
from .model import TenderModel
from .objectives import cost_terms, robustness_terms, service_terms
from .params import PlanParams
from .result import StageReport
from .terms import Terms

STAGES = {1: ("service", service_terms), 2: ("cost", cost_terms), 3: ("robustness", robustness_terms)}


@dataclass
class Solved:
    """The model, the solver holding the last solution found, and the terms of each solved stage."""

    model: TenderModel
    solver: cp_model.CpSolver | None
    reports: list
    terms: dict


def _needs_members(ix: Index, stages) -> bool:
    p = ix.problem
    return bool(p.team.max_size or p.team.mandataire or p.coordination_cents or p.transfers
                or p.default_transfer_cents or 3 in stages)


def _keep(tm: TenderModel, terms: Terms, value: int, stage: int, params: PlanParams) -> None:
    """Later stages may not worsen this stage (cost within the tolerance)."""
    if not terms.terms:
        return
    if value == 0:
        for t in terms.terms:  # fixing each term lets presolve remove them outright
            tm.m.add(t.expr == 0)
        return
    slack = int(value * params.cost_tolerance_pct / 100) if stage == 2 else 0
    tm.m.add(terms.expr() <= value + slack)


def _partial_hint(tm: TenderModel, solver: cp_model.CpSolver, known: int) -> None:
    """Hint the ``known`` variables the previous stage solved (new stage variables stay free)."""
    tm.m.clear_hints()
    for v in tm.vars[:known]:
        tm.m.add_hint(v, solver.value(v))


def _limits(solver: cp_model.CpSolver, seconds: float, params: PlanParams, workers: int) -> None:
    """Stop after ``seconds`` of deterministic time (same plan on every run) or of wall time."""
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = params.seed
    if params.deterministic:
        solver.parameters.max_deterministic_time = seconds
        solver.parameters.max_time_in_seconds = seconds * params.wall_time_factor + 30.0
        if workers > 1:
            solver.parameters.interleave_search = True  # workers take turns: reproducible with several
    else:
        solver.parameters.max_time_in_seconds = seconds


def _spent(solver: cp_model.CpSolver, params: PlanParams) -> float:
    return solver.deterministic_time if params.deterministic else solver.wall_time


def _wall_capped(solver: cp_model.CpSolver, seconds: float, params: PlanParams) -> bool:
    return params.deterministic and solver.deterministic_time < seconds * 0.99 and \
        solver.wall_time >= seconds * params.wall_time_factor


def _complete_hint(tm: TenderModel, units: dict, limit: float, params: PlanParams) -> bool:
    """Hint every variable: fix the units to ``units`` and let CP-SAT complete the rest (setups, cumulative
    counts, team, stage terms); a complete hint is accepted at once by the next solve."""
    trial = tm.m.clone()
    for k, v in tm.x.items():
        trial.add(trial.get_int_var_from_proto_index(v.index) == units.get(k, 0))
    solver = cp_model.CpSolver()
    _limits(solver, limit, params, 1)
    solver.parameters.stop_after_first_solution = True
    if solver.solve(trial) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return False
    tm.m.clear_hints()
    for v in tm.vars:
        tm.m.add_hint(v, solver.value(trial.get_int_var_from_proto_index(v.index)))
    return True


def _solver(limit: float, params: PlanParams, workers: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    _limits(solver, limit, params, workers)
    solver.parameters.log_search_progress = params.log
    for key, value in params.solver_parameters:
        setattr(solver.parameters, key, value)
    return solver


def _guided(tm: TenderModel, limit: float, params: PlanParams):
    """(LP bound, solver of the restricted run or None, time taken from the stage). The LP's wall time
    counts only with wall-clock limits: deterministic limits count work, and the LP's is small and fixed."""
    t0 = time.perf_counter()
    bound, values = lp_bound(tm)
    used = 0.0 if params.deterministic else time.perf_counter() - t0
    if values is None:
        return bound, None, used
    solver = _solver(max(0.05, (limit - used) * params.lp_guide_share), params, params.workers)
    found = restricted_solve(tm, values, solver)
    return bound, solver if found else None, used + _spent(solver, params)


def _hint_all(tm: TenderModel, solver: cp_model.CpSolver) -> None:
    tm.m.clear_hints()
    for v in tm.vars:
        tm.m.add_hint(v, solver.value(v))


def solve_stages(ix: Index, params: PlanParams, stages=None) -> Solved:
    """Run the requested stages in order; stop at the first stage without a solution."""
    stages = sorted(stages or params.stages)
    tm = TenderModel(ix, _needs_members(ix, stages))
    spent, best, reports, kept, known = 0.0, None, [], {}, 0
    for stage in stages:
        name, build = STAGES[stage]
        terms = build(tm, params)
        tm.m.minimize(terms.expr())
        t0, limit = time.perf_counter(), params.stage_time_limits[stage - 1]
        if params.total_time_limit is not None:
            limit = min(limit, max(0.05, params.total_time_limit - spent))
        budget, lp, guided, used = limit, None, None, 0.0
        if stage == 2 and params.lp_guide:
            lp, guided, used = _guided(tm, limit, params)
            limit = max(0.05, limit - used)
        if guided is not None:
            _hint_all(tm, guided)
        elif best is not None:
            units = {k: best.value(v) for k, v in tm.x.items()}
            if not _complete_hint(tm, units, max(0.1, limit / 10), params):
                _partial_hint(tm, best, known)
        elif params.greedy_hint:
            _complete_hint(tm, greedy_units(ix), max(0.1, limit / 10), params)
        if not params.deterministic:  # wall-clock limits: the stage's time includes its guide and hints
            limit = max(0.05, budget - (time.perf_counter() - t0))
        solver = _solver(limit, params, params.workers)
        known = len(tm.vars)
        status = solver.solve(tm.m)
        spent += used + _spent(solver, params) if params.deterministic else time.perf_counter() - t0
        found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        capped = " (wall-clock cap)" if _wall_capped(solver, limit, params) else ""
        bound = solver.best_objective_bound if found else None
        if guided is not None and (not found or guided.objective_value < solver.objective_value):
            solver, status, found, capped = guided, cp_model.FEASIBLE, True, ""  # the restricted plan is kept
        if lp is not None and found:
            bound = lp if bound is None else max(bound, lp)
        scale = MONEY_SCALE if stage == 2 else 1  # report the cost stage in cents
        reports.append(StageReport(
            stage, name, solver.status_name(status) + capped,
            solver.objective_value / scale if found else None,
            bound / scale if bound is not None else None,
            time.perf_counter() - t0,
        ))
        if not found:
            break
        best, kept[stage] = solver, terms
        _keep(tm, terms, int(round(solver.objective_value)), stage, params)
    return Solved(tm, best, reports, kept)
