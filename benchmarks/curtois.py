"""Curtois & Qu benchmark through the engine's public API.

Example: ``python -m benchmarks.curtois benchmarks/data/curtois/Instance1.txt --time-limit 10``

Defaults: the first 30 % of the time column generation over whole employee schedules (the bound, and a
plan from the LP: a dive, then CP-SAT choosing one generated schedule per employee); what it leaves of
the first 10 %, CP-SAT's portfolio on the automaton model from that plan (it proves the small instances);
the last 90 % the engine's neighbourhood search, with neighbourhoods that recombine generated schedules,
which doubles its round limit (up to 8 s) after 15 rounds without a better plan. See
docs/benchmarks-curtois.md.
"""
from __future__ import annotations

import argparse
import csv
import logging
import time
from pathlib import Path

from solver.roster import (
    CpSatParams, Demand, Employee, LnsParams, Phases, Problem, Request, Rules, Shift, SolveParams, solve,
)

from .curtois_format import Instance, best_known, read_instance
from .curtois_score import score


def shift_id(day: int, shift: str) -> str:
    """Engine id of the candidate shift `shift` on `day`."""
    return f"{day}:{shift}"


def to_problem(inst: Instance) -> Problem:
    """The instance as an engine Problem: one candidate shift per (day, shift type)."""
    types = {name: t for t, name in enumerate(inst.lengths)}
    shifts = tuple(
        Shift(shift_id(d, name), d, d * 1440, d * 1440 + length, type=types[name])
        for d in range(inst.days) for name, length in inst.lengths.items()
    )
    successions = tuple(
        (types[a], types[b]) for a, barred in inst.not_after.items() for b in sorted(barred)
    )
    employees = []
    for st in inst.staff:
        allowed = {name for name in inst.lengths if st.max_shifts.get(name, 0) > 0}
        rules = Rules(
            max_shifts_per_day=1,
            max_per_type=tuple((types[n], k) for n, k in st.max_shifts.items() if n in types),
            min_total_minutes=st.min_minutes,
            max_total_minutes=st.max_minutes,
            max_consecutive_days=st.max_consecutive,
            min_consecutive_days=st.min_consecutive,
            min_consecutive_days_off=st.min_days_off,
            edge_runs_exempt=True,
            max_weekends=st.max_weekends,
            forbidden_successions=successions,
        )
        eligible = frozenset(shift_id(d, n) for d in range(inst.days) for n in allowed)
        days_off = frozenset(inst.days_off.get(st.id, ()))
        employees.append(Employee(st.id, rules, days_off=days_off, eligible=eligible))
    requests = tuple(
        Request(e, (shift_id(d, s),), w, on=on, subject=f"{e}:{d}:{s}")
        for on, reqs in ((True, inst.on_requests), (False, inst.off_requests))
        for e, d, s, w in reqs
    )
    demands = tuple(
        Demand(shift_id(d, s), (shift_id(d, s),), req, under, over) for d, s, req, under, over in inst.cover
    )
    return Problem(inst.days, shifts, tuple(employees), demands, requests=requests)


def to_roster(assignments) -> dict[tuple[str, int], str]:
    """Engine assignments as {(employee, day): shift name}."""
    out = {}
    for emp, sid in assignments:
        day, name = sid.split(":", 1)
        out[emp, int(day)] = name
    return out


