"""Who may take which request: every static rule, with the reasons a GE manager reads when one fails.

A request is eligible for an employee only when every rule here passes; for the pairs that fail, the
reasons are kept for explanations. Rules that depend on the rest of the plan (hours, rest, overlaps)
are the engine's, see build.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from consortium.members import Member, Site

from ..employees import Employee
from ..group import Group, requirement_met
from ..requests import Request

__all__ = ["DAY_NAMES", "Place", "local", "days_touched", "night_minutes", "static_reasons", "site_reasons"]

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Place:
    """A request's member and site, resolved."""

    member: Member
    site: Site

    @property
    def code(self) -> str:
        return f"{self.member.code}/{self.site.code}"


def local(moment: datetime, tz: str) -> datetime:
    """Naive local wall-clock time (aware date-times are converted to the group's zone)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(ZoneInfo(tz)).replace(tzinfo=None)


def days_touched(start: datetime, end: datetime) -> list[date]:
    """Every calendar day [start, end) touches (a night shift touches two)."""
    last = (end - timedelta(minutes=1)).date()
    return [start.date() + timedelta(days=i) for i in range((last - start.date()).days + 1)]


def night_minutes(start: datetime, end: datetime, night_start: time, night_end: time) -> int:
    """Minutes of [start, end) inside the night window of any day it touches."""
    total = 0
    day = start.date() - timedelta(days=1)
    while day <= end.date():
        lo = datetime.combine(day, night_start)
        hi = datetime.combine(day + timedelta(days=1 if night_end <= night_start else 0), night_end)
        total += max(0, int((min(end, hi) - max(start, lo)).total_seconds() // 60))
        day += timedelta(days=1)
    return total


def _day(d: date) -> str:
    return f"{DAY_NAMES[d.weekday()]} {d:%d/%m}"


def site_reasons(group: Group, request: Request, place: Place) -> list[str]:
    """Why nobody at all may take the request at its site and time (empty when the site allows it)."""
    start, end = request.interval()
    site, reasons = place.site, []
    first = start.hour * 60 + start.minute
    if not site.is_open(start.weekday(), first, first + request.minutes):
        reasons.append(f"site {place.code} is closed at that time")
    labour = group.settings.labour
    if night_minutes(start, end, labour.night_start, labour.night_end) and not site.night_work_allowed:
        reasons.append(f"site {place.code} allows no night work")
    if any(d.weekday() == 6 for d in days_touched(start, end)) and not site.sunday_work_allowed:
        reasons.append(f"site {place.code} allows no Sunday work")
    return reasons


def static_reasons(
    group: Group, employee: Employee, request: Request, place: Place, absences, site_why: list[str] | None = None
) -> list[str]:
    """Why the employee may not take the request, whatever the rest of the plan; empty when eligible.

    `absences` are the employee's absences as (kind, local start, local end); `site_why` the
    request's `site_reasons` when already known.
    """
    start, end = request.interval()
    days = days_touched(start, end)
    reasons = []
    if employee.code in request.excluded_employees:
        reasons.append(f"excluded by {request.member} on this request")
    held = employee.skills.get(request.skill, 0)
    if held < request.min_level:
        reasons.append(f"no {request.skill} level {request.min_level} (has level {held})" if held
                       else f"no {request.skill} skill")
    for req in request.certifications:
        bad = [d for d in days if not requirement_met(employee.certifications, req, group.catalogue, d)]
        if bad:
            reasons.append(_cert_reason(employee, req, bad[0]))
    if not employee.may_work_at(place.member.code, place.site.code):
        listed = place.member.code if place.member.code not in employee.contract.members else place.code
        reasons.append(f"contract does not list {listed}")
    inactive = [d for d in days if not employee.contract.is_active(d)]
    if inactive:
        reasons.append(f"contract not active on {_day(inactive[0])}")
    if request.skill in place.site.authorisation_required_for:
        bad = [d for d in days if not employee.has_authorisation(place.member.code, place.site.code, request.skill, d)]
        if bad:
            reasons.append(f"no {request.skill} authorisation at {place.code} valid on {_day(bad[0])}")
    for kind, lo, hi in absences:
        if lo < end and start < hi:
            reasons.append(f"on {kind} {DAY_NAMES[max(lo, start).weekday()]}")
            break
    labour = group.settings.labour
    if night_minutes(start, end, labour.night_start, labour.night_end):
        if employee.minor:
            reasons.append("a minor: no night work")
        elif not employee.night_worker:
            reasons.append("not a night worker")
    return reasons + (site_reasons(group, request, place) if site_why is None else site_why)


def _cert_reason(employee: Employee, req, day: date) -> str:
    held = [c for c in employee.certifications if c.type == req.type]
    expired = [c for c in held if c.valid_to is not None and c.valid_to < day]
    if expired:
        last = max(expired, key=lambda c: c.valid_to or date.min)
        return f"{req.type} {last.level} expired on {last.valid_to}"
    if not held:
        return f"no {req.type} {req.level}"
    return f"no valid {req.type} {req.level} on {_day(day)}"
