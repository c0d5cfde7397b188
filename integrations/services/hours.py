"""Hours worked against the database: recording, the month's hours, validation, counters and history.

Each function takes an open repository (one transaction): an error leaves the database as it was.
Hours default to the published plans; corrections, declared exceptions and validations live in the hours
tables (`repo.hours`). The labour rules on hours worked are in `integrations.services.hours_compliance`;
billing is in `integrations.services.billing`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from pydantic import ValidationError

from consortium.errors import InvalidInput
from consortium.weeks import IsoWeek, month_bounds, parse_week, week_of
from integrations.services.hours_compliance import check_month, new_violations, refuse_if_any, worked_between
from integrations.store import Repository
from sharing.base import describe_validation_error
from sharing.compliance import Violation
from sharing.counters import AnnualCounter, annual_counter, contracted_minutes, history_for_week, idle_minutes
from sharing.history import EmployeeHistory, History
from sharing.hours import Correction, Validation, WorkedLine, month_of

__all__ = ["EmployeeCounters", "RecordedHours", "record_hours", "month_hours", "validate_month", "employee_counters",
           "worked_history", "checked_correction", "store_correction", "clock"]

_HHMM = re.compile(r"^(\d{1,2}):(\d{2})(:\d{2})?$")


# ---------------------------------------------------------------- reading hours back


def _lines(repo: Repository, start: date, end: date) -> list[WorkedLine]:
    """Lines worked on the days [start, end), adjustments included."""
    return worked_between(repo, start, end)


def _has_hours(repo: Repository, start: date, end: date) -> bool:
    return bool(repo.hours.list_corrections(start, end))


# ---------------------------------------------------------------- recording


def clock(text: str, what: str) -> time:
    """`07:30` (or `7:30:00`) as a time; InvalidInput naming `what` otherwise."""
    match = _HHMM.match(str(text).strip())
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise InvalidInput(f"{what} {text!r} is not a time like 07:30")
    return time(int(match.group(1)), int(match.group(2)))


def checked_correction(repo: Repository, employee: str, request: str, day: date, *, absent: bool, start: str | None,
                       end: str | None, travel: int | None, note: str, now: datetime,
                       next_day: bool = False) -> Correction:
    """A correction checked against the database: the employee, the request and its day.

    The end is on the same day as the start unless `next_day` says the shift ends the next day: an end
    before the start is refused, never read as a night shift (08:00-07:59 is a typing error, not 23 h 59).
    """
    emp = repo.people.get_employee(employee)
    req = repo.plans.get_request(request)
    if req.day != day:
        raise InvalidInput(f"request {req.code} is on {req.day}, not on {day}")
    who = f"hours of {emp.code} on {req.code}"
    if absent and (start or end):
        raise InvalidInput(f"{who}: --absent with a start or end time")
    if (start is None) != (end is None):
        raise InvalidInput(f"{who}: give both start and end, or neither")
    if not absent and start is None and travel is None:
        raise InvalidInput(f"{who}: nothing to record (absent, start/end or travel)")
    if next_day and start is None:
        raise InvalidInput(f"{who}: --next-day without a start and end")
    begins = ends = None
    if start is not None and end is not None:
        begins = datetime.combine(day, clock(start, "start"))
        ends = datetime.combine(day, clock(end, "end"))
        if next_day:
            ends += timedelta(days=1)
        elif ends <= begins:
            raise InvalidInput(f"{who}: end {ends:%H:%M} is not after start {begins:%H:%M} "
                               "(a shift that ends the next day needs --next-day, column ends_next_day)")
    locked = repo.hours.get_validation(req.member, month_of(day)) is not None
    try:
        return Correction(employee=emp.code, request=req.code, member=req.member, site=req.site, day=day,
                          absent=absent, start=begins, end=ends, travel_minutes=travel, note=note, recorded_at=now,
                          adjustment=locked)
    except ValidationError as exc:
        raise InvalidInput("; ".join(describe_validation_error(exc))) from None


@dataclass(frozen=True)
class RecordedHours:
    """A stored correction and the labour rules it knowingly breaks (its declared exceptions)."""

    correction: Correction
    declared: list[Violation] = field(default_factory=list)


def store_correction(repo: Repository, c: Correction, found: list[Violation], reason: str) -> RecordedHours:
    """Store a checked correction with the rules it knowingly breaks (`found`) and the reason given for them."""
    if found:
        c = c.model_copy(update={"accepted_reason": reason.strip()})
    stored = repo.hours.add_correction(c, [(v.rule, v.day or c.day, v.message) for v in found])
    return RecordedHours(stored, list(found))


def record_hours(repo: Repository, employee: str, request: str, day: date, *, absent: bool = False,
                 start: str | None = None, end: str | None = None, travel: int | None = None, note: str = "",
                 next_day: bool = False, accept_violation: str = "", now: datetime | None = None) -> RecordedHours:
    """Record what really happened on one shift; in a validated month it becomes a dated adjustment.

    The hours go through the labour rules of the compliance checker: one person at two places at once is
    refused; any other rule they break is refused unless `accept_violation` gives the reason the manager
    records them knowingly (kept with the hours as a declared exception, shown on the statement).
    """
    correction = checked_correction(repo, employee.upper(), request.upper(), day, absent=absent, start=start,
                                    end=end, travel=travel, note=note,
                                    now=now or datetime.now().replace(microsecond=0), next_day=next_day)
    found = new_violations(repo, [correction])
    refuse_if_any(f"hours of {correction.employee} on {correction.request} {day}", found, accept_violation)
    return store_correction(repo, correction, found, accept_violation)


# ---------------------------------------------------------------- month and validation


def month_hours(repo: Repository, month: str, member: str | None = None,
                employee: str | None = None) -> list[WorkedLine]:
    """The month's hours worked, one line per shift (absences kept), optionally for one member or employee.

    Each line names the correction that applies to it (its entry number and when it was recorded).
    An unknown member or employee code is an error (NotFound), never an empty month.
    """
    first, nxt = month_bounds(month)
    member = repo.people.get_member(member.upper()).code if member else None
    employee = repo.people.employee_code(employee) if employee else None
    return [x for x in _lines(repo, first, nxt)
            if (member is None or x.member == member) and (employee is None or x.employee == employee)]


def validate_month(repo: Repository, member: str, month: str, now: datetime | None = None,
                   early: bool = False) -> Validation:
    """Lock a member's month: later corrections of it become dated adjustments.

    Refused while the month is not over (unless `early`: hours recorded later become adjustments), and
    while an employee who worked for the member that month has a labour rule broken and not declared.
    """
    first, nxt = month_bounds(month)
    now = now or datetime.now().replace(microsecond=0)
    code = repo.people.get_member(member.upper()).code
    if now.date() < nxt and not early:
        raise InvalidInput(f"{first:%Y-%m} is not over (it ends on {nxt - timedelta(days=1)}): hours recorded after "
                           "validation become adjustments billed later; pass --early to validate it now")
    worked = {x.employee for x in _lines(repo, first, nxt) if x.member == code}
    still_open = check_month(repo, month).open_for(worked)
    if still_open:
        raise InvalidInput(f"the hours of {code} for {first:%Y-%m} break {len(still_open)} labour rule(s), first: "
                           f"[{still_open[0].rule}] {still_open[0].message}; correct them or record them knowingly "
                           "(hours record ... --accept-violation REASON); see `mutualis check --month`")
    validation = Validation(member=code, month=f"{first:%Y-%m}", validated_at=now)
    repo.hours.add_validation(validation)
    return validation


# ---------------------------------------------------------------- counters and history


@dataclass(frozen=True)
class EmployeeCounters:
    """An employee's counters as of a week: past minutes, streak, annual counter, idle hours per week."""

    employee: str
    week: str
    history: EmployeeHistory
    annual: AnnualCounter
    idle_minutes: dict[str, int]  # week -> minutes
    contracted_minutes: dict[str, int]  # week -> minutes


