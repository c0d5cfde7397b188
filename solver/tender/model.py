"""CP-SAT variables and hard rules of the tender model, one block per rule.

Decision: ``x[s, r, w]`` units of step ``s`` made on resource ``r`` in week ``w`` (only where eligible:
process, allowed resource, member not excluded, certificates valid that week, capacity, release week).
Every hard rule can be met by producing nothing, so the model is always feasible: shortfalls show up as
``missing`` units and ``short`` deadline units, which stage 1 minimises.
"""
from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from .index import Index


class TenderModel:
    """The CP-SAT model over an ``Index``; objective terms are added by ``objectives``."""

    def __init__(self, ix: Index, needs_members: bool) -> None:
        self.ix = ix
        self.m = cp_model.CpModel()
        self.vars: list = []
        self.x: dict = {}
        self.missing: dict = {}
        self.batch: dict = {}
        self.used: dict = {}
        self.member_used: dict = {}
        self.team: dict = {}
        self.overtime: dict = {}
        self.load: dict = {}
        self.short: dict = {}
        self.handoff: dict | None = None  # created by objectives.handoffs when a stage needs it
        self._cum: dict = {}
        self._x_of = defaultdict(list)  # (s, w) -> vars
        self._x_sm = defaultdict(list)  # (s, member, w) -> vars
        self._rule_units()
        self._rule_setup_and_min_batch()
        self._rule_capacity()
        self._rule_unsplittable()
        if needs_members or any(s.max_members for s in ix.steps.values()):
            self._member_usage()
            self._rule_max_members()
            self._rule_team()
        self._rule_precedence()
        self._rule_deadlines()

    # -- helpers ---------------------------------------------------------------------------------
    def _new(self, lb: int, ub: int, name: str):
        v = self.m.new_bool_var(name) if (lb, ub) == (0, 1) else self.m.new_int_var(lb, ub, name)
        self.vars.append(v)
        return v

    def cum(self, s: str, w: int):
        """Units of step ``s`` done in weeks ``0 .. w`` (a variable chained week by week)."""
        if w < 0:
            return 0
        if (s, w) not in self._cum:
            prev = self.cum(s, w - 1)
            made = sum(self._x_of[s, w])
            if isinstance(prev, int) and isinstance(made, int):
                return 0
            v = self._new(0, self.ix.quantity(s), f"cum_{s}_w{w}")
            self.m.add(v == prev + made)
            self._cum[s, w] = v
        return self._cum[s, w]

    def members_of(self, s: str) -> list[str]:
        return sorted({self.ix.member_of(r) for r in self.ix.eligible[s]})

    # -- rules -----------------------------------------------------------------------------------
    def _rule_units(self) -> None:
        # Units: every step makes its item's quantity, or the rest is missing (stage 1 penalises it).
        ix = self.ix
        for s in ix.steps:
            q = ix.quantity(s)
            xs = []
            for r in ix.eligible[s]:
                for w in ix.weeks[s, r]:
                    v = self._new(0, q, f"x_{s}_{r}_w{w}")
                    self.x[s, r, w] = v
                    self._x_of[s, w].append(v)
                    self._x_sm[s, ix.member_of(r), w].append(v)
                    xs.append(v)
            self.missing[s] = miss = self._new(0, q, f"missing_{s}")
            if q == 1:
                self.m.add_exactly_one(xs + [miss])  # tight form for one-unit items (GAP)
            else:
                self.m.add(sum(xs) + miss == q)

    def _rule_setup_and_min_batch(self) -> None:
        # Setup once per (step, resource, week) used; min batch: at least `min_batch` units when used.
        ix = self.ix
        for (s, r, w), v in self.x.items():
            step = ix.steps[s]
            if not ix.setup[s, r] and not step.min_batch:
                continue
            q = ix.quantity(s)
            b = v if q == 1 else self._new(0, 1, f"batch_{s}_{r}_w{w}")
            if b is not v:
                self.m.add(v <= q * b)
                self.m.add(v >= max(1, min(step.min_batch, q)) * b)
            self.batch[s, r, w] = b

    def _rule_capacity(self) -> None:
        # Capacity: run + setup minutes per resource-week within regular + overtime (up to its max).
        ix = self.ix
        terms = defaultdict(list)
        for (s, r, w), v in self.x.items():
            terms[r, w].append((ix.minutes[s, r], v, ix.quantity(s)))
        for (s, r, w), b in self.batch.items():
            if ix.setup[s, r]:
                terms[r, w].append((ix.setup[s, r], b, 1))
        for (r, w), triples in terms.items():
            load = cp_model.LinearExpr.weighted_sum([v for _, v, _ in triples], [c for c, _, _ in triples])
            self.load[r, w] = load
            reg, ot = ix.cap_reg.get((r, w), 0), ix.cap_ot.get((r, w), 0)
            if sum(c * ub for c, _, ub in triples) <= reg:
                continue  # can never exceed regular capacity
            if ot:
                self.overtime[r, w] = o = self._new(0, ot, f"overtime_{r}_w{w}")
                self.m.add(load <= reg + o)
            else:
                self.m.add(load <= reg)

    def _used(self, s: str, r: str):
        """1 if resource ``r`` makes any unit of step ``s``."""
        if (s, r) not in self.used:
            xs = [self.x[s, r, w] for w in self.ix.weeks[s, r]]
            q = self.ix.quantity(s)
            if len(xs) == 1 and q == 1:
                u = xs[0]
            else:
                u = self._new(0, 1, f"used_{s}_{r}")
                for v in xs:
                    self.m.add(v <= q * u)
                self.m.add(u <= sum(xs))
            self.used[s, r] = u
        return self.used[s, r]

    def _rule_unsplittable(self) -> None:
        # Unsplittable: one resource makes all units of the step.
        for s, step in self.ix.steps.items():
            rs = self.ix.eligible[s]
            # a one-unit step is on one resource anyway (units rule)
            if not step.splittable and len(rs) > 1 and self.ix.quantity(s) > 1:
                self.m.add_at_most_one(self._used(s, r) for r in rs)

    def _member_usage(self) -> None:
        ix = self.ix
        for s in ix.steps:
            by_member = defaultdict(list)
            for r in ix.eligible[s]:
                by_member[ix.member_of(r)].append(self._used(s, r))
            for p, us in by_member.items():
                if len(us) == 1:
                    self.member_used[s, p] = us[0]
                else:
                    mu = self._new(0, 1, f"member_used_{s}_{p}")
                    self.m.add_max_equality(mu, us)
                    self.member_used[s, p] = mu

    def _rule_max_members(self) -> None:
        # Max members per step.
        for s, step in self.ix.steps.items():
            mus = [self.member_used[s, p] for p in self.members_of(s)]
            if step.max_members and len(mus) > step.max_members:
                self.m.add(sum(mus) <= step.max_members)

    def _rule_team(self) -> None:
        # Team: members doing any work, plus the mandataire (always in); at most `max_size` members.
        ix, rules = self.ix, self.ix.problem.team
        work = defaultdict(list)
        for (s, p), mu in self.member_used.items():
            work[p].append(mu)
        for p in ix.members:
            t = self._new(0, 1, f"team_{p}")
            self.team[p] = t
            for mu in work[p]:
                self.m.add(t >= mu)
            if p == rules.mandataire:
                self.m.add(t == 1)
            else:
                self.m.add(t <= sum(work[p]))
        if rules.max_size and len(self.team) > rules.max_size:
            self.m.add(sum(self.team.values()) <= rules.max_size)

    def _rule_precedence(self) -> None:
        # Precedence: units of a successor done by week w are covered by units of the predecessor done by w
        # at the same member, or by w - lag at another member. Same-member units are reserved explicitly
        # (reserve_*, serve_*), so the pooled rest obeys the lag for every possible hand-off.
        ix = self.ix
        for t, step in ix.steps.items():
            for s in step.predecessors:
                lag = ix.steps[s].transfer_lag_weeks
                common = sorted(set(self.members_of(s)) & set(self.members_of(t))) if lag else []
                reserve, serve = {}, {}
                for p in common:
                    for w in range(ix.horizon):
                        reserve[p, w] = self._reserved(f"reserve_{s}_{p}", s, p, w, reserve)
                        serve[p, w] = self._reserved(f"serve_{t}_{p}", t, p, w, serve)
                        self.m.add(serve[p, w] <= reserve[p, w])
                for w in range(ix.horizon):
                    if not lag:
                        self.m.add(self.cum(t, w) <= self.cum(s, w))
                        continue
                    served = sum(serve[p, w] for p in common)
                    pooled = self.cum(s, w - lag) - sum(reserve[p, w - lag] for p in common if w >= lag)
                    self.m.add(self.cum(t, w) - served <= pooled)

    def _reserved(self, name: str, s: str, p: str, w: int, chain: dict):
        """Cumulative units of ``s`` at member ``p`` set aside by week ``w`` (at most what ``p`` made)."""
        v = self._new(0, self.ix.quantity(s), f"{name}_w{w}")
        prev = chain.get((p, w - 1), 0)
        self.m.add(v >= prev)
        self.m.add(v - prev <= sum(self._x_sm[s, p, w]))
        return v

    def _rule_deadlines(self) -> None:
        # Due week and milestones (soft, stage 1): short = units of the item's last step not done by week w,
        # for every week from the deadline on, so a unit late by k weeks counts k times.
        ix = self.ix
        for item, deadlines in ix.deadlines.items():
            for f in ix.finals.get(item, ()):
                for k, (week, qty) in enumerate(deadlines):
                    for w in range(week, ix.horizon):
                        v = self._new(0, qty, f"short_{f}_d{k}_w{w}")
                        self.m.add(v >= qty - self.cum(f, w))
                        self.short[f, k, w] = v
