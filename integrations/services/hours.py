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

from consortium.errors import InvalidInput, MutualisError
from consortium.weeks import IsoWeek, month_bounds, parse_week, week_of
from integrations.services.hours_compliance import (check_month, new_violations, refuse_if_any, still_to_check,
                                                    worked_between)
from integrations.store import Repository
from sharing.base import describe_validation_error
from sharing.compliance import Violation
from sharing.counters import AnnualCounter, annual_counter, contracted_minutes, history_for_week, idle_minutes
from sharing.history import EmployeeHistory, History
from sharing.hours import Correction, Validation, WorkedLine, month_of

__all__ = ["EmployeeCounters", "RecordedHours", "ValidatedMonth", "record_hours", "month_hours", "validate_month",
           "employee_counters", "worked_history", "checked_correction", "store_correction", "clock", "login_member",
           "refuse_declaring"]

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


def login_member(repo: Repository) -> str | None:
    """The member firm of a member's PostgreSQL login (its code); None for the GE office and on SQLite."""
    if not repo.access.available:
        return None
    who = repo.access.identity()
    return (who.member or who.login) if who.is_member else None


def refuse_declaring(member: str, reason: str) -> None:
    """A member's login may not declare exceptions: it cannot see the rules its hours would break."""
    if reason.strip():
        raise InvalidInput(f"{member}'s login may not declare exceptions to the labour rules (--accept-violation, "
                           "column accept_violation): its hours are checked by the GE manager, who declares them")


def checked_correction(repo: Repository, employee: str, request: str, day: date, *, absent: bool, start: str | None,
                       end: str | None, travel: int | None, note: str, now: datetime,
                       next_day: bool = False, by_member: str | None = None) -> Correction:
    """A correction checked against the database: the employee, the request and its day.

    The end is on the same day as the start unless `next_day` says the shift ends the next day: an end
    before the start is refused, never read as a night shift (08:00-07:59 is a typing error, not 23 h 59).
    `by_member` is the member firm of a member's login (`login_member`): the request must be its own
    ("CHAUMAY may not change hours of INOXAGRI") and the correction is stored to be checked by the manager.
    """
    if by_member is not None:
        owner = repo.access.request_member(request)
        if owner is not None and owner != by_member:
            raise MutualisError(f"{by_member} may not change hours of {owner}")
    emp_code = repo.people.employee_code(employee)
    req = repo.plans.get_request(request)
    if req.day != day:
        raise InvalidInput(f"request {req.code} is on {req.day}, not on {day}")
    who = f"hours of {emp_code} on {req.code}"
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
        return Correction(employee=emp_code, request=req.code, member=req.member, site=req.site, day=day,
                          absent=absent, start=begins, end=ends, travel_minutes=travel, note=note, recorded_at=now,
                          adjustment=locked, to_check=by_member is not None)
    except ValidationError as exc:
        raise InvalidInput("; ".join(describe_validation_error(exc))) from None


@dataclass(frozen=True)
class RecordedHours:
    """A stored correction and the labour rules it knowingly breaks (its declared exceptions)."""

    correction: Correction
    declared: list[Violation] = field(default_factory=list)

    @property
    def to_check(self) -> bool:
        """Recorded by a member's login: the GE manager checks its labour rules."""
        return self.correction.to_check


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

    A member firm's login records hours on its own requests only, and may not read the contracts and other
    members' shifts the rules need: its hours are stored to be checked by the GE manager (`to_check`),
    who sees them in `check --month`, `hours show` and `hours validate`, and confirms or corrects the shift.
    """
    me = login_member(repo)
    if me is not None:
        refuse_declaring(me, accept_violation)
    correction = checked_correction(repo, employee.upper(), request.upper(), day, absent=absent, start=start,
                                    end=end, travel=travel, note=note,
                                    now=now or datetime.now().replace(microsecond=0), next_day=next_day, by_member=me)
    if me is not None:
        return store_correction(repo, correction, [], "")
    found = new_violations(repo, [correction])
    refuse_if_any(f"hours of {correction.employee} on {correction.request} {day}", found, accept_violation)
    return store_correction(repo, correction, found, accept_violation)


# ---------------------------------------------------------------- month and validation


def month_hours(repo: Repository, month: str, member: str | None = None,
                employee: str | None = None) -> list[WorkedLine]:
    """The month's hours worked, one line per shift (absences kept), optionally for one member or employee.

    Each line names the correction that applies to it (its entry number and when it was recorded), and
    `to_check` when a member's login recorded it and the GE manager has not confirmed it yet.
    An unknown member or employee code is an error (NotFound), never an empty month.
    """
    first, nxt = month_bounds(month)
    member = repo.people.get_member(member.upper()).code if member else None
    employee = repo.people.employee_code(employee) if employee else None
    lines = still_to_check(repo, _lines(repo, first, nxt))
    return [x for x in lines if (member is None or x.member == member) and (employee is None or x.employee == employee)]


@dataclass(frozen=True)
class ValidatedMonth:
    """A member's month locked, and how many shifts its login recorded were checked by this validation."""

    member: str
    month: str
    validated_at: datetime
    checked: int = 0


def validate_month(repo: Repository, member: str, month: str, now: datetime | None = None,
                   early: bool = False) -> ValidatedMonth:
    """Lock a member's month: later corrections of it become dated adjustments.

    Refused while the month is not over (unless `early`: hours recorded later become adjustments), and
    while an employee who worked for the member that month has a labour rule broken and not declared.
    The hours the member's login recorded (`to_check`) are checked by it like the others: the count is told.
    """
    first, nxt = month_bounds(month)
    now = now or datetime.now().replace(microsecond=0)
    me = login_member(repo)
    if me is not None:
        raise MutualisError(f"hours validate checks the labour rules on every employee's contract and shifts, which "
                            f"{me}'s login may not read: the GE manager validates the month")
    code = repo.people.get_member(member.upper()).code
    if now.date() < nxt and not early:
        raise InvalidInput(f"{first:%Y-%m} is not over (it ends on {nxt - timedelta(days=1)}): hours recorded after "
                           "validation become adjustments billed later; pass --early to validate it now")
    lines = [x for x in still_to_check(repo, _lines(repo, first, nxt)) if x.member == code]
    worked = {x.employee for x in lines}
    still_open = check_month(repo, month).open_for(worked)
    if still_open:
        raise InvalidInput(f"the hours of {code} for {first:%Y-%m} break {len(still_open)} labour rule(s), first: "
                           f"[{still_open[0].rule}] {still_open[0].message}; correct them or record them knowingly "
                           "(hours record ... --accept-violation REASON); see `mutualis check --month`")
    validation = Validation(member=code, month=f"{first:%Y-%m}", validated_at=now)
    repo.hours.add_validation(validation)
    return ValidatedMonth(code, validation.month, now, sum(1 for x in lines if x.to_check))


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
