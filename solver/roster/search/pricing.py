"""The pricing problem of column generation: one employee's best whole schedule at given prices.

An employee's model is the engine's own model (every hard rule, every soft rule) of the problem with
that employee alone and no demand; the prices of the demands enter its objective as a reward per shift
taken. Its optimum is the most negative reduced cost of the employee's schedules, and CP-SAT's bound on
it is what the Lagrangian bound of the whole needs.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from ..build import build
from ..data import Problem
from .run import objective_bound

SCALE = 1000  # prices are counted in thousandths of a penalty unit


def alone(problem: Problem, ei: int) -> Problem:
    """`problem` with employee `ei` alone, their own requests, costs and pairs, and no demand."""
    e = problem.employees[ei]

    def own(pairs):
        return tuple(p for p in pairs if p[0] == e.id)

    return replace(
        problem, employees=(e,), demands=(), groups=(), fairness_weight=0, consistency=(), balance=None,
        requests=tuple(r for r in problem.requests if r.employee == e.id),
        costs=tuple(c for c in problem.costs if c.employee == e.id),
        pinned=own(problem.pinned), forbidden=own(problem.forbidden), reference=own(problem.reference),
    )


@dataclass(frozen=True, slots=True)
class Schedules:
    """What one pricing solve found: schedules (shift positions, own penalty) and a lower bound of
    min(own penalty - price of the shifts taken), in SCALE units (None: no schedule is feasible)."""

    found: tuple[tuple[frozenset[int], int], ...]
    bound: int | None


class _Collect(cp_model.CpSolverSolutionCallback):
    def __init__(self, x: dict[int, cp_model.IntVar], own) -> None:
        super().__init__()
        self.x, self.own = x, own
        self.found: list[tuple[frozenset[int], int]] = []

    def on_solution_callback(self) -> None:
        column = frozenset(si for si, v in self.x.items() if self.boolean_value(v))
        self.found.append((column, int(self.value(self.own))))


class Pricer:
    """The pricing model of one employee, built once and solved at each round's prices."""

    def __init__(self, problem: Problem, ei: int) -> None:
        self.m = build(alone(problem, ei), runs="clauses")
        self.own = self.m.penalties.objective()
        # shift positions are those of the whole problem: `alone` keeps every shift, in order
        self.x = {si: v for (_, si), v in self.m.x.items()}

    def solve(self, price: dict[int, int], time_limit: float, seed: int = 0) -> Schedules:
        """Schedules found for the objective SCALE x own penalty - sum of `price[shift]` over the shifts
        taken (every improving plan CP-SAT meets is kept), within `time_limit` seconds."""
        terms = [(v, price[si]) for si, v in self.x.items() if price.get(si)]
        self.m.cp.minimize(SCALE * self.own - sum(p * v for v, p in terms))
        solver = cp_model.CpSolver()
        sp = solver.parameters
        sp.num_workers = 1
        sp.linearization_level = 2  # a one-employee model: the full LP proves it fastest
        sp.random_seed = seed
        sp.max_time_in_seconds = max(0.01, time_limit)
        collect = _Collect(self.x, self.own)
        status = solver.solve(self.m.cp, collect)
        if status == cp_model.INFEASIBLE:
            return Schedules((), None)
        bound = objective_bound(solver, self.m.cp)  # valid even when stopped before its search began
        return Schedules(tuple(collect.found), math.floor(bound + 1e-9) if math.isfinite(bound) else None)
