"""The CP-SAT model of a Problem: variables for eligible pairs only, and the helpers rules share.

The rules themselves are added by `build.build`; this module knows none of them.
"""
from __future__ import annotations

from ortools.sat.python import cp_model

from .data import Problem
from .index import Index
from .penalties import PenaltyCollector


class RosterModel:
    """The CP-SAT model of a Problem, its decision variables and its penalty collector.

    x[(e, s)] is 1 when employee position e takes shift position s (eligible pairs only);
    work[e][d] is 1 when e works on day d (a constant 0 when e has no eligible shift that day).
    `runs` is how the run rules are encoded: "clauses" or "automaton".
    """

    def __init__(self, problem: Problem, index: Index | None = None, runs: str = "clauses") -> None:
        if runs not in ("clauses", "automaton"):
            raise ValueError(f"runs must be 'clauses' or 'automaton', not {runs!r}")
        self.problem = problem
        self.runs = runs
        self.run_automata: set[int] = set()  # employees whose run automaton is built (runs="automaton")
        self.ix = index or Index(problem)
        self.cp = cp_model.CpModel()
        self.penalties = PenaltyCollector()
        self.spans: dict[str, tuple[int, int]] = {}  # soft rule id -> its constraints [lo, hi)
        self.labels: dict[str, str] = {}  # rule id -> label, of every rule built into the model
        # demand id -> its shortfall variable (a constant 0 for an exact hard cover): filled by the
        # soft rule `cover`, read by `group_fairness` and the neighbourhood search
        self.under: dict[str, cp_model.IntVar] = {}
        self._by_shift: dict[int, list] | None = None  # shift position -> variables, built on first use
        self._day_travel: dict[int, dict[int, list]] = {}  # employee -> day_travel(employee)
        self.x: dict[tuple[int, int], cp_model.IntVar] = {}
        for ei, si in self.ix.pairs():
            self.x[ei, si] = self.cp.new_bool_var(f"x[{ei},{si}]")
        self.zero = self.cp.new_constant(0)
        self.work = [self._work_days(ei) for ei in range(len(problem.employees))]

    def _work_days(self, ei: int) -> list:
        rules = self.problem.employees[ei].rules
        out = []
        for d in range(self.problem.days):
            xs = [self.x[ei, si] for si in self.ix.by_day[ei].get(d, [])]
            if not xs:
                out.append(self.zero)
                continue
            w = self.cp.new_bool_var(f"work[{ei},{d}]")
            if rules.max_shifts_per_day == 1:
                self.cp.add(sum(xs) == w)  # also enforces one shift a day
            else:
                self.cp.add_max_equality(w, xs)
            out.append(w)
        return out

    def by_shift(self, si: int) -> list:
        """Variables of every employee eligible for shift position `si`."""
        if self._by_shift is None:
            self._by_shift = {}
            for (_ei, sj), x in self.x.items():
                self._by_shift.setdefault(sj, []).append(x)
        return self._by_shift.get(si, [])

    def shifts_of(self, ei: int, pred) -> list:
        """Variables of the employee's eligible shifts whose Shift satisfies `pred`."""
        shifts = self.problem.shifts
        return [self.x[ei, si] for si in self.ix.eligible[ei] if pred(shifts[si])]

    def day_travel(self, ei: int) -> dict[int, list]:
        """Travel between consecutive shifts of each day: {day: [(minutes, literal), ...]}.

        A literal is forced to 1 when both shifts are taken and none of the employee's shifts between
        them is (exact for any number of shifts a day); it is only pushed up, so use it in upper bounds.
        Built once per employee and shared by the day, week and rolling-average limits.
        """
        if ei in self._day_travel:
            return self._day_travel[ei]
        p, out = self.problem, {}
        if p.travel:
            for d, day_shifts in self.ix.by_day[ei].items():
                terms = []
                for i, a in enumerate(day_shifts):
                    sa = p.shifts[a]
                    for j in range(i + 1, len(day_shifts)):
                        b = day_shifts[j]
                        sb = p.shifts[b]
                        t = p.travel_time(sa, sb)
                        if not t or sb.start < sa.end:
                            continue
                        lit = self.cp.new_bool_var(f"travel[{ei},{a},{b}]")
                        between = [self.x[ei, c] for c in day_shifts[i + 1:j]]
                        self.cp.add(lit >= self.x[ei, a] + self.x[ei, b] - 1 - sum(between))
                        terms.append((t, lit))
                if terms:
                    out[d] = terms
        self._day_travel[ei] = out
        return out

    def travel_minutes(self, ei: int, days) -> list:
        """Linear terms: travel between the employee's shifts on `days` (see day_travel)."""
        travel = self.day_travel(ei)
        return [t * lit for d in days for t, lit in travel.get(d, ())]

    def minutes(self, ei: int, pred=lambda s: True):
        """Linear expression: worked minutes of the employee over shifts satisfying `pred`."""
        shifts = self.problem.shifts
        keep = [si for si in self.ix.eligible[ei] if pred(shifts[si])]
        return cp_model.LinearExpr.weighted_sum([self.x[ei, si] for si in keep], [shifts[si].duration for si in keep])


def without_rule(m: RosterModel, rule_id: str) -> cp_model.CpModel:
    """A copy of the CP-SAT model without the constraints and penalty terms of soft rule `rule_id`
    (its variables stay, free); variable indices are those of `m`."""
    sub = m.cp.clone()
    lo, hi = m.spans.get(rule_id, (0, 0))
    constraints = sub.proto.constraints
    if hi > lo:
        empty = type(constraints[lo])()  # an unset constraint, which CP-SAT ignores
        for i in range(lo, hi):
            constraints[i].copy_from(empty)
    sub.minimize(sum(t.weight * t.var for t in m.penalties.terms if t.rule != rule_id))
    return sub
