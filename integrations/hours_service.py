"""Hours worked, validation, billing, ledger and counters against the database: store <-> domain glue.

Each function takes an open repository (one transaction): an error leaves the database as it was.
Hours default to the published plans; corrections and validations live in the hours tables (0003).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from pydantic import ValidationError

from integrations.store.hours_tables import hours_of
from integrations.tabular.files import read_grid
from sharing.base import describe_validation_error
from sharing.billing import MonthBill, bill_month
from sharing.counters import AnnualCounter, annual_counter, contracted_minutes, history_for_week, idle_minutes
from sharing.errors import InvalidInput, NotFound, RowError
from sharing.history import EmployeeHistory, History
from sharing.hours import Correction, Validation, WorkedLine, adjustments, month_of, worked_lines
from sharing.ledger import LedgerRow, headcount, ledger
from sharing.weeks import IsoWeek, month_bounds, parse_week, week_of

__all__ = ["HOURS_COLUMNS", "BillResult", "EmployeeCounters", "record_hours", "import_hours", "read_hours_file",
           "month_hours", "validate_month", "month_bill", "bill", "member_ledger", "employee_counters", "worked_history",
           "record_demo_hours", "bill_demo"]

HOURS_COLUMNS = ("employee", "request", "day", "absent", "start", "end", "travel_minutes", "note")
_REQUIRED = ("employee", "request", "day")
_HHMM = re.compile(r"^(\d{1,2}):(\d{2})(:\d{2})?$")


# ---------------------------------------------------------------- reading hours back


def _weeks(start: date, end: date) -> list[IsoWeek]:
    """The ISO weeks that meet the days [start, end)."""
    weeks, day = [], start - timedelta(days=start.weekday())
    while day < end:
        weeks.append(week_of(day))
        day += timedelta(days=7)
    return weeks


def _lines(repo, start: date, end: date, *, billed: bool = False) -> list[WorkedLine]:
    """Lines worked on the days [start, end); `billed` leaves out adjustments (the validated values)."""
    plans = [p for p in (repo.get_plan(w) for w in _weeks(start, end)) if p is not None]
    corrections = hours_of(repo).list_corrections(start, end)
    return [x for x in worked_lines(plans, corrections, include_adjustments=not billed) if start <= x.day < end]


def _has_hours(repo, start: date, end: date) -> bool:
    return bool(hours_of(repo).list_corrections(start, end))


# ---------------------------------------------------------------- recording


def _clock(text: str, what: str) -> time:
    match = _HHMM.match(str(text).strip())
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise InvalidInput(f"{what} {text!r} is not a time like 07:30")
    return time(int(match.group(1)), int(match.group(2)))


def _correction(repo, employee: str, request: str, day: date, *, absent: bool, start: str | None, end: str | None,
                travel: int | None, note: str, now: datetime) -> Correction:
    """A correction checked against the database: the employee, the request and its day."""
    emp = repo.get_employee(employee)
    req = repo.get_request(request)
    if req.day != day:
        raise InvalidInput(f"request {req.code} is on {req.day}, not on {day}")
    if absent and (start or end):
        raise InvalidInput(f"hours of {emp.code} on {req.code}: --absent with a start or end time")
    if (start is None) != (end is None):
        raise InvalidInput(f"hours of {emp.code} on {req.code}: give both start and end, or neither")
    if not absent and start is None and travel is None:
        raise InvalidInput(f"hours of {emp.code} on {req.code}: nothing to record (absent, start/end or travel)")
    begins = ends = None
    if start is not None:
        begins = datetime.combine(day, _clock(start, "start"))
        ends = datetime.combine(day, _clock(end, "end"))
        if ends <= begins:  # a night shift ends the next day
            ends += timedelta(days=1)
    locked = hours_of(repo).get_validation(req.member, month_of(day)) is not None
    return Correction(employee=emp.code, request=req.code, member=req.member, site=req.site, day=day, absent=absent,
                      start=begins, end=ends, travel_minutes=travel, note=note, recorded_at=now, adjustment=locked)


def record_hours(repo, employee: str, request: str, day: date, *, absent: bool = False, start: str | None = None,
                 end: str | None = None, travel: int | None = None, note: str = "",
                 now: datetime | None = None) -> Correction:
    """Record what really happened on one shift; in a validated month it becomes a dated adjustment."""
    correction = _correction(repo, employee.upper(), request.upper(), day, absent=absent, start=start, end=end,
                             travel=travel, note=note, now=now or datetime.now().replace(microsecond=0))
    hours_of(repo).add_correction(correction)
    return correction


def read_hours_file(path: Path) -> list[tuple[int, dict]]:
    """The rows of a CSV/XLSX hours sheet as (row number, fields); RowError `FILE:ROW: column C: ...`."""
    path = Path(path)
    grid = read_grid(path, "hours")
    header_at = next((i for i, row in enumerate(grid) if any(row)), None)
    if header_at is None:
        raise RowError([f"{path.name}:1: the file is empty (columns: {', '.join(HOURS_COLUMNS)})"])
    header = [h.strip().lower() for h in grid[header_at]]
    problems = [f"{path.name}:{header_at + 1}: column {h}: unknown column (columns: {', '.join(HOURS_COLUMNS)})"
                for h in header if h and h not in HOURS_COLUMNS]
    problems += [f"{path.name}:{header_at + 1}: column {c}: missing" for c in _REQUIRED if c not in header]
    if problems:
        raise RowError(problems)
    rows, problems = [], []
    for i, cells in enumerate(grid[header_at + 1:], start=header_at + 2):
        if not any(cells):
            continue
        values = {h: (cells[j] if j < len(cells) else "") for j, h in enumerate(header) if h}
        fields, bad = _row_fields(values)
        problems += [f"{path.name}:{i}: column {column}: {what}" for column, what in bad]
        rows.append((i, fields))
    if problems:
        raise RowError(problems)
    return rows


def _row_fields(values: dict) -> tuple[dict, list[tuple[str, str]]]:
    bad, fields = [], {}
    for column in _REQUIRED:
        if not values.get(column):
            bad.append((column, "is empty"))
    fields["employee"], fields["request"] = values.get("employee", "").upper(), values.get("request", "").upper()
    try:
        fields["day"] = date.fromisoformat(values.get("day", "")[:10]) if values.get("day") else None
    except ValueError:
        bad.append(("day", f"{values['day']!r} is not a date like 2026-11-30"))
    absent = values.get("absent", "").lower()
    if absent not in ("", "0", "1", "yes", "no", "true", "false", "x"):
        bad.append(("absent", f"{values['absent']!r} is not yes or no"))
    fields["absent"] = absent in ("1", "yes", "true", "x")
    for column in ("start", "end"):
        fields[column] = values.get(column) or None
        if fields[column]:
            try:
                _clock(fields[column], column)
            except InvalidInput as exc:
                bad.append((column, str(exc)))
    travel = values.get("travel_minutes", "")
    fields["travel"] = None
    if travel:
        try:
            fields["travel"] = int(float(travel))
            if not 0 <= fields["travel"] <= 600 or float(travel) != fields["travel"]:
                raise ValueError
        except ValueError:
            bad.append(("travel_minutes", f"{travel!r} is not a whole number of minutes from 0 to 600"))
    fields["note"] = values.get("note", "")
    return fields, bad


def import_hours(repo, path: Path, now: datetime | None = None) -> int:
    """Record every row of an hours sheet, or none if any row is bad (every problem is reported)."""
    path, now = Path(path), now or datetime.now().replace(microsecond=0)
    corrections, problems = [], []
    for row, f in read_hours_file(path):
        where = f"{path.name}:{row}"
        try:
            repo.get_employee(f["employee"])
        except NotFound as exc:
            problems.append(f"{where}: column employee: {exc}")
            continue
        try:
            day = repo.get_request(f["request"]).day
        except NotFound as exc:
            problems.append(f"{where}: column request: {exc}")
            continue
        if day != f["day"]:
            problems.append(f"{where}: column day: request {f['request']} is on {day}, not on {f['day']}")
            continue
        try:
            corrections.append(_correction(repo, f["employee"], f["request"], f["day"], absent=f["absent"],
                                           start=f["start"], end=f["end"], travel=f["travel"], note=f["note"],
                                           now=now))
        except (InvalidInput, ValidationError) as exc:
            text = "; ".join(describe_validation_error(exc)) if isinstance(exc, ValidationError) else str(exc)
            problems.append(f"{where}: column {'absent' if f['absent'] else 'start'}: {text}")
    if problems:
        raise RowError(problems)
    store = hours_of(repo)
    for c in corrections:
        store.add_correction(c)
    return len(corrections)


# ---------------------------------------------------------------- month, validation, billing


def month_hours(repo, month: str, member: str | None = None, employee: str | None = None) -> list[WorkedLine]:
    """The month's hours worked, one line per shift (absences kept), optionally for one member or employee."""
    first, nxt = month_bounds(month)
    return [x for x in _lines(repo, first, nxt)
            if (member is None or x.member == member.upper()) and (employee is None or x.employee == employee.upper())]


