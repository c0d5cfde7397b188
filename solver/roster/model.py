"""Build the CP-SAT model: variables for eligible pairs only, then every registered rule."""
from __future__ import annotations

from ortools.sat.python import cp_model

from .data import Problem
from .index import Index
from .penalties import PenaltyCollector


class RosterModel:
    """The CP-SAT model of a Problem, its decision variables and its penalty collector.

    x[(e, s)] is 1 when employee position e takes shift position s (eligible pairs only);
    work[e][d] is 1 when e works on day d (a constant 0 when e has no eligible shift that day).
    """

    def __init__(self, problem: Problem, index: Index | None = None) -> None:
        self.problem = problem
        self.ix = index or Index(problem)
        self.cp = cp_model.CpModel()
        self.penalties = PenaltyCollector()
        self.x: dict[tuple[int, int], cp_model.IntVar] = {}
        for ei, si in self.ix.pairs():
            self.x[ei, si] = self.cp.NewBoolVar(f"x[{ei},{si}]")
        self.zero = self.cp.NewConstant(0)
        self.work = [self._work_days(ei) for ei in range(len(problem.employees))]

    def _work_days(self, ei: int) -> list:
        rules = self.problem.employees[ei].rules
        out = []
        for d in range(self.problem.days):
            xs = [self.x[ei, si] for si in self.ix.by_day[ei].get(d, [])]
            if not xs:
                out.append(self.zero)
                continue
            w = self.cp.NewBoolVar(f"work[{ei},{d}]")
            if rules.max_shifts_per_day == 1:
                self.cp.Add(sum(xs) == w)  # also enforces one shift a day
            else:
                self.cp.AddMaxEquality(w, xs)
            out.append(w)
        return out

    def by_shift(self, si: int) -> list:
        """Variables of every employee eligible for shift position `si`."""
        if not hasattr(self, "_by_shift"):
            self._by_shift: dict[int, list] = {}
            for (ei, sj), x in self.x.items():
                self._by_shift.setdefault(sj, []).append(x)
        return self._by_shift.get(si, [])

    def shifts_of(self, ei: int, pred) -> list:
        """Variables of the employee's eligible shifts whose Shift satisfies `pred`."""
        shifts = self.problem.shifts
        return [self.x[ei, si] for si in self.ix.eligible[ei] if pred(shifts[si])]

    def minutes(self, ei: int, pred=lambda s: True):
        """Linear expression: worked minutes of the employee over shifts satisfying `pred`."""
        shifts = self.problem.shifts
        return sum(
            shifts[si].duration * self.x[ei, si] for si in self.ix.eligible[ei] if pred(shifts[si])
        )


def build(problem: Problem, index: Index | None = None) -> RosterModel:
    """Build the model: every hard rule, every soft rule, then the objective from the collector."""
    from .rules_hard import HARD_RULES
    from .rules_soft import SOFT_RULES

    m = RosterModel(problem, index)
    for rule in HARD_RULES.values():
        rule.apply(m)
    for rule in SOFT_RULES.values():
        rule.apply(m)
    m.cp.Minimize(m.penalties.objective())
    return m
