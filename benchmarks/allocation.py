"""Benchmark of the weekly allocation on generated groups (`sharing.generator.generate_group`).

    python -m benchmarks.allocation [--sizes S,M,L,XL] [--time-limit S] [--workers K] [--seed N] [--lns-share F]
        [--no-decompose]

Prints one row per size: employees, requests, variables (eligible employee-request pairs, the
engine's decision variables), build and total time, objective, best bound, gap, coverage of the
requested person-hours, and the independent compliance checker's violations. Targets on 2 cores:
S and M optimal in < 10 s; L gap <= 1 % within 60 s; XL a compliant plan within 120 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from datetime import date

from sharing.allocation import AllocationParams, allocate_week, build_problem
from sharing.allocation.weights import AllocationWeights
from sharing.compliance import check_plan
from sharing.demo import DEMO_WEEK
from sharing.generator import generate_group
from consortium.weeks import parse_week

TIME_LIMITS = {"S": 10, "M": 10, "L": 60, "XL": 120}
HEADER = ("size", "employees", "requests", "variables", "generate s", "build s", "time s", "status", "objective",
          "best bound", "gap %", "coverage %", "violations")


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def run(size: str, time_limit: float | None, workers: int, seed: int, lns_share: float = 0.0,
        decompose: bool = True) -> tuple:
    started = time.monotonic()
    group = generate_group(size, seed)
    generate_s = time.monotonic() - started
    week = parse_week(DEMO_WEEK)
    started = time.monotonic()
    built = build_problem(group, week, AllocationWeights())
    build_s = time.monotonic() - started
    params = AllocationParams(time_limit=time_limit or TIME_LIMITS[size], workers=workers, seed=seed,
                              lns_share=lns_share, decompose=decompose)
    result = allocate_week(group, week, params=params)
    violations = len(check_plan(result.plan, group)) if result.is_feasible() else "-"
    gap = "-" if result.gap is None else f"{100 * result.gap:.2f}"
    return (size, len(group.employees), len(built.requests), result.variables, f"{generate_s:.1f}", f"{build_s:.1f}",
            f"{result.runtime:.1f}", result.status, _num(result.objective), _num(result.best_bound), gap,
            f"{100 * result.coverage():.1f}", violations)


def _num(value) -> str:
    return "-" if value is None else f"{value:.0f}"


def table(rows) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="S,M,L,XL")
    parser.add_argument("--time-limit", type=float, default=None, help="seconds per size (default: the target)")
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--lns-share", type=float, default=0.0,
                        help="share of the time, at the end, in the engine's neighbourhood search")
    parser.add_argument("--no-decompose", action="store_true",
                        help="CP-SAT on the whole week (the default solves its independent parts one by one)")
    args = parser.parse_args(argv)
    print(f"machine: {os.cpu_count()} CPUs ({cpu_model()}), workers {args.workers}, seed {args.seed}, "
          f"lns share {args.lns_share}, decompose {not args.no_decompose}, {date.today()}, "
          f"load {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    rows = []
    for size in args.sizes.split(","):
        rows.append(run(size.strip().upper(), args.time_limit, args.workers, args.seed, args.lns_share,
                        not args.no_decompose))
        print(table(rows[-1:]).splitlines()[-1], flush=True)
    print()
    print(table(rows))


if __name__ == "__main__":
    main()
