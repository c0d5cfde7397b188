"""The lending tables: members' offers of their own staff, and the placements (loans) made from them.

Migration 0007_lending; `repo.lending` (integrations/store/repos/lending.py) reads and writes them. An offer
keeps its cost basis in columns (it is what a statement is checked against) and the rest of its fields as JSON.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .core import CODE, Base, MemberRow, RequestRow, _fk

__all__ = ["OfferRow", "PlacementRow"]


class OfferRow(Base):
    """A member's offer to lend one person (code `MEMBER.PERSON`)."""

    __tablename__ = "lending_offers"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(CODE, unique=True)
    member_id: Mapped[int] = _fk("members.id", ondelete="CASCADE")
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    salary: Mapped[Decimal]
    charges: Mapped[Decimal]
    expenses: Mapped[Decimal]
    withdrawn: Mapped[bool]
    data: Mapped[dict[str, Any]]
    member: Mapped[MemberRow] = relationship()


class PlacementRow(Base):
    """One loan shift: the offer's person on a request of another member; `hours` are those billed."""

    __tablename__ = "lending_placements"
    __table_args__ = (UniqueConstraint("offer_id", "request_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = _fk("lending_offers.id", ondelete="CASCADE")
    request_id: Mapped[int] = _fk("requests.id", ondelete="CASCADE")
    week: Mapped[str] = mapped_column(String(8), index=True)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    hours: Mapped[Decimal]
    offer: Mapped[OfferRow] = relationship()
    request: Mapped[RequestRow] = relationship()
