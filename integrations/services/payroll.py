"""The month's payroll against the database: premiums for the bill, payroll variables, export files.

The premiums are computed from the validated hours (what the month is billed on) with the group's
stored payroll settings (or, for one export, a YAML or JSON file); the bill and the payroll read the same
lines, so the payroll's total is the bill's cost to the cent (`Payroll.problems`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from decimal import Decimal
from pathlib import Path


from consortium.errors import InvalidInput
from consortium.weeks import month_bounds
from integrations.services.billing import month_bill
from integrations.services.hours_compliance import worked_between
from integrations.services.premiums import load_settings
from integrations.store import Repository
from sharing.billing import MonthBill
from sharing.payroll import (PayItem, PayrollRow, PayrollSettings, absence_items, bill_items, payroll_rows,
                             public_holidays)

__all__ = ["Payroll", "payroll_month", "write_payroll"]


@dataclass(frozen=True)
class Payroll:
    """A month's payroll: the bill it reconciles with, every item of pay, and the rows to export."""

    month: str
    bill: MonthBill
    items: list[PayItem]
    rows: list[PayrollRow]
    files: list[Path] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((r.amount for r in self.rows), Decimal("0.00"))

    def problems(self) -> list[str]:
        """Why the payroll would not reconcile with the bill's cost (empty when it does, to the cent)."""
        if self.total != self.bill.cost_total:
            return [f"payroll {self.month}: {self.total} EUR paid for {self.bill.cost_total} EUR costed on the bill"]
        return []


def payroll_month(repo: Repository, month: str, settings: PayrollSettings | None = None) -> Payroll:
    """The month's payroll: the bill with its premium lines, then hours, premiums and absences per employee
    (with `settings`, else the group's stored payroll settings)."""
    settings = settings or repo.people.get_settings().payroll
    first, nxt = month_bounds(month)
    bill = month_bill(repo, month, settings)
    premiums = [x for s in bill.statements for x in s.lines if not x.is_time] + \
        [x for x in bill.ge_lines if not x.is_time]
    items = bill_items(bill) + [
        PayItem(employee=x.employee, variable=x.variable, payer=x.payer, day=x.day, request=x.request,
                minutes=x.minutes, quantity=x.quantity, unit=_unit(x.variable), rate=x.hourly_cost, amount=x.amount,
                note=x.note) for x in premiums]
    holidays = [d for y in (first.year, nxt.year) for d in public_holidays(y, settings.alsace_moselle)]
    absences = repo.people.list_absences(start=datetime.combine(first, time()), end=datetime.combine(nxt, time()))
    items += absence_items(absences, worked_between(repo, first, nxt, include_adjustments=False), first, nxt, holidays)
    return Payroll(month=bill.month, bill=bill, items=items, rows=payroll_rows(items, settings, bill.month))


def _unit(variable: str) -> str:
    return {"meal": "meal", "mileage": "km"}.get(variable, "h")


def write_payroll(repo: Repository, month: str, out_dir: Path, fmt: str = "csv", settings_file: Path | None = None,
                  lang: str | None = None) -> Payroll:
    """The month's payroll written to `out_dir`: `payroll-YYYY-MM.csv` (or .xlsx) for the payroll software
    and one HTML summary per employee (French by default); all files or none, owner-readable only.
    `settings_file` overrides the stored payroll settings for this export only."""
    from integrations.reports.payroll_files import write_payroll_files

    settings = load_settings(settings_file) if settings_file is not None else None
    result = payroll_month(repo, month, settings)
    problems = result.problems()
    if problems:
        raise InvalidInput(problems[0])
    files = write_payroll_files(result.rows, {e.code: e.name for e in repo.people.list_employees()},
                                repo.people.get_settings().name, Path(out_dir), fmt, lang)
    return Payroll(month=result.month, bill=result.bill, items=result.items, rows=result.rows, files=files)


