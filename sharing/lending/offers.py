"""A member's offer to lend one of its own employees to other members, at cost (Code du travail L8241-1/2).

The offer names the person, what they can do, the window and hours they may work elsewhere, the cost
basis per hour broken down as the law requires (salary, social charges, professional expenses), and the
hours they still work at the home firm each week, so that daily and weekly limits count both employers.
The person's current trade (a ROME code) only says which trade bridges a course would open: the allocation
qualifies a lent person on the skills and certificates recorded on the offer, never through a bridge.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from pydantic import Field, field_validator, model_validator

from ..base import Domain, Money, Name, Text, check_code
from ..employees import Certification, check_skill_levels

__all__ = ["DAYS", "CostBasis", "HomeShift", "Offer", "parse_home_hours"]

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MAX_LEGAL_WEEK = 48  # hours, both employers together (L3121-20)
ROME_CODE = re.compile(r"[A-N]\d{4}")  # France Travail's job codes: 14 domains A to N, then four digits


class CostBasis(Domain):
    """The cost of one hour of the lent person, billed exactly: salary, social charges, professional expenses."""

    salary: Money = Field(gt=0)
    charges: Money = Field(ge=0)
    expenses: Money = Field(ge=0)

    @property
    def total(self) -> Decimal:
        """The hourly cost basis: the sum of its three parts (nothing else may be billed)."""
        return self.salary + self.charges + self.expenses


class HomeShift(Domain):
    """Hours still worked at the home firm on one weekday (Monday = 0), every week of the offer."""

    weekday: int = Field(ge=0, le=6)
    start: time
    end: time

    @model_validator(mode="after")
    def _order(self):
        if self.end <= self.start:
            raise ValueError(f"home hours on {DAYS[self.weekday]}: end {self.end:%H:%M} is not after start "
                             f"{self.start:%H:%M}")
        return self

    @property
    def hours(self) -> float:
        return (datetime.combine(date.min, self.end) - datetime.combine(date.min, self.start)).seconds / 3600

    def __str__(self) -> str:
        return f"{DAYS[self.weekday]} {self.start:%H:%M}-{self.end:%H:%M}"


_SHIFT = re.compile(r"^(\w{3})\s+(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$")


def parse_home_hours(text: str) -> list[HomeShift]:
    """`Mon 08:00-12:00,Tue 08:00-12:00` -> home shifts (empty text: none); ValueError naming the bad part."""
    shifts = []
    for part in (p.strip() for p in text.split(",") if p.strip()):
        match = _SHIFT.match(part)
        if not match or match[1].title() not in DAYS:
            raise ValueError(f"home hours {part!r} are not like 'Mon 08:00-12:00'")
        start, end = (time.fromisoformat(t.zfill(5)) for t in match.group(2, 3))
        shifts.append(HomeShift(weekday=DAYS.index(match[1].title()), start=start, end=end))
    return shifts


class Offer(Domain):
    """One person a member offers to lend, from `start` to `end` inclusive, at most `hours_per_week` elsewhere.

    `code` is `MEMBER.PERSON`: the person's code in plans, explanations and documents.
    """

    member: str
    person: str
    first_name: Name = Field(min_length=1)
    last_name: Name = Field(min_length=1)
    qualification: Name = ""
    trade: str = Field("", description="the person's current trade, a ROME code (H2102); bridges start from it")
    skills: dict[str, int] = Field(min_length=1, description="skill code -> level rank (1 = lowest)")
    certifications: list[Certification] = Field(default_factory=list)
    start: date
    end: date
    hours_per_week: float = Field(gt=0, le=MAX_LEGAL_WEEK)
    cost: CostBasis
    home_postcode: str = ""
    home_address: Text = ""
    home_latitude: float | None = Field(default=None, ge=-90, le=90)
    home_longitude: float | None = Field(default=None, ge=-180, le=180)
    contract_hours: float = Field(35, gt=0, le=MAX_LEGAL_WEEK)
    home_hours: list[HomeShift] = Field(default_factory=list)
    consent_date: date
    excluded_members: list[str] = Field(default_factory=list)
    night_worker: bool = False
    withdrawn: bool = False

    @field_validator("member", "person")
    @classmethod
    def _codes(cls, value: str, info) -> str:
        return check_code(value, f"{info.field_name} code")

    @field_validator("excluded_members")
    @classmethod
    def _excluded(cls, value: list[str]) -> list[str]:
        return [check_code(v, "member code") for v in value]

    @field_validator("skills")
    @classmethod
    def _skills(cls, value: dict[str, int]) -> dict[str, int]:
        return check_skill_levels(value)

    @field_validator("trade")
    @classmethod
    def _trade(cls, value: str) -> str:
        value = value.strip().upper()
        if value and not ROME_CODE.fullmatch(value):
            raise ValueError(f"trade {value!r} is not a ROME code (a letter A to N and four digits, like H2102)")
        return value

    @field_validator("home_postcode")
    @classmethod
    def _postcode(cls, value: str) -> str:
        if value and not re.fullmatch(r"\d{5}", value):
            raise ValueError(f"postcode {value!r} is not 5 digits")
        return value

    @model_validator(mode="after")
    def _checks(self):
        if self.end < self.start:
            raise ValueError(f"offer ends on {self.end}, before it starts on {self.start}")
        if self.consent_date > self.start:
            raise ValueError(f"consent date {self.consent_date} is after the start {self.start}: the employee "
                             "agrees before the loan begins")
        if self.member in self.excluded_members:
            raise ValueError(f"member {self.member} lends the person: it cannot also be excluded")
        if len(self.code) > 32:
            raise ValueError(f"code {self.code} is longer than 32 characters: use a shorter person code")
        days = [s.weekday for s in self.home_shifts_sorted]
        if len(set(days)) != len(days):
            raise ValueError("home hours name a weekday twice")
        total = self.home_week_hours + self.hours_per_week
        if total > MAX_LEGAL_WEEK:
            raise ValueError(f"{self.home_week_hours:g} h at the home firm plus {self.hours_per_week:g} h lent is "
                             f"{total:g} h, above the legal week of {MAX_LEGAL_WEEK} h")
        if (self.home_latitude is None) != (self.home_longitude is None):
            raise ValueError("give both home latitude and longitude, or neither")
        return self

    @property
    def code(self) -> str:
        return f"{self.member}.{self.person}"

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def home_shifts_sorted(self) -> list[HomeShift]:
        return sorted(self.home_hours, key=lambda s: s.weekday)

    @property
    def home_week_hours(self) -> float:
        """Hours worked at the home firm in a full week of the offer."""
        return sum(s.hours for s in self.home_hours)

    def is_open(self, day: date) -> bool:
        """Whether the person may work elsewhere on that day."""
        return self.start <= day <= self.end and not self.withdrawn

    def home_intervals(self, monday: date) -> list[tuple[datetime, datetime]]:
        """The hours at the home firm in the week of `monday` (every day, inside the offer or not)."""
        out = []
        for s in self.home_shifts_sorted:
            day = monday + timedelta(days=s.weekday)
            out.append((datetime.combine(day, s.start), datetime.combine(day, s.end)))
        return out
