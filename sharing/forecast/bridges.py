"""Candidates from outside the staff and the trade bridges (`passerelles métiers`) that bring them in.

The bridge catalogue ships as data (`sharing/data/bridges.csv`, sources in docs/workforce.md): from a
trade (its ROME code) to a skill level, the skills carried over, the course and its hours. A
candidate matches a short profile directly (he or she has the skill at the level) or through a bridge
from his or her trade; the hours the candidate would cover are estimated by the what-if engine as a
hire living at home with the wished hours, on the places the baseline left open (`focused.estimate`),
ready after the course (35 course hours a week). A profile asking for certificates is a route only
when the candidate holds them, valid on the day he or she would be ready: an expired one does not count.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from typing import NamedTuple
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from consortium.errors import RowError
from consortium.weeks import IsoWeek

from ..allocation import AllocationParams
from ..catalogue import Catalogue
from ..geo import distance_km
from ..group import Group
from ..history import History
from .options import Profile, site_of, profiles, short_requests
from .options import WEIGHTS
from .focused import estimate
from .whatif import Hire, baseline

__all__ = ["Bridge", "Candidate", "Held", "Match", "load_bridges", "match", "routes"]

_DATA = Path(__file__).resolve().parent.parent / "data" / "bridges.csv"
COURSE_HOURS_A_WEEK = 35


@dataclass(frozen=True)
class Bridge:
    """From a trade (ROME code) to a skill level: what carries over, the course and its hours."""

    from_rome: str
    from_trade: str
    skill: str
    level: int
    carried: str
    course: str
    hours: float
    cost: Decimal = Decimal(0)  # euros, indicative (docs/workforce.md)


class Held(NamedTuple):
    """A candidate's certificate: type, level, and the last day it is valid (None: it does not expire)."""

    kind: str
    level: str
    valid_to: date | None = None

    def is_valid(self, day: date) -> bool:
        return self.valid_to is None or day <= self.valid_to


@dataclass(frozen=True)
class Candidate:
    """Someone outside the staff: where he or she lives, trade, skills, when free, wished hours, reach."""

    code: str
    name: str
    latitude: float
    longitude: float
    rome: str
    trade: str
    skills: dict[str, int]
    certificates: tuple[Held, ...]
    available_from: date
    weekly_hours: float
    max_travel_km: float
    postcode: str = ""
    consent: date | None = None  # when the person agreed to be kept on file

    def holds(self, catalogue: Catalogue, kind: str, level: str, day: date) -> bool:
        """Whether a certificate valid on `day` covers `kind` at `level` (an expired one does not)."""
        cert_type = catalogue.certification_type(kind)
        return cert_type is not None and any(
            h.kind == kind and h.is_valid(day) and level in cert_type.covered_by(h.level) for h in self.certificates)

    def lacks(self, catalogue: Catalogue, needs, day: date) -> list[str]:
        """The `TYPE:LEVEL` of `needs` ((type, level) pairs) that no certificate valid on `day` covers."""
        return [f"{kind}:{level}" for kind, level in needs if not self.holds(catalogue, kind, level, day)]


@dataclass(frozen=True)
class Match:
    """A candidate's best way into the shortage: the profile, direct or by a bridge, and what it fills."""

    candidate: Candidate
    profile: Profile | None
    bridge: Bridge | None
    ready: date | None
    distance_km: float | None
    extra: dict[str, float]  # hours filled by priority in the what-if

    def score(self) -> float:
        return sum(WEIGHTS[p] * h for p, h in self.extra.items())

    @property
    def route(self) -> str:
        if self.profile is None:
            return "none"
        return "direct" if self.bridge is None else f"bridge: {self.bridge.course} ({self.bridge.hours:g} h)"


def load_bridges(path: Path | None = None) -> list[Bridge]:
    """The bridge catalogue; a bad row raises RowError naming the file, row and field."""
    path = path or _DATA
    out = []
    with path.open(newline="", encoding="utf-8") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            field = "to_level"
            try:
                level = int(row["to_level"])
                field = "hours"
                hours = float(row["hours"])
                field = "cost_eur"
                cost = Decimal(row.get("cost_eur") or "0")
            except (ValueError, ArithmeticError) as exc:
                raise RowError([f"{path.name}:{number}: column {field}: {exc}"]) from None
            out.append(Bridge(row["from_rome"], row["from_trade"], row["to_skill"], level, row["carried"],
                              row["course"], hours, cost))
    return out


def routes(candidate: Candidate, found: list[Profile], group: Group, bridges: list[Bridge]):
    """(profile, bridge or None, distance, ready day) for each profile within the candidate's reach whose
    certificates he or she holds, valid on the day he or she would be ready; most hours first."""
    for p in found:
        lat, lon = site_of(group, p)
        distance = distance_km(candidate.latitude, candidate.longitude, lat, lon)
        if distance > candidate.max_travel_km:
            continue
        bridge = None
        if candidate.skills.get(p.skill, 0) < p.level:
            fits = [b for b in bridges if b.from_rome == candidate.rome and b.skill == p.skill and b.level >= p.level]
            bridge = min(fits, key=lambda b: b.hours, default=None)
            if bridge is None:
                continue
        course_weeks = 0 if bridge is None else -(-bridge.hours // COURSE_HOURS_A_WEEK)
        ready = candidate.available_from + timedelta(weeks=course_weeks)
        if not candidate.lacks(group.catalogue, p.certificates, ready):  # an expired certificate does not count
            yield p, bridge, distance, ready


def match(weeks: list[tuple[IsoWeek, Group]], candidates: list[Candidate], params: AllocationParams,
          bridges: list[Bridge] | None = None, history: History | None = None) -> list[Match]:
    """Every candidate ranked by the weighted hours he or she would have filled (see the module docstring)."""
    bridges = bridges if bridges is not None else load_bridges()
    base = baseline(weeks, params, history)
    found = profiles(short_requests(weeks, base))
    group = weeks[-1][1]
    cost = sum((e.hourly_cost for e in group.employees), Decimal(0)) / max(1, len(group.employees))
    out = []
    for c in candidates:
        best = Match(c, None, None, None, None, dict.fromkeys(WEIGHTS, 0.0))
        for profile, bridge, distance, ready in routes(c, found, group, bridges):
            hire = Hire({profile.skill: profile.level}, profile.certificates, c.latitude, c.longitude,
                        c.weekly_hours, cost.quantize(Decimal("0.01")))
            found_extra = estimate(weeks, hire, params, history, base_plans=base).extra()
            candidate = Match(c, profile, bridge, ready, round(distance, 1), found_extra)
            if candidate.score() > best.score() or best.profile is None:
                best = candidate
        out.append(best)
    return sorted(out, key=lambda m: (-m.score(), m.profile is None, m.distance_km or 0.0, m.candidate.code))
