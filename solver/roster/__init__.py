"""General rostering engine: plain frozen data in, a Result out (CP-SAT inside).

Entry point: ``solve(problem, params, hint=..., on_progress=...)``, the only way into the engine: code
outside `solver/` imports this package's names, never its modules. See docs/roster-engine.md.
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
from .params import CpSatParams, LnsParams, Phases, SolveParams
from .registry import Rule
from .result import Progress, Result
from .rules_hard import HARD_BY_ID, HARD_RULES
from .rules_soft import SOFT_BY_ID, SOFT_RULES
from .solve import solve

__all__ = [
    "MINUTES_PER_DAY",
    "Balance",
    "Consistency",
    "Cost",
    "CpSatParams",
    "Demand",
    "Employee",
    "Group",
    "HARD_BY_ID",
    "HARD_RULES",
    "History",
    "LnsParams",
    "Phases",
    "Problem",
    "Progress",
    "Request",
    "Result",
    "RosterInputError",
    "Rule",
    "Rules",
    "SOFT_BY_ID",
    "SOFT_RULES",
    "Shift",
    "SolveParams",
    "check_employee",
    "solve",
    "why_not",
]
