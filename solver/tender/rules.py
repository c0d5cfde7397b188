"""Hard rules of the tender model: one function per rule, listed in ``TENDER_RULES`` under a stable id
and a label a tender manager understands. ``TenderModel`` applies them in this order."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

if TYPE_CHECKING:
    from .model import TenderModel


@dataclass(frozen=True)
class Rule:
    """A rule: ``apply(model)`` adds its constraints; ``members`` rules need the member-usage variables
    and are left out when no stage and no step asks for members."""

    id: str
    label: str
    apply: Callable[[TenderModel], None]
    members: bool = False


def units(tm: TenderModel) -> None:
    """Every step makes its item's quantity, or the rest is missing (stage 1 penalises it)."""
    for s in tm.ix.steps:
        xs, miss, q = tm.x_of_step(s), tm.missing[s], tm.ix.quantity(s)
        if q == 1:
            tm.m.add_exactly_one(xs + [miss])  # tight form for one-unit items (GAP)
        else:
            tm.m.add(sum(xs) + miss == q)


def setup_and_min_batch(tm: TenderModel) -> None:
    """Setup once per (step, resource, week) used; at least ``min_batch`` units when used."""
    ix = tm.ix
    for (s, r, w), v in tm.x.items():
        step = ix.steps[s]
        if not ix.setup[s, r] and not step.min_batch:
            continue
        q = ix.quantity(s)
        b = v if q == 1 else tm.new_var(0, 1, f"batch_{s}_{r}_w{w}")
        if b is not v:
            tm.m.add(v <= tm.ub[s, r, w] * b)
            tm.m.add(v >= max(1, min(step.min_batch, q)) * b)
        tm.batch[s, r, w] = b


def capacity(tm: TenderModel) -> None:
    """Run + setup minutes per resource-week within regular + overtime (up to its max)."""
    ix = tm.ix
    terms = defaultdict(list)
    for (s, r, w), v in tm.x.items():
        terms[r, w].append((ix.minutes[s, r], v, tm.ub[s, r, w]))
    for (s, r, w), b in tm.batch.items():
        if ix.setup[s, r]:
            terms[r, w].append((ix.setup[s, r], b, 1))
    for (r, w), triples in terms.items():
        load = cp_model.LinearExpr.weighted_sum([v for _, v, _ in triples], [c for c, _, _ in triples])
        tm.load[r, w] = load
        reg, ot = ix.cap_reg.get((r, w), 0), ix.cap_ot.get((r, w), 0)
        if sum(c * ub for c, _, ub in triples) <= reg:
            continue  # can never exceed regular capacity
        if ot:
            tm.overtime[r, w] = o = tm.new_var(0, ot, f"overtime_{r}_w{w}")
            tm.m.add(load <= reg + o)
        else:
            tm.m.add(load <= reg)


def unsplittable(tm: TenderModel) -> None:
    """One resource makes all units of an unsplittable step."""
    for s, step in tm.ix.steps.items():
        rs = tm.ix.eligible[s]
        # a one-unit step is on one resource anyway (units rule)
        if not step.splittable and len(rs) > 1 and tm.ix.quantity(s) > 1:
            tm.m.add_at_most_one(tm.used(s, r) for r in rs)


def max_members(tm: TenderModel) -> None:
    """At most ``max_members`` members make units of the step."""
    for s, step in tm.ix.steps.items():
        mus = [tm.member_used[s, p] for p in tm.members_of(s)]
        if step.max_members and len(mus) > step.max_members:
            tm.m.add(sum(mus) <= step.max_members)


