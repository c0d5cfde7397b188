"""Yardstick for the tender cost stage: the same stage as a MIP, solved by HiGHS (shipped with OR-Tools).

    python -m benchmarks.tender_mip --seeds 1 2 3 --time-limit 60

Stage 1 is solved by the engine, its value kept as the cost stage does; the cost stage's CP-SAT model (same
data, same constraints) is then read as a linear program (``solver.tender.mip_yardstick``). Printed per
seed: the LP relaxation's optimum, HiGHS's MIP bound and best objective after the time limit (one thread,
seed 0), and that plan's cost recomputed by the independent scorer (the MIP's objective may be higher: a
hand-off or setup indicator the objective pays need not match a unit). Compare with
``python -m benchmarks.tender``.
"""
from __future__ import annotations

import argparse
import os
import sys

from solver.tender import PlanParams, TenderResult, mip_yardstick, random_problem

from .tender_score import score


def _eur(cents: float | None) -> str:
    return "-" if cents is None else f"{cents / 100:,.2f}"


def run(seed: int, time_limit: float) -> str:
    problem = random_problem(seed, members=35, items=6, weeks=26)
    params = PlanParams(stages=(1,), stage_time_limits=(60.0, 0.0, 0.0), workers=2, deterministic=False)
    y = mip_yardstick(problem, time_limit, params)
    if y is None:
        return f"{seed:>4} stage 1 found no plan"
    gap = scored = "-"
    if y.mip_cents is not None:
        gap = f"{100 * (y.mip_cents - y.mip_bound_cents) / y.mip_cents:.2f}"
        result = score(problem, TenderResult("feasible", (), allocations=y.allocations))
        scored = f"{float(result.cents) / 100:,.2f} ({len(result.violations)} violations)"
    return (f"{seed:>4} {y.stage1.status:>8} {y.stage1.seconds:>6.1f} {_eur(y.lp_cents):>12} {y.lp_seconds:>5.1f} "
            f"{y.reason:>18} {_eur(y.mip_bound_cents):>12} {_eur(y.mip_cents):>12} {gap:>6} {y.mip_seconds:>6.1f}"
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
