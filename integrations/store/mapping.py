"""Rows to domain objects and back, plus the value conversions both directions share.

Only plain functions: the Repository decides what to query and in which transaction.
"""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from consortium.members import Member, Site, TimeRange
from sharing.absences import Absence
from sharing.employees import Certification, Contract, Employee, Preferences, SiteAuthorisation
from consortium.errors import InvalidInput
from sharing.plans import Assignment, Plan
from sharing.requests import Request
from sharing.skills import CertificationType, CertRequirement, Skill

from .tables.core import (
    AbsenceRow, AssignmentRow, CertificationTypeRow, EmployeeRow, MemberRow, PlanRow, RequestRow, SiteRow, SkillRow,
)

__all__ = [
    "money_in", "money_out", "local_naive", "hours_in", "hours_out",
    "skill_from_row", "certification_type_from_row", "member_from_row", "site_values", "employee_from_row",
    "absence_from_row", "request_from_row", "plan_from_row", "assignment_from_row",
]

_MONEY_LIMIT = Decimal("1e8")  # Numeric(12, 4): 8 digits before the point
_CENT = Decimal("0.01")


def money_in(value: Decimal | None, who: str, field: str) -> Decimal | None:
    """Check that an amount fits Numeric(12, 4) exactly, so that it comes back equal."""
    if value is None:
        return None
    try:
        fits = value == value.quantize(Decimal("0.0001")) and abs(value) < _MONEY_LIMIT
    except InvalidOperation:
        fits = False
    if not fits:
        raise InvalidInput(f"{who}: field {field}: {value} does not fit 8 digits and 4 decimals")
    return value


def money_out(value: Decimal | None) -> Decimal | None:
    """Numeric(12, 4) comes back as `25.5000`: show it as `25.50`, keeping real extra decimals."""
    if value is None:
        return None
    value = Decimal(value)
    cents = value.quantize(_CENT)
    return cents if cents == value else value.normalize()


def local_naive(moment: datetime, timezone: str) -> datetime:
    """Date-times are stored as the group's naive local time; an aware one is converted first."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(ZoneInfo(timezone)).replace(tzinfo=None)


def hours_in(hours: dict[str, list[TimeRange]]) -> dict[str, list[list[str]]]:
    """Opening hours as JSON; exact (seconds, empty days), unlike the `mon-fri 06:00-20:00` text."""
    return {day: [[r.start.isoformat(), r.end.isoformat()] for r in ranges] for day, ranges in hours.items()}


def hours_out(data: dict) -> dict[str, list[TimeRange]]:
    return {
        day: [TimeRange(start=time.fromisoformat(a), end=time.fromisoformat(b)) for a, b in ranges]
        for day, ranges in data.items()
    }


def skill_from_row(row: SkillRow) -> Skill:
    return Skill(code=row.code, name=row.name, levels=list(row.levels))


def certification_type_from_row(row: CertificationTypeRow) -> CertificationType:
    return CertificationType(
        code=row.code, name=row.name, levels=list(row.levels), ordered=row.ordered,
        covers=dict(row.covers), validity_months=row.validity_months,
    )


def site_values(site: Site, position: int) -> dict:
    """Column values of a site row (not its member)."""
    return dict(
        position=position, code=site.code, name=site.name, address=site.address,
        latitude=site.latitude, longitude=site.longitude, opening_hours=hours_in(site.opening_hours),
        night_work_allowed=site.night_work_allowed, sunday_work_allowed=site.sunday_work_allowed,
        authorisation_required_for=list(site.authorisation_required_for),
    )


def _site_from_row(row: SiteRow) -> Site:
    return Site(
        code=row.code, name=row.name, address=row.address, latitude=row.latitude, longitude=row.longitude,
        opening_hours=hours_out(row.opening_hours), night_work_allowed=row.night_work_allowed,
        sunday_work_allowed=row.sunday_work_allowed, authorisation_required_for=list(row.authorisation_required_for),
    )


def member_from_row(row: MemberRow) -> Member:
    return Member(
        code=row.code, legal_name=row.legal_name, siret=row.siret, activity=row.activity,
        sites=[_site_from_row(s) for s in row.sites], entitlement=row.entitlement,
        billing_coefficient=money_out(row.billing_coefficient),
    )


def employee_from_row(row: EmployeeRow) -> Employee:
    contract = Contract(
        kind=row.contract_kind, start=row.contract_start, end=row.contract_end, weekly_hours=row.weekly_hours,
        annual_hours=row.annual_hours, part_time_derogation=row.part_time_derogation,
        members=[m.member.code for m in row.members],
        sites=[f"{s.site.member.code}/{s.site.code}" for s in row.sites],
    )
    return Employee(
        code=row.code, first_name=row.first_name, last_name=row.last_name, home_address=row.home_address,
        home_latitude=row.home_latitude, home_longitude=row.home_longitude, contract=contract,
        skills={s.skill.code: s.level for s in row.skills},
        certifications=[
            Certification(type=c.certification_type.code, level=c.level, valid_from=c.valid_from, valid_to=c.valid_to)
            for c in row.certifications
        ],
        site_authorisations=[
            SiteAuthorisation(member=a.site.member.code, site=a.site.code, skill=a.skill.code, valid_to=a.valid_to)
            for a in row.authorisations
        ],
        night_worker=row.night_worker, minor=row.minor, hourly_cost=money_out(row.hourly_cost),
        preferences=Preferences(
            preferred_members=list(row.preferred_members), avoided_members=list(row.avoided_members),
            max_commute_minutes=row.max_commute_minutes,
        ),
    )


def absence_from_row(row: AbsenceRow) -> Absence:
    return Absence(employee=row.employee.code, kind=row.kind, start=row.starts_at, end=row.ends_at, note=row.note)


def request_from_row(row: RequestRow) -> Request:
    return Request(
        code=row.code, member=row.member.code, site=row.site.code, skill=row.skill.code, min_level=row.min_level,
        certifications=[CertRequirement(type=c["type"], level=c["level"]) for c in row.certifications],
        start=row.start, end=row.end, ends_next_day=row.ends_next_day, headcount=row.headcount,
        priority=row.priority, min_chunk_hours=row.min_chunk_hours,
        preferred_employees=list(row.preferred_employees), excluded_employees=list(row.excluded_employees),
        same_person=row.same_person, note=row.note, day=row.day, series=row.series,
    )


def assignment_from_row(row: AssignmentRow) -> Assignment:
    return Assignment(
        employee=row.employee.code, request=row.request.code, member=row.site.member.code, site=row.site.code,
        start=row.starts_at, end=row.ends_at, travel_minutes_before=row.travel_minutes_before, pinned=row.pinned,
    )


def plan_from_row(row: PlanRow) -> Plan:
    return Plan(
        week=row.week, status=row.status, assignments=[assignment_from_row(a) for a in row.assignments],
        objective=row.objective, best_bound=row.best_bound, solver_status=row.solver_status,
    )
