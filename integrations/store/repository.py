"""The Repository: domain objects in and out of one transaction; ORM rows never leave it."""

from __future__ import annotations

from .consortium_tables import ConsortiumMixin
from .people import PeopleMixin
from .planning import PlanningMixin

__all__ = ["Repository"]


class Repository(PeopleMixin, PlanningMixin, ConsortiumMixin):
    """Reads and writes domain objects (`sharing`, `consortium`) inside one open session.

    Get it from `Store.session()`; every write checks the references the domain can check
    (`member_problems`, `employee_problems`, `request_problems`) and raises `InvalidInput` with the
    first problem, `NotFound` (`no member 'X'`) or `AlreadyExists` (`member X already exists`).
    Lists are ordered by code (requests by day, start, code; absences by start).
    """
