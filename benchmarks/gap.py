"""Generalised assignment instances solved through ``plan_tender``, with an independent scorer.

Each instance becomes a one-week tender: agent i is member ``M{i}`` with one resource ``R{i}`` whose
capacity is the agent's capacity (as minutes); job j is an item of one unit with one unsplittable step
whose run minutes and cost at ``R{i}`` come from the instance through ``Override`` rows.

    python -m benchmarks.gap c05100 d10100 --time-limit 60 --workers 2 --assignment-dir out/gap
"""
from __future__ import annotations

import argparse
import csv
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from solver.tender import (
    Item, Lot, Override, PlanParams, Resource, ResourceWeek, Step, TenderProblem, plan_tender,
)

DATA = Path(__file__).resolve().parent / "data" / "gap"


@dataclass(frozen=True)
class Gap:
    """An instance: ``cost[i][j]``, ``use[i][j]`` of job j at agent i, ``capacity[i]``."""

    name: str
    cost: tuple[tuple[int, ...], ...]
    use: tuple[tuple[int, ...], ...]
    capacity: tuple[int, ...]

    @property
    def agents(self) -> int:
        return len(self.capacity)

    @property
    def jobs(self) -> int:
        return len(self.cost[0])


def read_instance(path: Path) -> Gap:
    nums = [int(t) for t in path.read_text().split()]
    m, n = nums[0], nums[1]
    rows = [tuple(nums[2 + k * n: 2 + (k + 1) * n]) for k in range(2 * m)]
    return Gap(path.name, tuple(rows[:m]), tuple(rows[m:]), tuple(nums[2 + 2 * m * n: 2 + 2 * m * n + m]))


def best_known(data_dir: Path = DATA) -> dict[str, tuple[int, bool]]:
    with open(data_dir / "best_known.csv") as f:
        return {r["instance"]: (int(r["best_known"]), r["proven_optimal"] == "yes") for r in csv.DictReader(f)}


def as_tender(gap: Gap) -> TenderProblem:
    """The instance as a one-week tender of one-unit, single-step, unsplittable items."""
    agents, jobs = range(gap.agents), range(gap.jobs)
    return TenderProblem(
        horizon_weeks=1,
        resources=tuple(Resource(f"R{i}", f"M{i}", frozenset({"gap"})) for i in agents),
        capacities=tuple(ResourceWeek(f"R{i}", 0, gap.capacity[i]) for i in agents),
        lots=(Lot("L", 0, 0),),
        items=tuple(Item(f"J{j}", "L", 1) for j in jobs),
        steps=tuple(Step(f"S{j}", f"J{j}", "gap", 1, splittable=False) for j in jobs),
        overrides=tuple(Override(f"S{j}", f"R{i}", gap.use[i][j], gap.cost[i][j]) for i in agents for j in jobs),
    )


def score(gap: Gap, assignment: list[int]) -> int:
    """Total cost of a complete assignment (job -> agent); raises ValueError if it is not feasible."""
    if len(assignment) != gap.jobs or any(not 0 <= a < gap.agents for a in assignment):
        raise ValueError("assignment must give every job one agent")
    load = [0] * gap.agents
    for j, a in enumerate(assignment):
        load[a] += gap.use[a][j]
    over = [i for i in range(gap.agents) if load[i] > gap.capacity[i]]
    if over:
        raise ValueError(f"agents over capacity: {over}")
    return sum(gap.cost[a][j] for j, a in enumerate(assignment))


def solve(gap: Gap, time_limit: float, workers: int, seed: int = 0, extra: tuple = ()):
    """(assignment, bound, seconds) from ``plan_tender`` with the service and cost stages (the bound is the
    cost stage's, None when that stage found no plan)."""
    params = PlanParams(stages=(1, 2), stage_time_limits=(time_limit, time_limit, 0.0),
                        total_time_limit=time_limit, workers=workers, seed=seed, diagnose=False,
                        greedy_hint=False, solver_parameters=extra, deterministic=False)
    start = time.perf_counter()
    result = plan_tender(as_tender(gap), params)
    seconds = time.perf_counter() - start
    assignment = [-1] * gap.jobs
    for a in result.allocations:
        assignment[int(a.item[1:])] = int(a.member[1:])
    return assignment, result.bound, seconds


def write_assignment(path: Path, assignment: list[int]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["job", "agent"])
        w.writerows(enumerate(assignment))


def _number(text: str):
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return {"true": True, "false": False}.get(text.lower(), text)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.gap", description=__doc__.splitlines()[0])
    ap.add_argument("instances", nargs="+", metavar="INSTANCE", help="name in the data folder, or a path")
    ap.add_argument("--time-limit", type=float, default=60.0, help="seconds per instance (all stages)")
    ap.add_argument("--assignment-dir", type=Path, default=Path("gap-assignments"))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                    help="extra CP-SAT parameter, e.g. --param linearization_level=2")
    args = ap.parse_args(argv)
    extra = tuple((k, _number(v)) for k, v in (p.split("=", 1) for p in args.param))
    best = best_known()
    print(f"{'instance':10} {'objective':>10} {'best':>8} {'gap %':>7} {'bound':>10} {'time s':>7}")
    for name in args.instances:
        path = Path(name) if Path(name).exists() else DATA / name
        gap = read_instance(path)
        assignment, bound, seconds = solve(gap, args.time_limit, args.workers, args.seed, extra)
        write_assignment(args.assignment_dir / f"{gap.name}.csv", assignment)
        try:
            objective = score(gap, assignment)
        except ValueError as err:
            print(f"{gap.name:10} infeasible assignment: {err}")
            continue
        bk = best.get(gap.name, (None, False))[0]
        pct = f"{100 * (objective - bk) / bk:.3f}" if bk else "-"
        print(f"{gap.name:10} {objective:>10} {bk if bk else '-':>8} {pct:>7} "
              f"{bound if bound is None else round(bound):>10} {seconds:>7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
