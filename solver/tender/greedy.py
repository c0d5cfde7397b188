"""A quick constructive plan used as the first hint of stage 1.

Items by due week, steps in routing order, earliest weeks first, cheapest resources first. It is
conservative (the transfer lag is applied to every hand-off, even within a member) and respects
capacity, release, unsplittable steps, max members and min batch; the solver improves it.
"""
from __future__ import annotations

from collections import defaultdict

from .index import Index


def _routing_order(ix: Index, item: str) -> list[str]:
    steps = [s for s, st in ix.steps.items() if st.item == item]
    done: set[str] = set()
    order: list[str] = []
    while len(order) < len(steps):
        for s in steps:
            if s not in done and all(p in done for p in ix.steps[s].predecessors):
                done.add(s)
                order.append(s)
    return order


def greedy_units(ix: Index) -> dict[tuple[str, str, int], int]:
    """(step, resource, week) -> units of a feasible-by-construction (if partial) plan."""
    left = {k: ix.cap_reg.get(k, 0) + ix.cap_ot.get(k, 0) for k in set(ix.cap_reg) | set(ix.cap_ot)}
    made: dict[str, list[int]] = defaultdict(lambda: [0] * ix.horizon)
    units: dict[tuple[str, str, int], int] = {}

    def ready(s: str, w: int) -> int:
        """Units of s whose predecessors are all done by week w (minus the predecessor's lag)."""
        out = ix.quantity(s)
        for p in ix.steps[s].predecessors:
            lag = ix.steps[p].transfer_lag_weeks
            out = min(out, sum(made[p][: max(0, w - lag + 1)]))
        return out

    def plan(s: str, resources: list[str], commit: bool) -> int:
        step, q, done = ix.steps[s], ix.quantity(s), 0
        members: set[str] = set()
        taken: dict[tuple[str, int], int] = defaultdict(int)
        for w in range(ix.window(s)[0], ix.horizon):
            for r in resources:
                can = ready(s, w) - done
                if can <= 0:
                    break
                m = ix.member_of(r)
                if w not in ix.weeks[s, r] or (step.max_members and m not in members
                                               and len(members) >= step.max_members):
                    continue
                room = left.get((r, w), 0) - taken[r, w] - ix.setup[s, r]
                n = min(can, room // max(1, ix.minutes[s, r]))
                rest = q - done - n
                if step.min_batch and 0 < rest < step.min_batch:
                    n -= step.min_batch - rest  # leave a last batch that is still large enough
                if n <= 0 or n < min(step.min_batch, q):
                    continue
                taken[r, w] += n * ix.minutes[s, r] + ix.setup[s, r]
                members.add(m)
                done += n
                if commit:
                    units[s, r, w] = n
                    made[s][w] += n
        if commit:
            for k, v in taken.items():
                left[k] -= v
        return done

    items = sorted(ix.items, key=lambda i: (ix.lots[ix.items[i].lot].due_week, i))
    for item in items:
        for s in _routing_order(ix, item):
            rs = sorted(ix.eligible[s], key=lambda r: (ix.unit_cost[s, r], r))
            if ix.steps[s].splittable:
                plan(s, rs, True)
            elif rs:
                best = max(rs, key=lambda r: (plan(s, [r], False), -rs.index(r)))
                plan(s, [best], True)
    return units
