"""Timefold's employee-scheduling instances through the engine's public API.

Example: ``python -m benchmarks.timefold small large e200_s1500 --time-limit 10``

An INSTANCE is a name in benchmarks/data/timefold (``small``) or a path to a JSON file of the same
format. The model (benchmarks/data/timefold/README.md) as an engine Problem:

- every shift is one `Demand` of exactly one person (`hard_min` and `hard_max`);
- skills: an employee is eligible for the shifts of a skill they have;
- one shift per start date: `max_shifts_per_day=1` (a shift's day is its start date);
- overlaps and the 10 h rest: `min_daily_rest=600` (any two shifts of different start dates are at
  least 600 minutes apart; overlapping ones are closer than that);
- unavailable dates: the (employee, shift) pairs with minutes on such a date are `forbidden`;
- undesired and desired dates: a `Cost` of +K or -K per minute on the date (rules `undesired_date`,
  `desired_date`), K = RESOLUTION;
- the balance: `Balance(weight=1, resolution=K)`, the engine's exact ceil(K x sqrt(Q - S^2/n)).

So the engine minimises K x (undesired - desired minutes) + ceil(K x u), and
soft = (desired - undesired) - round6(u) = -objective / K within 1/K. The scores printed are
recomputed from the written assignment by benchmarks/timefold_score.py alone.

Defaults (the same for every instance): 2 workers; the first 40 % of the time on the model without
the balance term (`Phases.linear`, past it only until a first plan), the last 50 % in the engine's
neighbourhood search, one neighbourhood at a time; CP-SAT presolve off. See docs/benchmarks-timefold.md.
"""
from __future__ import annotations

import argparse
import json
import logging
import re
import resource
import time
from datetime import date, datetime
from pathlib import Path

from integrations.files import write_text
from solver.roster import (
    Balance, Cost, CpSatParams, Demand, Employee, LnsParams, Phases, Problem, Rules, Shift, SolveParams, solve,
)

from .timefold_score import minutes_on, score

DATA = Path(__file__).parent / "data" / "timefold"
RESOLUTION = 10_000  # engine units per minute and per unit of the balance term
NO_PRESOLVE = "cp_model_presolve=0"


def load(name: str) -> tuple[str, dict]:
    """(instance name, JSON) from a name in benchmarks/data/timefold or a path."""
    path = Path(name)
    if not path.suffix:
        path = DATA / f"{name}.json"
    return path.stem, json.loads(path.read_text())


