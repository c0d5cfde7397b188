"""Rows of hours worked: corrections, declared exceptions, month validations (migrations 0003,
0005_hours_exceptions and 0010_memberhours). A correction's id is its entry order.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .core import Base, EmployeeRow, MemberRow, RequestRow

__all__ = ["CorrectionRow", "ExceptionRow", "ValidationRow"]


class CorrectionRow(Base):
    """One recorded correction of planned hours; never updated, so that every change stays traceable."""

    __tablename__ = "hours_corrections"
    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), index=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), index=True)
    day: Mapped[date] = mapped_column(index=True)
    absent: Mapped[bool]
    starts_at: Mapped[datetime | None]
    ends_at: Mapped[datetime | None]
    travel_minutes: Mapped[int | None]
    note: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime]
    adjustment: Mapped[bool]
    accepted_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Recorded by a member's login: the labour rules are the GE manager's to check (migration 0010_memberhours).
    to_check: Mapped[bool] = mapped_column(default=False, server_default=false())
    employee: Mapped[EmployeeRow] = relationship()
    request: Mapped[RequestRow] = relationship()


class ExceptionRow(Base):
    """A rule a correction knowingly breaks (the reason is the correction's `accepted_reason`)."""

    __tablename__ = "hours_exceptions"
    id: Mapped[int] = mapped_column(primary_key=True)
    correction_id: Mapped[int] = mapped_column(ForeignKey("hours_corrections.id"), index=True)
    rule: Mapped[str] = mapped_column(String(40))
    day: Mapped[date] = mapped_column(index=True)
    message: Mapped[str] = mapped_column(Text)
    correction: Mapped[CorrectionRow] = relationship()


class ValidationRow(Base):
    """A member's validation of a month: the month's hours are locked from `validated_at`."""

    __tablename__ = "hours_validations"
    __table_args__ = (UniqueConstraint("member_id", "month"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    month: Mapped[str] = mapped_column(String(7))
    validated_at: Mapped[datetime]
    member: Mapped[MemberRow] = relationship()
