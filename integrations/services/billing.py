"""Billing at cost against the database: a month's bill, its statements (stored, and written as files),
the stored statements a login may read, and the members' ledger.

Hours billed are the validated values (adjustments of a validated month are billed in the month they are
recorded); idle hours of weeks with a published plan are the GE's own. Billing a month stores every member's
statement for it (`repo.statements`), replacing those of an earlier run of the same month.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from consortium.errors import InvalidInput, NotFound
from consortium.weeks import IsoWeek, month_bounds
from integrations.reports.statement_files import write_statements
from integrations.services.hours_compliance import weeks_between, worked_between
from integrations.services.premiums import premiums_of
from integrations.store import Repository
from integrations.store.repos import StoredStatement
from sharing.billing import MonthBill, bill_month
from sharing.counters import idle_minutes
from sharing.hours import adjustments, month_of
from sharing.ledger import LedgerRow, headcount, ledger
from sharing.payroll import PayrollSettings

__all__ = ["BillResult", "month_bill", "bill", "store_statements", "billed_statements", "member_ledger"]


@dataclass(frozen=True)
class BillResult:
    """A month's bill, the FTE placed per member, and the statement files written (if any)."""

    bill: MonthBill
    fte: dict[str, Decimal]  # member -> FTE placed there
    files: list[Path] = field(default_factory=list)


def _published(repo: Repository, week: IsoWeek) -> bool:
    plan = repo.plans.get_plan(week)
    return plan is not None and plan.status == "published"


def month_bill(repo: Repository, month: str, payroll: PayrollSettings | None = None) -> MonthBill:
    """The month's bill: validated (or current) hours, adjustments billed this month, idle as the GE's own,
    premiums and allowances at cost to the members who caused them (`payroll` settings, else the stored ones)."""
    first, nxt = month_bounds(month)
    month = f"{first:%Y-%m}"
    # Idle hours of an ISO week belong to the month of its Thursday (the ISO rule), so none is counted twice;
    # only weeks with a published plan count: a week the GE did not plan here says nothing about idleness.
    idle_weeks = [w for w in weeks_between(first - timedelta(days=3), nxt + timedelta(days=3))
                  if month_of(w.monday + timedelta(days=3)) == month and _published(repo, w)]
    lo = min(first, idle_weeks[0].monday) if idle_weeks else first
    hi = max(nxt, idle_weeks[-1].monday + timedelta(days=7)) if idle_weeks else nxt
    lines = worked_between(repo, lo, hi, include_adjustments=False)  # the validated values
    employees = {e.code: e for e in repo.people.list_employees()}
    idle: dict[str, int] = {}
    for w in idle_weeks:
        for code, minutes in idle_minutes(employees.values(), lines, w).items():
            idle[code] = idle.get(code, 0) + minutes
    late = [c for c in repo.hours.list_corrections(None, nxt) if c.adjustment]
    adjusted = []
    if late:
        start = min(c.day for c in late)
        plans = [p for p in (repo.plans.get_plan(w) for w in weeks_between(start, nxt)) if p is not None]
        adjusted = adjustments(plans, repo.hours.list_corrections(start, nxt))
    declared = repo.hours.list_exceptions(first - timedelta(days=7), nxt + timedelta(days=7))
    members = {m.code: m for m in repo.people.list_members()}
    return bill_month(month, lines, employees, members, repo.people.get_settings().billing,
                      adjustments=adjusted, idle=idle, exceptions=declared,
                      premiums=premiums_of(repo, month, payroll))


def bill(repo: Repository, month: str, out_dir: Path | None = None, lang: str | None = None,
         now: datetime | None = None) -> BillResult:
    """The month's bill, stored as every member's statement (`store_statements`, billed at `now`); with
    `out_dir`, one XLSX and one HTML statement per member written there (in `lang`: French by default).

    Stored and written in the caller's transaction: when the files cannot be written, nothing is stored."""
    result = month_bill(repo, month)
    problems = result.problems()
    if problems:
        raise InvalidInput(f"the bill of {result.month} does not reconcile: {problems[0]}")
    store_statements(repo, result, now)
    files = []
    if out_dir is not None:
        people = repo.people
        files = write_statements(result, people.list_members(), people.list_employees(), people.get_settings().name,
                                 Path(out_dir), lang)
    return BillResult(bill=result, fte=headcount(result), files=files)


def store_statements(repo: Repository, bill: MonthBill, now: datetime | None = None) -> list[StoredStatement]:
    """Store the month's statement of every member (an empty one, 0.00, for a member billed nothing), replacing
    the month's earlier ones; `validated` when the member had validated the month's hours, else `provisional`."""
    now = now or datetime.now().replace(microsecond=0)
    stored = [StoredStatement(statement=bill.statement(m.code), billed_at=now,
                              status="validated" if repo.hours.get_validation(m.code, bill.month) else "provisional")
              for m in repo.people.list_members()]
    repo.statements.replace_month(bill.month, stored)
    return stored


def billed_statements(repo: Repository, month: str, member: str | None = None) -> list[StoredStatement]:
    """The month's stored statements the login may read: the GE office's every member's (or `member`'s), a member
    firm's login its own only (another member named is refused in one line, as `check_command` says it).

    A month not billed yet is `NotFound`, saying the GE manager has not billed it."""
    from .access import check_command, whoami

    first, _ = month_bounds(month)
    month = f"{first:%Y-%m}"
    code = member.strip().upper() if member else None
    check_command(repo, "bill show", code, writes=False)
    who = whoami(repo)
    own = who.member if who is not None and who.is_member else None
    if code is not None and own is None:
        code = repo.people.get_member(code).code  # an unknown code is an error naming it
    found = repo.statements.list_statements(month, code or own)
    if not found and code is not None and repo.statements.list_statements(month):
        raise NotFound(f"no statement of {code} for {month}: the month was billed before {code} was a member "
                       f"(`mutualis bill --month {month}` bills it again)")
    if not found:
        raise NotFound(f"no statements for {month}: the GE manager has not billed it yet")
    return found


def member_ledger(repo: Repository, year: int | None = None, member: str | None = None) -> list[LedgerRow]:
    """Each member's hours and amounts per month and for the year (this year by default).

    A year outside 1900-9998 or an unknown member code is an error, never the current year or an empty table.
    """
    if year is None:
        year = date.today().year
    if not 1900 <= year <= 9998:
        raise InvalidInput(f"year {year} is not a year from 1900 to 9998")
    member = repo.people.get_member(member.upper()).code if member else None
    bills = [month_bill(repo, f"{year}-{m:02d}") for m in range(1, 13)]
    bills = [b for b in bills if b.statements]
    return ledger(bills, member)
