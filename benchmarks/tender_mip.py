"""Yardstick for the tender cost stage: the same stage as a MIP, solved by HiGHS (shipped with OR-Tools).

    python -m benchmarks.tender_mip --seeds 1 2 3 --time-limit 60

Stage 1 is solved by the engine, its value kept as the stage does; the cost stage's CP-SAT model (same
data, same constraints) is then read as a linear program (``solver.tender.mip``). Printed per seed: the LP
relaxation's optimum, HiGHS's MIP bound and best plan after the time limit (one thread, seed 0), and the
plan's cost recomputed by the independent scorer. Compare with ``python -m benchmarks.tender``.
"""
from __future__ import annotations

import argparse
import os
import sys
import time

from solver.tender import PlanParams, TenderResult, random_problem
from solver.tender.extract import allocations
from solver.tender.index import MONEY_SCALE, build_index
from solver.tender.mip import as_mip, solve_lp, solve_mip
from solver.tender.objectives import cost_terms
from solver.tender.stages import _keep, solve_stages

from .tender_score import score

EUR = MONEY_SCALE * 100  # objective units (1/60 cent) per euro


def run(seed: int, time_limit: float) -> str:
    problem = random_problem(seed, members=35, items=6, weeks=26)
    ix = build_index(problem)
    params = PlanParams(stages=(1,), stage_time_limits=(60.0, 0.0, 0.0), workers=2, deterministic=False)
    solved = solve_stages(ix, params)
    tm, first = solved.model, solved.reports[0]
    if solved.solver is None:
        return f"{seed:>4} stage 1 found no plan"
    _keep(tm, solved.terms[1], int(round(solved.solver.objective_value)), 1, params)
    tm.m.minimize(cost_terms(tm, params).expr())
    t0 = time.perf_counter()
    lp = solve_lp(as_mip(tm.m.proto, relax=True))
    lp_seconds = time.perf_counter() - t0
    mip = solve_mip(as_mip(tm.m.proto), time_limit)
    cost = scored = "-"
    gap = "-"
    if mip.values is not None and mip.objective is not None:
        units = {k: mip.values[v.index] for k, v in tm.x.items() if mip.values[v.index]}
        plan = TenderResult("feasible", (), allocations=tuple(allocations(ix, units)[0]))
        result = score(problem, plan)
        cost = f"{mip.objective / EUR:,.2f}"
        scored = f"{float(result.cents) / 100:,.2f} ({len(result.violations)} violations)"
        gap = f"{100 * (mip.objective - mip.bound) / mip.objective:.2f}"
    return (f"{seed:>4} {first.status:>8} {first.seconds:>6.1f} {lp[0] / EUR if lp else float('nan'):>12,.2f} "
            f"{lp_seconds:>5.1f} {mip.reason:>18} {mip.bound / EUR:>12,.2f} {cost:>12} {gap:>6} {mip.seconds:>6.1f}"
            f"  {scored}  load {os.getloadavg()[0]:.1f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.tender_mip", description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--time-limit", type=float, default=60.0, help="seconds for HiGHS on the cost stage")
    args = ap.parse_args(argv)
    print(f"{'seed':>4} {'stage 1':>8} {'s':>6} {'LP bound EUR':>12} {'s':>5} {'HiGHS status':>18} "
          f"{'MIP bound':>12} {'MIP plan':>12} {'gap %':>6} {'s':>6}  scorer EUR")
    for seed in args.seeds:
        print(run(seed, args.time_limit), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
