"""The Repository: domain objects in and out of one transaction; ORM rows never leave it."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from consortium.weeks import IsoWeek, parse_week
from sharing.group import Group

from .repos import (AccessRepository, CandidateRepository, ConsortiumRepository, HoursRepository,
                    LendingRepository, OdooRepository, PeopleRepository, PlanRepository, StatementRepository)

__all__ = ["Repository"]


class Repository:
    """The store inside one open session: `people`, `plans`, `consortium`, `hours`, `odoo`, `lending`, `candidates`,
    `statements` and `access`.

    Get it from `Store.session()`; every write checks the references the domain can check
    (`member_problems`, `employee_problems`, `request_problems`) and raises `InvalidInput` with the
    first problem, `NotFound` (`no member 'X'`) or `AlreadyExists` (`member X already exists`).
    Lists are ordered by code (requests by day, start, code; absences by start).
    """

    def __init__(self, session: Session):
        self.people = PeopleRepository(session)
        self.plans = PlanRepository(session, self.people)
        self.consortium = ConsortiumRepository(session)
        self.hours = HoursRepository(session)
        self.odoo = OdooRepository(session)
        self.access = AccessRepository(session)
        self.lending = LendingRepository(session)
        self.candidates = CandidateRepository(session)
        self.statements = StatementRepository(session)

    def load_group(self, week: IsoWeek | None = None) -> Group:
        """Everything the allocation reads; with a week, its requests and absences from a week before to one after."""
        absences_from = absences_to = None
        if week is not None:
            monday = datetime.combine(parse_week(str(week)).monday, datetime.min.time())
            absences_from, absences_to = monday - timedelta(days=7), monday + timedelta(days=14)
        people = self.people
        return Group(
            settings=people.get_settings(),
            catalogue=people.get_catalogue(),
            members=people.list_members(),
            employees=people.list_employees(),
            absences=people.list_absences(start=absences_from, end=absences_to),
            requests=self.plans.list_requests(week=week),
        )

    def counts(self) -> dict[str, int]:
        """Rows per kind: members, sites, employees, absences, requests, plans, assignments."""
        return {**self.people.counts(), **self.plans.counts()}
