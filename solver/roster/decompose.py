"""Independent parts of a problem, solved one by one (`SolveParams.decompose`).

Employees and shifts are linked by every term that involves both: an eligible (or pinned) pair, a
demand or a consistency set over several shifts, an employee's requests, a published (reference)
pair. The connected components of these links share no variable and no constraint; only the group
fairness and the balance terms span them, and both are >= 0. So each component (or a batch of small
ones) is solved as a problem of its own without those two terms; the sum of the parts' bounds is a
bound of the whole, and the union of the parts' plans, priced on the whole model (fairness and balance
included), is its plan. When neither term is set the decomposition is exact: the parts proved
optimal make the whole optimal.

A weekly allocation of 1,000 employees falls into hundreds of parts (skills and regions do not mix),
the largest a sixth of the whole; CP-SAT on the whole model proves much less in the same time.
"""
from __future__ import annotations

import time

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from .build import build
from .data import Problem
from .index import Index
from .params import SolveParams
from .result import Progress, Result, settle
from .search.run import price, report, run

BATCH_PAIRS = 400  # parts smaller than this (in eligible pairs) are solved together in batches


@dataclass(frozen=True, slots=True)
class Part:
    """A sub-problem: positions of its employees and shifts in the whole, and its eligible pairs."""

    employees: tuple[int, ...]
    shifts: tuple[int, ...]
    pairs: int


