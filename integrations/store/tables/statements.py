"""Rows of the statements the GE manager billed (migration 0012_statements): each member's monthly statement
and its lines, exactly as `bill` computed and wrote them, so that a member's login reads its own.

A statement keeps its figures as billed: employee and request codes, rates and coefficients are copied into
its lines, not joined, so that a later change of an hourly cost or a removed employee leaves it as it was.
`member_id` is repeated on every line so that row-level security reads it without a join.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .core import CODE, Base, MemberRow, _fk

__all__ = ["STATUSES", "StatementRow", "StatementLineRow"]

STATUSES = ("provisional", "validated")  # whether the member had validated the month's hours when billed
AMOUNT = Numeric(14, 2)  # euros to the cent: every amount of a statement is rounded per line
RATE = Numeric(20, 10)  # hourly costs, premium rates (a cost times a percentage) and coefficients, exact


class StatementRow(Base):
    """A member's statement for a month: when it was billed, its totals (hours excluding premiums, amount
    excluding tax) and whether the member had validated the month's hours then."""

    __tablename__ = "statements"
    __table_args__ = (UniqueConstraint("member_id", "month"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    month: Mapped[str] = mapped_column(String(7), index=True)
    billed_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(12))
    minutes: Mapped[int]
    amount: Mapped[Decimal] = mapped_column(AMOUNT)
    member: Mapped[MemberRow] = relationship()
    lines: Mapped[list[StatementLineRow]] = relationship(order_by="StatementLineRow.position",
                                                         cascade="all, delete-orphan", passive_deletes=True)


class StatementLineRow(Base):
    """One line of a statement: work, travel, an adjustment, a premium or an allowance, with its formula's
    parts (minutes or quantity, rate, coefficient) and its amount to the cent."""

    __tablename__ = "statement_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = _fk("statements.id", ondelete="CASCADE")
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))
    variable: Mapped[str] = mapped_column(String(40))
    employee: Mapped[str] = mapped_column(CODE)
    request: Mapped[str] = mapped_column(CODE)
    day: Mapped[date | None]
    minutes: Mapped[int]
    quantity: Mapped[Decimal | None] = mapped_column(RATE)
    hourly_cost: Mapped[Decimal] = mapped_column(RATE)
    coefficient: Mapped[Decimal] = mapped_column(RATE)
    coefficient_source: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Decimal] = mapped_column(AMOUNT)
    note: Mapped[str] = mapped_column(Text)
