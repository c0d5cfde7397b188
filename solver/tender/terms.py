"""Named objective terms: the objective is their weighted sum and explanations read them back."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model


@dataclass(frozen=True)
class Term:
    """``weight * expr`` in the objective, charged to ``rule`` for ``subject`` (a step, member, ...)."""

    rule: str
    subject: str
    weight: int
    expr: cp_model.LinearExprT


class Terms:
    """Collector of the terms of one objective stage."""

    def __init__(self) -> None:
        self.terms: list[Term] = []

    def add(self, rule: str, subject: str, expr: cp_model.LinearExprT, weight: int = 1) -> None:
        if weight and not (isinstance(expr, int) and expr == 0):
            self.terms.append(Term(rule, subject, weight, expr))

    def expr(self) -> cp_model.LinearExpr:
        return cp_model.LinearExpr.weighted_sum([t.expr for t in self.terms], [t.weight for t in self.terms])

    def by_rule(self, solver: cp_model.CpSolver) -> dict[str, int]:
        """Weighted value per rule in the given solution."""
        out: dict[str, int] = defaultdict(int)
        for t in self.terms:
            out[t.rule] += t.weight * int(solver.value(t.expr))
        return dict(out)

    def explain(self, solver: cp_model.CpSolver) -> list[tuple[str, str, int, int]]:
        """(rule, subject, weight, value) of every term that is not zero in the solution."""
        rows: list[tuple[str, str, int, int]] = []
        for t in self.terms:
            v = int(solver.value(t.expr))
            if v:
                rows.append((t.rule, t.subject, t.weight, v))
        return rows
