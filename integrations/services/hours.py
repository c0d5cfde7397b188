"""Hours worked, validation, billing, ledger and counters against the database: store <-> domain glue.

Each function takes an open repository (one transaction): an error leaves the database as it was.
Hours default to the published plans; corrections, declared exceptions and validations live in the hours
tables (0003, 0005_hours_exceptions). The labour rules on hours worked are in `integrations.services.hours_compliance`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from pydantic import ValidationError

from integrations.services.hours_compliance import (
    check_month, new_violations, refuse_if_any, weeks_between, worked_between,
)
from integrations.store.hours_tables import hours_of
from sharing.base import describe_validation_error
from sharing.billing import MonthBill, bill_month
from sharing.counters import AnnualCounter, annual_counter, contracted_minutes, history_for_week, idle_minutes
from consortium.errors import InvalidInput
from sharing.history import EmployeeHistory, History
from sharing.hours import Correction, Validation, WorkedLine, adjustments, month_of
from sharing.ledger import LedgerRow, headcount, ledger
from consortium.weeks import IsoWeek, month_bounds, parse_week, week_of

__all__ = ["BillResult", "EmployeeCounters", "record_hours", "month_hours", "validate_month", "month_bill", "bill", "member_ledger", "employee_counters", "worked_history",
           "record_demo_hours", "bill_demo", "RecordedHours", "checked_correction", "store_correction", "clock"]

_HHMM = re.compile(r"^(\d{1,2}):(\d{2})(:\d{2})?$")


# ---------------------------------------------------------------- reading hours back


def _lines(repo, start: date, end: date, *, billed: bool = False) -> list[WorkedLine]:
    """Lines worked on the days [start, end); `billed` leaves out adjustments (the validated values)."""
    return worked_between(repo, start, end, include_adjustments=not billed)


def _has_hours(repo, start: date, end: date) -> bool:
    return bool(hours_of(repo).list_corrections(start, end))


# ---------------------------------------------------------------- recording


def clock(text: str, what: str) -> time:
    match = _HHMM.match(str(text).strip())
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise InvalidInput(f"{what} {text!r} is not a time like 07:30")
    return time(int(match.group(1)), int(match.group(2)))


def checked_correction(repo, employee: str, request: str, day: date, *, absent: bool, start: str | None, end: str | None,
                travel: int | None, note: str, now: datetime, next_day: bool = False) -> Correction:
    """A correction checked against the database: the employee, the request and its day.

    The end is on the same day as the start unless `next_day` says the shift ends the next day: an end
    before the start is refused, never read as a night shift (08:00-07:59 is a typing error, not 23 h 59).
    """
    emp = repo.get_employee(employee)
    req = repo.get_request(request)
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
    if start is not None:
        begins = datetime.combine(day, clock(start, "start"))
        ends = datetime.combine(day, clock(end, "end"))
        if next_day:
            ends += timedelta(days=1)
        elif ends <= begins:
            raise InvalidInput(f"{who}: end {ends:%H:%M} is not after start {begins:%H:%M} "
                               "(a shift that ends the next day needs --next-day, column ends_next_day)")
    locked = hours_of(repo).get_validation(req.member, month_of(day)) is not None
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
    declared: list = field(default_factory=list)


def store_correction(repo, c: Correction, found: list, reason: str) -> RecordedHours:
    if found:
        c = c.model_copy(update={"accepted_reason": reason.strip()})
    stored = hours_of(repo).add_correction(c, [(v.rule, v.day, v.message) for v in found])
    return RecordedHours(stored, list(found))


def record_hours(repo, employee: str, request: str, day: date, *, absent: bool = False, start: str | None = None,
                 end: str | None = None, travel: int | None = None, note: str = "", next_day: bool = False,
                 accept_violation: str = "", now: datetime | None = None) -> RecordedHours:
    """Record what really happened on one shift; in a validated month it becomes a dated adjustment.

    The hours go through the labour rules of the compliance checker: one person at two places at once is
    refused; any other rule they break is refused unless `accept_violation` gives the reason the manager
    records them knowingly (kept with the hours as a declared exception, shown on the statement).
    """
    correction = checked_correction(repo, employee.upper(), request.upper(), day, absent=absent, start=start, end=end,
                             travel=travel, note=note, now=now or datetime.now().replace(microsecond=0),
                             next_day=next_day)
    found = new_violations(repo, [correction])
    refuse_if_any(f"hours of {correction.employee} on {correction.request} {day}", found, accept_violation)
    return store_correction(repo, correction, found, accept_violation)


# ---------------------------------------------------------------- month, validation, billing


def month_hours(repo, month: str, member: str | None = None, employee: str | None = None) -> list[WorkedLine]:
    """The month's hours worked, one line per shift (absences kept), optionally for one member or employee.

    Each line names the correction that applies to it (its entry number and when it was recorded).
    An unknown member or employee code is an error (NotFound), never an empty month.
    """
    first, nxt = month_bounds(month)
    member = repo.get_member(member.upper()).code if member else None
    employee = repo.get_employee(employee.upper()).code if employee else None
    return [x for x in _lines(repo, first, nxt)
            if (member is None or x.member == member) and (employee is None or x.employee == employee)]


def validate_month(repo, member: str, month: str, now: datetime | None = None, early: bool = False) -> Validation:
    """Lock a member's month: later corrections of it become dated adjustments.

    Refused while the month is not over (unless `early`: hours recorded later become adjustments), and
    while an employee who worked for the member that month has a labour rule broken and not declared.
    """
    first, nxt = month_bounds(month)
    now = now or datetime.now().replace(microsecond=0)
    code = repo.get_member(member.upper()).code
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
    hours_of(repo).add_validation(validation)
    return validation


@dataclass(frozen=True)
class BillResult:
    """A month's bill, the FTE placed per member, and the statement files written (if any)."""

    bill: MonthBill
    fte: dict
    files: list[Path] = field(default_factory=list)


