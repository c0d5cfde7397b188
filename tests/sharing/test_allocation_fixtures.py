"""Tiny hand-built groups for the allocation tests, and a runner that checks every plan it makes.

Week 2026-W49: Monday 30 November to Sunday 6 December 2026.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest

from consortium.members import Member, Site
from sharing import (
    Catalogue, CertificationType, Contract, Employee, Group, GroupSettings, LabourRules, Request, Skill,
)
from sharing.allocation import AllocationParams, AllocationWeights, allocate_week
from sharing.compliance import check_plan
from consortium.weeks import parse_week

WEEK = parse_week("2026-W49")
MONDAY = WEEK.monday
SIRETS = {"ACIER": "73282932000074", "FORGE": "00000010000016", "TOLE": "00000010100014"}
# ACIER and FORGE are 1 km apart (about 2 min), TOLE 40 km away.
SITES = {"ACIER": (47.80, -0.70), "FORGE": (47.809, -0.70), "TOLE": (48.16, -0.70)}
FAST = AllocationParams(time_limit=10, workers=1)


def site(member: str, **kw) -> Site:
    lat, lon = SITES[member]
    fields = dict(code="MAIN", name=f"{member} main", latitude=lat, longitude=lon,
                  night_work_allowed=True, sunday_work_allowed=True)
    fields.update(kw)
    return Site(**fields)


def member(code: str, entitlement: float = 1.0, **site_kw) -> Member:
    return Member(code=code, legal_name=f"{code} SA", siret=SIRETS[code], sites=[site(code, **site_kw)],
                  entitlement=entitlement)


def employee(code: str, weekly_hours: float = 35, members=("ACIER", "FORGE", "TOLE"), near="ACIER", **kw) -> Employee:
    lat, lon = SITES[near]
    fields = dict(
        code=code, first_name="Eve", last_name=code, home_latitude=lat, home_longitude=lon,
        contract=Contract(start=date(2020, 1, 1), weekly_hours=weekly_hours, members=list(members),
                          part_time_derogation=True),
        skills={"TIG": 2}, hourly_cost=Decimal("20"),
    )
    fields.update(kw)
    return Employee(**fields)


def request(code: str, day: int, start: str, end: str, member: str = "ACIER", **kw) -> Request:
    h1, m1 = map(int, start.split(":"))
    h2, m2 = map(int, end.split(":"))
    fields = dict(code=code, member=member, site="MAIN", skill="TIG", day=MONDAY + timedelta(days=day),
                  start=time(h1, m1), end=time(h2, m2), ends_next_day=(h2, m2) <= (h1, m1))
    fields.update(kw)
    return Request(**fields)


def catalogue() -> Catalogue:
    return Catalogue(
        skills=[Skill(code="TIG", name="TIG welding"), Skill(code="FORKLIFT", name="Forklift")],
        certification_types=[CertificationType(code="HAB-ELEC", name="Electrical", levels=["B1V", "BR"],
                                               ordered=True)],
    )


def group(employees, requests, members=None, absences=(), **labour) -> Group:
    members = members or [member("ACIER"), member("FORGE"), member("TOLE")]
    settings = GroupSettings(labour=LabourRules(**labour)) if labour else GroupSettings()
    return Group(settings=settings, catalogue=catalogue(), members=list(members), employees=list(employees),
                 absences=list(absences), requests=list(requests))


def at(day: int, hhmm: str) -> datetime:
    h, m = map(int, hhmm.split(":"))
    return datetime.combine(MONDAY + timedelta(days=day), time(h, m))


def allocate(g: Group, params: AllocationParams = FAST, **kw):
    """allocate_week on the test week; every plan must pass the independent compliance checker."""
    result = allocate_week(g, WEEK, params=params, **kw)
    assert result.is_feasible(), result.summary()
    violations = check_plan(result.plan, g, kw.get("history"))
    assert violations == [], "\n".join(map(str, violations))
    return result


def placed(result, code: str) -> list[str]:
    """Employees placed on a request."""
    return sorted(a.employee for a in result.plan.assignments if a.request == code)


def filled(result) -> set[str]:
    return {a.request for a in result.plan.assignments}


def reasons(result, code: str) -> str:
    """Every reason given for an unfilled request, as one lower-case text."""
    found = [u for u in result.unfilled if u.request == code]
    assert found, f"{code} is not unfilled"
    assert found[0].reasons
    return " | ".join(found[0].reasons).lower()


def test_weights_load_from_a_dict_and_refuse_unknown_keys():
    weights = AllocationWeights.from_dict({"critical": 50_000, "travel": 2})
    assert weights.critical == 50_000 and weights.normal == AllocationWeights().normal
    params = AllocationParams.from_dict({"time_limit": 5, "weights": {"idle": 0}})
    assert params.weights.idle == 0 and params.time_limit == 5
    with pytest.raises(Exception, match="nonsense"):
        AllocationWeights.from_dict({"nonsense": 1})


def test_priorities_are_far_apart_by_default():
    w = AllocationWeights()
    assert w.critical >= 10 * w.normal >= 100 * w.optional
