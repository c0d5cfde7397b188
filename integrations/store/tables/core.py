"""The core tables: settings, catalogue, members and sites, employees, absences, requests, plans.

Types are portable (JSON, Numeric, Date, DateTime, Time, Boolean, Double) so that one schema serves
SQLite and PostgreSQL. Date-times are naive local times of the group (its timezone is in the settings).
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON, Date, DateTime, Double, ForeignKey, Index, MetaData, Numeric, String, Text, Time, UniqueConstraint, false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from consortium.base import CODE_LENGTH, MONEY_DIGITS, MONEY_PLACES, NAME_LENGTH

__all__ = [
    "Base", "SettingsRow", "SkillRow", "CertificationTypeRow", "MemberRow", "SiteRow", "EmployeeRow",
    "EmployeeMemberRow", "EmployeeSiteRow", "EmployeeSkillRow", "EmployeeCertificationRow",
    "SiteAuthorisationRow", "AbsenceRow", "RequestRow", "PlanRow", "AssignmentRow",
]

# Column sizes come from the domain's limits, which refuse a longer value first, naming the field.
CODE = String(CODE_LENGTH)
MONEY = Numeric(MONEY_DIGITS, MONEY_PLACES)

# Explicit constraint names so that the hand-written migration and reflection agree on both databases.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {
        str: String(NAME_LENGTH),
        float: Double(),
        Decimal: MONEY,
        date: Date(),
        datetime: DateTime(),
        time: Time(),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
    }


def _fk(target: str, **kw) -> Any:
    return mapped_column(ForeignKey(target, **kw), nullable=False, index=True)


class SettingsRow(Base):
    """The one row of group settings, as GroupSettings' JSON."""

    __tablename__ = "settings"
    id: Mapped[int] = mapped_column(primary_key=True)
    data: Mapped[dict[str, Any]]


class SkillRow(Base):
    __tablename__ = "skills"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(CODE, unique=True)
    name: Mapped[str]
    levels: Mapped[list[Any]]


class CertificationTypeRow(Base):
    __tablename__ = "certification_types"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(CODE, unique=True)
    name: Mapped[str]
    levels: Mapped[list[Any]]
    ordered: Mapped[bool]
    covers: Mapped[dict[str, Any]]
    validity_months: Mapped[int | None]


class MemberRow(Base):
    __tablename__ = "members"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(CODE, unique=True)
    legal_name: Mapped[str]
    siret: Mapped[str] = mapped_column(String(14))
    activity: Mapped[str] = mapped_column(Text)
    entitlement: Mapped[float]
    billing_coefficient: Mapped[Decimal | None]
    sites: Mapped[list[SiteRow]] = relationship(
        order_by="SiteRow.position", back_populates="member", cascade="all, delete-orphan"
    )


