"""Candidate options built from a shortage: hire profiles and trainings of existing employees.

A short request is a (week, request) the baseline left with fewer people than asked. Short requests
needing the same skill level and certificates form one profile. A hire takes the profile's skill,
level and certificates and lives at the site where most of its hours are missing. A training gives an
employee the profile's skill level and missing certificates, when the training catalogue has the
courses and the employee may follow them; the employees tried first live nearest that site.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from consortium.weeks import IsoWeek

from ..employees import Employee
from ..geo import distance_km
from ..group import Group
from ..plans import Plan
from .courses import Course
from .whatif import Hire, Training

__all__ = ["WEIGHTS", "Option", "Profile", "Short", "hire_options", "profiles", "short_requests", "site_of",
           "training_options"]

_CENT = Decimal("0.01")
WEIGHTS = {"critical": 100, "normal": 10, "optional": 1}  # a filled minute's worth by priority


@dataclass(frozen=True)
class Short:
    """One request the baseline left short: its missing minutes and what it needs."""

    week: str
    request: str
    member: str
    site: str
    skill: str
    level: int
    certificates: tuple[tuple[str, str], ...]
    priority: str
    minutes: int


@dataclass(frozen=True)
class Profile:
    """What a group of short requests needs, where most of its hours are missing, and how many."""

    skill: str
    level: int
    certificates: tuple[tuple[str, str], ...]
    member: str
    site: str
    minutes: int

    @property
    def label(self) -> str:
        certs = "".join(f" +{kind}:{level}" for kind, level in self.certificates)
        return f"{self.skill}:{self.level}{certs}"


@dataclass(frozen=True)
class Option:
    """A change to estimate: a code, a sentence, the change itself, its up-front cost and course hours."""

    code: str
    label: str
    change: Hire | Training
    upfront: Decimal
    course_hours: float = 0.0
    candidate: str = ""  # the pool's candidate this hire would be (sharing.forecast.pool)

    @property
    def kind(self) -> str:
        return "hire" if isinstance(self.change, Hire) else "training"


def short_requests(weeks: list[tuple[IsoWeek, Group]], plans: list[Plan]) -> list[Short]:
    """Every request of the weeks that `plans` (one per week) left with fewer people than asked."""
    out = []
    for (week, group), plan in zip(weeks, plans, strict=True):
        days = set(week.days())
        placed: dict[str, int] = {}
        for a in plan.assignments:
            placed[a.request] = placed.get(a.request, 0) + 1
        for r in group.requests:
            missing = r.headcount - placed.get(r.code, 0)
            if r.day in days and missing > 0:
                out.append(Short(str(week), r.code, r.member, r.site, r.skill, r.min_level,
                                 tuple((c.type, c.level) for c in r.certifications), r.priority,
                                 missing * r.minutes))
    return out


def profiles(shorts: list[Short]) -> list[Profile]:
    """Short requests grouped by skill level and certificates, most missing minutes first."""
    by_need: dict[tuple, dict[tuple[str, str], int]] = {}
    for s in shorts:
        places = by_need.setdefault((s.skill, s.level, s.certificates), {})
        places[(s.member, s.site)] = places.get((s.member, s.site), 0) + s.minutes
    out = []
    for (skill, level, certs), places in by_need.items():
        (member, site), _ = max(places.items(), key=lambda kv: (kv[1], kv[0]))
        out.append(Profile(skill, level, certs, member, site, sum(places.values())))
    return sorted(out, key=lambda p: (-p.minutes, p.label))


def site_of(group: Group, profile: Profile) -> tuple[float, float]:
    """Latitude and longitude of the site where the profile's hours are most missing."""
    for m in group.members:
        for s in m.sites:
            if (m.code, s.code) == (profile.member, profile.site):
                return s.latitude, s.longitude
    raise ValueError(f"site {profile.member}/{profile.site} not found")


def hire_options(group: Group, found: list[Profile], hourly_cost: Decimal, weekly_hours: float = 35,
                 limit: int = 4) -> list[Option]:
    """A hire per profile (the `limit` largest), living at its most short site, each with its own code."""
    out = []
    for k, p in enumerate(found[:limit], start=1):
        lat, lon = site_of(group, p)
        hire = Hire({p.skill: p.level}, p.certificates, lat, lon, weekly_hours, hourly_cost, code=f"NEW{k:02d}")
        out.append(Option(f"H{k}", f"hire {p.label} living near {p.member}/{p.site}", hire, Decimal(0)))
    return out


def training_options(group: Group, found: list[Profile], courses: list[Course], since: date,
                     per_profile: int = 2, limit: int = 4) -> list[Option]:
    """For each of the `limit` largest profiles, up to `per_profile` employees nearest its site who
    lack it, may follow its courses, and whose contract lists the member."""
    out: list[Option] = []
    for p in found[:limit]:
        lat, lon = site_of(group, p)
        people = sorted((e for e in group.employees if p.member in e.contract.members and e.contract.is_active(since)),
                        key=lambda e: (distance_km(e.home_latitude, e.home_longitude, lat, lon), e.code))
        taken = 0
        for e in people:
            plan = _courses(group, e, p, courses, since)
            if plan is None or not plan:
                continue
            cost = sum((c.cost + Decimal(str(c.hours)) * e.hourly_cost for c in plan), Decimal(0))
            certs = tuple((c.code, c.level) for c in plan if c.kind == "cert")
            skills = {p.skill: p.level} if any(c.kind == "skill" for c in plan) else {}
            names = ", ".join(f"{c.name} ({c.hours:g} h)" for c in plan)
            out.append(Option(f"T{len(out) + 1}", f"train {e.code} in {p.label}: {names}",
                              Training(e.code, skills, certs), cost.quantize(_CENT, ROUND_HALF_UP),
                              sum(c.hours for c in plan)))
            taken += 1
            if taken == per_profile:
                break
    return out


def _courses(group: Group, person: Employee, p: Profile, courses: list[Course], day: date) -> list[Course] | None:
    """The courses `person` needs for the profile, or None when one is missing or closed to them."""
    needed = []
    after = {**person.skills, p.skill: max(p.level, person.skills.get(p.skill, 0))}  # certificates come after
    if person.skills.get(p.skill, 0) < p.level:
        course = next((c for c in courses if c.kind == "skill" and c.code == p.skill and c.level == str(p.level)), None)
        if course is None or not course.open_to(person.skills):
            return None
        needed.append(course)
    for kind, level in p.certificates:
        cert_type = group.catalogue.certification_type(kind)
        held = any(c.type == kind and c.is_valid(day) and cert_type is not None
                   and level in cert_type.covered_by(c.level) for c in person.certifications)
        if held:
            continue
        course = next((c for c in courses if c.kind == "cert" and c.code == kind and c.level == level), None)
        if course is None or not course.open_to(after):
            return None
        needed.append(course)
    return needed
