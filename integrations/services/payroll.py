"""The month's payroll against the database: premiums for the bill, payroll variables, export files.

The premiums are computed from the validated hours (what the month is billed on) with the group's
payroll settings (a YAML or JSON file, defaults otherwise); the bill and the payroll read the same
lines, so the payroll's total is the bill's cost to the cent (`Payroll.problems`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import yaml
from pydantic import ValidationError

from consortium.errors import InvalidInput
from consortium.tender_file import read_text_file
from consortium.weeks import month_bounds
from integrations.services.hours_compliance import weeks_between, worked_between
from sharing.base import describe_validation_error
from sharing.billing import MonthBill
from sharing.geo import distance_km
from sharing.hours import month_of
from sharing.payroll import (PayItem, PayrollRow, PayrollSettings, absence_items, bill_items, month_premiums,
                             payroll_rows, public_holidays)

__all__ = ["Payroll", "load_settings", "premiums_of", "payroll_month", "write_payroll"]


def load_settings(path: str | Path | None) -> PayrollSettings:
    """The payroll settings in a YAML or JSON file (defaults when None); one line naming the file and field."""
    if path is None:
        return PayrollSettings()
    path = Path(path)
    try:
        data = yaml.safe_load(read_text_file(path)) or {}
    except yaml.YAMLError as exc:
        raise InvalidInput(f"{path}: not YAML or JSON ({str(exc).splitlines()[0]})") from None
    if not isinstance(data, dict):
        raise InvalidInput(f"{path}: expected 'setting: value' lines")
    try:
        return PayrollSettings(**data)
    except ValidationError as exc:
        raise InvalidInput("; ".join(describe_validation_error(exc, f"{path}"))) from None


def premiums_of(repo, month: str, settings: PayrollSettings | None = None) -> list[PayItem]:
    """The month's premiums and allowances with their payers, from the validated hours of its ISO weeks."""
    settings = settings or PayrollSettings()
    first, nxt = month_bounds(month)
    month = f"{first:%Y-%m}"
    weeks = [w for w in weeks_between(first - timedelta(days=3), nxt + timedelta(days=3))
             if month_of(w.monday + timedelta(days=3)) == month]
    lo, hi = min(first, weeks[0].monday), max(nxt, weeks[-1].monday + timedelta(days=7))
    lines = worked_between(repo, lo, hi, include_adjustments=False)
    group = repo.get_settings()
    night = (settings.night_start or group.labour.night_start, settings.night_end or group.labour.night_end)
    sites = {(m.code, s.code): s for m in repo.list_members() for s in m.sites}

    def road_km(a, b) -> Decimal:
        if a not in sites or b not in sites:
            return Decimal(0)
        km = distance_km(sites[a].latitude, sites[a].longitude, sites[b].latitude, sites[b].longitude)
        return Decimal(str(round(km * group.travel.road_factor, 3)))

    return month_premiums(month, lines, {e.code: e for e in repo.list_employees()}, settings, night=night,
                          travel_policy=group.billing.travel_policy, distance=road_km)


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


def payroll_month(repo, month: str, settings: PayrollSettings | None = None) -> Payroll:
    """The month's payroll: the bill with its premium lines, then hours, premiums and absences per employee."""
    from integrations.services.hours import month_bill

    settings = settings or PayrollSettings()
    first, nxt = month_bounds(month)
    bill = month_bill(repo, month, settings)
    premiums = [x for s in bill.statements for x in s.lines if not x.is_time] + \
        [x for x in bill.ge_lines if not x.is_time]
    items = bill_items(bill) + [
        PayItem(employee=x.employee, variable=x.variable, payer=x.payer, day=x.day, request=x.request,
                minutes=x.minutes, quantity=x.quantity, unit=_unit(x.variable), rate=x.hourly_cost, amount=x.amount,
                note=x.note) for x in premiums]
    holidays = [d for y in (first.year, nxt.year) for d in public_holidays(y, settings.alsace_moselle)]
    absences = repo.list_absences(start=datetime.combine(first, time()), end=datetime.combine(nxt, time()))
    items += absence_items(absences, worked_between(repo, first, nxt, include_adjustments=False), first, nxt, holidays)
    return Payroll(month=bill.month, bill=bill, items=items, rows=payroll_rows(items, settings, bill.month))


def _unit(variable: str) -> str:
    return {"meal": "meal", "mileage": "km"}.get(variable, "h")


def write_payroll(repo, month: str, out_dir: Path, fmt: str = "csv", settings_file: Path | None = None,
                  lang: str | None = None) -> Payroll:
    """The month's payroll written to `out_dir`: `payroll-YYYY-MM.csv` (or .xlsx) for the payroll software
    and one HTML summary per employee (French by default); all files or none, owner-readable only."""
    from integrations.reports.payroll_files import write_payroll_files

    settings = load_settings(settings_file)
    result = payroll_month(repo, month, settings)
    problems = result.problems()
    if problems:
        raise InvalidInput(problems[0])
    files = write_payroll_files(result.rows, {e.code: e.name for e in repo.list_employees()},
                                repo.get_settings().name, Path(out_dir), fmt, lang)
    return Payroll(month=result.month, bill=result.bill, items=result.items, rows=result.rows, files=files)


