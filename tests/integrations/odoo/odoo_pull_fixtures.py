"""Shared pieces of the pull tests: a store with one member and the group's own employees."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from consortium.members import Member, Site
from integrations.odoo.pull import pull_employees
from integrations.store import open_store
from sharing.employees import Contract, Employee

TODAY = date(2026, 11, 2)


def add_member(repo) -> None:
    repo.people.add_member(Member(code="ACME", legal_name="Acme SA", siret="73282932000074",
                                  sites=[Site(code="MAIN", name="Usine", latitude=45.0, longitude=4.0)]))


def own_employee(code: str, name: str, **changes) -> Employee:
    """An employee of the group entered in mutualis, not in Odoo."""
    first, last = name.split(" ", 1)
    return Employee(code=code, first_name=first, last_name=last, home_latitude=45.2, home_longitude=4.3,
                    contract=Contract(start=date(2024, 1, 1), weekly_hours=35, members=["ACME"]),
                    hourly_cost=Decimal("21.50"), **changes)


def pull(store, gateway, **kwargs):
    with store.session() as repo:
        return pull_employees(repo, gateway, "test", today=TODAY, **kwargs)


def member_store(url: str):
    """The store at ``url`` (the ``store_url`` fixture) holding member ACME."""
    store = open_store(url)
    with store.session() as repo:
        add_member(repo)
    return store
