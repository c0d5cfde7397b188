"""Billing a loan at cost, and the check that nothing more is ever billed (L8241-1: no profit).

A lending statement goes from the lending member to the borrowing member for one month. Each line is
one placement: hours worked × the offer's declared cost per hour (salary + social charges + professional
expenses), rounded to the cent per line. No coefficient, margin or fee of the GE's own billing applies;
`check_at_cost` refuses any line above its cost basis, or a rate other than the declared one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from consortium.errors import InvalidInput

from .offers import Offer

__all__ = ["StatementLine", "LendingStatement", "at_cost", "lending_statement", "check_at_cost", "ledger"]

CENT = Decimal("0.01")


def at_cost(hours: Decimal, offer: Offer) -> Decimal:
    """The cost basis of `hours` of the offer's person, to the cent: hours × (salary + charges + expenses)."""
    return (Decimal(hours) * offer.cost.total).quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class StatementLine:
    """One placement billed: hours × rate = amount."""

    offer: str
    request: str
    day: date
    hours: Decimal
    rate: Decimal
    amount: Decimal


@dataclass(frozen=True)
class LendingStatement:
    """What `borrower` owes `lender` for the staff it borrowed in `month`, at cost."""

    lender: str
    borrower: str
    month: str
    lines: tuple[StatementLine, ...]

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))

    @property
    def hours(self) -> Decimal:
        return sum((line.hours for line in self.lines), Decimal(0))

    @property
    def title(self) -> str:
        return f"lending statement {self.lender} to {self.borrower} {self.month}"


def lending_statement(lender: str, borrower: str, month: str, placements, offers: dict[str, Offer]) -> LendingStatement:
    """The month's statement of one pair of members, checked at cost (see `check_at_cost`)."""
    lines = tuple(
        StatementLine(p.offer, p.request, p.day, Decimal(p.hours), offers[p.offer].cost.total,
                      at_cost(p.hours, offers[p.offer]))
        for p in sorted(placements, key=lambda p: (p.start, p.offer))
        if p.lender == lender and p.member == borrower and p.start.strftime("%Y-%m") == month
    )
    statement = LendingStatement(lender, borrower, month, lines)
    check_at_cost(statement, offers)
    return statement


def check_at_cost(statement: LendingStatement, offers: dict[str, Offer]) -> None:
    """Refuse, with one line, a statement whose rate or amount on any line is above the declared cost basis."""
    for line in statement.lines:
        offer = offers.get(line.offer)
        if offer is None or offer.member != statement.lender:
            raise InvalidInput(f"{statement.title}: line {line.request}: {line.offer} is not an offer of "
                               f"{statement.lender}")
        basis = at_cost(line.hours, offer)
        if line.rate > offer.cost.total or line.amount > basis:
            raise InvalidInput(
                f"{statement.title}: line {line.request} {line.offer}: {line.amount} EUR at {line.rate} EUR/h is "
                f"above the cost basis {basis} EUR ({line.hours:g} h × {offer.cost.total} EUR: salary "
                f"{offer.cost.salary} + charges {offer.cost.charges} + expenses {offer.cost.expenses}); "
                "a loan between members is billed at cost, never more")


def ledger(placements, offers: dict[str, Offer], month: str) -> list[LendingStatement]:
    """Every pair of members with loans in the month, as checked statements, ordered by lender and borrower."""
    pairs = sorted({(p.lender, p.member) for p in placements if p.start.strftime("%Y-%m") == month})
    return [lending_statement(lender, borrower, month, placements, offers) for lender, borrower in pairs]
