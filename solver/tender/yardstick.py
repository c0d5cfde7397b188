"""The cost stage as a MIP solved by HiGHS: a yardstick for the engine's CP-SAT cost stage.

Stage 1 is solved by the engine and kept as the cost stage keeps it; the cost stage's CP-SAT model (same
data, same constraints) is then read as a linear program (``mip.as_mip``) and solved by HiGHS, relaxed
and as a MIP. Used by ``python -m benchmarks.tender_mip``; not part of ``plan_tender``.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

from .extract import allocations
from .index import MONEY_SCALE, build_index
from .mip import as_mip, solve_lp, solve_mip
from .objectives import cost_terms
from .params import PlanParams
from .problem import TenderProblem
from .result import Allocation, StageReport
from .stages import _keep, solve_stages


@dataclass(frozen=True)
class MipYardstick:
    """Stage 1's report; the LP relaxation's optimum and time; HiGHS's MIP termination reason, bound,
    best objective (cents, None without a plan), plan and time."""

    stage1: StageReport
    lp_cents: float | None
    lp_seconds: float
    reason: str
    mip_bound_cents: float
    mip_cents: float | None
    allocations: tuple[Allocation, ...]
    mip_seconds: float


def mip_yardstick(problem: TenderProblem, time_limit: float, params: PlanParams) -> MipYardstick | None:
    """Stage 1 with ``params`` (wall-clock limits advised), then the cost stage by HiGHS for ``time_limit``
    seconds on one thread; None when stage 1 finds no plan."""
    ix = build_index(problem)
    solved = solve_stages(ix, params, stages=(1,))
    if solved.solver is None:
        return None
    tm = solved.model
    _keep(tm, solved.terms[1], int(round(solved.solver.objective_value)), 1, params)
    tm.m.minimize(cost_terms(tm, params).expr())
    t0 = time.perf_counter()
    lp = solve_lp(as_mip(tm.m.proto, relax=True))
    lp_seconds = time.perf_counter() - t0
    mip = solve_mip(as_mip(tm.m.proto), time_limit)
    plan: tuple[Allocation, ...] = ()
    if mip.values is not None:
        values = mip.values
        plan = tuple(allocations(ix, {k: values[v.index] for k, v in tm.x.items() if values[v.index]})[0])
    return MipYardstick(solved.reports[0], None if lp is None else lp[0] / MONEY_SCALE, lp_seconds, mip.reason,
                        mip.bound / MONEY_SCALE, None if mip.objective is None else mip.objective / MONEY_SCALE,
                        plan, mip.seconds)
