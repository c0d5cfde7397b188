"""The primal phase: CP-SAT again from the best plan, with a portfolio leaning to neighbourhood search."""
from __future__ import annotations

import time
from dataclasses import replace

from ..model import RosterModel
from ..params import SolveParams
from ..result import Progress, Result, settle
from .run import complete_hint, run


def primal_phase(m: RosterModel, best: Result, params: SolveParams, on_progress: Progress | None,
                 started: float) -> Result:
    """Continue from `best` (priced and hinted completely) with only `phases.primal_workers`
    full-problem workers, the rest LNS and local search. The first phase (full portfolio) proves the
    small cases and gives the bound, which is kept."""
    end = params.search_end * (1 - params.phases.lns)
    left = end - (time.monotonic() - started)
    if left < 1.0 or complete_hint(m, best.assignments, max(0.5, 0.05 * left), params.seed) is None:
        return best
    extra = tuple(kv for kv in params.cp_sat.extra if kv[0] != "num_full_subsolvers")
    extra += (("num_full_subsolvers", params.phases.primal_workers),)
    primal = replace(params, cp_sat=replace(params.cp_sat, extra=extra))
    left = end - (time.monotonic() - started)
    result = run(m, primal, on_progress, started, max(0.1, left))
    bounds = [b for b in (best.best_bound, result.best_bound) if b is not None]
    if result.cost() < best.cost():
        best = result
    return settle(best, max(bounds) if bounds else None)
