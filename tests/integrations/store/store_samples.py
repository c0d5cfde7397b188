"""Builders of plain objects for the store tests (a module name of its own: conftest.py is not importable safely)."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

from sharing.employees import Contract, Employee
from sharing.requests import Request


def make_employee(code: str, members=("ACIER",)) -> Employee:
    """A plain full-time employee."""
    return Employee(code=code, first_name="Jean", last_name=f"Martin {code}", home_latitude=45.7, home_longitude=4.8,
                    contract=Contract(start=date(2026, 1, 1), members=list(members)), skills={"TIG": 1},
                    hourly_cost=Decimal("21.9"))


def make_request(code: str, day: date, member="ACIER", site="MAIN") -> Request:
    return Request(code=code, member=member, site=site, skill="TIG", start=time(8), end=time(12), day=day)
