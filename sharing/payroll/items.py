"""A payroll item: one piece of an employee's pay (hours of a kind, a premium, an allowance, an absence),
with the member it is billed to at cost."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from pydantic import Field

from ..base import Domain

__all__ = ["CENT", "PayItem", "hour_item", "hours"]

CENT = Decimal("0.01")


def hours(minutes: int) -> Decimal:
    """Minutes as hours rounded half up to the hundredth."""
    return (Decimal(minutes) / 60).quantize(CENT, rounding=ROUND_HALF_UP)


class PayItem(Domain):
    """One variable of an employee's pay for one shift (or week, or month) and who bears its cost.

    `payer` is a member code, `GE` for the GE's own, or empty for what is billed to no one (absences,
    counted for the payroll only). `minutes` is set for hour variables, `quantity` is hours, km, meals
    or days; `amount` is rounded to the cent on this item (for hours: minutes x rate / 60).
    """

    employee: str
    variable: str
    payer: str = ""
    day: date | None = None
    request: str = ""
    minutes: int = 0
    quantity: Decimal
    unit: str = Field("h", pattern="^(h|km|meal|day)$")
    rate: Decimal = Decimal("0")
    amount: Decimal = Decimal("0.00")
    note: str = ""


def hour_item(employee: str, variable: str, payer: str, minutes: int, rate: Decimal, *, day: date | None = None,
              request: str = "", note: str = "") -> PayItem:
    """An hour variable: `minutes` at `rate` euros an hour, rounded half up to the cent."""
    amount = (Decimal(minutes) * rate / 60).quantize(CENT, rounding=ROUND_HALF_UP)
    return PayItem(employee=employee, variable=variable, payer=payer, day=day, request=request, minutes=minutes,
                   quantity=hours(minutes), rate=rate, amount=amount, note=note)