def components(problem: Problem, index: Index | None = None) -> list[Part]:
    """The connected components of the problem's links (see the module docstring), largest first.

    Every employee and every shift is in exactly one part (an employee with no eligible shift, a shift
    nobody may take, each alone).
    """
    ix = index or Index(problem)
    n_emp = len(problem.employees)
    parent = list(range(n_emp + len(problem.shifts)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def link(nodes: Iterable[int]) -> None:
        nodes = list(nodes)
        for b in nodes[1:]:
            ra, rb = find(nodes[0]), find(b)
            if ra != rb:
                parent[rb] = ra

    shift = {sid: n_emp + si for sid, si in ix.shift_pos.items()}
    for ei, keep in enumerate(ix.eligible):
        link([ei, *(n_emp + si for si in keep)])
    for d in problem.demands:
        link(shift[s] for s in d.shifts)
    for c in problem.consistency:
        link(shift[s] for s in c.shifts)
    for r in problem.requests:
        link([ix.emp_pos[r.employee], *(shift[s] for s in r.shifts)])
    for e, s in problem.reference:
        link([ix.emp_pos[e], shift[s]])
    emps: dict[int, list[int]] = {}
    shifts: dict[int, list[int]] = {}
    for ei in range(n_emp):
        emps.setdefault(find(ei), []).append(ei)
    for si in range(len(problem.shifts)):
        shifts.setdefault(find(n_emp + si), []).append(si)
    roots = sorted(set(emps) | set(shifts))
    parts = [Part(tuple(emps.get(r, ())), tuple(shifts.get(r, ())),
                  sum(len(ix.eligible[ei]) for ei in emps.get(r, ()))) for r in roots]
    return sorted(parts, key=lambda p: (-p.pairs, -len(p.shifts), p.employees, p.shifts))


def batches(parts: list[Part], size: int | None = None) -> list[Part]:
    """Parts of at least `size` pairs (default `BATCH_PAIRS`) alone, the smaller ones merged into
    batches of about `size`: one CP-SAT run per batch, not per part."""
    size = BATCH_PAIRS if size is None else size
    out = [p for p in parts if p.pairs >= size]
    emps: list[int] = []
    shifts: list[int] = []
    pairs = 0
    for p in (p for p in parts if p.pairs < size):
        emps += p.employees
        shifts += p.shifts
        pairs += p.pairs
        if pairs >= size:
            out.append(Part(tuple(emps), tuple(shifts), pairs))
            emps, shifts, pairs = [], [], 0
    if emps or shifts:
        out.append(Part(tuple(emps), tuple(shifts), pairs))
    return out


def sub_problem(problem: Problem, part: Part, first: bool = False) -> Problem:
    """The part as a problem of its own, without the terms that span parts (fairness, balance).

    Demands over no shift (a constant shortfall) go to the `first` part."""
    p = problem
    emps = [p.employees[ei] for ei in part.employees]
    ids = {e.id for e in emps}
    sids = {p.shifts[si].id for si in part.shifts}

    def both(pairs):
        return tuple(x for x in pairs if x[0] in ids and x[1] in sids)

    return replace(
        p,
        shifts=tuple(p.shifts[si] for si in part.shifts),
        # eligible shifts outside the part are forbidden ones or on days off: they have no variable
        employees=tuple(e if e.eligible is None else replace(e, eligible=e.eligible & sids) for e in emps),
        demands=tuple(d for d in p.demands if (d.shifts[0] in sids if d.shifts else first)),
        requests=tuple(r for r in p.requests if r.employee in ids),
        costs=tuple(c for c in p.costs if c.employee in ids and c.shift in sids),
        groups=(),
        fairness_weight=0,
        consistency=tuple(c for c in p.consistency if c.shifts and c.shifts[0] in sids),
        pinned=both(p.pinned),
        forbidden=both(p.forbidden),
        reference=both(p.reference),
        balance=None,
    )


def can_split(problem: Problem) -> bool:
    """True when the terms that span parts cannot be negative (so the parts' bounds add up to one)."""
    return problem.fairness_weight >= 0


Solve = Callable[..., Result]


def solve_parts(problem: Problem, params: SolveParams, parts: list[Part], solve: Solve, seconds: float,
                hint: Iterable[tuple[str, str]] | None) -> tuple[list[tuple[str, str]], float | None, str]:
    """Solve each part with `solve` (the engine's entry point, decomposition off) within `seconds`.

    The smallest parts first, each with its share of the time left by pairs; the time a part does not
    use goes to the next ones. Returns the union of the parts' plans, the sum of their bounds (None if
    one has none) and "INFEASIBLE" when a part is, else "OK" (or "STOPPED" after Ctrl-C). A part with
    no plan in time takes the caller's hint for its employees.
    """
    start = time.monotonic()
    sub_params = replace(params, decompose=False, phases=replace(params.phases, reserve=0.0))
    emp_of = {e.id: ei for ei, e in enumerate(problem.employees)}
    hinted: dict[int, list[tuple[str, str]]] = {}
    for e, s in hint or ():
        hinted.setdefault(emp_of[e], []).append((e, s))
    order = sorted(parts, key=lambda p: p.pairs)
    left_pairs = sum(p.pairs for p in order)
    plan: list[tuple[str, str]] = []
    bound: float | None = 0.0
    status = "OK"
    for k, part in enumerate(order):
        own = [x for ei in part.employees for x in hinted.get(ei, ())]
        if status == "STOPPED":
            plan += own
            bound = None
            continue
        left = seconds - (time.monotonic() - start)
        budget = max(0.05, left * part.pairs / left_pairs) if left_pairs else 0.05
        left_pairs -= part.pairs
        sub = sub_problem(problem, part, first=k == 0)
        try:
            result = solve(sub, replace(sub_params, time_limit=budget), hint=own or None)
        except KeyboardInterrupt:
            status, bound = "STOPPED", None
            plan += own
            continue
        if result.status == "INFEASIBLE":
            return [], None, "INFEASIBLE"
        plan += list(result.assignments) if result.is_feasible() else own
        if result.best_bound is None or bound is None:
            bound = None
        else:
            bound += result.best_bound
        if _interrupted(result, params, budget):
            status = "STOPPED"
    return plan, bound, status


def _interrupted(result: Result, params: SolveParams, budget: float) -> bool:
    """A part that stopped well before its time without proving anything was stopped by Ctrl-C
    (CP-SAT catches the signal and returns its best plan)."""
    if result.status in ("OPTIMAL", "INFEASIBLE") or result.runtime >= 0.5 * budget:
        return False
    gap_limit = params.cp_sat.relative_gap
    return gap_limit is None or result.gap is None or result.gap > gap_limit


def solve_decomposed(problem: Problem, params: SolveParams, hint: Iterable[tuple[str, str]] | None,
                     on_progress: Progress | None, solve: Solve, started: float) -> Result | None:
    """The problem solved part by part (see the module docstring), or None when it does not split
    (one part, or a negative fairness weight) or the parts' plan cannot be priced.

    The whole model is built first (to price the union of the parts' plans, fairness and balance
    included); a price budget is kept for it at the end. Time the parts leave (all proved optimal
    early) goes to CP-SAT on the whole model, warm-started from that plan; the better bound is kept.
    """
    if not can_split(problem):
        return None
    ix = Index(problem)
    parts = batches(components(problem, ix))
    if len(parts) < 2:
        return None
    m = build(problem, ix, params.runs)
    price_budget = max(params.phases.price_least, params.phases.price * params.time_limit)
    seconds = params.search_end - (time.monotonic() - started) - price_budget
    plan, bound, status = solve_parts(problem, params, parts, solve, seconds, hint)
    if status == "INFEASIBLE":
        return Result("INFEASIBLE", None, None, time.monotonic() - started, labels=m.labels)
    priced = price(m, plan, price_budget, params.seed, started)
    if priced is None:
        return None
    result = settle(priced, bound)
    if on_progress is not None and result.objective is not None:
        report(on_progress, result.objective, 0.0 if result.best_bound is None else result.best_bound, started)
    left = params.search_end - (time.monotonic() - started)
    close = result.gap is not None and result.gap <= (params.cp_sat.relative_gap or 0.0)
    if status == "STOPPED" or result.status == "OPTIMAL" or left < 1.0 or close:
        return result
    whole = run(m, params, on_progress, started, left)
    bounds = [b for b in (bound, whole.best_bound) if b is not None]
    best = whole if whole.cost() < result.cost() else result
    return settle(best, max(bounds) if bounds else None)
