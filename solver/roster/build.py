"""Build the model of a Problem: every hard rule, every soft rule, then the objective.

The rules are read at call time from this module's `HARD_RULES` and `SOFT_RULES` (ordered tuples), so
that a test may build without one rule by patching either name here.
"""
from __future__ import annotations

from .data import Problem
from .index import Index
from .model import RosterModel
from .rules_hard import HARD_RULES
from .rules_soft import SOFT_RULES

__all__ = ["HARD_RULES", "SOFT_RULES", "build"]


def build(problem: Problem, index: Index | None = None, runs: str = "clauses") -> RosterModel:
    """The CP-SAT model of `problem` with every rule, minimising the collector's weighted sum.

    `runs` encodes the run rules (consecutive days, days off) as short clauses or as one automaton per
    employee (see runs.py). Each soft rule's constraints are recorded in `m.spans` (see
    `model.without_rule`).
    """
    m = RosterModel(problem, index, runs)
    for rule in HARD_RULES:
        rule.apply(m)
        m.labels[rule.id] = rule.label
    for rule in SOFT_RULES:
        before = len(m.cp.proto.constraints)
        rule.apply(m)
        m.spans[rule.id] = (before, len(m.cp.proto.constraints))
        m.labels[rule.id] = rule.label
    m.cp.minimize(m.penalties.objective())
    return m
