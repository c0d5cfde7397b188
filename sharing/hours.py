"""Hours actually worked: what was planned, corrected by what the manager records, month by month.

Every placed hour defaults to the published plan. A `Correction` (absent, extra hours, left early,
travel) replaces the planned values of one employee on one request and day; the one *entered* last
wins: corrections are applied in their entry order (`sequence`, given by the store), never by a date
that imported data can carry. Once a member validates a month (`Validation`) its hours are locked: a later
correction is kept as an *adjustment*, a separate dated line billed in a later month, never an edit of the
validated month.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from pydantic import Field, field_validator, model_validator

from .base import Domain, Text, check_code
from .plans import Plan

__all__ = ["Correction", "Validation", "WorkedLine", "worked_lines", "month_of", "next_month", "billing_month",
           "Adjustment", "adjustments", "entry_order",
           "DeclaredException"]


def month_of(day: date) -> str:
    """`2026-11` for any day of November 2026."""
    return f"{day:%Y-%m}"


def next_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{year + number // 12}-{number % 12 + 1:02d}"


class Correction(Domain):
    """What really happened for one employee on one request and day, recorded at `recorded_at`.

    `absent` means no hour worked; otherwise `start`/`end` replace the planned times (left early,
    extra hours) and `travel_minutes`, when given, the planned travel between sites before the shift.
    The end may fall on the next day (a night shift), never before the start nor 24 h or more after it.
    `member` and `site` are the request's (the service fills them). `adjustment` is set when the
    month was already validated for the member when it was recorded. `sequence` is the entry order the
    store gives (None before it is stored); `accepted_reason` is why the manager knowingly recorded
    hours that break a labour rule (the declared exception). `to_check` is set when a member firm's login
    recorded it: that login may not read the contracts and other members' shifts the labour rules need, so
    the GE manager checks them (the month's check and validation) and confirms or corrects the shift.
    """

    employee: str
    request: str
    member: str
    site: str
    day: date
    absent: bool = False
    start: datetime | None = None
    end: datetime | None = None
    travel_minutes: int | None = Field(default=None, ge=0, le=600)
    note: Text = ""
    recorded_at: datetime
    adjustment: bool = False
    sequence: int | None = None
    accepted_reason: str = ""
    to_check: bool = False

    @field_validator("employee", "member", "site")
    @classmethod
    def _codes(cls, value: str, info) -> str:
        return check_code(value, f"{info.field_name} code")

    @model_validator(mode="after")
    def _times(self) -> Correction:
        who = f"hours of {self.employee} on {self.request} {self.day}"
        start, end = self.start, self.end
        if self.absent and (start or end):
            raise ValueError(f"{who}: absent with a start or end time")
        if start is None or end is None:
            if start is not end:
                raise ValueError(f"{who}: give both start and end, or neither")
            return self
        if end <= start:
            raise ValueError(f"{who}: end {end:%H:%M} is not after start {start:%H:%M}")
        if start.date() != self.day:
            raise ValueError(f"{who}: start {start:%Y-%m-%d} is not on {self.day}")
        if end - start >= timedelta(hours=24):
            raise ValueError(f"{who}: {start:%Y-%m-%d %H:%M} to {end:%Y-%m-%d %H:%M} lasts 24 h or more")
        return self

    def key(self) -> tuple[str, str, date]:
        return self.employee, self.request, self.day


class DeclaredException(Domain):
    """A labour rule the manager knowingly let hours worked break, with the reason given (kept for audit).

    It covers one rule broken by one employee on one day (the Monday for weekly rules); the statement of
    `member` shows it beside the hours.
    """

    employee: str
    member: str
    request: str
    rule: str
    day: date
    message: str
    reason: str = Field(min_length=1)
    recorded_at: datetime
    correction: int | None = None


class Validation(Domain):
    """A member's validation of a month's hours: from then on that month is locked."""

    member: str
    month: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    validated_at: datetime


class WorkedLine(Domain):
    """One employee's work on one request and day: planned values with any correction applied."""

    employee: str
    request: str
    member: str
    site: str
    day: date
    start: datetime | None
    end: datetime | None
    travel_minutes: int = 0
    planned_minutes: int = 0
    source: str = Field("planned", pattern="^(planned|corrected|absent|extra)$")
    note: str = ""
    correction: int | None = Field(None, description="entry number of the correction that applies, if any")
    recorded_at: datetime | None = Field(None, description="when that correction was recorded")
    accepted_reason: str = ""
    to_check: bool = Field(False, description="the correction that applies was recorded by a member's login")

    @property
    def minutes(self) -> int:
        """Minutes on site (0 when absent)."""
        if self.start is None or self.end is None:
            return 0
        return int((self.end - self.start).total_seconds() // 60)

    @property
    def month(self) -> str:
        return month_of(self.day)

    def key(self) -> tuple[str, str, date]:
        return self.employee, self.request, self.day


def _apply(line: WorkedLine | None, c: Correction) -> WorkedLine:
    """The line once the correction is applied (a correction with no plan behind it is extra work)."""
    if line is None:
        line = WorkedLine(employee=c.employee, request=c.request, member=c.member, site=c.site, day=c.day,
                          start=None, end=None, source="extra")
    update: dict = {"note": c.note or line.note, "correction": c.sequence, "recorded_at": c.recorded_at,
                    "accepted_reason": c.accepted_reason, "to_check": c.to_check}
    if c.absent:
        update |= {"start": None, "end": None, "travel_minutes": 0, "source": "absent"}
    else:
        if c.start is not None:
            update |= {"start": c.start, "end": c.end}
        if c.travel_minutes is not None:
            update["travel_minutes"] = c.travel_minutes
        if line.source != "extra":
            update["source"] = "corrected"
    return line.model_copy(update=update)


def _planned(plans: Iterable[Plan]) -> dict[tuple[str, str, date], WorkedLine]:
    lines = {}
    for plan in plans:
        if plan.status != "published":
            continue
        for a in plan.assignments:
            start, end = a.start.replace(tzinfo=None), a.end.replace(tzinfo=None)
            line = WorkedLine(employee=a.employee, request=a.request, member=a.member, site=a.site, day=start.date(),
                              start=start, end=end, travel_minutes=a.travel_minutes_before,
                              planned_minutes=a.minutes)
            lines[line.key()] = line
    return lines


def entry_order(corrections: Iterable[Correction]) -> list[Correction]:
    """Corrections in the order they were entered: by `sequence`; unstored ones keep their given order, last."""
    items = list(corrections)
    return sorted(items, key=lambda c: (c.sequence is None, c.sequence or 0))


def worked_lines(plans: Iterable[Plan], corrections: Iterable[Correction], *, as_of: datetime | None = None,
                 include_adjustments: bool = True) -> list[WorkedLine]:
    """The hours worked: the published plans' assignments, each corrected by the correction entered last.

    `as_of` keeps the corrections recorded until then; `include_adjustments=False` leaves out those
    recorded after the month was validated (what the validated month was billed on).
    Lines are ordered by day, employee and start; absent lines are kept (0 minutes) for the record.
    """
    lines = _planned(plans)
    for c in entry_order(corrections):
        if (as_of is not None and c.recorded_at > as_of) or (c.adjustment and not include_adjustments):
            continue
        lines[c.key()] = _apply(lines.get(c.key()), c)
    return sorted(lines.values(), key=lambda x: (x.day, x.employee, x.start or datetime.min, x.request))


def billing_month(worked_month: str, recorded_at: datetime) -> str:
    """The month an adjustment is billed in: when it was recorded, but never the validated month itself."""
    return max(month_of(recorded_at.date()), next_month(worked_month))


class Adjustment(Domain):
    """The change one late correction makes to a validated month: a separate, dated line."""

    employee: str
    request: str
    member: str
    site: str
    day: date
    recorded_at: datetime
    billed_month: str
    delta_minutes: int
    delta_travel_minutes: int
    note: str = ""


def adjustments(plans: Iterable[Plan], corrections: Iterable[Correction]) -> list[Adjustment]:
    """Every adjustment as the difference it makes to the line it corrects, in entry order."""
    plans = list(plans)
    ordered = entry_order(corrections)
    current = {k: v for k, v in _planned(plans).items()}
    for c in ordered:
        if not c.adjustment:
            current[c.key()] = _apply(current.get(c.key()), c)
    result = []
    for c in ordered:
        if not c.adjustment:
            continue
        before = current.get(c.key())
        after = _apply(before, c)
        current[c.key()] = after
        result.append(Adjustment(
            employee=c.employee, request=c.request, member=c.member, site=c.site, day=c.day,
            recorded_at=c.recorded_at, billed_month=billing_month(month_of(c.day), c.recorded_at),
            delta_minutes=after.minutes - (before.minutes if before else 0),
            delta_travel_minutes=after.travel_minutes - (before.travel_minutes if before else 0), note=c.note,
        ))
    return result

