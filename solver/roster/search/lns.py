"""Large-neighbourhood search over employees and days, on the built CP-SAT model.

Each round chooses a neighbourhood (a few whole employees, every employee on one or two windows of days,
a block of employees and days, the people around a shortfall or an unmet wish, or, given a pool of whole
schedules from column generation, several employees each choosing one schedule of the pool or keeping
theirs), copies the model, fixes every
other decision variable to the incumbent with two linear rows, hints the incumbent, and re-optimises with
one CP-SAT worker under a short limit. A plan no worse than the incumbent replaces it (equal plans let the
search cross plateaus). Each kind keeps its own size: it grows when a round is solved to optimality and
shrinks when a round times out. Several rounds run at once in threads (CP-SAT releases the GIL).
"""
from __future__ import annotations

import logging
import random
import threading
import time
from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from ..model import RosterModel
from ..params import SolveParams
from ..result import Progress, Result, settle
from .run import complete_hint, read_result, report, threads

log = logging.getLogger(__name__)


@dataclass
class _Kind:
    """Adaptive size of one kind of neighbourhood, and its tally."""

    name: str
    size: float
    low: float
    high: float
    rounds: int = 0
    improved: int = 0

    def adapt(self, solved: bool) -> None:
        """Grow after a round solved to optimality, shrink after a round that timed out."""
        self.size = min(self.high, self.size * 1.1) if solved else max(self.low, self.size * 0.85)


Pool = list[set[frozenset[int]]]  # per employee position: whole schedules (sets of shift positions)


