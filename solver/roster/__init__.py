"""General rostering engine: plain frozen data in, a Result out (CP-SAT inside).

Entry point: ``solve(problem, params)``. See docs/roster-engine.md.
"""
from .data import (
    MINUTES_PER_DAY,
    Balance,
    Consistency,
    Cost,
    Demand,
    Employee,
    Group,
    History,
    Problem,
    Request,
    RosterInputError,
    Rules,
    Shift,
)
from .explain import check_employee, why_not
from .params import SolveParams
from .result import Result
from .rules_hard import HARD_RULES
from .rules_soft import SOFT_RULES
from .solve import solve

__all__ = [
    "MINUTES_PER_DAY",
    "Balance",
    "Consistency",
    "Cost",
    "Demand",
    "Employee",
    "Group",
    "HARD_RULES",
    "History",
    "Problem",
    "Request",
    "Result",
    "RosterInputError",
    "Rules",
    "SOFT_RULES",
    "Shift",
    "SolveParams",
    "check_employee",
    "solve",
    "why_not",
]
