"""The entry function, the engine's one pipeline: build, find or price a first plan, search, settle.

Phases (each off unless its share of the time is set in `SolveParams.phases`): a first plan (given
as `hint`, or built batch by batch, or from a relaxed model), priced on the model and kept as the
answer when the search finds nothing better; CP-SAT on the whole model; a primal CP-SAT phase; the
engine's neighbourhood search. The chain of imports is one-way: solve -> search -> build/model.
"""
from __future__ import annotations

import time
from dataclasses import replace
from collections.abc import Iterable

from .build import build
from .data import Problem
from .decompose import solve_decomposed
from .model import RosterModel
from .params import SolveParams
from .result import Progress, Result, settle
from .search.columns import column_plan
from .search.construct import construct
from .search.lns import Pool, improve
from .search.primal import primal_phase
from .search.relax import linear_plan, relaxed_plan
from .search.run import price, run


def solve(
    problem: Problem,
    params: SolveParams = SolveParams(),
    *,
    hint: Iterable[tuple[str, str]] | None = None,
    on_progress: Progress | None = None,
) -> Result:
    """Solve `problem`; `hint` is a plan to start from (warm start), `on_progress` is called as
    ``on_progress(objective, bound, gap, elapsed)`` on each improving plan.

    A hint is priced on the model first: it is the answer when the search finds nothing better in
    time. Ctrl-C stops the search and the best plan found so far is returned.
    """
    started = time.monotonic()
    if params.decompose:
        parts = solve_decomposed(problem, params, hint, on_progress, solve, started)
        if parts is not None:
            return parts
    phases = params.phases
    m = build(problem, runs=params.runs)
    if hint is None and phases.construct:
        hint = construct(problem, params, params.time_limit * phases.construct, solve)
    if hint is None and phases.linear and problem.balance is not None:
        hint = linear_plan(m, params, params.time_limit * phases.linear, on_progress)
    if hint is None and phases.relax:
        hint = relaxed_plan(m, params, params.time_limit * phases.relax)
    bound, pool = None, None
    if hint is None and phases.columns:
        columns = column_plan(problem, params, started + params.time_limit * phases.columns)
        if columns is not None:
            hint, bound, pool = columns.plan, columns.bound, columns.pool
            if bound is not None:
                m.cp.add(m.penalties.objective() >= bound)  # a valid cut: CP-SAT's own proof starts there
    fallback = None
    if hint is not None:
        # price the plan on the model and hint every variable (CP-SAT ignores incomplete hints it
        # fails to complete; complete_hint leaves the decision variables hinted when pricing fails)
        budget = max(phases.price_least, phases.price * params.time_limit)
        work = dict(params.cp_sat.extra).get("max_deterministic_time")
        if isinstance(work, int | float):
            # a deterministic run: price in work done too, the wall clock only a safety stop, so that
            # the same data give the same plan however loaded the machine is
            budget, work = params.time_limit, max(phases.price_least, phases.price * work)
        else:
            work = None
        fallback = price(m, hint, budget, params.seed, started, work)
    share = phases.lns + phases.primal
    first = params.search_end * (1 - share) - (time.monotonic() - started)
    if fallback is not None and share and first < 1.0:
        # no time left for a full run before the later phases: start them from the priced plan
        result = replace(fallback, status="FEASIBLE", best_bound=None)
    else:
        early = params.time_limit * phases.handover if phases.handover and phases.lns else None
        result = run(m, params, on_progress, started, max(0.2, first), early)
    if phases.primal and result.status == "FEASIBLE":
        result = primal_phase(m, result, params, on_progress, started)
    if fallback is not None and fallback.cost() < result.cost():
        result = settle(fallback, result.best_bound)
    if bound is not None:
        result = _with_bound(result, bound)
    if phases.lns and result.status in ("FEASIBLE", "UNKNOWN"):
        result = _engine_lns(m, result, params, on_progress, started, pool)
    return result


def _with_bound(result: Result, bound: int) -> Result:
    """`result` under the better of its bound and `bound` (a plan's status follows, see `settle`)."""
    if result.best_bound is not None and result.best_bound >= bound:
        return result
    if result.objective is None:
        return replace(result, best_bound=bound)
    return settle(result, bound)


def _engine_lns(m: RosterModel, result: Result, params: SolveParams, on_progress: Progress | None,
                started: float, pool: Pool | None = None) -> Result:
    """The engine's neighbourhood search on the clause-encoded model (its one-worker rounds are much
    faster there than on the automaton), after a first plan if the first run found none."""
    lm = m if m.runs == "clauses" else build(m.problem, m.ix, "clauses")
    if not result.is_feasible():
        cp_sat = replace(params.cp_sat, extra=params.cp_sat.extra + (("stop_after_first_solution", True),))
        found = run(lm, replace(params, cp_sat=cp_sat), on_progress, started)
        if not found.is_feasible():
            return found
        bounds = [b for b in (result.best_bound, found.best_bound) if b is not None]
        result = replace(found, status="FEASIBLE", best_bound=max(bounds) if bounds else None)
    return improve(lm, result, params, on_progress, started, pool)