class Neighbourhoods:
    """Decision variables by employee and day, and the neighbourhoods drawn over them."""

    def __init__(self, m: RosterModel, pool: Pool | None = None) -> None:
        keys = list(m.x)
        self.pool = pool if pool and any(pool) else None
        self.emp_vars: list[list[tuple[int, int]]] = [[] for _ in m.problem.employees]  # (shift, var index)
        for ei, si in keys:
            self.emp_vars[ei].append((si, m.x[ei, si].index))
        shifts = m.problem.shifts
        self.var = np.array([m.x[k].index for k in keys], dtype=np.int64)
        self.emp = np.array([k[0] for k in keys], dtype=np.int64)
        self.day = np.array([shifts[k[1]].day for k in keys], dtype=np.int64)
        self.n_emp, self.days = len(m.problem.employees), m.problem.days
        by_shift: dict[int, set[int]] = {}
        for ei, si in keys:
            by_shift.setdefault(si, set()).add(ei)
        pos = m.ix.shift_pos
        self.demands = []  # (index of the under variable, employees who could help, days)
        for dm in m.problem.demands:
            emps = sorted({e for s in dm.shifts for e in by_shift.get(pos[s], ())})
            days = sorted({shifts[pos[s]].day for s in dm.shifts})
            if emps and dm.id in m.under:
                self.demands.append((m.under[dm.id].index, emps, days))
        self.wishes = []  # (indices of the wished shifts, on, employee, partners who could swap, days)
        for r in m.problem.requests:
            ei = m.ix.emp_pos[r.employee]
            xs = [m.x[ei, pos[s]].index for s in r.shifts if (ei, pos[s]) in m.x]
            if xs:
                partners = sorted({e for s in r.shifts for e in by_shift.get(pos[s], ())} - {ei})
                self.wishes.append((xs, r.on, ei, partners, sorted({shifts[pos[s]].day for s in r.shifts})))

    def kinds(self) -> list[_Kind]:
        """Each kind with its starting size (employees or days)."""
        e, d = self.n_emp, self.days
        out = [_Kind("employees", min(e, 3.0), 1.0, e), _Kind("days", min(d, 3.0), 1.0, d),
               _Kind("windows", min(d, 4.0), 2.0, d), _Kind("block", min(e, 6.0), 2.0, e)]
        if self.demands:
            out.append(_Kind("shortfall", min(e, 3.0), 1.0, e))
        if self.wishes:
            out.append(_Kind("wishes", min(e, 3.0), 1.0, e))
        if self.pool:
            out.append(_Kind("columns", float(e), 2.0, e))
        return out

    def remember(self, values: list[int]) -> None:
        """Add each employee's schedule in `values` to the pool (later rounds may recombine them)."""
        if self.pool is not None:
            for ei, pairs in enumerate(self.emp_vars):
                if self.pool[ei]:
                    # a new set, not an update: another thread may be reading the old one (`columns`)
                    self.pool[ei] = self.pool[ei] | {frozenset(si for si, v in pairs if values[v])}

    def columns(self, size: float, rng: random.Random, values: list[int]) -> tuple[np.ndarray, list]:
        """Employees drawn among those with pooled schedules, free, and for each a table constraint
        (variable indices, allowed 0/1 rows): a schedule of the pool or their own."""
        assert self.pool is not None
        pooled = [ei for ei, cols in enumerate(self.pool) if cols]
        emps = rng.sample(pooled, max(1, min(len(pooled), round(size))))
        tables = []
        for ei in emps:
            pairs = self.emp_vars[ei]
            own = tuple(values[v] for _, v in pairs)
            rows = {tuple(int(si in col) for si, _ in pairs) for col in self.pool[ei]} | {own}
            tables.append(([v for _, v in pairs], sorted(rows)))
        return np.isin(self.emp, emps), tables

    def free(self, kind: str, size: float, rng: random.Random, values: list[int]) -> np.ndarray:
        """A boolean mask over the decision variables: True where the variable is set free."""
        k = max(1, min(self.n_emp, round(size)))
        if kind == "employees":
            return np.isin(self.emp, rng.sample(range(self.n_emp), k))
        if kind == "days":
            w = max(1, min(self.days, round(size)))
            first = rng.randrange(self.days - w + 1)
            return (self.day >= first) & (self.day < first + w)
        if kind == "windows":
            # every employee on two separate windows: work moves from one part of the horizon to another
            w = max(1, min(self.days // 2, round(size / 2)))
            a, b = sorted(rng.sample(range(self.days - w + 1), 2)) if self.days - w + 1 >= 2 else (0, 0)
            return ((self.day >= a) & (self.day < a + w)) | ((self.day >= b) & (self.day < b + w))
        if kind == "shortfall":
            # every employee around a shortfall's day, and a few who could fill it on every day (their
            # totals over the horizon can then move)
            short = [d for d in self.demands if values[d[0]] > 0] or self.demands
            _, emps, days = rng.choice(short)
            return self._around(rng.sample(emps, min(k, len(emps))), days[0], size, rng)
        if kind == "wishes":
            # an employee whose wish is not granted, a few who could swap with them, and everybody
            # around the wished day
            unmet = [w for w in self.wishes if any(values[i] for i in w[0]) != w[1]] or self.wishes
            _, _, ei, partners, days = rng.choice(unmet)
            return self._around([ei] + rng.sample(partners, min(k - 1, len(partners))), days[0], size, rng)
        # block: a few employees on a third of the horizon
        w = max(2, self.days // 3)
        first = rng.randrange(max(1, self.days - w + 1))
        emps = rng.sample(range(self.n_emp), k)
        return np.isin(self.emp, emps) & (self.day >= first) & (self.day < first + w)

    def _around(self, emps: list[int], day: int, size: float, rng: random.Random) -> np.ndarray:
        """`emps` on every day, and every employee on a window of about `size` days holding `day`."""
        w = max(1, round(size))
        first = day - rng.randrange(w)
        return np.isin(self.emp, emps) | ((self.day >= first) & (self.day < first + w))


class _Search:
    """The shared incumbent and the round loop run by each thread."""

    def __init__(self, m: RosterModel, values: list[int], objective: float, bound: float | None,
                 params: SolveParams, deadline: float, on_progress: Progress | None, started: float,
                 pool: Pool | None = None) -> None:
        self.m, self.params, self.deadline = m, params, deadline
        self.on_progress, self.started = on_progress, started
        self.base = cp_model.CpModel()
        self.base.proto.copy_from(m.cp.proto)
        self.base.proto.clear_solution_hint()
        self.hood = Neighbourhoods(m, pool)
        self.kinds = self.hood.kinds()
        self.values, self.objective, self.version = list(values), objective, 0
        self.bound = bound
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.error: BaseException | None = None
        self.round_limit = params.lns.round
        self.stalled = 0  # rounds in a row without a better plan
        self.escalations = 0

    def done(self) -> bool:
        """Out of time, stopped, or the incumbent meets the bound."""
        if self.stop.is_set() or time.monotonic() >= self.deadline - 0.02:
            return True
        return self.bound is not None and self.objective <= self.bound

    def worker(self, seed: int) -> None:
        """Rounds until done; an exception stops every thread and is raised again by `improve`."""
        rng = random.Random(seed)
        try:
            while not self.done():
                self._round(rng)
        except BaseException as exc:  # noqa: BLE001 - handed to the calling thread
            self.error = exc
            self.stop.set()

    def _round(self, rng: random.Random) -> None:
        with self.lock:
            values, version = self.values, self.version
            kind = self._pick(rng)
        tables: list = []
        if kind.name == "columns":
            mask, tables = self.hood.columns(kind.size, rng, values)
        else:
            mask = self.hood.free(kind.name, kind.size, rng, values)
        sub = self._sub_model(values, mask)
        for variables, rows in tables:
            table = sub.proto.constraints.add().table
            table.vars.extend(variables)
            table.values.extend(v for row in rows for v in row)
        solver = cp_model.CpSolver()
        sp = solver.parameters
        sp.num_workers = 1
        sp.linearization_level = 2  # small models: the full LP relaxation proves rounds several times faster
        sp.random_seed = rng.randrange(1 << 30)
        left = self.deadline - time.monotonic()
        if self.params.lns.deterministic:
            sp.max_deterministic_time = self.round_limit
            sp.max_time_in_seconds = max(0.01, left)
        else:
            sp.max_time_in_seconds = max(0.01, min(self.round_limit, left))
        status = solver.solve(sub)
        solved = status == cp_model.OPTIMAL
        found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        with self.lock:
            kind.rounds += 1
            kind.adapt(solved)
            obj = solver.objective_value if found else self.objective
            better = obj < self.objective
            self._escalate(better)
            if not found:
                return
            if better or (obj == self.objective and version == self.version):
                self.values = list(solver.response_proto.solution)
                self.objective = obj
                self.version += 1
                if better:
                    kind.improved += 1
                    self.hood.remember(self.values)
                    if self.on_progress:
                        report(self.on_progress, obj, self.bound if self.bound is not None else obj, self.started)

    def _escalate(self, better: bool) -> None:
        """Double the round limit after `LnsParams.stall` rounds in a row without a better plan (up to
        `round_max`); back to `round` on a better plan. Called under the lock."""
        lp = self.params.lns
        if better:
            self.stalled, self.round_limit = 0, lp.round
        elif lp.stall:
            self.stalled += 1
            if self.stalled >= lp.stall and self.round_limit < lp.round_max:
                self.stalled, self.escalations = 0, self.escalations + 1
                self.round_limit = min(lp.round_max, 2 * self.round_limit)

    def _pick(self, rng: random.Random) -> _Kind:
        """A kind drawn with weight 1 + its share of improvements (kinds that pay are drawn more)."""
        weights = [1.0 + 4.0 * k.improved / max(1, k.rounds) for k in self.kinds]
        return rng.choices(self.kinds, weights)[0]

    def _sub_model(self, values: list[int], free: np.ndarray) -> cp_model.CpModel:
        """The model with every decision variable outside `free` fixed, the incumbent hinted."""
        sub = cp_model.CpModel()
        proto = sub.proto
        proto.copy_from(self.base.proto)
        fixed = self.hood.var[~free]
        vals = np.asarray(values, dtype=np.int64)[fixed]
        for want, group in ((1, fixed[vals == 1]), (0, fixed[vals == 0])):
            if len(group):
                row = proto.constraints.add().linear
                row.vars.extend(group.tolist())
                row.coeffs.extend([1] * len(group))
                total = want * len(group)
                row.domain.extend([total, total])
        hint = proto.solution_hint
        hint.vars.extend(range(len(values)))
        hint.values.extend(values)
        return sub


def improve(m: RosterModel, best: Result, params: SolveParams, on_progress: Progress | None,
            started: float, pool: Pool | None = None) -> Result:
    """Improve a feasible `best` by neighbourhood search until the search's end; `pool` (whole
    schedules per employee position, e.g. from column generation) adds the `columns` neighbourhoods.

    The bound of `best` is kept; Ctrl-C stops the search and keeps the best plan found.
    """
    deadline = started + params.search_end
    left = deadline - time.monotonic()
    if left < 0.2 or best.objective is None:
        return best
    values = _hinted(m, best)
    if values is None:
        priced = complete_hint(m, best.assignments, max(0.5, 0.1 * left), params.seed)
        if priced is None:
            return best
        solver, _ = priced
        values = list(solver.response_proto.solution)
        objective = solver.objective_value
    else:
        objective = best.objective
    search = _Search(m, values, objective, best.best_bound, params, deadline, on_progress, started, pool)
    workers = [threading.Thread(target=search.worker, args=(params.seed * 1000 + i,), daemon=True)
               for i in range(threads(params))]
    for t in workers:
        t.start()
    try:
        while any(t.is_alive() for t in workers):
            for t in workers:
                t.join(0.1)
    except KeyboardInterrupt:
        search.stop.set()
        for t in workers:
            t.join()
    if search.error is not None:
        raise search.error
    log.info("engine LNS: %s; round limit %.1f s after %d escalations", tally(search.kinds),
             search.round_limit, search.escalations)
    plan = [(m.problem.employees[ei].id, m.problem.shifts[si].id)
            for (ei, si), x in m.x.items() if search.values[x.index]]
    if set(plan) == set(best.assignments):
        return best  # nothing moved: no need to price it again (seconds on a large model)
    priced = complete_hint(m, plan, 10.0, params.seed)
    if priced is None:
        return best
    final = read_result(m, *priced, started)
    if final.cost() > best.cost():
        return best
    return settle(final, best.best_bound)


def _hinted(m: RosterModel, best: Result) -> list[int] | None:
    """Every variable's value for `best` when the model's hint already holds it completely (the plan
    was just priced by `complete_hint`), else None: pricing a large model again takes seconds."""
    proto = m.cp.proto
    hint = proto.solution_hint
    if best.objective is None or len(hint.vars) != len(proto.variables):
        return None
    values = list(hint.values)
    if list(hint.vars) != list(range(len(values))):
        return None
    ix = m.ix
    chosen = {(ix.emp_pos[e], ix.shift_pos[s]) for e, s in best.assignments}
    if any(values[x.index] != (key in chosen) for key, x in m.x.items()):
        return None
    return values


def tally(kinds: list[_Kind]) -> str:
    """One line for all kinds: improving rounds / rounds, and the final size (for the log)."""
    return ", ".join(f"{k.name} {k.improved}/{k.rounds} at {k.size:.1f}" for k in kinds)

