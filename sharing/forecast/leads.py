"""Leads for one unfilled request: candidates of the pool who could fill it, directly or through a bridge.

`explain` adds these lines after its reasons: a candidate who has the skill at the level, or whose trade
bridges to it (the shortest course), and who lives within his or her travel reach of the request's site.
Direct leads come before bridged ones, then the nearest, then by code; at most three.

`lent_leads` does the same for the staff members offer to lend: a lent person is placed only on the skills
recorded on the offer, so one whose trade bridges to the request's skill is a lead, named with the course.
"""

from __future__ import annotations

from datetime import timedelta

from ..catalogue import Catalogue
from ..geo import distance_km
from ..lending import Offer
from ..requests import Request
from .bridges import COURSE_HOURS_A_WEEK, Bridge, Candidate

__all__ = ["lent_leads", "request_leads"]


def request_leads(request: Request, site: tuple[float, float], candidates: list[Candidate],
                  bridges: list[Bridge], limit: int = 3, catalogue: Catalogue | None = None) -> list[str]:
    """One line per candidate who could fill `request` at `site` (latitude, longitude), best first.

    With `catalogue`, a candidate must hold the request's certificates, valid on the day he or she
    would be ready (an expired one does not count)."""
    found = []
    needs = [(c.type, c.level) for c in request.certifications]
    for c in candidates:
        distance = distance_km(c.latitude, c.longitude, *site)
        if distance > c.max_travel_km:
            continue
        if c.skills.get(request.skill, 0) >= request.min_level:
            if catalogue is None or not c.lacks(catalogue, needs, c.available_from):
                found.append((0, distance, c.code, _direct(c, request, distance)))
            continue
        fits = [b for b in bridges
                if b.from_rome == c.rome and b.skill == request.skill and b.level >= request.min_level]
        bridge = min(fits, key=lambda b: b.hours, default=None)
        if bridge is not None and (catalogue is None or not c.lacks(catalogue, needs, _ready(c, bridge))):
            found.append((1, distance, c.code, _bridged(c, bridge, distance)))
    return [line for *_, line in sorted(found)[:limit]]


def _direct(c: Candidate, request: Request, distance: float) -> str:
    return (f"candidate {c.code} has {request.skill}:{c.skills[request.skill]} and lives {distance:.0f} km away, "
            f"free from {c.available_from}")


def _ready(c: Candidate, bridge: Bridge):
    return c.available_from + timedelta(weeks=-(-bridge.hours // COURSE_HOURS_A_WEEK))


def _bridged(c: Candidate, bridge: Bridge, distance: float) -> str:
    ready = _ready(c, bridge)
    return (f"candidate {c.code} ({c.trade}, ROME {c.rome}) could after a {bridge.hours:g} h course "
            f"({bridge.course}), ready {ready}, lives {distance:.0f} km away")


def lent_leads(request: Request, site: tuple[float, float], offers: list[Offer], bridges: list[Bridge],
               limit: int = 3) -> list[str]:
    """One line per offered person, open on the request's day and allowed at its member, who lacks the skill
    level on the offer but whose trade bridges to it: shortest course first, then the nearest."""
    found = []
    for o in offers:
        if (not o.is_open(request.day) or request.member in (o.member, *o.excluded_members)
                or o.skills.get(request.skill, 0) >= request.min_level):
            continue
        fits = [b for b in bridges
                if b.from_rome == o.trade and b.skill == request.skill and b.level >= request.min_level]
        bridge = min(fits, key=lambda b: b.hours, default=None)
        if bridge is None:
            continue
        distance = (distance_km(o.home_latitude, o.home_longitude, *site)
                    if o.home_latitude is not None and o.home_longitude is not None else None)
        where = "" if distance is None else f", lives {distance:.0f} km away"
        found.append((bridge.hours, distance or 0.0, o.code,
                      f"{o.member}'s {bridge.from_trade} {o.code} {o.name} (lent staff, ROME {o.trade}) could after a "
                      f"{bridge.hours:g} h course ({bridge.course}){where}; {request.skill}:{bridge.level} counts "
                      "once recorded on the offer"))
    return [line for *_, line in sorted(found)[:limit]]
