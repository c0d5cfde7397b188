"""Why a request is short, as one category from structured facts (rule ids), never from worded reasons.

A request's category is its bottleneck. The group's employees are filtered stage by stage: the skill
at the level asked (`skill`), the certificates valid on the day (`certificate`), a contract listing the
member and site and active that day (`contract`), then the site's and the night rules (`other`). The
first stage nobody passes names the category; when everyone passing is already on the request,
the first stage that left fewer people than the headcount does. When others people pass every stage, each one not placed
gets a category from the hard rules adding them would break (`busy`: absent, elsewhere at that time,
weekly hours used up; `rest`: daily or weekly rest, day length, days in a row, the rolling average) or,
when no rule stops them, `distance` if the commute exceeds their stated maximum, else `other` (the
search preferred another use of them). The request takes the most fixable category among them:
distance, then rest, then busy, then other.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from ..employees import Employee
from ..group import Group, requirement_met
from ..requests import Request

__all__ = ["BUSY_RULES", "CATEGORIES", "CATEGORY_LABELS", "REST_RULES", "candidate_category", "qualified",
           "request_category"]

CATEGORIES = ("skill", "certificate", "contract", "distance", "busy", "rest", "other")
CATEGORY_LABELS = {
    "skill": "nobody has the skill or level",
    "certificate": "certificate missing or expired",
    "contract": "contract does not list the member",
    "distance": "too far",
    "busy": "qualified but busy",
    "rest": "rest rules",
    "other": "other reasons",
}
BUSY_RULES = frozenset({"absence", "no_overlap_travel", "max_week_minutes", "max_shifts_per_day"})
REST_RULES = frozenset({"daily_rest", "weekly_rest", "rolling_average", "max_day_minutes", "max_days_per_week",
                        "max_consecutive_days"})
_FIXABLE = ("distance", "rest", "busy", "other")


def _days(request: Request) -> list:
    start, end = request.interval()
    last = (end - timedelta(minutes=1)).date()
    return [start.date() + timedelta(days=i) for i in range((last - start.date()).days + 1)]


def _night(group: Group, request: Request) -> bool:
    labour = group.settings.labour
    start, end = request.interval()
    day = start.date() - timedelta(days=1)
    while day <= end.date():
        lo = datetime.combine(day, labour.night_start)
        hi = datetime.combine(day + timedelta(days=1 if labour.night_end <= labour.night_start else 0),
                              labour.night_end)
        if min(end, hi) > max(start, lo):
            return True
        day += timedelta(days=1)
    return False


def _stages(group: Group, request: Request):
    days = _days(request)
    site = next((s for m in group.members if m.code == request.member for s in m.sites if s.code == request.site),
                None)
    night = _night(group, request)

    def other(e: Employee) -> bool:
        if e.code in request.excluded_employees or (night and (e.minor or not e.night_worker)):
            return False
        if site is not None and request.skill in site.authorisation_required_for:
            return all(e.has_authorisation(request.member, request.site, request.skill, d) for d in days)
        return True

    return (
        ("skill", lambda e: e.skills.get(request.skill, 0) >= request.min_level),
        ("certificate", lambda e: all(requirement_met(e.certifications, req, group.catalogue, d)
                                      for req in request.certifications for d in days)),
        ("contract", lambda e: e.may_work_at(request.member, request.site)
         and all(e.contract.is_active(d) for d in days)),
        ("other", other),
    )


def qualified(group: Group, request: Request, enough: int = 1) -> tuple[str | None, list[Employee]]:
    """The category of the first eligibility stage fewer than `enough` employees pass, or None and the
    employees passing every stage.

    With `enough` the request's headcount, the stage names why the qualified people are too few.
    """
    people = list(group.employees)
    for category, passes in _stages(group, request):
        people = [e for e in people if passes(e)]
        if len(people) < enough:
            return category, people
    return None, people


def candidate_category(rules: Iterable[str], over_commute: bool) -> str:
    """Why one qualified employee is not on the request, from the engine's rule ids (plus `absence`)."""
    rules = set(rules)
    if rules & BUSY_RULES:
        return "busy"
    if rules and rules <= REST_RULES:
        return "rest"
    if rules:
        return "other"
    return "distance" if over_commute else "other"


def request_category(candidates: Iterable[str]) -> str:
    """The request's category from its qualified candidates' categories: the most fixable one."""
    found = set(candidates)
    return next((c for c in _FIXABLE if c in found), "other")
