"""The one collector of soft penalty terms: the objective and the explanation both read it."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any
from collections.abc import Callable


@dataclass(frozen=True, slots=True)
class Term:
    """One penalty: `weight` times the value of `var` (a CP-SAT literal, variable or expression)."""

    rule: str
    subject: str
    weight: int
    var: Any


class PenaltyCollector:
    """Collects named penalty terms; `objective()` is their weighted sum."""

    def __init__(self) -> None:
        self.terms: list[Term] = []
        self.offset = 0  # constant part, e.g. on-requests that can never be granted

    def add(self, rule: str, subject: str, weight: int, var: Any) -> None:
        """Add `weight * var` under (rule, subject); zero weights are dropped."""
        if weight:
            self.terms.append(Term(rule, subject, int(weight), var))

    def add_constant(self, rule: str, subject: str, amount: int) -> None:
        """Add a fixed penalty (still reported per rule and subject)."""
        if amount:
            self.terms.append(Term(rule, subject, int(amount), 1))

    def objective(self) -> Any:
        """The weighted sum of all terms, as a CP-SAT linear expression."""
        return sum(t.weight * t.var for t in self.terms)

    def evaluate(self, value: Callable[[Any], int]) -> dict[tuple[str, str], int]:
        """Penalty per (rule, subject) under `value` (e.g. a solver's Value); zeros omitted."""
        out: dict[tuple[str, str], int] = defaultdict(int)
        for t in self.terms:
            v = t.var if isinstance(t.var, int) else value(t.var)
            if v:
                out[(t.rule, t.subject)] += t.weight * v
        return dict(out)