def team(tm: TenderModel) -> None:
    """The members doing any work, plus the mandataire (always in); at most ``max_size`` members."""
    ix, team_rules = tm.ix, tm.ix.problem.team
    work = defaultdict(list)
    for (_, p), mu in tm.member_used.items():
        work[p].append(mu)
    for p in ix.members:
        t = tm.new_var(0, 1, f"team_{p}")
        tm.team[p] = t
        for mu in work[p]:
            tm.m.add(t >= mu)
        if p == team_rules.mandataire:
            tm.m.add(t == 1)
        else:
            tm.m.add(t <= sum(work[p]))
    # Cut (valid in every plan, tight in the LP): a member's load fits in its capacity only when it is in.
    loads = defaultdict(list)
    for (r, w), load in tm.load.items():
        loads[ix.member_of(r)].append((load, ix.cap_reg.get((r, w), 0) + ix.cap_ot.get((r, w), 0)))
    for p, rows in loads.items():
        if p in tm.team:
            tm.m.add(sum(load for load, _ in rows) <= sum(cap for _, cap in rows) * tm.team[p])
    if team_rules.max_size and len(tm.team) > team_rules.max_size:
        tm.m.add(sum(tm.team.values()) <= team_rules.max_size)


def precedence(tm: TenderModel) -> None:
    """Units of a successor done by week w are covered by units of the predecessor done by w at the same
    member, or by w - lag at another member. Same-member units are reserved explicitly (reserve_*,
    serve_*), so the pooled rest obeys the lag for every possible hand-off."""
    ix = tm.ix
    for t, step in ix.steps.items():
        for s in step.predecessors:
            lag = ix.steps[s].transfer_lag_weeks
            common = sorted(set(tm.members_of(s)) & set(tm.members_of(t))) if lag else []
            reserve: dict[tuple[str, int], cp_model.IntVar] = {}
            serve: dict[tuple[str, int], cp_model.IntVar] = {}
            for p in common:
                for w in range(ix.horizon):
                    reserve[p, w] = _reserved(tm, f"reserve_{s}_{p}", s, p, w, reserve)
                    serve[p, w] = _reserved(tm, f"serve_{t}_{p}", t, p, w, serve)
                    tm.m.add(serve[p, w] <= reserve[p, w])
            for w in range(ix.horizon):
                if not lag:
                    tm.m.add(tm.cum(t, w) <= tm.cum(s, w))
                    continue
                served = sum(serve[p, w] for p in common)
                pooled = tm.cum(s, w - lag) - sum(reserve[p, w - lag] for p in common if w >= lag)
                tm.m.add(tm.cum(t, w) - served <= pooled)


def _reserved(tm: TenderModel, name: str, s: str, p: str, w: int,
              chain: dict[tuple[str, int], cp_model.IntVar]) -> cp_model.IntVar:
    """Cumulative units of ``s`` at member ``p`` set aside by week ``w`` (at most what ``p`` made)."""
    v = tm.new_var(0, tm.ix.quantity(s), f"{name}_w{w}")
    prev = chain.get((p, w - 1), 0)
    tm.m.add(v >= prev)
    tm.m.add(v - prev <= sum(tm.x_at(s, p, w)))
    return v


def deadlines(tm: TenderModel) -> None:
    """Due week and milestones (soft, stage 1): short = units of the item's last step not done by week w,
    for every week from the deadline on, so that a unit late by k weeks counts k times."""
    ix = tm.ix
    for item, dues in ix.deadlines.items():
        for f in ix.finals.get(item, ()):
            for k, (week, qty) in enumerate(dues):
                for w in range(week, ix.horizon):
                    v = tm.new_var(0, qty, f"short_{f}_d{k}_w{w}")
                    tm.m.add(v >= qty - tm.cum(f, w))
                    tm.short[f, k, w] = v


TENDER_RULES: tuple[Rule, ...] = (
    Rule("units", "every unit ordered is made, or counted as missing", units),
    Rule("setup_and_min_batch", "a setup each week a resource runs a step, and at least the minimum batch",
         setup_and_min_batch),
    Rule("capacity", "within each resource's weekly hours and allowed overtime", capacity),
    Rule("unsplittable", "an unsplittable step stays on one resource", unsplittable),
    Rule("max_members", "no more members on a step than it allows", max_members, members=True),
    Rule("team", "the mandataire is in the team, which has at most its maximum size", team, members=True),
    Rule("precedence", "a step works only on parts its predecessor finished, with transfer weeks between "
         "members", precedence),
    Rule("deadlines", "units delivered after the due week or a milestone count as late", deadlines),
)
