"""Requests filed by members for shared staff, one-off or recurring."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Literal

from pydantic import Field, field_validator, model_validator

from consortium.members import WEEKDAYS, Site, format_opening_hours

from .base import Domain, Text, check_code
from .skills import CertRequirement

__all__ = ["PRIORITIES", "Request", "RecurringRequest", "site_closed"]

PRIORITIES = ("critical", "normal", "optional")
Priority = Literal["critical", "normal", "optional"]


class _RequestFields(Domain):
    code: str
    member: str
    site: str
    skill: str
    min_level: int = Field(1, ge=1)
    certifications: list[CertRequirement] = Field(default_factory=list)
    start: time
    end: time
    ends_next_day: bool = False
    headcount: int = Field(1, ge=1, le=100)
    priority: Priority = "normal"
    min_chunk_hours: float = Field(0, ge=0, le=24)
    preferred_employees: list[str] = Field(default_factory=list)
    excluded_employees: list[str] = Field(default_factory=list)
    same_person: bool = False
    note: Text = ""

    @field_validator("code", "member", "site", "skill")
    @classmethod
    def _codes(cls, value: str, info) -> str:
        return check_code(value, f"{info.field_name} code")

    @field_validator("preferred_employees", "excluded_employees")
    @classmethod
    def _employees(cls, value: list[str]) -> list[str]:
        return [check_code(v, "employee code") for v in value]

    @model_validator(mode="after")
    def _times(self):
        if not self.ends_next_day and self.end <= self.start:
            raise ValueError(
                f"end {self.end:%H:%M} is not after start {self.start:%H:%M} (set ends_next_day for a night shift)"
            )
        if set(self.preferred_employees) & set(self.excluded_employees):
            raise ValueError("an employee is both preferred and excluded")
        return self

    @property
    def minutes(self) -> int:
        """Length of one person's shift in minutes."""
        start = self.start.hour * 60 + self.start.minute
        end = self.end.hour * 60 + self.end.minute + (1440 if self.ends_next_day else 0)
        return end - start


class Request(_RequestFields):
    """A member's need for `headcount` people with a skill, at a site, on one day and time window."""

    day: date
    series: str | None = None

    def interval(self) -> tuple[datetime, datetime]:
        """Local start and end date-times."""
        start = datetime.combine(self.day, self.start)
        end = datetime.combine(self.day + timedelta(days=1 if self.ends_next_day else 0), self.end)
        return start, end

    @property
    def hours(self) -> float:
        """Person-hours asked for."""
        return self.minutes * self.headcount / 60


class RecurringRequest(_RequestFields):
    """A need that repeats on some weekdays between two dates; `expand` makes the dated requests."""

    weekdays: list[int] = Field(min_length=1, description="0 = Monday ... 6 = Sunday")
    first_day: date
    last_day: date

    @model_validator(mode="after")
    def _range(self):
        if self.last_day < self.first_day:
            raise ValueError(f"last_day {self.last_day} is before first_day {self.first_day}")
        if any(not 0 <= d <= 6 for d in self.weekdays):
            raise ValueError("weekdays must be 0 (Monday) to 6 (Sunday)")
        return self

    def expand(self) -> list[Request]:
        """One dated request per matching day, coded `<code>-<MMDD>`."""
        fields = self.model_dump(exclude={"weekdays", "first_day", "last_day", "code"})
        result = []
        day = self.first_day
        while day <= self.last_day:
            if day.weekday() in self.weekdays:
                result.append(Request(code=f"{self.code}-{day:%m%d}", day=day, series=self.code, **fields))
            day += timedelta(days=1)
        return result


def site_closed(request: Request, site: Site) -> str | None:
    """Why the site cannot receive the request on its day and time, in one line, or None when it is open.

    The line names the site, the day and the site's opening hours; a night shift must fit the
    opening hours of both days it touches. A site with no opening hours declared is always open.
    """
    start = request.start.hour * 60 + request.start.minute
    if site.is_open(request.day.weekday(), start, start + request.minutes):
        return None
    when = f"{request.day:%A} {request.day}"
    if site.opening_hours.get(f"{request.day:%a}".lower()):
        end = f"{request.end:%H:%M}" + (" the next day" if request.ends_next_day else "")
        when += f" from {request.start:%H:%M} to {end}"
    return (f"site {request.member}/{site.code} is closed on {when} "
            f"(opening hours: {_hours_text(site)})")


def _hours_text(site: Site) -> str:
    """Opening hours with runs of days alike joined: `mon-fri 07:00-19:00; sat 08:00-12:00`."""
    parts = [format_opening_hours({d: site.opening_hours[d]}).partition(" ") for d in WEEKDAYS
             if site.opening_hours.get(d)]
    runs: list[list[str]] = []  # [first day, last day, ranges]
    for day, _, ranges in parts:
        if runs and runs[-1][2] == ranges and WEEKDAYS.index(day) == WEEKDAYS.index(runs[-1][1]) + 1:
            runs[-1][1] = day
        else:
            runs.append([day, day, ranges])
    return "; ".join(f"{a if a == b else f'{a}-{b}'} {r}" for a, b, r in runs)
