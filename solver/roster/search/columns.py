"""Column generation over whole employee schedules: a tight bound and a first plan (`Phases.columns`).

The master LP chooses one schedule (column) per employee and pays each demand's under and over cover;
each employee's pricing problem (pricing.py) finds the schedules whose reduced cost is negative at the
demands' dual prices. Prices are smoothed towards the best ones met so far (Wentges), and every round's
pricing bounds give a Lagrangian bound of the whole problem:

    L(pi) = sum_d pi_d requirement_d + sum_e min over e's schedules of (own penalty - pi . shifts taken)

valid at any prices within the cover weights, so the bound holds however early the rounds stop. When
the master converges its value is the LP bound of the set-partitioning model, far tighter than the
compact model's on rostering problems (Curtois & Qu's branch-and-price starts from it). A dive then
fixes the employee schedule the LP likes most, solves the LP again, and so on until every employee has
one; CP-SAT then chooses one generated schedule per employee (the master as an integer program, the
dive's choice hinted) in the phase's time left: a plan whose weekend and run patterns come from the LP,
handed to the neighbourhood search.

It applies when the employees meet only in the demands: no consistency set, group fairness or balance
term (`separable`).
"""
from __future__ import annotations

import logging
import math
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from ortools.linear_solver import linear_solver_pb2, pywraplp
from ortools.sat.python import cp_model

from ..data import Problem
from ..params import SolveParams
from .pricing import SCALE, Pricer
from .run import threads

log = logging.getLogger(__name__)

SMOOTHING = 0.5  # weight of the best prices met so far in the prices given to pricing


@dataclass(frozen=True, slots=True)
class ColumnPlan:
    """What column generation gives: a plan (employee id, shift id), a bound of the whole objective
    (None if no round priced every employee), the master LP's value and the schedules generated (for the
    neighbourhood search's `columns` kind)."""

    plan: tuple[tuple[str, str], ...]
    bound: int | None
    lp: float
    pool: list[set[frozenset[int]]]  # per employee position, the schedules generated (shift positions)


def separable(problem: Problem) -> str | None:
    """Why column generation cannot split `problem` by employee, or None when it can."""
    if problem.consistency:
        return "consistency sets span employees"
    if problem.groups and problem.fairness_weight:
        return "group fairness spans employees"
    if problem.balance is not None and problem.balance.weight:
        return "the balance term spans employees"
    return None


class MasterLpError(RuntimeError):
    """GLOP did not solve the master LP (twice: as grown, then loaded afresh into a new solver)."""


