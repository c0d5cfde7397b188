"""Requests and weekly plans in and out of the session."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from consortium.errors import AlreadyExists, InvalidInput
from sharing.group import request_problems
from sharing.plans import Plan
from sharing.requests import Request
from consortium.weeks import IsoWeek, parse_week

from .lookups import Lookups
from .people import PeopleRepository, employee_columns
from ..mapping import local_naive, member_from_row, plan_from_row, request_from_row
from ..tables.core import AssignmentRow, EmployeeRow, MemberRow, PlanRow, RequestRow, SiteRow, SkillRow

__all__ = ["PlanRepository"]

REQUEST_LOAD = (joinedload(RequestRow.member), joinedload(RequestRow.site), joinedload(RequestRow.skill))


def _assignment_load(session: Session) -> tuple:
    """An assignment's employee (as far as the login may read it), request, site and member."""
    return (
        joinedload(AssignmentRow.employee).options(*employee_columns(session)),
        joinedload(AssignmentRow.request),
        joinedload(AssignmentRow.site).joinedload(SiteRow.member),
    )


class PlanRepository(Lookups):
    """Members' requests and the weekly plans (`repo.plans`); reads the settings and catalogue from `people`."""

    def __init__(self, session: Session, people: PeopleRepository):
        super().__init__(session)
        self._people = people

    # --- requests ----------------------------------------------------------------------------------
    def add_request(self, r: Request, late: bool = False) -> None:
        """A new request; `late` when filed after the group's cut-off (kept, flagged to the manager)."""
        if self._exists(RequestRow, r.code):
            raise AlreadyExists(f"request {r.code} already exists")
        self.save_requests([r], late=late)

    def late_requests(self, week: IsoWeek | None = None) -> list[str]:
        """Codes of the requests filed after the cut-off (of one week when given), ordered by day and code."""
        query = select(RequestRow.code).where(RequestRow.late)
        if week is not None:
            monday = parse_week(str(week)).monday
            query = query.where(RequestRow.day >= monday, RequestRow.day < monday + timedelta(days=7))
        return list(self._session.scalars(query.order_by(RequestRow.day, RequestRow.code)))

    def save_request(self, r: Request) -> None:
        """Insert or replace by code."""
        self.save_requests([r])

    def save_requests(self, requests: Sequence[Request], *, late: bool | None = None) -> None:
        """Insert or replace many by code, each checked as one would be; the catalogue, members and skills are
        read once (a season of history is a thousand requests). `late` sets the cut-off flag (None: unchanged)."""
        if not requests:
            return
        codes = [r.code for r in requests]
        existing = {row.code: row
                    for row in self._session.scalars(select(RequestRow).where(RequestRow.code.in_(codes)))}
        member_rows = {row.code: row for row in self._session.scalars(
            select(MemberRow).where(MemberRow.code.in_({r.member for r in requests}))
            .options(selectinload(MemberRow.sites)))}
        members = {code: member_from_row(row) for code, row in member_rows.items()}
        catalogue = self._people.get_catalogue()
        skills: dict[str, int] = {code: id_ for code, id_ in self._session.execute(select(SkillRow.code, SkillRow.id))}
        for r in requests:
            self._refuse(request_problems(r, catalogue, {r.member: members[r.member]} if r.member in members else {}))
            row = existing.get(r.code) or RequestRow(code=r.code)
            member_row = member_rows[r.member]
            row.member_id = member_row.id
            row.site_id = next(s.id for s in member_row.sites if s.code == r.site)
            row.skill_id = skills[r.skill]
            self._fill_request(r, row)
            if late is not None:
                row.late = late
            self._session.add(row)
        self._session.flush()

    def get_request(self, code: str) -> Request:
        return request_from_row(self._find(RequestRow, code, "request", *REQUEST_LOAD))

    def list_requests(self, week: IsoWeek | None = None, member: str | None = None) -> list[Request]:
        """Requests of a week and/or a member, ordered by day, start and code."""
        query = select(RequestRow).options(*REQUEST_LOAD)
        if week is not None:
            monday = parse_week(str(week)).monday
            query = query.where(RequestRow.day >= monday, RequestRow.day < monday + timedelta(days=7))
        if member is not None:
            query = query.where(RequestRow.member_id == self._find(MemberRow, member, "member").id)
        query = query.order_by(RequestRow.day, RequestRow.start, RequestRow.code)
        return [request_from_row(r) for r in self._session.scalars(query)]

    def remove_request(self, code: str) -> None:
        """Remove a request; refused while a plan assigns someone to it."""
        row = self._find(RequestRow, code, "request")
        weeks = sorted(self._session.scalars(
            select(PlanRow.week).join(AssignmentRow, AssignmentRow.plan_id == PlanRow.id)
            .where(AssignmentRow.request_id == row.id).distinct()
        ))
        if weeks:
            raise InvalidInput(f"request {row.code} is still assigned in the plan of {', '.join(weeks)}")
        self._session.delete(row)

    def _fill_request(self, r: Request, row: RequestRow) -> None:
        row.day, row.start, row.end, row.ends_next_day = r.day, r.start, r.end, r.ends_next_day
        row.min_level, row.headcount, row.priority = r.min_level, r.headcount, r.priority
        row.certifications = [{"type": c.type, "level": c.level} for c in r.certifications]
        row.min_chunk_hours, row.same_person, row.note, row.series = r.min_chunk_hours, r.same_person, r.note, r.series
        row.preferred_employees, row.excluded_employees = list(r.preferred_employees), list(r.excluded_employees)

    # --- plans -------------------------------------------------------------------------------------
    def save_plan(self, plan: Plan) -> None:
        """Replace the plan of `plan.week` (one per ISO week) with this one and its assignments.

        The time of the save is stored with it (:meth:`plan_saved_at`): each save is a new version.
        """
        week = str(parse_week(plan.week))
        who = f"plan {week}"
        employees, requests, sites = self._ids(EmployeeRow), self._ids(RequestRow), self._site_ids()
        timezone = None
        rows = []
        for i, a in enumerate(plan.assignments):
            where = f"{who}: assignment {i + 1}"
            if a.employee not in employees:
                raise InvalidInput(f"{where}: unknown employee {a.employee!r}")
            if a.request not in requests:
                raise InvalidInput(f"{where}: unknown request {a.request!r}")
            if (a.member, a.site) not in sites:
                raise InvalidInput(f"{where}: unknown site '{a.member}/{a.site}'")
            if timezone is None and (a.start.tzinfo or a.end.tzinfo):
                timezone = self._people.get_settings().timezone
            rows.append(AssignmentRow(
                position=i, employee_id=employees[a.employee], request_id=requests[a.request],
                site_id=sites[(a.member, a.site)], starts_at=local_naive(a.start, timezone or ""),
                ends_at=local_naive(a.end, timezone or ""), travel_minutes_before=a.travel_minutes_before,
                pinned=a.pinned,
            ))
        self._session.execute(delete(PlanRow).where(PlanRow.week == week))
        self._session.flush()
        self._session.add(PlanRow(
            week=week, status=plan.status, objective=plan.objective, best_bound=plan.best_bound,
            solver_status=plan.solver_status, assignments=rows,
            saved_at=datetime.now(UTC).replace(tzinfo=None, microsecond=0),
        ))
        self._session.flush()

    def get_plan(self, week: IsoWeek) -> Plan | None:
        """The plan of the week, or None when there is none yet."""
        row = self._session.scalars(
            select(PlanRow).where(PlanRow.week == str(parse_week(str(week))))
            .options(selectinload(PlanRow.assignments).options(*_assignment_load(self._session)))
        ).first()
        return None if row is None else plan_from_row(row)

    def plan_saved_at(self, week: IsoWeek) -> datetime | None:
        """When the stored plan of the week was last saved (aware, UTC), or None when there is no plan."""
        saved = self._session.scalar(select(PlanRow.saved_at).where(PlanRow.week == str(parse_week(str(week)))))
        return None if saved is None else saved.replace(tzinfo=UTC)

    def counts(self) -> dict[str, int]:
        """Rows per kind: requests, plans, assignments."""
        tables = {"requests": RequestRow, "plans": PlanRow, "assignments": AssignmentRow}
        return {name: self._session.scalar(select(func.count()).select_from(t)) for name, t in tables.items()}
