"""The queries: one repository per part of the store, each reading and writing domain objects in one session."""

from .access import AccessRepository
from .candidates import CandidateRepository
from .consortium import BID_STATUSES, TENDER_STATUSES, ConsortiumRepository
from .hours import HoursRepository
from .lending import LendingRepository
from .odoo import ROLES, OdooRepository, StoredConnection
from .people import PeopleRepository
from .planning import PlanRepository
from .statements import StatementRepository, StoredStatement

__all__ = ["AccessRepository", "BID_STATUSES", "ROLES", "TENDER_STATUSES", "CandidateRepository",
           "ConsortiumRepository", "HoursRepository", "LendingRepository", "OdooRepository", "PeopleRepository",
           "PlanRepository", "StatementRepository", "StoredConnection", "StoredStatement"]
