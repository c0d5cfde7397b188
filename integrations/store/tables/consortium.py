"""Rows of the group's pooled capacity: resources, certificates, weekly capacity, tenders (the JSON of the
domain model), capacity reservations, the stored versions of each tender's bid with the capacity they use, and
each participating member's view of every version.

Migrations 0002, 0005_bids and 0011_memberbid.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .core import CODE, Base, MemberRow, _fk

__all__ = ["ProductionResourceRow", "MemberCertificateRow", "CapacityDeclarationRow", "TenderRow",
           "CapacityReservationRow", "BidRow", "BidCapacityRow", "BidMemberViewRow"]


class ProductionResourceRow(Base):
    __tablename__ = "production_resources"
    __table_args__ = (UniqueConstraint("member_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = _fk("members.id", ondelete="CASCADE")
    code: Mapped[str] = mapped_column(CODE)
    name: Mapped[str]
    kind: Mapped[str] = mapped_column(CODE)
    processes: Mapped[list[Any]]
    limits: Mapped[dict[str, Any]]
    units: Mapped[int]
    efficiency_pct: Mapped[int]
    setup_hours: Mapped[Decimal]
    hourly_rate: Mapped[Decimal]
    overtime_rate: Mapped[Decimal | None]
    member: Mapped[MemberRow] = relationship()


class MemberCertificateRow(Base):
    __tablename__ = "member_certificates"
    __table_args__ = (UniqueConstraint("member_id", "code", "level", "valid_from"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = _fk("members.id", ondelete="CASCADE")
    code: Mapped[str] = mapped_column(CODE)
    level: Mapped[str] = mapped_column(CODE)
    valid_from: Mapped[date]
    expires: Mapped[date | None]
    reference: Mapped[str]
    member: Mapped[MemberRow] = relationship()


class CapacityDeclarationRow(Base):
    __tablename__ = "capacity_declarations"
    __table_args__ = (UniqueConstraint("resource_id", "week"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    resource_id: Mapped[int] = _fk("production_resources.id", ondelete="CASCADE")
    week: Mapped[str] = mapped_column(String(8), index=True)
    available_hours: Mapped[float]
    max_overtime_hours: Mapped[float]
    committed_hours: Mapped[float]
    source: Mapped[str] = mapped_column(String(16))
    resource: Mapped[ProductionResourceRow] = relationship()


class TenderRow(Base):
    __tablename__ = "tenders"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(CODE, unique=True)
    status: Mapped[str] = mapped_column(String(16))
    data: Mapped[dict[str, Any]]


class CapacityReservationRow(Base):
    __tablename__ = "capacity_reservations"
    __table_args__ = (UniqueConstraint("tender_id", "resource_id", "week"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    tender_id: Mapped[int] = _fk("tenders.id", ondelete="CASCADE")
    resource_id: Mapped[int] = _fk("production_resources.id", ondelete="CASCADE")
    week: Mapped[str] = mapped_column(String(8), index=True)
    hours: Mapped[float]
    status: Mapped[str] = mapped_column(String(16))
    valid_until: Mapped[date]
    tender: Mapped[TenderRow] = relationship()
    resource: Mapped[ProductionResourceRow] = relationship()


class BidRow(Base):
    """One version of a tender's bid: the full bid (JSON of `JointBid`) and the tender document it answers."""

    __tablename__ = "bids"
    __table_args__ = (UniqueConstraint("tender_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    tender_id: Mapped[int] = _fk("tenders.id", ondelete="CASCADE")
    version: Mapped[int]
    made_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(16))
    tender_digest: Mapped[str] = mapped_column(String(64))
    total: Mapped[Decimal]
    data: Mapped[dict[str, Any]]
    tender: Mapped[TenderRow] = relationship()


class BidCapacityRow(Base):
    """Hours a bid version uses on a resource in a week, and the hours free there when it was made."""

    __tablename__ = "bid_capacity"
    __table_args__ = (UniqueConstraint("bid_id", "resource_id", "week"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    bid_id: Mapped[int] = _fk("bids.id", ondelete="CASCADE")
    resource_id: Mapped[int] = _fk("production_resources.id", ondelete="CASCADE")
    week: Mapped[str] = mapped_column(String(8))
    hours: Mapped[Decimal]
    free_hours: Mapped[Decimal]


class BidMemberViewRow(Base):
    """What one member of the team may see of a bid version (JSON of `JointBid.for_member`): its own lines in
    full, the other members only by code and share. A member's login reads these rows, never `bids`."""

    __tablename__ = "bid_member_views"
    __table_args__ = (UniqueConstraint("bid_id", "member_id"), UniqueConstraint("tender_id", "member_id", "version"))
    id: Mapped[int] = mapped_column(primary_key=True)
    bid_id: Mapped[int] = _fk("bids.id", ondelete="CASCADE")
    tender_id: Mapped[int] = _fk("tenders.id", ondelete="CASCADE")
    member_id: Mapped[int] = _fk("members.id", ondelete="CASCADE")
    version: Mapped[int]
    made_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(16))
    total: Mapped[Decimal]
    data: Mapped[dict[str, Any]]
