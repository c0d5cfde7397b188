"""The weekly allocation of shared staff: the GE's rules on top of the general rostering engine.

`allocate_week` builds the week's problem from the domain (build.py, candidates.py), solves it with
`solver.roster` and reads the plan, the unfilled requests and their reasons back (result.py,
explain.py); `replan` repairs a published plan after an absence. See docs/allocation.md.
"""

from .allocate import allocate_week
from .build import Built, build_problem
from .explain import CandidateReason, RequestExplanation, explain_request
from .pins import DroppedPin
from .replan import check_from_day, plan_changes, replan
from .result import Allocation, EmployeeRow, MemberRow, Penalty, Unfilled
from .weights import AllocationParams, AllocationWeights

__all__ = [
    "Allocation", "AllocationParams", "AllocationWeights", "Built", "CandidateReason", "DroppedPin", "EmployeeRow",
    "MemberRow", "Penalty", "RequestExplanation", "Unfilled", "allocate_week", "build_problem",
    "check_from_day", "explain_request", "plan_changes", "replan",
]
