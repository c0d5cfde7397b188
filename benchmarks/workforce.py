"""Benchmark of `recommend` (sharing.forecast) on generated groups over several weeks.

    python -m benchmarks.workforce [--sizes S,M,L] [--weeks 12] [--hires 2] [--trainings 2] [--seed N]

Each size's group (`sharing.generator.generate_group`, demand 1.3 times the staff's hours so that
requests stay short) gets the same pattern of requests every week. Prints one row per size: staff,
requests a week, short person-hours, options estimated, wall and CPU time (this process's, CP-SAT's
threads included: on a shared machine the wall time depends on the others' load), the hours the
selection estimated the chosen options fill, the hours the verifying what-if measured, the error and
the violations.
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import date

from benchmarks.allocation import cpu_model
from consortium.weeks import parse_week
from sharing.forecast import forecast_params, recommend
from sharing.generator import generate_group

HEADER = ("size", "employees", "weeks", "requests/week", "short h", "options", "time s", "cpu s", "estimated h",
          "verified h", "error h", "error %", "violations")


def run(size: str, weeks: int, hires: int, trainings: int, seed: int) -> tuple:
    """One row of the table: `recommend` on `weeks` generated weeks ending with 2026-W49."""
    last = parse_week("2026-W49")
    groups = [(w, generate_group(size, seed, week=str(w), demand_ratio=1.3))
              for w in (last.shift(k - weeks + 1) for k in range(weeks))]
    params = forecast_params(seed)
    started, cpu = time.monotonic(), time.process_time()
    result = recommend(groups, hires, trainings, params)
    elapsed, cpu = time.monotonic() - started, time.process_time() - cpu
    estimated = sum(result.estimated.values())
    verified = sum(result.verified.extra().values()) if result.verified else 0.0
    error = 100 * (verified - estimated) / estimated if estimated else 0.0
    return (size, len(groups[0][1].employees), weeks, len(groups[0][1].requests),
            f"{sum(result.short_hours().values()):.0f}", len(result.estimates), f"{elapsed:.0f}", f"{cpu:.0f}",
            f"{estimated:.1f}", f"{verified:.1f}", f"{verified - estimated:+.1f}", f"{error:+.1f}",
            result.verified.violations() if result.verified else 0)


def table(rows) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="S,M")
    parser.add_argument("--weeks", type=int, default=12)
    parser.add_argument("--hires", type=int, default=2)
    parser.add_argument("--trainings", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print(f"machine: {os.cpu_count()} CPUs ({cpu_model()}), seed {args.seed}, hires {args.hires}, "
          f"trainings {args.trainings}, {date.today()}")
    rows = []
    for size in args.sizes.split(","):
        rows.append(run(size.strip().upper(), args.weeks, args.hires, args.trainings, args.seed))
        print(table(rows[-1:]).splitlines()[-1], flush=True)
    print()
    print(table(rows))


if __name__ == "__main__":
    main()
