"""Objective terms per stage, each named after its rule and subject.

Stage 1 ``service`` (weighted minutes): missing standard minutes and late unit-weeks.
Stage 2 ``cost`` (1/60 cent): labour, setup, overtime premium, transport, coordination.
Stage 3 ``robustness`` (points): load above the threshold, spread of load shares, hand-offs.
"""
from __future__ import annotations

from .index import MONEY_SCALE
from .model import TenderModel
from .params import PlanParams
from .terms import Terms

SHARE_SCALE = 1000  # load shares in per mille


def service_terms(tm: TenderModel, params: PlanParams) -> Terms:
    ix, terms = tm.ix, Terms()
    weight = params.missing_weight or ix.horizon + 1
    # Missing hours: standard minutes of units never made, weighted above any lateness.
    for s, v in tm.missing.items():
        terms.add("missing_hours", s, v, weight * max(1, ix.steps[s].run_minutes))
    # Lateness: unit-weeks short of a deadline, in standard minutes of the whole item.
    for (f, k, _), v in tm.short.items():
        item = ix.steps[f].item
        terms.add("lateness", f"{item}@{ix.deadlines[item][k][0]}", v, max(1, ix.item_minutes[item]))
    return terms


def handoffs(tm: TenderModel) -> dict:
    """1 per precedence arc and pair of different members doing the two steps (created once)."""
    if tm.handoff is None:
        tm.handoff = {}
        for t, step in tm.ix.steps.items():
            for s in step.predecessors:
                for p in tm.members_of(s):
                    for q in tm.members_of(t):
                        if p != q:
                            h = tm.new_var(0, 1, f"handoff_{s}_{t}_{p}_{q}")
                            tm.m.add(h >= tm.member_used[s, p] + tm.member_used[t, q] - 1)
                            tm.handoff[s, t, p, q] = h
                # A member making units of t without making s receives them from someone else: at least
                # one hand-off into it (valid in every plan, and far tighter in the LP than the pairs).
                for q in tm.members_of(t):
                    into = [tm.handoff[s, t, p, q] for p in tm.members_of(s) if p != q]
                    own = tm.member_used.get((s, q), 0)
                    if into:
                        tm.m.add(sum(into) >= tm.member_used[t, q] - own)
    return tm.handoff


def cost_terms(tm: TenderModel, params: PlanParams) -> Terms:
    ix, terms = tm.ix, Terms()
    # Labour: minutes x hourly rate, or the override's cost per unit.
    for (s, r, _), v in tm.x.items():
        terms.add("labour", s, v, ix.unit_cost[s, r])
    # Setup: setup minutes at the resource's rate, per resource-week used.
    for (s, r, _), b in tm.batch.items():
        terms.add("setup", s, b, ix.setup[s, r] * ix.resources[r].rate_cents)
    # Overtime premium: overtime minutes at (overtime rate - rate).
    for (r, _), v in tm.overtime.items():
        res = ix.resources[r]
        terms.add("overtime_premium", r, v, max(0, res.overtime_rate_cents - res.rate_cents))
    # Transport: per hand-off of an item between two members, from the transfer matrix.
    if tm.member_used and (ix.transfer or ix.problem.default_transfer_cents):
        for (s, t, p, q), h in handoffs(tm).items():
            terms.add("transport", f"{s}->{t} {p}->{q}", h, ix.transfer_cost(p, q))
    # Coordination: a fixed cost per team member, so the team is no larger than needed.
    for p, v in tm.team.items():
        terms.add("coordination", p, v, ix.problem.coordination_cents * MONEY_SCALE)
    return terms


def robustness_terms(tm: TenderModel, params: PlanParams) -> Terms:
    ix, terms = tm.ix, Terms()
    # Overload: minutes of load above `load_threshold_pct` of regular capacity.
    for (r, w), load in tm.load.items():
        limit = ix.cap_reg.get((r, w), 0) * params.load_threshold_pct // 100
        o = tm.new_var(0, ix.cap_reg.get((r, w), 0) + ix.cap_ot.get((r, w), 0), f"overload_{r}_w{w}")
        tm.m.add(o >= load - limit)
        terms.add("overload", f"{r}@{w}", o, params.overload_weight)
    # Fairness: spread (max - min) of team members' load share of their own regular capacity.
    if tm.team and params.fairness_weight:
        hi = tm.new_var(0, 10 * SHARE_SCALE, "fairness_max_share")
        lo = tm.new_var(0, 10 * SHARE_SCALE, "fairness_min_share")
        for p, t in tm.team.items():
            rs = [(r, w) for (r, w) in tm.load if ix.member_of(r) == p]
            cap = sum(ix.cap_reg.get(k, 0) for k in rs)
            if not cap:
                continue
            share = tm.new_var(0, 10 * SHARE_SCALE, f"fairness_share_{p}")
            load = sum(tm.load[k] for k in rs)
            tm.m.add(cap * share <= SHARE_SCALE * load)
            tm.m.add(cap * share >= SHARE_SCALE * load - cap + 1)
            tm.m.add(hi >= share)
            tm.m.add(lo <= share + 10 * SHARE_SCALE * (1 - t))
        spread = tm.new_var(0, 10 * SHARE_SCALE, "fairness_spread")
        tm.m.add(spread >= hi - lo)
        terms.add("fairness", "team", spread, params.fairness_weight)
    # Hand-offs: pairs of members passing an item between two steps.
    if tm.member_used and params.handoff_weight:
        for (s, t, p, q), h in handoffs(tm).items():
            terms.add("handoffs", f"{s}->{t} {p}->{q}", h, params.handoff_weight)
    return terms
