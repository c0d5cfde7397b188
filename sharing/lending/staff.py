"""Lent staff seen as the weekly allocation sees employees: an `Employee` whose contract lists only the
members the person may be lent to, active only within the offer's window.

The allocation then applies to lent staff every static rule it applies to GE employees (skills,
certificates, site authorisations, night work, the window, never at the lender nor at an excluded member)
without a special case; the hours at the home firm are added as busy time by the allocation itself.
"""

from __future__ import annotations

from datetime import date

from ..employees import Contract, Employee
from .offers import Offer

__all__ = ["as_employee", "open_offers"]


def open_offers(offers, first: date, last: date) -> list[Offer]:
    """The offers not withdrawn whose window meets [first, last]."""
    return [o for o in offers if not o.withdrawn and o.start <= last and first <= o.end]


def as_employee(offer: Offer, member_codes, home=None) -> Employee | None:
    """The offer's person as an employee placeable at `member_codes` minus the lender and the excluded
    members (None when no member is left); living at `home` (a site of the lender) when the offer gives
    no coordinates."""
    members = [m for m in member_codes if m != offer.member and m not in offer.excluded_members]
    if not members:
        return None
    return Employee(
        code=offer.code, first_name=offer.first_name, last_name=offer.last_name, home_address=offer.home_address,
        home_latitude=offer.home_latitude if offer.home_latitude is not None else getattr(home, "latitude", 0.0),
        home_longitude=offer.home_longitude if offer.home_longitude is not None else getattr(home, "longitude", 0.0),
        contract=Contract(kind="CDD", start=offer.start, end=offer.end, weekly_hours=offer.hours_per_week,
                          members=members),
        skills=offer.skills, certifications=offer.certifications, night_worker=offer.night_worker,
        hourly_cost=offer.cost.total,
    )
