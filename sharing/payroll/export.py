"""The month's payroll variables: every item of pay, then one row per employee and variable for export.

The hours (worked, travel, idle, adjustments) are read from the month's bill lines at cost, so that the
payroll and the statements count the same minutes with the same per-line rounding; premiums and
allowances are the items the bill was given; absences are counted for the payroll only (no amount).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from ..absences import Absence
from ..base import Domain
from ..billing import MonthBill
from ..hours import WorkedLine
from .items import PayItem, hour_item, hours
from ..payroll_settings import VARIABLES, PayrollSettings

__all__ = ["PayrollRow", "bill_items", "absence_items", "payroll_rows"]

_KINDS = {"work": "worked", "travel": "travel", "idle": "idle", "adjustment": "adjustment",
          "travel-adjustment": "adjustment"}


class PayrollRow(Domain):
    """One employee's variable for the month, as a payroll software imports it."""

    employee: str
    variable: str
    code: str
    quantity: Decimal
    unit: str
    rate: Decimal | None
    amount: Decimal
    period: str


def bill_items(bill: MonthBill) -> list[PayItem]:
    """The hours of every line of the bill (members' and the GE's own) at cost, with who bears them."""
    lines = [x for s in bill.statements for x in s.lines] + list(bill.ge_lines)
    return [hour_item(x.employee, _KINDS[x.kind], x.payer, x.minutes, x.hourly_cost, day=x.day, request=x.request)
            for x in lines if x.is_time]


def _working_days(start: date, end: date, holidays: Iterable[date]) -> int:
    """Monday-to-Friday days of [start, end) that are not public holidays."""
    off, count, day = set(holidays), 0, start
    while day < end:
        count += day.weekday() < 5 and day not in off
        day += timedelta(days=1)
    return count


def absence_items(absences: Iterable[Absence], lines: Iterable[WorkedLine], first: date, nxt: date,
                  holidays: Iterable[date]) -> list[PayItem]:
    """Absences of the month by kind (working days met) and planned shifts missed (hours), no amount."""
    holidays = list(holidays)
    items = []
    for a in absences:
        last = (a.end - timedelta(microseconds=1)).date()  # the end is excluded
        start, end = max(a.start.date(), first), min(last + timedelta(days=1), nxt)
        days = _working_days(start, end, holidays)
        if days:
            items.append(PayItem(employee=a.employee, variable=f"absence_{a.kind}", day=start, quantity=Decimal(days),
                                 unit="day", note=a.note))
    for x in lines:
        if x.source == "absent" and first <= x.day < nxt and x.planned_minutes:
            items.append(PayItem(employee=x.employee, variable="absence_unplanned", day=x.day, request=x.request,
                                 minutes=x.planned_minutes, quantity=hours(x.planned_minutes), note=x.note))
    return items


def payroll_rows(items: Iterable[PayItem], settings: PayrollSettings, month: str) -> list[PayrollRow]:
    """One row per employee and variable: quantities and amounts summed (amounts rounded per item);
    the rate when every item has the same, else none. Ordered by employee, then variable as listed."""
    order = {v: i for i, v in enumerate(VARIABLES)}
    grouped: dict[tuple[str, str], list[PayItem]] = {}
    for x in items:
        grouped.setdefault((x.employee, x.variable), []).append(x)
    rows = []
    for (employee, variable), group in sorted(grouped.items(), key=lambda kv: (kv[0][0], order[kv[0][1]])):
        unit = group[0].unit
        quantity = hours(sum(x.minutes for x in group)) if unit == "h" else sum((x.quantity for x in group), Decimal(0))
        rates = {x.rate for x in group}
        rows.append(PayrollRow(employee=employee, variable=variable, code=settings.code(variable), quantity=quantity,
                               unit=unit, rate=rates.pop() if len(rates) == 1 else None,
                               amount=sum((x.amount for x in group), Decimal("0.00")), period=month))
    return rows