class Master:
    """The restricted master LP (GLOP): one column per employee, cover rows with their slacks.

    Each employee's convexity row and each hard side of a cover row has an artificial variable at a
    high cost, so that the LP is feasible before any column exists.
    """

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        lp = self.lp = pywraplp.Solver.CreateSolver("GLOP")
        cover = sum(d.under_weight * d.requirement for d in problem.demands)
        wishes = sum(abs(r.weight) for r in problem.requests) + sum(abs(c.amount) for c in problem.costs)
        big = max(1e6, 10.0 * (cover + wishes))  # above what a schedule usually costs
        pos = {s.id: i for i, s in enumerate(problem.shifts)}
        self.rows_of: dict[int, list[int]] = {}  # shift position -> demand rows holding it
        self.cover, self.clip = [], []
        obj = lp.Objective()
        for di, d in enumerate(problem.demands):
            row = lp.Constraint(d.requirement, d.requirement)
            for sid in d.shifts:
                self.rows_of.setdefault(pos[sid], []).append(di)
            exact = d.hard_min and d.hard_max
            for sign, hard, weight, top in ((1, d.hard_min, d.under_weight, d.requirement),
                                            (-1, d.hard_max, d.over_weight, lp.infinity())):
                slack = lp.NumVar(0, top, "")
                row.SetCoefficient(slack, sign)
                obj.SetCoefficient(slack, big if hard or exact else weight)
            # prices beyond a soft side's weight would make its slack pay: clip them (Lagrangian bound)
            self.clip.append((-math.inf if d.hard_max else -d.over_weight, math.inf if d.hard_min else d.under_weight))
            self.cover.append(row)
        self.convex = []
        for _ in problem.employees:
            row = lp.Constraint(1, 1)
            art = lp.NumVar(0, 1, "")
            row.SetCoefficient(art, 1)
            obj.SetCoefficient(art, big)
            self.convex.append((row, art))
        obj.SetMinimization()
        self.columns: list[list[tuple[frozenset[int], int, pywraplp.Variable]]] = [[] for _ in problem.employees]
        self.seen: list[set[frozenset[int]]] = [set() for _ in problem.employees]

    def add(self, ei: int, column: frozenset[int], cost: int) -> bool:
        """Add a schedule of employee `ei` (shift positions) with its own penalty; False if known."""
        if column in self.seen[ei]:
            return False
        self.seen[ei].add(column)
        var = self.lp.NumVar(0, 1, "")
        self.convex[ei][0].SetCoefficient(var, 1)
        self.lp.Objective().SetCoefficient(var, cost)
        for di, n in self.covered(column).items():
            self.cover[di].SetCoefficient(var, n)
        self.columns[ei].append((column, cost, var))
        return True

    def solve(self) -> tuple[float, list[float], list[float]]:
        """LP value, cover duals (clipped to the cover weights), convexity duals."""
        status = self.lp.Solve()
        if status != pywraplp.Solver.OPTIMAL:
            # GLOP, grown column by column, may end ABNORMAL (Curtois Instance8, seed 0, round 42, even
            # with incrementality off): the same LP loaded afresh into a new solver is solved
            log.info("master LP status %s: solved again in a new solver", status)
            self._reload()
            status = self.lp.Solve()
        if status != pywraplp.Solver.OPTIMAL:
            raise MasterLpError(f"the master LP ended with status {status}")
        pi = [min(hi, max(lo, row.dual_value())) for row, (lo, hi) in zip(self.cover, self.clip, strict=True)]
        return self.lp.Objective().Value(), pi, [row.dual_value() for row, _ in self.convex]

    def _reload(self) -> None:
        """The LP exported and loaded into a new GLOP solver; every handle is moved to it."""
        proto = linear_solver_pb2.MPModelProto()
        self.lp.ExportModelToProto(proto)
        lp = pywraplp.Solver.CreateSolver("GLOP")
        lp.LoadModelFromProto(proto)
        var, row = lp.variables(), lp.constraints()
        self.cover = [row[c.index()] for c in self.cover]
        self.convex = [(row[c.index()], var[a.index()]) for c, a in self.convex]
        self.columns = [[(col, cost, var[v.index()]) for col, cost, v in cols] for cols in self.columns]
        self.lp = lp

    def covered(self, column: frozenset[int]) -> dict[int, int]:
        """People a schedule gives each demand row it counts in."""
        counts: dict[int, int] = {}
        for si in column:
            for di in self.rows_of.get(si, ()):
                counts[di] = counts.get(di, 0) + 1
        return counts

    def prices(self, pi: list[float]) -> dict[int, int]:
        """Price of each shift position in SCALE units: the sum of its demands' rounded duals."""
        out: dict[int, int] = {}
        for si, rows in self.rows_of.items():
            out[si] = sum(round(SCALE * pi[di]) for di in rows)
        return out

    def reduced(self, ei: int, column: frozenset[int], cost: int, pi: list[float], mu: float) -> float:
        """Reduced cost of a schedule of `ei` at duals (pi, mu)."""
        return cost - sum(pi[di] * n for di, n in self.covered(column).items()) - mu

    def fix(self, ei: int, ci: int) -> None:
        """Keep only column `ci` of employee `ei` (the dive)."""
        for cj, (_, _, var) in enumerate(self.columns[ei]):
            if cj != ci:
                var.SetUb(0)
        self.convex[ei][1].SetUb(0)


def column_plan(problem: Problem, params: SolveParams, deadline: float) -> ColumnPlan | None:
    """Column generation until converged (or 80 % of the time to `deadline`, monotonic seconds), a dive,
    then the integer master until `deadline`; None when the problem is not separable by employee (see
    `separable`) or GLOP could not solve the master LP."""
    why = separable(problem)
    if why is not None:
        log.info("column generation skipped: %s", why)
        return None
    started = time.monotonic()
    pricers = [Pricer(problem, ei) for ei in range(len(problem.employees))]
    master = Master(problem)
    try:
        rounds, bound = _generate(master, pricers, params, started + 0.8 * (deadline - started))
        value, dive = _dive(master)
    except MasterLpError as exc:
        log.warning("column generation given up: %s", exc)
        return None
    chosen = _integer_master(master, dive, params, deadline)
    p = problem
    plan = tuple((p.employees[ei].id, p.shifts[si].id)
                 for ei, ci in sorted(chosen.items()) for si in sorted(master.columns[ei][ci][0]))
    log.info("column generation: %d rounds, %d columns, LP %.2f, bound %s, %.1f s", rounds,
             sum(len(c) for c in master.columns), value, bound, time.monotonic() - started)
    return ColumnPlan(plan, bound, value, [set(s) for s in master.seen])


