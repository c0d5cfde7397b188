"""Generated clusters (35 members, about 20 routing steps, 26 weeks): time per lexicographic stage.

    python -m benchmarks.tender --seeds 1 2 3 --time-limit 60 --workers 2

The plan's cost is recomputed by an independent scorer (``benchmarks.tender_score``), which also checks
every hard rule; the cost gap is that cost against the cost stage's proven bound.
"""
from __future__ import annotations

import argparse
import os
import sys

from solver.tender import PlanParams, plan_tender, precheck, random_problem

from .tender_score import score


def _gap(report) -> str:
    return "-" if report.gap is None else f"{100 * report.gap:.2f}"


def _num(value) -> str:
    return "-" if value is None else f"{value:.2f}"


def run(seed: int, time_limit: float, workers: int, load: float) -> list[str]:
    problem = random_problem(seed, members=35, items=6, weeks=26, load=load)
    params = PlanParams(stage_time_limits=(time_limit, time_limit, time_limit / 2), workers=workers, seed=0,
                        diagnose=False, deterministic=False)
    issues = precheck(problem)
    result = plan_tender(problem, params)
    rows, elapsed = [], 0.0
    for s in result.stages:
        elapsed += s.seconds
        rows.append(f"{seed:>4} {len(problem.steps):>5} {len(issues):>6} {s.stage:>5} {s.name:10} {s.status:9} "
                    f"{_num(s.objective):>14} {_num(s.bound):>14} {_gap(s):>7} {s.seconds:>7.1f} "
                    f"{elapsed:>7.1f}")
    scored = score(problem, result)
    cost = next((st for st in result.stages if st.stage == 2), None)
    gap = "-" if cost is None or cost.bound is None else f"{100 * (1 - cost.bound / float(scored.cents)):.2f} %"
    rows.append(f"{'':>4} lots feasible {sum(lot.feasible for lot in result.lots)}/{len(result.lots)}, "
                f"team {len(result.team)}, cost {result.costs.total_cents / 100:.2f} EUR (scorer "
                f"{float(scored.cents) / 100:.2f}), cost gap to the proven bound {gap}, "
                f"hard violations {len(scored.violations)}, missing {result.missing_minutes() / 60:.1f} h, "
                f"load {os.getloadavg()[0]:.1f}")
    rows += [f"{'':>4} violation: {v}" for v in scored.violations]
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.tender", description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--time-limit", type=float, default=60.0, help="seconds for stages 1 and 2 (stage 3: half)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--load", type=float, default=1.0, help="scale of the item quantities")
    args = ap.parse_args(argv)
    print(f"{'seed':>4} {'steps':>5} {'issues':>6} {'stage':>5} {'name':10} {'status':9} {'objective':>14} "
          f"{'bound':>14} {'gap %':>7} {'time s':>7} {'cum s':>7}")
    for seed in args.seeds:
        for row in run(seed, args.time_limit, args.workers, args.load):
            print(row, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