def _published(repo, week: IsoWeek) -> bool:
    plan = repo.get_plan(week)
    return plan is not None and plan.status == "published"


def month_bill(repo, month: str, payroll=None) -> MonthBill:
    """The month's bill: validated (or current) hours, adjustments billed this month, idle as the GE's own,
    premiums and allowances at cost to the members who caused them (`payroll` settings, defaults if None)."""
    from integrations.services.payroll import premiums_of

    first, nxt = month_bounds(month)
    month = f"{first:%Y-%m}"
    # Idle hours of an ISO week belong to the month of its Thursday (the ISO rule), so none is counted twice;
    # only weeks with a published plan count: a week the GE did not plan here says nothing about idleness.
    idle_weeks = [w for w in weeks_between(first - timedelta(days=3), nxt + timedelta(days=3))
                  if month_of(w.monday + timedelta(days=3)) == month and _published(repo, w)]
    lo = min(first, idle_weeks[0].monday) if idle_weeks else first
    hi = max(nxt, idle_weeks[-1].monday + timedelta(days=7)) if idle_weeks else nxt
    lines = _lines(repo, lo, hi, billed=True)
    employees = {e.code: e for e in repo.list_employees()}
    idle: dict[str, int] = {}
    for w in idle_weeks:
        for code, minutes in idle_minutes(employees.values(), lines, w).items():
            idle[code] = idle.get(code, 0) + minutes
    late = [c for c in hours_of(repo).list_corrections(None, nxt) if c.adjustment]
    adjusted = []
    if late:
        start = min(c.day for c in late)
        plans = [p for p in (repo.get_plan(w) for w in weeks_between(start, nxt)) if p is not None]
        adjusted = adjustments(plans, hours_of(repo).list_corrections(start, nxt))
    declared = hours_of(repo).list_exceptions(first - timedelta(days=7), nxt + timedelta(days=7))
    return bill_month(month, lines, employees, {m.code: m for m in repo.list_members()}, repo.get_settings().billing,
                      adjustments=adjusted, idle=idle, exceptions=declared,
                      premiums=premiums_of(repo, month, payroll))


def bill(repo, month: str, out_dir: Path | None = None, lang: str | None = None) -> BillResult:
    """The month's bill; with `out_dir`, one XLSX and one HTML statement per member written there
    (in `lang`: French by default)."""
    from integrations.reports.statement_files import write_statements

    result = month_bill(repo, month)
    problems = result.problems()
    if problems:
        raise InvalidInput(f"the bill of {result.month} does not reconcile: {problems[0]}")
    files = []
    if out_dir is not None:
        files = write_statements(result, repo.list_members(), repo.list_employees(), repo.get_settings().name,
                                 Path(out_dir), lang)
    return BillResult(bill=result, fte=headcount(result), files=files)


