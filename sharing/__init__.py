"""Shared staff: the pure domain of the groupement d'employeurs (no SQL, no OR-Tools)."""

from .absences import Absence
from .base import describe_validation_error
from .employees import Certification, Contract, Employee, Preferences, SiteAuthorisation
from consortium.errors import AlreadyExists, InvalidInput, MutualisError, NotFound, RowError
from .group import Catalogue, Group, employee_problems, member_problems, request_problems, requirement_met
from .plans import Assignment, Plan
from .requests import PRIORITIES, RecurringRequest, Request
from .settings import Billing, GroupSettings, LabourRules, Travel
from .skills import CertificationType, CertRequirement, Skill, parse_cert_requirements
from consortium.weeks import DEFAULT_TZ, IsoWeek, month_bounds, parse_week, week_of

__all__ = [
    "Absence", "Assignment", "AlreadyExists", "Billing", "Catalogue", "CertRequirement", "Certification",
    "CertificationType", "Contract", "DEFAULT_TZ", "Employee", "Group", "GroupSettings", "InvalidInput",
    "IsoWeek", "LabourRules", "MutualisError", "NotFound", "PRIORITIES", "Plan", "Preferences",
    "RecurringRequest", "Request", "RowError", "SiteAuthorisation", "Skill", "Travel",
    "describe_validation_error", "employee_problems", "member_problems", "month_bounds", "parse_cert_requirements",
    "parse_week", "request_problems", "requirement_met", "week_of",
]
