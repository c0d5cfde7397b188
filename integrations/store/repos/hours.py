"""Hours worked in and out of the session: corrections, declared exceptions, month validations.

A correction's id is its entry order.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from consortium.errors import AlreadyExists
from sharing.hours import Correction, DeclaredException, Validation

from ..tables.core import EmployeeRow, MemberRow, RequestRow
from ..tables.hours import CorrectionRow, ExceptionRow, ValidationRow
from .lookups import Lookups
from .people import employee_columns

__all__ = ["HoursRepository"]


def _load(session: Session) -> tuple:
    """A correction's employee (as far as the login may read it), request, member and site."""
    return (joinedload(CorrectionRow.employee).options(*employee_columns(session)),
            joinedload(CorrectionRow.request).joinedload(RequestRow.member),
            joinedload(CorrectionRow.request).joinedload(RequestRow.site))


class HoursRepository(Lookups):
    """Corrections, declared exceptions and validations (`repo.hours`)."""

    def add_correction(self, c: Correction, exceptions: Iterable[tuple[str, date, str]] = ()) -> Correction:
        """Store a correction (its employee and request must exist) with the (rule, day, message) it knowingly
        breaks; returns it with its entry number (`sequence`)."""
        employee = self._find(EmployeeRow, c.employee, "employee", *employee_columns(self._session))
        request = self._find(RequestRow, c.request, "request")
        row = CorrectionRow(
            employee_id=employee.id, request_id=request.id, day=c.day, absent=c.absent, starts_at=c.start,
            ends_at=c.end, travel_minutes=c.travel_minutes, note=c.note, recorded_at=c.recorded_at,
            adjustment=c.adjustment, accepted_reason=c.accepted_reason,
            to_check=c.to_check)
        self._session.add(row)
        self._session.flush()
        for rule, day, message in exceptions:
            self._session.add(ExceptionRow(correction_id=row.id, rule=rule, day=day, message=message))
        self._session.flush()
        return c.model_copy(update={"sequence": row.id})

    def list_corrections(self, start: date | None = None, end: date | None = None) -> list[Correction]:
        """Corrections of the days in [start, end), in entry order (their id, not a date the data carries)."""
        query = select(CorrectionRow).options(*_load(self._session))
        if start is not None:
            query = query.where(CorrectionRow.day >= start)
        if end is not None:
            query = query.where(CorrectionRow.day < end)
        rows = self._session.scalars(query.order_by(CorrectionRow.id))
        return [Correction(employee=r.employee.code, request=r.request.code, member=r.request.member.code,
                           site=r.request.site.code, day=r.day, absent=r.absent, start=r.starts_at, end=r.ends_at,
                           travel_minutes=r.travel_minutes, note=r.note, recorded_at=r.recorded_at,
                           adjustment=r.adjustment, sequence=r.id, accepted_reason=r.accepted_reason or "",
                           to_check=r.to_check)
                for r in rows]

    def list_exceptions(self, start: date | None = None, end: date | None = None) -> list[DeclaredException]:
        """Declared exceptions dated in [start, end), in entry order."""
        query = select(ExceptionRow).options(joinedload(ExceptionRow.correction).options(*_load(self._session)))
        if start is not None:
            query = query.where(ExceptionRow.day >= start)
        if end is not None:
            query = query.where(ExceptionRow.day < end)
        out = []
        for x in self._session.scalars(query.order_by(ExceptionRow.id)):
            c = x.correction
            out.append(DeclaredException(
                employee=c.employee.code, member=c.request.member.code, request=c.request.code, rule=x.rule,
                day=x.day, message=x.message, reason=c.accepted_reason, recorded_at=c.recorded_at, correction=c.id))
        return out

    def add_validation(self, v: Validation) -> None:
        """Lock a member's month; AlreadyExists when it is already validated."""
        member = self._find(MemberRow, v.member, "member")
        if self.get_validation(member.code, v.month) is not None:
            raise AlreadyExists(f"the hours of {member.code} for {v.month} are already validated")
        self._session.add(ValidationRow(member_id=member.id, month=v.month, validated_at=v.validated_at))
        self._session.flush()

    def get_validation(self, member: str, month: str) -> Validation | None:
        row = self._session.scalars(
            select(ValidationRow).join(ValidationRow.member)
            .where(MemberRow.code == member, ValidationRow.month == month)).first()
        return None if row is None else Validation(member=member, month=row.month, validated_at=row.validated_at)

    def list_validations(self) -> list[Validation]:
        rows = self._session.scalars(select(ValidationRow).options(joinedload(ValidationRow.member))
                                     .order_by(ValidationRow.month))
        return [Validation(member=r.member.code, month=r.month, validated_at=r.validated_at) for r in rows]

