"""CP-SAT variables of the tender model and the helpers its rules share; the rules are in ``rules.py``.

Decision: ``x[s, r, w]`` units of step ``s`` made on resource ``r`` in week ``w`` (only where eligible:
process, allowed resource, member not excluded, certificates valid that week, capacity, release week).
Every hard rule can be met by producing nothing, so the model is always feasible: shortfalls show up as
``missing`` units and ``short`` deadline units, which stage 1 minimises.
"""
from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from . import rules
from .index import Index


class TenderModel:
    """The CP-SAT model over an ``Index``: the variables, then every rule of ``rules.TENDER_RULES`` in
    order; objective terms are added by ``objectives``."""

    def __init__(self, ix: Index, needs_members: bool) -> None:
        self.ix = ix
        self.m = cp_model.CpModel()
        self.vars: list = []
        self.x: dict = {}
        self.ub: dict = {}  # (s, r, w) -> most units of s that fit in one week of r (the x variable's bound)
        self.missing: dict = {}
        self.batch: dict = {}
        self._used: dict = {}  # (s, r) -> 1 if r makes any unit of s
        self.member_used: dict = {}
        self.team: dict = {}
        self.overtime: dict = {}
        self.load: dict = {}
        self.short: dict = {}
        self.handoff: dict | None = None  # created by objectives.handoffs when a stage needs it
        self._cum: dict = {}
        self._x_of: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
        self._x_sm: dict[tuple[str, str, int], list[cp_model.IntVar]] = defaultdict(list)
        self._x_step: dict[str, list[cp_model.IntVar]] = defaultdict(list)  # by resource then week
        self._members_built = False
        self._variables()
        # Member rules need the member-usage variables, built only when a stage or a step asks for them.
        members = needs_members or any(s.max_members for s in ix.steps.values())
        for rule in rules.TENDER_RULES:  # read here, so that a test can drop one rule
            if rule.members:
                if not members:
                    continue
                self.member_usage()
            rule.apply(self)

    def _variables(self) -> None:
        ix = self.ix
        for s in ix.steps:
            q = ix.quantity(s)
            for r in ix.eligible[s]:
                for w in ix.weeks[s, r]:
                    self.ub[s, r, w] = ub = _fits(ix, s, r, w, q)
                    v = self.new_var(0, ub, f"x_{s}_{r}_w{w}")
                    self.x[s, r, w] = v
                    self._x_of[s, w].append(v)
                    self._x_sm[s, ix.member_of(r), w].append(v)
                    self._x_step[s].append(v)
            self.missing[s] = self.new_var(0, q, f"missing_{s}")

    # -- helpers the rules and objectives share --------------------------------------------------
    def new_var(self, lb: int, ub: int, name: str) -> cp_model.IntVar:
        """A new Boolean (bounds 0, 1) or integer variable, remembered in ``vars`` for hints."""
        v = self.m.new_bool_var(name) if (lb, ub) == (0, 1) else self.m.new_int_var(lb, ub, name)
        self.vars.append(v)
        return v

    def x_of_step(self, s: str) -> list[cp_model.IntVar]:
        """Every unit variable of step ``s``."""
        return self._x_step[s]

    def x_at(self, s: str, member: str, w: int) -> list[cp_model.IntVar]:
        """Unit variables of step ``s`` at ``member`` in week ``w``."""
        return self._x_sm[s, member, w]

    def cum(self, s: str, w: int):
        """Units of step ``s`` done in weeks ``0 .. w`` (a variable chained week by week)."""
        if w < 0:
            return 0
        if (s, w) not in self._cum:
            prev = self.cum(s, w - 1)
            made = sum(self._x_of[s, w])
            if isinstance(prev, int) and isinstance(made, int):
                return 0
            v = self.new_var(0, self.ix.quantity(s), f"cum_{s}_w{w}")
            self.m.add(v == prev + made)
            self._cum[s, w] = v
        return self._cum[s, w]

    def members_of(self, s: str) -> list[str]:
        """Members with a resource eligible for step ``s``."""
        return sorted({self.ix.member_of(r) for r in self.ix.eligible[s]})

    def used(self, s: str, r: str):
        """1 if resource ``r`` makes any unit of step ``s`` (created once)."""
        if (s, r) not in self._used:
            xs = [self.x[s, r, w] for w in self.ix.weeks[s, r]]
            q = self.ix.quantity(s)
            if len(xs) == 1 and q == 1:
                u = xs[0]
            else:
                u = self.new_var(0, 1, f"used_{s}_{r}")
                for w, v in zip(self.ix.weeks[s, r], xs, strict=True):
                    b = self.batch.get((s, r, w))
                    if b is not None and b is not v:
                        self.m.add(b <= u)  # v <= ub * b then bounds v too, and tighter in the LP
                    else:
                        self.m.add(v <= self.ub[s, r, w] * u)
                # the same link over all weeks: a resource used for a share of the step is that share used
                self.m.add(sum(xs) <= min(q, sum(self.ub[s, r, w] for w in self.ix.weeks[s, r])) * u)
                self.m.add(u <= sum(xs))
            self._used[s, r] = u
        return self._used[s, r]

    def member_usage(self) -> None:
        """``member_used[s, p]``: 1 if member ``p`` makes any unit of step ``s`` (built once)."""
        if self._members_built:
            return
        self._members_built = True
        ix = self.ix
        for s in ix.steps:
            by_member = defaultdict(list)
            for r in ix.eligible[s]:
                by_member[ix.member_of(r)].append(self.used(s, r))
            for p, us in by_member.items():
                if len(us) == 1:
                    self.member_used[s, p] = us[0]
                else:
                    mu = self.new_var(0, 1, f"member_used_{s}_{p}")
                    self.m.add_max_equality(mu, us)
                    self.member_used[s, p] = mu


def _fits(ix: Index, s: str, r: str, w: int, q: int) -> int:
    """Units of ``s`` that fit in week ``w`` of ``r`` (regular + overtime, after the setup), at most ``q``:
    the tightest constant for the links ``units <= M * used`` the LP relaxation reads."""
    per_unit = ix.minutes[s, r]
    if per_unit <= 0:
        return q
    room = ix.cap_reg.get((r, w), 0) + ix.cap_ot.get((r, w), 0) - ix.setup[s, r]
    return max(0, min(q, room // per_unit))
