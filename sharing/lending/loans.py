"""Placements of lent staff (one shift of one person at another member) and the loans they make up.

A loan, in the law's sense, is one person lent to one borrowing member over one period: the placements
of a week for the same offer and borrower, gathered (`loans_of`). Each loan needs its own agreement
between the two firms and its own amendment to the employment contract.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from pydantic import Field, model_validator

from ..base import Domain, Money, check_code

__all__ = ["Placement", "Loan", "loans_of"]


class Placement(Domain):
    """One shift of a lent person (`offer` = `MEMBER.PERSON`) on a request of the borrowing `member`."""

    offer: str
    lender: str
    member: str
    site: str
    request: str
    start: datetime
    end: datetime
    hours: Money = Field(ge=0)

    @model_validator(mode="after")
    def _checks(self):
        if self.end <= self.start:
            raise ValueError(f"placement {self.offer} on {self.request}: end is not after start")
        if check_code(self.lender) == check_code(self.member):
            raise ValueError(f"placement {self.offer} on {self.request}: {self.member} cannot borrow its own staff")
        return self

    @property
    def day(self) -> date:
        return self.start.date()


@dataclass(frozen=True)
class Loan:
    """One person lent to one borrowing member from `first` to `last` day: the placements it gathers."""

    offer: str
    lender: str
    borrower: str
    placements: tuple[Placement, ...]

    @property
    def first(self) -> date:
        return min(p.day for p in self.placements)

    @property
    def last(self) -> date:
        return max(p.day for p in self.placements)

    @property
    def hours(self) -> Decimal:
        return sum((p.hours for p in self.placements), Decimal(0))

    @property
    def sites(self) -> list[str]:
        return sorted({p.site for p in self.placements})


def loans_of(placements) -> list[Loan]:
    """The loans made of these placements: one per (offer, borrower), ordered by lender, borrower, person."""
    groups: dict[tuple[str, str], list[Placement]] = {}
    for p in placements:
        groups.setdefault((p.offer, p.member), []).append(p)
    loans = [Loan(offer, items[0].lender, borrower, tuple(sorted(items, key=lambda p: p.start)))
             for (offer, borrower), items in groups.items()]
    return sorted(loans, key=lambda loan: (loan.lender, loan.borrower, loan.offer))
