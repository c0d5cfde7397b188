"""An independent scorer of tender plans: the cost and the hard rules, recomputed from the problem's plain
data and the plan's allocation lines (nothing from the solver's index, model or objective terms)."""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

from ortools.graph.python import max_flow

from solver.tender import TenderProblem, TenderResult


@dataclass(frozen=True)
class Score:
    """``cents``: exact cost of the plan (a fraction of a cent where minutes x hourly rates do not divide);
    ``violations``: one line per broken hard rule (empty for a valid, whole, on-time plan)."""

    cents: Fraction
    violations: tuple[str, ...]


def _minutes_per_unit(problem: TenderProblem, step, res) -> tuple[int, Fraction]:
    """Minutes and cost (cents) of one unit of ``step`` on ``res``."""
    for o in problem.overrides:
        if o.step == step.id and o.resource == res.id:
            cost = Fraction(o.cost_cents_per_unit) if o.cost_cents_per_unit is not None else \
                Fraction(o.minutes_per_unit * res.rate_cents, 60)
            return o.minutes_per_unit, cost
    minutes = math.ceil(step.run_minutes * 100 / res.efficiency_pct)
    return minutes, Fraction(minutes * res.rate_cents, 60)


def _holds(problem: TenderProblem, member: str, code: str, level: int, week: int) -> bool:
    return any(c.member == member and c.code == code and c.level >= level and c.first_week <= week
               and (c.last_week is None or week <= c.last_week) for c in problem.certificates)


def _precedence_ok(made_s: dict, made_t: dict, lag: int) -> bool:
    """Every unit of the successor made at member q in week w has its own predecessor unit, made at q by
    week w or elsewhere by week w - lag (a bipartite matching, checked with a max flow)."""
    supply = [(p, w, n) for (p, w), n in made_s.items() if n]
    demand = [(q, w, n) for (q, w), n in made_t.items() if n]
    flow = max_flow.SimpleMaxFlow()
    source, sink = 0, 1 + len(supply) + len(demand)
    for i, (_, _, n) in enumerate(supply):
        flow.add_arc_with_capacity(source, 1 + i, n)
    for j, (q, w, n) in enumerate(demand):
        flow.add_arc_with_capacity(1 + len(supply) + j, sink, n)
        for i, (p, w1, m) in enumerate(supply):
            if w1 <= (w if p == q else w - lag):
                flow.add_arc_with_capacity(1 + i, 1 + len(supply) + j, m)
    flow.solve(source, sink)
    return flow.optimal_flow() == sum(n for _, _, n in demand)


def score(problem: TenderProblem, result: TenderResult) -> Score:
    steps = {s.id: s for s in problem.steps}
    items = {i.id: i for i in problem.items}
    lots = {lot.id: lot for lot in problem.lots}
    res = {r.id: r for r in problem.resources}
    rows = {(c.resource, c.week): c for c in problem.capacities}
    bad: list[str] = []
    cents = Fraction(0)
    load: dict[tuple[str, int], int] = defaultdict(int)
    units: dict[str, int] = defaultdict(int)
    made: dict[str, dict[tuple[str, int], int]] = defaultdict(lambda: defaultdict(int))
    on: dict[str, set[str]] = defaultdict(set)
    members: dict[str, set[str]] = defaultdict(set)
    for a in result.allocations:
        step, r = steps[a.step], res[a.resource]
        lot = lots[items[step.item].lot]
        where = f"{a.step} on {a.resource} week {a.week}"
        if step.process not in r.processes or (step.allowed_resources is not None
                                               and r.id not in step.allowed_resources):
            bad.append(f"{where}: resource not eligible")
        if r.member in problem.team.excluded:
            bad.append(f"{where}: member excluded")
        if a.week < lot.release_week or (r.id, a.week) not in rows:
            bad.append(f"{where}: before release or no capacity row")
        for req in step.certificates:
            if not _holds(problem, r.member, req.code, req.min_level, a.week):
                bad.append(f"{where}: no valid {req.code}>={req.min_level}")
        if a.units < min(step.min_batch, items[step.item].quantity):
            bad.append(f"{where}: {a.units} units below the minimum batch")
        minutes, unit_cost = _minutes_per_unit(problem, step, r)
        setup = step.setup_minutes + r.setup_minutes
        cents += a.units * unit_cost + Fraction(setup * r.rate_cents, 60)
        load[r.id, a.week] += a.units * minutes + setup
        units[a.step] += a.units
        made[a.step][r.member, a.week] += a.units
        on[a.step].add(r.id)
        members[a.step].add(r.member)
    for (rid, w), minutes in load.items():
        row, r = rows.get((rid, w)), res[rid]
        regular = max(0, r.units * row.available_minutes - row.committed_minutes) if row else 0
        overtime = r.units * row.max_overtime_minutes if row else 0
        if minutes > regular + overtime:
            bad.append(f"{rid} week {w}: load {minutes} > {regular} + {overtime} minutes")
        cents += Fraction(max(0, minutes - regular) * max(0, r.overtime_rate_cents - r.rate_cents), 60)
    transfer = {(t.from_member, t.to_member): t.cents for t in problem.transfers}
    finals = {s.id for s in problem.steps} - {p for s in problem.steps for p in s.predecessors}
    for s in problem.steps:
        q = items[s.item].quantity
        if units[s.id] != q:
            bad.append(f"{s.id}: {units[s.id]} units made of {q}")
        if not s.splittable and len(on[s.id]) > 1:
            bad.append(f"{s.id}: unsplittable step on {len(on[s.id])} resources")
        if s.max_members and len(members[s.id]) > s.max_members:
            bad.append(f"{s.id}: {len(members[s.id])} members > {s.max_members}")
        for p in s.predecessors:
            cents += sum(transfer.get((a, b), problem.default_transfer_cents)
                         for a in members[p] for b in members[s.id] if a != b)
            if not _precedence_ok(made[p], made[s.id], steps[p].transfer_lag_weeks):
                bad.append(f"{p} -> {s.id}: units worked before their predecessor was done")
        if s.id in finals:
            deadlines = [(lots[items[s.item].lot].due_week, q)]
            deadlines += [(m.week, m.quantity) for m in problem.milestones if m.item == s.item]
            for week, need in deadlines:
                done = sum(n for (_, w), n in made[s.id].items() if w <= week)
                if done < need:
                    bad.append(f"{s.id}: {done} of {need} units by week {week}")
    team = set().union(*members.values())
    if problem.team.mandataire:
        team.add(problem.team.mandataire)
    if problem.team.max_size and len(team) > problem.team.max_size:
        bad.append(f"team of {len(team)} > {problem.team.max_size}")
    cents += len(team) * problem.coordination_cents
    return Score(cents, tuple(bad))
