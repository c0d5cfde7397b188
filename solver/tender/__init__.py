"""The tender feasibility and allocation model: plain data in, result out (see docs/tender-model.md)."""
from .demo import random_problem, tiny_problem
from .params import PlanParams
from .plan import plan_tender
from .precheck import precheck
from .problem import (
    CertRequirement, Certificate, Item, Lot, Milestone, Override, Resource, ResourceWeek, Step,
    TeamRules, TenderInputError, TenderProblem, Transfer,
)
from .result import (
    Allocation, Costs, Fix, Issue, LotOutcome, ResourceLoad, Shortage, StageReport, TenderResult,
)
from .rules import TENDER_RULES, Rule
from .yardstick import MipYardstick, mip_yardstick

__all__ = [
    "Allocation", "CertRequirement", "Certificate", "Costs", "Fix", "Issue", "Item", "Lot", "LotOutcome",
    "Milestone", "MipYardstick", "Override", "PlanParams", "Resource", "ResourceLoad", "ResourceWeek", "Rule",
    "Shortage", "StageReport", "Step", "TENDER_RULES", "TeamRules", "TenderInputError", "TenderProblem",
    "TenderResult", "Transfer", "mip_yardstick", "plan_tender", "precheck", "random_problem", "tiny_problem",
]