def employee_counters(repo: Repository, employee: str, week: IsoWeek | None = None) -> EmployeeCounters:
    """The counters leading into `week` (the current one by default), recomputed from hours worked."""
    emp = repo.people.get_employee(employee.upper())
    week = week or week_of(date.today())
    weeks = repo.people.get_settings().labour.average_weeks
    first = min(week.shift(-weeks).monday, date(week.shift(-1).monday.year, 1, 1))
    lines = [x for x in _lines(repo, first, week.monday) if x.employee == emp.code]
    window = [week.shift(-k) for k in range(weeks, 0, -1)]
    history = history_for_week(lines, [], week, {}, weeks).employee(emp.code)
    as_of = week.monday - timedelta(days=1)
    return EmployeeCounters(
        employee=emp.code, week=str(week), history=history,
        annual=annual_counter(emp, lines, as_of.year, as_of),
        idle_minutes={str(w): idle_minutes([emp], lines, w)[emp.code] for w in window},
        contracted_minutes={str(w): contracted_minutes(emp, w) for w in window},
    )


def worked_history(repo: Repository, week: IsoWeek) -> History | None:
    """The History leading into `week` from the hours worked, or None when no hours are recorded then."""
    week = parse_week(str(week))
    weeks = repo.people.get_settings().labour.average_weeks
    first = week.shift(-weeks).monday
    if not _has_hours(repo, first, week.monday):
        return None
    lines = _lines(repo, first, week.monday)
    requests = [r for w in (week.shift(-k) for k in range(weeks, 0, -1)) for r in repo.plans.list_requests(week=w)]
    entitlement = {m.code: m.entitlement for m in repo.people.list_members()}
    return history_for_week(lines, requests, week, entitlement, weeks)