def _generate(master: Master, pricers: list[Pricer], params: SolveParams, deadline: float) -> tuple[int, int | None]:
    """Pricing rounds until no column prices out, the bound meets the LP, or `deadline`; returns the
    rounds done and the best Lagrangian bound, rounded up (every penalty weight is an integer)."""
    problem = master.problem
    best, center, rounds = -math.inf, None, 0
    with ThreadPoolExecutor(threads(params)) as pool:
        while time.monotonic() < deadline:
            rounds += 1
            value, pi, mu = master.solve()
            a = SMOOTHING if center is not None else 0.0
            while True:
                sep = [round(SCALE * (a * c + (1 - a) * q)) / SCALE for c, q in zip(center or pi, pi, strict=True)]
                prices = master.prices(sep)
                left = deadline - time.monotonic()
                found = list(pool.map(lambda ei: pricers[ei].solve(prices, min(1.0, left), params.seed),
                                      range(len(pricers))))
                added = sum(master.add(ei, col, cost) for ei, got in enumerate(found) for col, cost in got.found
                            if master.reduced(ei, col, cost, pi, mu[ei]) < -1e-6)
                bounds = [got.bound for got in found if got.bound is not None]
                if len(bounds) == len(found):
                    lagrangian = sum(p * d.requirement for p, d in zip(sep, problem.demands, strict=True))
                    lagrangian += sum(bounds) / SCALE
                    if lagrangian > best:
                        best, center = lagrangian, sep
                if added or not a:
                    break
                a = 0.0  # the smoothed prices found nothing: price at the LP's own duals
            if not added or (math.isfinite(best) and math.ceil(best - 1e-6) >= value - 1e-6):
                break
    return rounds, (math.ceil(best - 1e-6) if math.isfinite(best) else None)


def _dive(master: Master) -> tuple[float, dict[int, int]]:
    """Fix the schedules the LP takes whole (and else the one it takes most), solve again, until every
    employee with a schedule has one; returns the LP's value before any fixing and {employee: column}."""
    fixed: dict[int, int] = {}
    root, _, _ = master.solve()
    while True:
        open_ = [(var.solution_value(), ei, ci) for ei, cols in enumerate(master.columns) if ei not in fixed
                 for ci, (_, _, var) in enumerate(cols)]
        if not open_:
            break
        whole = {ei: ci for v, ei, ci in open_ if v > 0.999}
        if not whole:
            _, ei, ci = max(open_)
            whole = {ei: ci}
        for ei, ci in whole.items():
            master.fix(ei, ci)
            fixed[ei] = ci
        master.solve()
    return root, fixed


def _integer_master(master: Master, start: dict[int, int], params: SolveParams, deadline: float) -> dict[int, int]:
    """One generated schedule per employee chosen by CP-SAT until `deadline`, from `start` (hinted);
    its objective is the plan's own (the columns' own penalties plus the cover's). `start` when CP-SAT
    finds nothing better."""
    left = deadline - time.monotonic()
    if left < 0.2:
        return start
    cp = cp_model.CpModel()
    rows: list[list[tuple[int, cp_model.IntVar]]] = [[] for _ in master.cover]  # (people, choice)
    terms = []
    choice: dict[tuple[int, int], cp_model.IntVar] = {}
    for ei, cols in enumerate(master.columns):
        if not cols:
            continue
        for ci, (column, cost, _) in enumerate(cols):
            b = choice[ei, ci] = cp.new_bool_var(f"c[{ei},{ci}]")
            cp.add_hint(b, start.get(ei) == ci)
            terms.append(cost * b)
            for di, n in master.covered(column).items():
                rows[di].append((n, b))
        cp.add_exactly_one(choice[ei, ci] for ci in range(len(cols)))
    placed = _placed(master, start)
    for di, d in enumerate(master.problem.demands):
        under = cp.new_int_var(0, 0 if d.hard_min else d.requirement, "")
        over = cp.new_int_var(0, 0 if d.hard_max else sum(n for n, _ in rows[di]), "")
        cp.add(sum(n * b for n, b in rows[di]) + under - over == d.requirement)
        cp.add_hint(under, max(0, d.requirement - placed[di]))  # a complete hint: CP-SAT keeps it
        cp.add_hint(over, max(0, placed[di] - d.requirement))
        terms += [d.under_weight * under, d.over_weight * over]
    cp.minimize(sum(terms))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = params.cp_sat.workers
    solver.parameters.random_seed = params.seed
    solver.parameters.max_time_in_seconds = left
    status = solver.solve(cp)
    log.info("integer master: %s, %s over %d columns (bound %s)", solver.status_name(status),
             solver.objective_value, len(choice), solver.best_objective_bound)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return start
    chosen = {ei: ci for (ei, ci), b in choice.items() if solver.boolean_value(b)}
    return chosen if _cost(master, chosen) <= _cost(master, start) else start


def _placed(master: Master, chosen: dict[int, int]) -> list[int]:
    """People each demand gets from the chosen schedules."""
    placed = [0] * len(master.cover)
    for ei, ci in chosen.items():
        for di, n in master.covered(master.columns[ei][ci][0]).items():
            placed[di] += n
    return placed


def _cost(master: Master, chosen: dict[int, int]) -> int:
    """The objective of a choice of schedules: their own penalties and the cover's."""
    own = sum(master.columns[ei][ci][1] for ei, ci in chosen.items())
    cover = zip(master.problem.demands, _placed(master, chosen), strict=True)
    return own + sum(d.under_weight * max(0, d.requirement - n) + d.over_weight * max(0, n - d.requirement)
                     for d, n in cover)
