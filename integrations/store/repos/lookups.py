"""What every part of the Repository shares: the session, finding rows by human code, clear errors."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from consortium.errors import InvalidInput, NotFound

from ..tables.core import (
    EmployeeCertificationRow, EmployeeMemberRow, EmployeeRow, EmployeeSiteRow, EmployeeSkillRow, MemberRow,
    SiteAuthorisationRow, SiteRow,
)

__all__ = ["Lookups", "EMPLOYEE_LOAD", "plural", "normal_code"]

Row = TypeVar("Row")

# Everything an Employee is built from, loaded in a few SELECT ... IN queries instead of one per row.
EMPLOYEE_LOAD = (
    selectinload(EmployeeRow.members).joinedload(EmployeeMemberRow.member),
    selectinload(EmployeeRow.sites).joinedload(EmployeeSiteRow.site).joinedload(SiteRow.member),
    selectinload(EmployeeRow.skills).joinedload(EmployeeSkillRow.skill),
    selectinload(EmployeeRow.certifications).joinedload(EmployeeCertificationRow.certification_type),
    selectinload(EmployeeRow.authorisations).joinedload(SiteAuthorisationRow.site).joinedload(SiteRow.member),
    selectinload(EmployeeRow.authorisations).joinedload(SiteAuthorisationRow.skill),
)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def normal_code(code: str) -> str:
    return str(code).strip().upper()


class Lookups:
    """Row look-ups by code; `NotFound("no member 'X'")` when a code is unknown."""

    def __init__(self, session: Session):
        self._session = session

    def _find(self, model: type[Row], code: str, what: str, *options) -> Row:
        row = self._session.scalars(select(model).where(model.code == normal_code(code)).options(*options)).first()
        if row is None:
            raise NotFound(f"no {what} {normal_code(code)!r}")
        return row

    def _exists(self, model, code: str) -> bool:
        return self._session.scalar(select(func.count()).select_from(model).where(model.code == normal_code(code))) > 0

    def _member_row(self, code: str) -> MemberRow:
        return self._find(MemberRow, code, "member", selectinload(MemberRow.sites))

    def _employee_row(self, code: str) -> EmployeeRow:
        return self._find(EmployeeRow, code, "employee", *EMPLOYEE_LOAD)

    def _ids(self, model) -> dict[str, int]:
        """code -> id for a whole (small) table: members, skills, certification types."""
        return dict(self._session.execute(select(model.code, model.id)).all())

    def _site_ids(self) -> dict[tuple[str, str], int]:
        """(member code, site code) -> site id."""
        rows = self._session.execute(select(MemberRow.code, SiteRow.code, SiteRow.id).join(SiteRow.member)).all()
        return {(member, site): site_id for member, site, site_id in rows}

    @staticmethod
    def _refuse(problems: list[str]) -> None:
        if problems:
            raise InvalidInput(problems[0])

