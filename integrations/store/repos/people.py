"""Settings, catalogue, members, employees and absences in and out of the session."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select, text, union
from sqlalchemy.orm import Session, load_only, selectinload

from consortium.members import Member
from sharing.absences import Absence
from sharing.employees import Employee
from consortium.errors import AlreadyExists, InvalidInput
from sharing.group import Catalogue, employee_problems, member_problems
from sharing.settings import GroupSettings
from sharing.skills import CertificationType, Skill

from .lookups import EMPLOYEE_LOAD, Lookups, plural
from ..mapping import (
    absence_from_row, certification_type_from_row, employee_from_row, local_naive, member_from_row, money_in,
    site_values, skill_from_row,
)
from ..tables.core import (
    AbsenceRow, AssignmentRow, CertificationTypeRow, EmployeeCertificationRow, EmployeeMemberRow, EmployeeRow,
    EmployeeSiteRow, EmployeeSkillRow, MemberRow, RequestRow, SettingsRow, SiteAuthorisationRow, SiteRow, SkillRow,
)

__all__ = ["PeopleRepository", "employee_columns", "member_login"]


def member_login(session: Session) -> bool:
    """True when the connection is a member firm's PostgreSQL login, which reads only some employee columns."""
    if "member_login" not in session.info:
        postgres = session.get_bind().dialect.name == "postgresql"
        session.info["member_login"] = postgres and bool(session.scalar(text("SELECT mutualis_is_member()")))
    return session.info["member_login"]


def employee_columns(session: Session) -> tuple:
    """Loader options for an employee joined to a plan or hours: a member's login loads only the columns it may
    read (id, code, first and last name: migration 0006_access); the GE office the whole row."""
    if not member_login(session):
        return ()
    return (load_only(EmployeeRow.id, EmployeeRow.code, EmployeeRow.first_name, EmployeeRow.last_name),)


