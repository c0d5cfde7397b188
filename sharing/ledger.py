"""Each member's ledger (hours and amounts per month and year) and headcount in full-time equivalents.

The ledger is the basis for splitting the GE's joint liability between members (each member's share
of the year's billed amount) and for fairness (hours received). One FTE is 151.67 h placed in a month
(35 h x 52 / 12). Premiums and allowances the GE paid and billed at cost (`sharing.payroll`) are in the
amount and, apart, in `premiums`; their hours are not counted again in `hours`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from .base import Domain
from .billing import MonthBill

__all__ = ["MONTHLY_FTE_HOURS", "LedgerRow", "ledger", "fte", "headcount"]

MONTHLY_FTE_HOURS = Decimal("151.67")
PLACED = ("work", "adjustment")


class LedgerRow(Domain):
    """A member's hours and amount over a period (`2026-11` or `2026`), its share and its FTE.

    `share` is the member's part of the period's billed amount (of all members), 4 decimals.
    `fte` counts hours placed (work and its adjustments, not travel) / 151.67 h per month.
    `premiums` is the part of `amount` that is premiums and allowances at cost (the rest is hours).
    """

    member: str
    period: str
    months: int
    hours: Decimal
    placed_hours: Decimal
    amount: Decimal
    share: Decimal
    fte: Decimal
    premiums: Decimal = Decimal("0.00")


def fte(placed_hours: Decimal, months: int = 1) -> Decimal:
    """Full-time equivalents: hours placed / (151.67 h x months), to the hundredth."""
    if months <= 0:
        return Decimal("0.00")
    return (Decimal(placed_hours) / (MONTHLY_FTE_HOURS * months)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _rows(period: str, months: int, totals: dict[str, list]) -> list[LedgerRow]:
    grand = sum((t[2] for t in totals.values()), Decimal("0.00"))
    rows = []
    for member, (minutes, placed, amount, premiums) in sorted(totals.items()):
        share = (amount / grand).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP) if grand else Decimal("0")
        rows.append(LedgerRow(member=member, period=period, months=months, hours=_hours(minutes),
                              placed_hours=_hours(placed), amount=amount, share=share,
                              fte=fte(_hours(placed), months), premiums=premiums))
    return rows


def ledger(bills: Iterable[MonthBill], member: str | None = None) -> list[LedgerRow]:
    """Per member, one row per billed month then one per year (its months counted from January)."""
    bills = sorted(bills, key=lambda b: b.month)
    monthly: list[LedgerRow] = []
    years: dict[str, dict[str, list]] = defaultdict(
        lambda: defaultdict(lambda: [0, 0, Decimal("0.00"), Decimal("0.00")]))
    last_month: dict[str, int] = {}
    for bill in bills:
        totals: dict[str, list] = {}
        for s in bill.statements:
            placed = sum(x.minutes for x in s.lines if x.kind in PLACED)
            premiums = sum((x.amount for x in s.lines if not x.is_time), Decimal("0.00"))
            totals[s.member] = [s.minutes, placed, s.total, premiums]
            year = years[bill.month[:4]][s.member]
            for i, value in enumerate(totals[s.member]):
                year[i] += value
        last_month[bill.month[:4]] = int(bill.month[5:7])
        monthly.extend(_rows(bill.month, 1, totals))
    yearly = [row for year, totals in sorted(years.items()) for row in _rows(year, last_month[year], totals)]
    rows = monthly + yearly
    return [r for r in rows if member is None or r.member == member]


def headcount(bill: MonthBill) -> dict[str, Decimal]:
    """Member -> FTE placed at it in the bill's month."""
    return {r.member: r.fte for r in ledger([bill]) if r.period == bill.month}
