"""Read a solution back as plain results: allocations, loads, costs, team and lot outcomes."""
from __future__ import annotations

from collections import defaultdict

from .index import MONEY_SCALE, Index
from .result import Allocation, Costs, LotOutcome, ResourceLoad


def units_of(solved) -> dict:
    """(step, resource, week) -> units > 0 in the kept solution."""
    solver, x = solved.solver, solved.model.x
    return {k: int(solver.value(v)) for k, v in x.items() if solver.value(v)}


def allocations(ix: Index, units: dict) -> tuple[list[Allocation], list[ResourceLoad]]:
    """Allocation lines (regular minutes filled first, in line order) and resource-week loads."""
    lines = defaultdict(list)
    for (s, r, w), n in sorted(units.items(), key=lambda kv: (kv[0][2], kv[0][1], kv[0][0])):
        lines[r, w].append((s, n, n * ix.minutes[s, r] + ix.setup[s, r]))
    allocs, loads = [], []
    for (r, w), rows in sorted(lines.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        reg_left = ix.cap_reg.get((r, w), 0)
        member = ix.member_of(r)
        for s, n, minutes in rows:
            reg = min(reg_left, minutes)
            reg_left -= reg
            item = ix.steps[s].item
            allocs.append(Allocation(s, item, ix.items[item].lot, r, member, w, n, minutes, reg, minutes - reg))
        loads.append(ResourceLoad(r, member, w, sum(m for _, _, m in rows), ix.cap_reg.get((r, w), 0),
                                  ix.cap_ot.get((r, w), 0)))
    return allocs, loads


def team_of(ix: Index, units: dict) -> tuple[str, ...]:
    members = {ix.member_of(r) for (_, r, _) in units}
    if ix.problem.team.mandataire:
        members.add(ix.problem.team.mandataire)
    return tuple(sorted(members))


def costs(ix: Index, units: dict, loads: list[ResourceLoad], team: tuple[str, ...]) -> Costs:
    """Costs recomputed from the plan (independent of the objective terms), rounded to the cent."""
    labour = sum(n * ix.unit_cost[s, r] for (s, r, _), n in units.items())
    setup = sum(ix.setup[s, r] * ix.resources[r].rate_cents for (s, r, _) in units)
    premium = 0
    for load in loads:
        res = ix.resources[load.resource]
        premium += load.overtime_minutes * max(0, res.overtime_rate_cents - res.rate_cents)
    members = defaultdict(set)
    for (s, r, _) in units:
        members[s].add(ix.member_of(r))
    transport = sum(
        ix.transfer_cost(p, q)
        for t, step in ix.steps.items() for s in step.predecessors
        for p in members[s] for q in members[t] if p != q
    )
    coordination = len(team) * ix.problem.coordination_cents * MONEY_SCALE
    return Costs(*(round(v / MONEY_SCALE) for v in (labour, setup, premium, transport, coordination)))


def lot_outcomes(ix: Index, units: dict) -> list[LotOutcome]:
    """Per lot: units never made, their standard minutes, and unit-weeks short of deadlines."""
    made: dict[str, list[int]] = defaultdict(lambda: [0] * ix.horizon)
    for (s, _, w), n in units.items():
        made[s][w] += n
    out = []
    for lot in ix.lots:
        miss_units = miss_min = late = 0
        for item in (i for i in ix.items.values() if i.lot == lot):
            for s in (sid for sid, st in ix.steps.items() if st.item == item.id):
                gap = item.quantity - sum(made[s])
                miss_min += gap * ix.steps[s].run_minutes
            miss_units += max((item.quantity - sum(made[f]) for f in ix.finals.get(item.id, ())), default=0)
            for f in ix.finals.get(item.id, ()):
                cum = 0
                cums = []
                for w in range(ix.horizon):
                    cum += made[f][w]
                    cums.append(cum)
                for week, qty in ix.deadlines[item.id]:
                    late += sum(max(0, qty - cums[w]) for w in range(week, ix.horizon))
        out.append(LotOutcome(lot, miss_min == 0 and late == 0, miss_units, miss_min, late))
    return out