def validate_month(repo, member: str, month: str, now: datetime | None = None) -> Validation:
    """Lock a member's month: later corrections of it become dated adjustments."""
    first, _ = month_bounds(month)
    code = repo.get_member(member.upper()).code
    validation = Validation(member=code, month=f"{first:%Y-%m}", validated_at=now or datetime.now().replace(microsecond=0))
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


def month_bill(repo, month: str) -> MonthBill:
    """The month's bill: validated (or current) hours, adjustments billed this month, idle as the GE's own."""
    first, nxt = month_bounds(month)
    month = f"{first:%Y-%m}"
    # Idle hours of an ISO week belong to the month of its Thursday (the ISO rule), so none is counted twice;
    # only weeks with a published plan count: a week the GE did not plan here says nothing about idleness.
    idle_weeks = [w for w in _weeks(first - timedelta(days=3), nxt + timedelta(days=3))
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
        plans = [p for p in (repo.get_plan(w) for w in _weeks(start, nxt)) if p is not None]
        adjusted = adjustments(plans, hours_of(repo).list_corrections(start, nxt))
    return bill_month(month, lines, employees, {m.code: m for m in repo.list_members()}, repo.get_settings().billing,
                      adjustments=adjusted, idle=idle)


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
    """Each member's hours and amounts per month and for the year (this year by default)."""
    year = year or date.today().year
    bills = [month_bill(repo, f"{year}-{m:02d}") for m in range(1, 13)]
    bills = [b for b in bills if b.statements]
    return ledger(bills, member.upper() if member else None)


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
    """Record a few realistic corrections on the week's published plan; returns how many."""
    week = parse_week(str(week))
    plan = repo.get_plan(week)
    if plan is None or plan.status != "published":
        raise InvalidInput(f"no published plan for {week}: allocate and publish it first")
    ordered = sorted(plan.assignments, key=lambda a: (a.start, a.employee, a.request))
    now = datetime.combine(week.monday + timedelta(days=7), time(9, 0))
    store, count = hours_of(repo), 0
    for i, a in enumerate(ordered[::7][:6]):
        start, end = a.start.replace(tzinfo=None), a.end.replace(tzinfo=None)
        kind = i % 3
        if kind == 0:
            fields = {"absent": True, "note": "sick (demo)"}
        elif kind == 1:
            fields = {"start": start, "end": end + timedelta(minutes=60), "note": "stayed an hour more (demo)"}
        else:
            fields = {"start": start, "end": max(start + timedelta(minutes=30), end - timedelta(minutes=90)),
                      "note": "left early (demo)"}
        locked = store.get_validation(a.member, month_of(start.date())) is not None
        store.add_correction(Correction(employee=a.employee, request=a.request, member=a.member, site=a.site,
                                        day=start.date(), recorded_at=now, adjustment=locked, **fields))
        count += 1
    return count


def bill_demo(repo, month: str, out_dir: Path, lang: str | None = None) -> dict:
    """Bill the demo month into `out_dir`; a summary: members billed, totals, GE's own, files."""
    result = bill(repo, month, Path(out_dir), lang)
    b = result.bill
    return {"month": b.month, "members": len(b.statements), "members_total": b.members_total,
            "ge_own": b.ge_total, "costed_total": b.costed_total, "files": [str(f) for f in result.files]}
