"""Member firms of the group and their sites."""

from __future__ import annotations

import re
from datetime import time

from pydantic import Field, field_validator, model_validator

from .base import Domain, Money, Name, Text, check_code

__all__ = [
    "WEEKDAYS",
    "TimeRange",
    "Site",
    "Member",
    "siret_is_valid",
    "parse_opening_hours",
    "format_opening_hours",
]

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def siret_is_valid(siret: str) -> bool:
    """A SIRET is 14 digits whose Luhn key is right (La Poste's sites, SIREN 356000000, sum to 5)."""
    if not re.fullmatch(r"\d{14}", siret):
        return False
    if siret.startswith("356000000"):
        return sum(int(c) for c in siret) % 5 == 0
    total = 0
    for i, char in enumerate(reversed(siret)):
        digit = int(char)
        if i % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


class TimeRange(Domain):
    """An opening slot in a day; `end` 00:00 means midnight."""

    start: time
    end: time

    @model_validator(mode="after")
    def _ordered(self):
        if self.end != time(0) and self.end <= self.start:
            raise ValueError(f"end {self.end:%H:%M} is not after start {self.start:%H:%M}")
        return self

    def minutes(self) -> tuple[int, int]:
        """(start, end) in minutes from midnight; midnight as end is 1440."""
        end = 1440 if self.end == time(0) else self.end.hour * 60 + self.end.minute
        return self.start.hour * 60 + self.start.minute, end

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


_RANGE = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")


def parse_opening_hours(text: str) -> dict[str, list[TimeRange]]:
    """Parse `mon-fri 06:00-20:00; sat 07:00-12:00` (`24h` for all day, empty for closed)."""
    hours: dict[str, list[TimeRange]] = {}
    for part in filter(None, (p.strip() for p in str(text or "").split(";"))):
        days_text, _, ranges_text = part.partition(" ")
        days = _parse_days(days_text.lower())
        ranges = []
        for chunk in filter(None, (c.strip() for c in ranges_text.split(","))):
            if chunk.lower() == "24h":
                ranges.append(TimeRange(start=time(0), end=time(0)))
                continue
            match = _RANGE.match(chunk)
            if not match:
                raise ValueError(f"opening hours {chunk!r} are not like 06:00-20:00")
            h1, m1, h2, m2 = (int(g) for g in match.groups())
            ranges.append(TimeRange(start=time(h1, m1), end=time(0) if h2 == 24 else time(h2, m2)))
        if not ranges:
            raise ValueError(f"opening hours {part!r} give no time range")
        for day in days:
            hours.setdefault(day, []).extend(ranges)
    return hours


def _parse_days(text: str) -> list[str]:
    if "-" in text:
        first, last = text.split("-", 1)
        if first not in WEEKDAYS or last not in WEEKDAYS:
            raise ValueError(f"days {text!r} are not like mon-fri")
        return list(WEEKDAYS[WEEKDAYS.index(first): WEEKDAYS.index(last) + 1])
    days = text.split(",")
    for day in days:
        if day not in WEEKDAYS:
            raise ValueError(f"day {day!r} is not one of {', '.join(WEEKDAYS)}")
    return days


def format_opening_hours(hours: dict[str, list[TimeRange]]) -> str:
    """The inverse of `parse_opening_hours`, one weekday per part."""
    parts = []
    for day in WEEKDAYS:
        if hours.get(day):
            ranges = ",".join("24h" if r.start == r.end == time(0) else str(r) for r in hours[day])
            parts.append(f"{day} {ranges}")
    return "; ".join(parts)


class Site(Domain):
    """A place where a member receives shared staff."""

    code: str
    name: Name
    address: Text = ""
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)
    opening_hours: dict[str, list[TimeRange]] = Field(default_factory=dict)
    night_work_allowed: bool = False
    sunday_work_allowed: bool = False
    authorisation_required_for: list[str] = Field(
        default_factory=list, description="skills that need a site authorisation here (e.g. FORKLIFT)"
    )

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        return check_code(value, "site code")

    @field_validator("opening_hours", mode="before")
    @classmethod
    def _hours(cls, value):
        if isinstance(value, str):
            return parse_opening_hours(value)
        for day in value or {}:
            if day not in WEEKDAYS:
                raise ValueError(f"weekday {day!r} is not one of {', '.join(WEEKDAYS)}")
        return value

    @field_validator("authorisation_required_for")
    @classmethod
    def _skills(cls, value: list[str]) -> list[str]:
        return [check_code(v, "skill code") for v in value]

    def is_open(self, weekday: int, start_minute: int, end_minute: int) -> bool:
        """Whether [start, end) minutes of the weekday (0 = Monday; end may pass 1440) fit the opening hours.

        A site with no opening hours declared is open around the clock.
        """
        if not self.opening_hours:
            return True
        if end_minute > 1440:
            return self.is_open(weekday, start_minute, 1440) and self.is_open((weekday + 1) % 7, 0, end_minute - 1440)
        for slot in self.opening_hours.get(WEEKDAYS[weekday], []):
            lo, hi = slot.minutes()
            if lo <= start_minute and end_minute <= hi:
                return True
        return False


class Member(Domain):
    """A member firm of the groupement: it receives shared staff and may bid on tenders."""

    code: str
    legal_name: Name = Field(min_length=1)
    siret: str
    activity: Text = ""
    sites: list[Site] = Field(default_factory=list)
    entitlement: float = Field(default=1.0, gt=0, description="fair share of staff when demand exceeds supply")
    billing_coefficient: Money | None = Field(default=None, gt=0)

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        return check_code(value, "member code")

    @field_validator("siret", mode="before")
    @classmethod
    def _siret(cls, value) -> str:
        siret = re.sub(r"\s", "", str(value))
        if not siret_is_valid(siret):
            raise ValueError(f"SIRET {value!r} is not 14 digits with a valid Luhn key")
        return siret

    @model_validator(mode="after")
    def _unique_sites(self):
        codes = [s.code for s in self.sites]
        dupes = sorted({c for c in codes if codes.count(c) > 1})
        if dupes:
            raise ValueError(f"site code {dupes[0]} appears twice")
        return self

    def site(self, code: str) -> Site:
        """The site with this code (KeyError if none)."""
        for site in self.sites:
            if site.code == code.upper():
                return site
        raise KeyError(code)
