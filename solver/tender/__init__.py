"""The tender feasibility and allocation model: plain data in, result out (see docs/tender-model.md)."""
from .params import PlanParams
from .plan import plan_tender
from .precheck import precheck
from .problem import (
    CertRequirement, Certificate, Item, Lot, Milestone, Override, Resource, ResourceWeek, Step,
    TeamRules, TenderProblem, Transfer,
)
from .result import (
    Allocation, Costs, Fix, Issue, LotOutcome, ResourceLoad, Shortage, StageReport, TenderResult,
)

__all__ = [
    "Allocation", "CertRequirement", "Certificate", "Costs", "Fix", "Issue", "Item", "Lot", "LotOutcome",
    "Milestone", "Override", "PlanParams", "Resource", "ResourceLoad", "ResourceWeek", "Shortage",
    "StageReport", "Step", "TeamRules", "TenderProblem", "TenderResult", "Transfer", "plan_tender",
    "precheck",
]