def member_ledger(repo, year: int | None = None, member: str | None = None) -> list[LedgerRow]:
    """Each member's hours and amounts per month and for the year (this year by default).

    A year outside 1900-9998 or an unknown member code is an error, never the current year or an empty table.
    """
    if year is None:
        year = date.today().year
    if not 1900 <= year <= 9998:
        raise InvalidInput(f"year {year} is not a year from 1900 to 9998")
    member = repo.get_member(member.upper()).code if member else None
    bills = [month_bill(repo, f"{year}-{m:02d}") for m in range(1, 13)]
    bills = [b for b in bills if b.statements]
    return ledger(bills, member)


# ---------------------------------------------------------------- counters and history


@dataclass(frozen=True)
class EmployeeCounters:
    """An employee's counters as of a week: past minutes, streak, annual counter, idle hours per week."""

    employee: str
    week: str
    history: EmployeeHistory
    annual: AnnualCounter
    idle_minutes: dict
    contracted_minutes: dict


def employee_counters(repo, employee: str, week: IsoWeek | None = None) -> EmployeeCounters:
    """The counters leading into `week` (the current one by default), recomputed from hours worked."""
    emp = repo.get_employee(employee.upper())
    week = week or week_of(date.today())
    weeks = repo.get_settings().labour.average_weeks
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


def worked_history(repo, week: IsoWeek) -> History | None:
    """The History leading into `week` from the hours worked, or None when no hours are recorded then."""
    week = parse_week(str(week))
    weeks = repo.get_settings().labour.average_weeks
    first = week.shift(-weeks).monday
    if not _has_hours(repo, first, week.monday):
        return None
    lines = _lines(repo, first, week.monday)
    requests = [r for w in (week.shift(-k) for k in range(weeks, 0, -1)) for r in repo.list_requests(week=w)]
    entitlement = {m.code: m.entitlement for m in repo.list_members()}
    return history_for_week(lines, requests, week, entitlement, weeks)


# ---------------------------------------------------------------- demo


def record_demo_hours(repo, week: IsoWeek) -> int:
    """Record a few realistic corrections on the week's published plan; returns how many.

    Each goes through the labour rules like the manager's: one that would break a rule is left out and
    the next shift is taken instead.
    """
    week = parse_week(str(week))
    plan = repo.get_plan(week)
    if plan is None or plan.status != "published":
        raise InvalidInput(f"no published plan for {week}: allocate and publish it first")
    ordered = sorted(plan.assignments, key=lambda a: (a.start, a.employee, a.request))
    now = datetime.combine(week.monday + timedelta(days=7), time(9, 0))
    store, count = hours_of(repo), 0
    for a in ordered[::7]:
        if count == 6:
            break
        start, end = a.start.replace(tzinfo=None), a.end.replace(tzinfo=None)
        kind = count % 3
        if kind == 0:
            fields = {"absent": True, "note": "sick (demo)"}
        elif kind == 1:
            fields = {"start": start, "end": end + timedelta(minutes=60), "note": "stayed an hour more (demo)"}
        else:
            fields = {"start": start, "end": max(start + timedelta(minutes=30), end - timedelta(minutes=90)),
                      "note": "left early (demo)"}
        locked = store.get_validation(a.member, month_of(start.date())) is not None
        correction = Correction(employee=a.employee, request=a.request, member=a.member, site=a.site,
                                day=start.date(), recorded_at=now, adjustment=locked, **fields)
        if new_violations(repo, [correction]):
            continue
        store.add_correction(correction)
        count += 1
    return count


def bill_demo(repo, month: str, out_dir: Path, lang: str | None = None) -> dict:
    """Bill the demo month into `out_dir`; a summary: members billed, totals, GE's own, files."""
    result = bill(repo, month, Path(out_dir), lang)
    b = result.bill
    return {"month": b.month, "members": len(b.statements), "members_total": b.members_total,
            "ge_own": b.ge_total, "costed_total": b.costed_total, "files": [str(f) for f in result.files]}