class SiteRow(Base):
    __tablename__ = "sites"
    __table_args__ = (UniqueConstraint("member_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = _fk("members.id", ondelete="CASCADE")
    position: Mapped[int]
    code: Mapped[str] = mapped_column(CODE)
    name: Mapped[str]
    address: Mapped[str] = mapped_column(Text)
    latitude: Mapped[float]
    longitude: Mapped[float]
    opening_hours: Mapped[dict[str, Any]]  # {"mon": [["06:00:00", "20:00:00"]]}: exact, unlike the text form
    night_work_allowed: Mapped[bool]
    sunday_work_allowed: Mapped[bool]
    authorisation_required_for: Mapped[list[Any]]
    member: Mapped[MemberRow] = relationship(back_populates="sites")


class EmployeeRow(Base):
    __tablename__ = "employees"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(CODE, unique=True)
    first_name: Mapped[str]
    last_name: Mapped[str]
    home_address: Mapped[str] = mapped_column(Text)
    home_latitude: Mapped[float]
    home_longitude: Mapped[float]
    contract_kind: Mapped[str] = mapped_column(String(3))
    contract_start: Mapped[date]
    contract_end: Mapped[date | None]
    weekly_hours: Mapped[float]
    annual_hours: Mapped[float | None]
    part_time_derogation: Mapped[bool]
    night_worker: Mapped[bool]
    minor: Mapped[bool]
    hourly_cost: Mapped[Decimal]
    preferred_members: Mapped[list[Any]]
    avoided_members: Mapped[list[Any]]
    max_commute_minutes: Mapped[int | None]
    members: Mapped[list[EmployeeMemberRow]] = relationship(order_by="EmployeeMemberRow.position",
                                              cascade="all, delete-orphan")
    sites: Mapped[list[EmployeeSiteRow]] = relationship(order_by="EmployeeSiteRow.position",
                                              cascade="all, delete-orphan")
    skills: Mapped[list[EmployeeSkillRow]] = relationship(order_by="EmployeeSkillRow.position",
                                              cascade="all, delete-orphan")
    certifications: Mapped[list[EmployeeCertificationRow]] = relationship(
        order_by="EmployeeCertificationRow.position", cascade="all, delete-orphan"
    )
    authorisations: Mapped[list[SiteAuthorisationRow]] = relationship(
        order_by="SiteAuthorisationRow.position", cascade="all, delete-orphan"
    )


class EmployeeMemberRow(Base):
    """A member listed by an employee's contract."""

    __tablename__ = "employee_members"
    __table_args__ = (UniqueConstraint("employee_id", "member_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = _fk("employees.id", ondelete="CASCADE")
    member_id: Mapped[int] = _fk("members.id")
    position: Mapped[int]
    member: Mapped[MemberRow] = relationship()


class EmployeeSiteRow(Base):
    """A site an employee's contract narrows placement to."""

    __tablename__ = "employee_sites"
    __table_args__ = (UniqueConstraint("employee_id", "site_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = _fk("employees.id", ondelete="CASCADE")
    site_id: Mapped[int] = _fk("sites.id")
    position: Mapped[int]
    site: Mapped[SiteRow] = relationship()


class EmployeeSkillRow(Base):
    __tablename__ = "employee_skills"
    __table_args__ = (UniqueConstraint("employee_id", "skill_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = _fk("employees.id", ondelete="CASCADE")
    skill_id: Mapped[int] = _fk("skills.id")
    position: Mapped[int]
    level: Mapped[int]
    skill: Mapped[SkillRow] = relationship()


class EmployeeCertificationRow(Base):
    __tablename__ = "employee_certifications"
    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = _fk("employees.id", ondelete="CASCADE")
    certification_type_id: Mapped[int] = _fk("certification_types.id")
    position: Mapped[int]
    level: Mapped[str] = mapped_column(String(64))
    valid_from: Mapped[date]
    valid_to: Mapped[date | None]
    certification_type: Mapped[CertificationTypeRow] = relationship()


class SiteAuthorisationRow(Base):
    __tablename__ = "site_authorisations"
    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = _fk("employees.id", ondelete="CASCADE")
    site_id: Mapped[int] = _fk("sites.id")
    skill_id: Mapped[int] = _fk("skills.id")
    position: Mapped[int]
    valid_to: Mapped[date | None]
    site: Mapped[SiteRow] = relationship()
    skill: Mapped[SkillRow] = relationship()


class AbsenceRow(Base):
    __tablename__ = "absences"
    __table_args__ = (
        UniqueConstraint("employee_id", "kind", "starts_at", "ends_at"),
        Index(None, "starts_at", "ends_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = _fk("employees.id", ondelete="CASCADE")
    kind: Mapped[str] = mapped_column(String(16))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    note: Mapped[str] = mapped_column(Text)
    employee: Mapped[EmployeeRow] = relationship()


class RequestRow(Base):
    __tablename__ = "requests"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    member_id: Mapped[int] = _fk("members.id")
    site_id: Mapped[int] = _fk("sites.id")
    skill_id: Mapped[int] = _fk("skills.id")
    day: Mapped[date] = mapped_column(index=True)
    start: Mapped[time]
    end: Mapped[time]
    ends_next_day: Mapped[bool]
    min_level: Mapped[int]
    certifications: Mapped[list[Any]]  # ["HAB-ELEC:BR", ...]
    headcount: Mapped[int]
    priority: Mapped[str] = mapped_column(String(16))
    min_chunk_hours: Mapped[float]
    preferred_employees: Mapped[list[Any]]
    excluded_employees: Mapped[list[Any]]
    same_person: Mapped[bool]
    note: Mapped[str] = mapped_column(Text)
    series: Mapped[str | None] = mapped_column(String(64))
    late: Mapped[bool] = mapped_column(default=False, server_default=false())  # filed after the cut-off
    member: Mapped[MemberRow] = relationship()
    site: Mapped[SiteRow] = relationship()
    skill: Mapped[SkillRow] = relationship()


class PlanRow(Base):
    __tablename__ = "plans"
    id: Mapped[int] = mapped_column(primary_key=True)
    week: Mapped[str] = mapped_column(String(8), unique=True)
    status: Mapped[str] = mapped_column(String(16))
    objective: Mapped[float | None]
    best_bound: Mapped[float | None]
    solver_status: Mapped[str | None] = mapped_column(String(64))
    saved_at: Mapped[datetime | None]  # UTC, set on every save: the calendars' DTSTAMP
    assignments: Mapped[list[AssignmentRow]] = relationship(
        order_by="AssignmentRow.position", cascade="all, delete-orphan"
    )


class AssignmentRow(Base):
    __tablename__ = "assignments"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = _fk("plans.id", ondelete="CASCADE")
    position: Mapped[int]
    employee_id: Mapped[int] = _fk("employees.id")
    request_id: Mapped[int] = _fk("requests.id")
    site_id: Mapped[int] = _fk("sites.id")
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    travel_minutes_before: Mapped[int]
    pinned: Mapped[bool]
    employee: Mapped[EmployeeRow] = relationship()
    request: Mapped[RequestRow] = relationship()
    site: Mapped[SiteRow] = relationship()