def to_problem(inst: dict, resolution: int = RESOLUTION) -> Problem:
    """The instance as an engine Problem (see the module docstring for the mapping)."""
    raw = [(s["id"], datetime.fromisoformat(s["start"]), datetime.fromisoformat(s["end"]), s["required_skill"])
           for s in inst["shifts"]]
    first = min(start.date() for _, start, _, _ in raw)
    origin = datetime.combine(first, datetime.min.time())

    def minute(t: datetime) -> int:
        return int((t - origin).total_seconds() // 60)

    shifts = tuple(Shift(sid, (start.date() - first).days, minute(start), minute(end)) for sid, start, end, _ in raw)
    days = max(s.day for s in shifts) + 1
    rules = Rules(max_shifts_per_day=1, min_daily_rest=600)
    touching: dict[date, list[tuple[str, datetime, datetime, str]]] = {}  # shifts by start and end date
    for row in raw:
        for d in {row[1].date(), row[2].date()}:
            touching.setdefault(d, []).append(row)
    employees, forbidden, costs = [], [], []
    for e in inst["employees"]:
        name, skills = e["name"], set(e["skills"])
        employees.append(Employee(name, rules, eligible=frozenset(sid for sid, *_, k in raw if k in skills)))
        unavailable = {sid for d in e["unavailable_dates"]
                       for sid, start, end, k in touching.get(date.fromisoformat(d), ())
                       if k in skills and minutes_on(start, end, date.fromisoformat(d))}
        forbidden += [(name, sid) for sid in sorted(unavailable)]
        for key, rule, sign in (("undesired_dates", "undesired_date", 1), ("desired_dates", "desired_date", -1)):
            for d in map(date.fromisoformat, e[key]):
                for sid, start, end, k in touching.get(d, ()):
                    mins = minutes_on(start, end, d)
                    if k in skills and mins:
                        costs.append(Cost(name, sid, sign * resolution * mins, rule, f"{name}:{d}"))
    demands = tuple(Demand(s.id, (s.id,), 1, hard_min=True, hard_max=True) for s in shifts)
    return Problem(days, shifts, tuple(employees), demands, first_weekday=first.weekday(), costs=tuple(costs),
                   forbidden=tuple(forbidden), balance=Balance(1, resolution))


def timefold_results() -> dict[str, dict[str, str]]:
    """Timefold's figures per instance and time limit, read from the README's results table."""
    out: dict[str, dict[str, str]] = {}
    for line in (DATA / "README.md").read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and re.fullmatch(r"[a-z0-9_]+", cells[0]) and cells[0] != "instance":
            out[cells[0]] = {"10": cells[1], "30": re.sub(r" \(.*", "", cells[2])}
    return out


def run_instance(name: str, params: SolveParams, assignment_dir: Path | None) -> dict:
    """Solve one instance, write its assignment, score it independently; returns the table row."""
    name, inst = load(name)
    started = time.monotonic()
    first: list[float] = []
    result = solve(to_problem(inst), params,
                   on_progress=lambda *_: first or first.append(time.monotonic() - started))
    elapsed = time.monotonic() - started
    plan = [{"shift": s, "employee": e} for e, s in result.assignments]
    if assignment_dir is not None and result.is_feasible():
        assignment_dir.mkdir(parents=True, exist_ok=True)
        write_text(assignment_dir / f"{name}.json", json.dumps({"assignments": plan}, indent=1) + "\n")
    sc = score(inst, plan)
    limit = f"{params.time_limit:g}"
    return {
        "instance": name, "employees": len(inst["employees"]), "shifts": len(inst["shifts"]),
        "time": elapsed, "first": first[0] if first else None, "complete": sc.complete,
        "unassigned": sc.unassigned, "hard": sc.hard, "soft": sc.soft, "status": result.status,
        "objective": result.objective, "bound": result.best_bound,
        "timefold": timefold_results().get(name, {}).get(limit, "-"),
    }


HEADER = (f"{'instance':<12} {'emp':>4} {'shifts':>6} {'time s':>6} {'first s':>7} {'complete':>8} {'hard':>5} "
          f"{'soft':>12}  timefold (same limit)")


def format_row(r: dict) -> str:
    """One printed table row."""
    first = "-" if r["first"] is None else f"{r['first']:.1f}"
    complete = "yes" if r["complete"] else f"{r['unassigned']} left"
    return (f"{r['instance']:<12} {r['employees']:>4} {r['shifts']:>6} {r['time']:>6.1f} {first:>7} "
            f"{complete:>8} {r['hard']:>5} {str(r['soft']):>12}  {r['timefold']}")


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far, MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    """Command line: solve, score and print one row per instance."""
    ap = argparse.ArgumentParser(prog="python -m benchmarks.timefold", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("instances", nargs="+", help="names in benchmarks/data/timefold or JSON paths")
    ap.add_argument("--time-limit", type=float, default=10.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--assignment-dir", type=Path, default=Path("assignments"))
    ap.add_argument("--linear-share", type=float, default=0.4,
                    help="share of the time, first, on the model without the balance term (0: off)")
    ap.add_argument("--lns-share", type=float, default=0.5,
                    help="share of the time, at the end, in the engine's neighbourhood search (0: off)")
    ap.add_argument("--lns-threads", type=int, default=1,
                    help="neighbourhoods solved at once (default 1: two copies of e200_s1500 passed 1 GiB; "
                         "0: one per core)")
    ap.add_argument("--cp-sat", default=NO_PRESOLVE,
                    help=f"CP-SAT parameters name=int,... (default {NO_PRESOLVE}: on e200_s1500 the presolve "
                         "took most of the time to a first plan, and plans came better without it)")
    ap.add_argument("--log", action="store_true",
                    help="print the CP-SAT search log and the neighbourhood search's tally")
    args = ap.parse_args(argv)
    cp_sat = tuple((k, int(v)) for k, v in (kv.split("=") for kv in args.cp_sat.split(",") if kv))
    params = SolveParams(time_limit=args.time_limit, seed=args.seed, log=args.log,
                         cp_sat=CpSatParams(workers=args.workers, extra=cp_sat),
                         phases=Phases(linear=args.linear_share, lns=args.lns_share),
                         lns=LnsParams(threads=args.lns_threads))
    if args.log:
        logging.basicConfig(level=logging.INFO, format="%(message)s")
    print(HEADER, flush=True)
    for name in args.instances:
        print(format_row(run_instance(name, params, args.assignment_dir)), flush=True)
    print(f"peak RSS {peak_rss_mib():.0f} MiB", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