def write_roster(path: Path, roster: dict[tuple[str, int], str]) -> None:
    """CSV with header employee,day,shift, one row per worked day."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["employee", "day", "shift"])
        for (emp, day), shift in sorted(roster.items(), key=lambda kv: (kv[0][0], kv[0][1])):
            w.writerow([emp, day, shift])


def run_instance(path: Path, params: SolveParams, roster_dir: Path | None) -> dict:
    """Solve one instance and score the roster independently; returns the table row."""
    inst = read_instance(path)
    started = time.monotonic()
    result = solve(to_problem(inst), params)
    elapsed = time.monotonic() - started
    roster = to_roster(result.assignments)
    objective, bad = score(inst, roster) if result.is_feasible() else (None, ["no roster"])
    if roster_dir is not None and result.is_feasible():
        write_roster(roster_dir / f"{inst.name}.csv", roster)
    best = best_known().get(inst.name)
    gap = None if best is None or objective is None else 100 * (objective - best) / best
    return {
        "instance": inst.name, "employees": len(inst.staff), "days": inst.days,
        "objective": objective, "best": best, "gap": gap, "bound": result.best_bound,
        "time": elapsed, "violations": len(bad), "engine_objective": result.objective,
    }


HEADER = (f"{'instance':<11} {'emp':>4} {'days':>4} {'objective':>9} {'best':>6} {'gap %':>7} {'bound':>8} "
          f"{'time s':>7} {'viol':>4}")


def format_row(r: dict) -> str:
    """One printed table row."""
    def fmt(v, spec):
        return "-" if v is None else format(v, spec)
    return (
        f"{r['instance']:<11} {r['employees']:>4} {r['days']:>4} {fmt(r['objective'], '>9')} "
        f"{fmt(r['best'], '>6')} {fmt(r['gap'], '>7.2f')} {fmt(r['bound'], '>8.0f')} "
        f"{r['time']:>7.1f} {r['violations']:>4}"
    )


def main(argv: list[str] | None = None) -> int:
    """Command line: solve, score and print one row per instance."""
    ap = argparse.ArgumentParser(prog="python -m benchmarks.curtois", description=__doc__)
    ap.add_argument("instances", nargs="+", type=Path)
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=8)
    ap.add_argument("--roster-dir", type=Path, default=Path("rosters"))
    ap.add_argument("--runs", choices=("automaton", "clauses"), default="automaton",
                    help="encoding of the run rules in the first CP-SAT run (default: automaton, a tight bound)")
    ap.add_argument("--lns-share", type=float, default=0.9,
                    help="share of the time, at the end, in the engine's neighbourhood search (0: off)")
    ap.add_argument("--lns-round", type=float, default=1.0, help="seconds at most for one neighbourhood")
    ap.add_argument("--handover", type=float, default=0.15,
                    help="share of the time at which the first run hands over to the neighbourhood search "
                         "early if it has no plan or its gap is above --handover-gap (0: off)")
    ap.add_argument("--handover-gap", type=float, default=1.0, help="see --handover (1: only without a plan)")
    ap.add_argument("--lns-stall", type=int, default=15,
                    help="rounds without a better plan after which the round limit doubles (0: off)")
    ap.add_argument("--lns-round-max", type=float, default=8.0, help="the most seconds a round gets after stalls")
    ap.add_argument("--lns-deterministic", action="store_true",
                    help="round limits in CP-SAT's deterministic time (work) rather than wall seconds")
    ap.add_argument("--subsolvers", default="", help="CP-SAT subsolvers ('' = default)")
    ap.add_argument("--construct-share", type=float, default=0.0, help="share of the time building a first plan")
    ap.add_argument("--columns", type=float, default=0.3,
                    help="share of the time, at the start, in column generation over whole schedules (0: off)")
    ap.add_argument("--relax-share", type=float, default=0.0, help="share of the time on a cover-only first phase")
    ap.add_argument("--primal-share", type=float, default=0.0,
                    help="share of the time, before the neighbourhood search, warm-started with 2 full workers")
    ap.add_argument("--cp-sat", default="", help="extra CP-SAT parameters, e.g. linearization_level=2")
    ap.add_argument("--log", action="store_true",
                    help="print the CP-SAT search log and the neighbourhood search's tally")
    args = ap.parse_args(argv)
    params = SolveParams(
        time_limit=args.time_limit, seed=args.seed, log=args.log, runs=args.runs,
        cp_sat=CpSatParams(
            workers=args.workers, subsolvers=tuple(filter(None, args.subsolvers.split(","))),
            extra=tuple((k, int(v)) for k, v in (kv.split("=") for kv in args.cp_sat.split(",") if kv)),
        ),
        phases=Phases(construct=args.construct_share, relax=args.relax_share, columns=args.columns,
                      primal=args.primal_share,
                      lns=args.lns_share, handover=args.handover, handover_gap=args.handover_gap),
        lns=LnsParams(round=args.lns_round, stall=args.lns_stall, round_max=args.lns_round_max,
                      deterministic=args.lns_deterministic),
    )
    if args.log:
        logging.basicConfig(level=logging.INFO, format="%(message)s")
    print(HEADER, flush=True)
    for path in args.instances:
        print(format_row(run_instance(path, params, args.roster_dir)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