class PeopleRepository(Lookups):
    """The group's settings, catalogue, members, employees and absences (`repo.people`)."""

    # --- settings and catalogue -------------------------------------------------------------------
    def get_settings(self) -> GroupSettings:
        """The group's settings; the defaults until some are saved."""
        row = self._session.get(SettingsRow, 1)
        return GroupSettings() if row is None else GroupSettings.model_validate(row.data)

    def save_settings(self, settings: GroupSettings) -> None:
        data = settings.model_dump(mode="json")
        row = self._session.get(SettingsRow, 1)
        if row is None:
            self._session.add(SettingsRow(id=1, data=data))
        else:
            row.data = data

    def get_catalogue(self) -> Catalogue:
        """Skills and certification types, each ordered by code."""
        skills = self._session.scalars(select(SkillRow).order_by(SkillRow.code))
        types = self._session.scalars(select(CertificationTypeRow).order_by(CertificationTypeRow.code))
        return Catalogue(
            skills=[skill_from_row(r) for r in skills],
            certification_types=[certification_type_from_row(r) for r in types],
        )

    def save_skill(self, skill: Skill) -> None:
        """Insert or update by code."""
        row = self._session.scalars(select(SkillRow).where(SkillRow.code == skill.code)).first()
        if row is None:
            row = SkillRow(code=skill.code)
            self._session.add(row)
        row.name, row.levels = skill.name, list(skill.levels)

    def save_certification_type(self, ct: CertificationType) -> None:
        """Insert or update by code."""
        row = self._session.scalars(select(CertificationTypeRow).where(CertificationTypeRow.code == ct.code)).first()
        if row is None:
            row = CertificationTypeRow(code=ct.code)
            self._session.add(row)
        row.name, row.levels, row.ordered = ct.name, list(ct.levels), ct.ordered
        row.covers, row.validity_months = {k: list(v) for k, v in ct.covers.items()}, ct.validity_months

    # --- members -----------------------------------------------------------------------------------
    def add_member(self, m: Member) -> None:
        """A new member with its sites; AlreadyExists when the code is taken."""
        if self._exists(MemberRow, m.code):
            raise AlreadyExists(f"member {m.code} already exists")
        self._write_member(m, MemberRow(code=m.code))

    def save_member(self, m: Member) -> None:
        """Insert or replace; sites are matched by code, so those still referenced keep their identity."""
        row = self._session.scalars(
            select(MemberRow).where(MemberRow.code == m.code).options(selectinload(MemberRow.sites))
        ).first()
        self._write_member(m, row or MemberRow(code=m.code))

    def get_member(self, code: str) -> Member:
        return member_from_row(self._member_row(code))

    def list_members(self) -> list[Member]:
        rows = self._session.scalars(select(MemberRow).order_by(MemberRow.code).options(selectinload(MemberRow.sites)))
        return [member_from_row(r) for r in rows]

    def remove_member(self, code: str) -> None:
        """Remove a member and its sites; refused while requests or employees refer to it."""
        row = self._member_row(code)
        requests = self._session.scalar(select(func.count()).where(RequestRow.member_id == row.id))
        employees = self._employees_listing(row)
        if requests or employees:
            raise InvalidInput(
                f"member {row.code} still has {plural(requests, 'request')} and "
                f"{plural(employees, 'employee')} listing it"
            )
        self._session.delete(row)

    def _employees_listing(self, member: MemberRow) -> int:
        """Employees whose contract, sites, authorisations or preferences name the member."""
        site_ids = select(SiteRow.id).where(SiteRow.member_id == member.id)
        ids = set(self._session.scalars(union(
            select(EmployeeMemberRow.employee_id).where(EmployeeMemberRow.member_id == member.id),
            select(EmployeeSiteRow.employee_id).where(EmployeeSiteRow.site_id.in_(site_ids)),
            select(SiteAuthorisationRow.employee_id).where(SiteAuthorisationRow.site_id.in_(site_ids)),
        )))
        for employee_id, preferred, avoided in self._session.execute(
            select(EmployeeRow.id, EmployeeRow.preferred_members, EmployeeRow.avoided_members)
        ):
            if member.code in preferred or member.code in avoided:
                ids.add(employee_id)
        return len(ids)

    def _write_member(self, m: Member, row: MemberRow) -> None:
        who = f"member {m.code}"
        self._refuse(member_problems(m, self.get_catalogue()))
        row.legal_name, row.siret, row.activity, row.entitlement = m.legal_name, m.siret, m.activity, m.entitlement
        row.billing_coefficient = money_in(m.billing_coefficient, who, "billing_coefficient")
        wanted = {s.code for s in m.sites}
        for old in [s for s in row.sites if s.code not in wanted]:
            self._refuse_site_removal(m.code, old)
            row.sites.remove(old)
        existing = {s.code: s for s in row.sites}
        for position, site in enumerate(m.sites):
            site_row = existing.get(site.code)
            if site_row is None:
                site_row = SiteRow(**site_values(site, position))
                row.sites.append(site_row)
            else:
                for name, value in site_values(site, position).items():
                    setattr(site_row, name, value)
        row.sites.sort(key=lambda s: s.position)
        self._session.add(row)
        self._session.flush()

    def _refuse_site_removal(self, member: str, site: SiteRow) -> None:
        if site.id is None:
            return
        uses = {
            "request": select(func.count()).where(RequestRow.site_id == site.id),
            "assignment": select(func.count()).where(AssignmentRow.site_id == site.id),
            "employee contract": select(func.count()).where(EmployeeSiteRow.site_id == site.id),
            "site authorisation": select(func.count()).where(SiteAuthorisationRow.site_id == site.id),
        }
        counts = [plural(n, noun) for noun, query in uses.items() if (n := self._session.scalar(query))]
        if counts:
            raise InvalidInput(f"member {member}: site {site.code} cannot go: {' and '.join(counts)} still name it")

    # --- employees ---------------------------------------------------------------------------------
    def add_employee(self, e: Employee) -> None:
        if self._exists(EmployeeRow, e.code):
            raise AlreadyExists(f"employee {e.code} already exists")
        self._write_employee(e, EmployeeRow(code=e.code))

    def save_employee(self, e: Employee) -> None:
        """Insert or replace (contract members and sites, skills, certifications, authorisations)."""
        query = select(EmployeeRow).where(EmployeeRow.code == e.code).options(*EMPLOYEE_LOAD)
        row = self._session.scalars(query).first()
        self._write_employee(e, row or EmployeeRow(code=e.code))

    def get_employee(self, code: str) -> Employee:
        return employee_from_row(self._employee_row(code))

    def employee_code(self, code: str) -> str:
        """The stored code of an employee the login may see (any case typed); NotFound otherwise."""
        return self._find(EmployeeRow, code, "employee", *employee_columns(self._session)).code

    def list_employees(self) -> list[Employee]:
        rows = self._session.scalars(select(EmployeeRow).order_by(EmployeeRow.code).options(*EMPLOYEE_LOAD))
        return [employee_from_row(r) for r in rows]

    def remove_employee(self, code: str) -> None:
        """Remove an employee and their absences; refused while a plan assigns them."""
        row = self._find(EmployeeRow, code, "employee")
        assigned = self._session.scalar(select(func.count()).where(AssignmentRow.employee_id == row.id))
        if assigned:
            raise InvalidInput(f"employee {row.code} still has {plural(assigned, 'assignment')} in plans")
        self._session.execute(delete(AbsenceRow).where(AbsenceRow.employee_id == row.id))
        self._session.delete(row)

    def _write_employee(self, e: Employee, row: EmployeeRow) -> None:
        who = f"employee {e.code}"
        members = self._ids(MemberRow)
        self._refuse(employee_problems(e, self.get_catalogue(), set(members), self.get_settings().labour))
        skills, cert_types, sites = self._ids(SkillRow), self._ids(CertificationTypeRow), self._site_ids()
        problems = [
            f"{who}: field contract.sites: unknown site {s!r}"
            for s in e.contract.sites if tuple(s.split("/")) not in sites
        ] + [
            f"{who}: field site_authorisations: unknown site '{a.member}/{a.site}'"
            for a in e.site_authorisations if (a.member, a.site) not in sites
        ] + [
            f"{who}: field site_authorisations: unknown skill {a.skill!r}"
            for a in e.site_authorisations if a.skill not in skills
        ]
        self._refuse(problems)
        c = e.contract
        row.first_name, row.last_name, row.home_address = e.first_name, e.last_name, e.home_address
        row.home_latitude, row.home_longitude = e.home_latitude, e.home_longitude
        row.contract_kind, row.contract_start, row.contract_end = c.kind, c.start, c.end
        row.weekly_hours, row.annual_hours = c.weekly_hours, c.annual_hours
        row.part_time_derogation = c.part_time_derogation
        row.night_worker, row.minor = e.night_worker, e.minor
        row.hourly_cost = money_in(e.hourly_cost, who, "hourly_cost")
        p = e.preferences
        row.preferred_members, row.avoided_members = list(p.preferred_members), list(p.avoided_members)
        row.max_commute_minutes = p.max_commute_minutes
        # Old children go first: the unit of work inserts before it deletes, which unique keys would refuse.
        for children in (row.members, row.sites, row.skills, row.certifications, row.authorisations):
            children.clear()
        self._session.add(row)
        self._session.flush()
        row.members = [EmployeeMemberRow(member_id=members[m], position=i) for i, m in enumerate(c.members)]
        row.sites = [
            EmployeeSiteRow(site_id=sites[tuple(s.split("/"))], position=i)
            for i, s in enumerate(dict.fromkeys(c.sites))
        ]
        row.skills = [
            EmployeeSkillRow(skill_id=skills[k], level=v, position=i) for i, (k, v) in enumerate(e.skills.items())
        ]
        row.certifications = [
            EmployeeCertificationRow(
                certification_type_id=cert_types[x.type], level=x.level, valid_from=x.valid_from, valid_to=x.valid_to,
                position=i,
            )
            for i, x in enumerate(e.certifications)
        ]
        row.authorisations = [
            SiteAuthorisationRow(
                site_id=sites[(a.member, a.site)], skill_id=skills[a.skill], valid_to=a.valid_to, position=i
            )
            for i, a in enumerate(e.site_authorisations)
        ]
        self._session.flush()

    # --- absences ----------------------------------------------------------------------------------
    def add_absence(self, a: Absence) -> None:
        """Record an absence; an exact duplicate is ignored, the same one with another note refused."""
        row, values = self._absence(a)
        if row is None:
            self._session.add(AbsenceRow(**values))
        elif row.note != a.note:
            raise AlreadyExists(
                f"absence of {a.employee} ({a.kind} from {values['starts_at']:%Y-%m-%d %H:%M} "
                f"to {values['ends_at']:%Y-%m-%d %H:%M}) already exists with another note"
            )
        self._session.flush()

    def replace_absences(self, absences: list[Absence]) -> None:
        """Upsert each by (employee, start, end, kind): the note is replaced; for imports."""
        for a in absences:
            row, values = self._absence(a)
            if row is None:
                self._session.add(AbsenceRow(**values))
            else:
                row.note = a.note
            self._session.flush()

    def list_absences(
        self, employee: str | None = None, start: datetime | None = None, end: datetime | None = None
    ) -> list[Absence]:
        """Absences meeting [start, end) (either bound optional), ordered by start, employee, end, kind."""
        query = select(AbsenceRow).join(AbsenceRow.employee).options(selectinload(AbsenceRow.employee))
        if employee is not None:
            query = query.where(AbsenceRow.employee_id == self._find(EmployeeRow, employee, "employee").id)
        timezone = self.get_settings().timezone if (start and start.tzinfo) or (end and end.tzinfo) else ""
        if end is not None:
            query = query.where(AbsenceRow.starts_at < local_naive(end, timezone))
        if start is not None:
            query = query.where(AbsenceRow.ends_at > local_naive(start, timezone))
        query = query.order_by(AbsenceRow.starts_at, EmployeeRow.code, AbsenceRow.ends_at, AbsenceRow.kind)
        return [absence_from_row(r) for r in self._session.scalars(query)]

    def _absence(self, a: Absence) -> tuple[AbsenceRow | None, dict]:
        """The stored row with the same key (or None) and the column values of `a`."""
        employee = self._find(EmployeeRow, a.employee, "employee")
        timezone = self.get_settings().timezone if a.start.tzinfo or a.end.tzinfo else ""
        values = dict(
            employee_id=employee.id, kind=a.kind, starts_at=local_naive(a.start, timezone),
            ends_at=local_naive(a.end, timezone), note=a.note,
        )
        row = self._session.scalars(select(AbsenceRow).where(
            AbsenceRow.employee_id == employee.id, AbsenceRow.kind == a.kind,
            AbsenceRow.starts_at == values["starts_at"], AbsenceRow.ends_at == values["ends_at"],
        )).first()
        return row, values

    def counts(self) -> dict[str, int]:
        """Rows per kind: members, sites, employees, absences."""
        tables = {"members": MemberRow, "sites": SiteRow, "employees": EmployeeRow, "absences": AbsenceRow}
        return {name: self._session.scalar(select(func.count()).select_from(t)) for name, t in tables.items()}
