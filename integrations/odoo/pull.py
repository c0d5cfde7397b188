"""Pull employees, absences and members from Odoo into the store, with a report and a dry run.

Each pull reads what it needs in a few batched calls, maps it with the pure functions of
``mapping.py``, compares with the store and, unless ``dry_run``, writes through the repository
(``save_employee``, ``add_absence``, ``save_member``) inside the caller's transaction. The Odoo ids
of what was pulled are kept in ``odoo_links`` so that pushes find the work contacts and partners.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field
from datetime import date

from consortium.errors import InvalidInput

from .employee_match import match_employees
from .gateway import OdooGateway
from .mapping import (CALENDAR_LEAVE_FIELDS, EMPLOYEE_FIELDS, EMPLOYEE_SKILL_FIELDS, LEAVE_FIELDS, PARTNER_FIELDS,
                      RESUME_LINE_FIELDS, absence_from_calendar_leave, absence_from_leave, employee_from_odoo,
                      member_from_partner, partner_code, skill_catalog, weekly_hours)
from .modules import present_fields

__all__ = ["PullReport", "pull_employees", "pull_leaves", "pull_members"]


@dataclass
class PullReport:
    """What a pull did (or, in a dry run, would do): counts, the diff lines, problems and warnings."""

    kind: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    diff: list[str] = field(default_factory=list)
    dry_run: bool = False

    def summary(self) -> str:
        """One line: ``employees: created 20, updated 0, unchanged 0, 1 problem``."""
        head = "dry run, would have " if self.dry_run else ""
        return (f"{self.kind}: {head}created {self.created}, updated {self.updated}, unchanged {self.unchanged},"
                f" {len(self.problems)} problem(s), {len(self.warnings)} warning(s)")

    def lines(self) -> list[str]:
        """The summary, the diff (dry run), then notes (what Odoo lacks), problems and warnings."""
        return [self.summary(), *(self.diff if self.dry_run else []), *(f"note: {n}" for n in self.notes),
                *(f"problem: {p}" for p in self.problems), *(f"warning: {w}" for w in self.warnings)]

    def count(self, code: str, old, new) -> bool:
        """Count one object; return whether it must be written."""
        if old is None:
            self.created += 1
            self.diff.append(f"+ {code}")
        elif old != new:
            self.updated += 1
            self.diff.append(f"~ {code}")
        else:
            self.unchanged += 1
            return False
        return True


def _calendar_hours(gateway: OdooGateway, calendar_ids: set[int]) -> dict[int, float | None]:
    if not calendar_ids:
        return {}
    calendars = gateway.read("resource.calendar", sorted(calendar_ids), ["two_weeks_calendar"])
    rows = gateway.search_read("resource.calendar.attendance", [("calendar_id", "in", sorted(calendar_ids))],
                               ["calendar_id", "hour_from", "hour_to", "day_period", "display_type"])
    by_calendar: dict[int, list[dict]] = {}
    for row in rows:
        by_calendar.setdefault(row["calendar_id"][0], []).append(row)
    return {c["id"]: weekly_hours(by_calendar.get(c["id"], []), bool(c.get("two_weeks_calendar")))
            for c in calendars}


def _skills_of(gateway: OdooGateway, employee_ids: list[int], expiry_field: str | None):
    """``hr.employee.skill`` rows by employee, the skill catalogue and resume lines by employee."""
    skill_fields = [*EMPLOYEE_SKILL_FIELDS, *([expiry_field] if expiry_field else [])]
    skill_rows = gateway.search_read("hr.employee.skill", [("employee_id", "in", employee_ids)], skill_fields)
    catalog = skill_catalog(gateway.search_read("hr.skill", [], ["name", "skill_type_id"]),
                            gateway.search_read("hr.skill.level", [], ["name", "skill_type_id", "level_progress"]),
                            gateway.search_read("hr.skill.type", [], ["name"]))
    lines = gateway.search_read("hr.resume.line", [("employee_id", "in", employee_ids)], list(RESUME_LINE_FIELDS))
    by_employee: dict[int, list[dict]] = {}
    resume: dict[int, list[dict]] = {}
    for row in skill_rows:
        by_employee.setdefault(row["employee_id"][0], []).append(row)
    for row in lines:
        resume.setdefault(row["employee_id"][0], []).append(row)
    return by_employee, catalog, resume


def pull_employees(repo, gateway: OdooGateway, connection: str, *, dry_run: bool = False,
                   today: date | None = None, mapping: dict[int, str] | None = None,
                   expiry_field: str | None = None) -> PullReport:
    """Active ``hr.employee`` records into the store, matched as ``employee_match`` says.

    ``mapping`` is the administrator's ``{Odoo id: code}``; ``expiry_field`` a date field of
    ``hr.employee.skill`` holding certificates' expiry. Without ``hr_skills`` or ``hr_hourly_cost``
    in Odoo their data stay as mutualis holds them (a note says so).
    """
    report = PullReport("employees", dry_run=dry_run)
    fields, report.notes = present_fields(gateway, "hr.employee", EMPLOYEE_FIELDS)
    records = gateway.search_read("hr.employee", [], fields)
    with_skills = "employee_skill_ids" in fields
    by_employee, catalog, resume = (_skills_of(gateway, [r["id"] for r in records], expiry_field) if with_skills
                                    else ({}, skill_catalog([], [], []), {}))
    hours = _calendar_hours(gateway, {r["resource_calendar_id"][0] for r in records if r.get("resource_calendar_id")})
    members = repo.people.list_members()
    default = (members[0].sites[0].latitude, members[0].sites[0].longitude) if members and members[0].sites else (0, 0)
    stored_catalogue = repo.people.get_catalogue()
    known_skills = {s.code for s in stored_catalogue.skills}
    links = repo.odoo
    stored = {e.code: e for e in repo.people.list_employees()}
    linked = {code: odoo_id for code, (odoo_id, _p) in links.links(connection, "hr.employee").items()}
    matches = match_employees(records, {c: e.name for c, e in stored.items()}, linked, mapping)
    for record, match in zip(records, matches, strict=False):
        if match.code is None:
            report.problems.append(match.problem or f"Odoo employee {match.name} (#{match.odoo_id}) not matched")
            continue
        code, existing = match.code, stored.get(match.code)
        calendar = record["resource_calendar_id"][0] if record.get("resource_calendar_id") else None
        mapped = employee_from_odoo(record, by_employee.get(record["id"], []) if with_skills else None, catalog,
                                    code=code, members=[m.code for m in members], hours=hours.get(calendar),
                                    existing=existing, default_coordinates=default,
                                    certification_types=stored_catalogue.certification_types, today=today,
                                    resume_lines=resume.get(record["id"], ()), expiry_field=expiry_field)
        if mapped.value is None:
            report.problems.extend(mapped.warnings)
            continue
        report.warnings.extend(mapped.warnings)
        employee = mapped.value
        if existing is not None and existing.name != employee.name:
            report.warnings.append(f"employee {code}: Odoo renamed {existing.name} to {employee.name}")
        write = report.count(f"employee {code} {employee.name}", existing, employee)
        if dry_run:
            continue
        if write:
            for skill in catalog.domain_skills():
                if skill.code in employee.skills and skill.code not in known_skills:
                    repo.people.save_skill(skill)
                    known_skills.add(skill.code)
            repo.people.save_employee(employee)
        partner = record["work_contact_id"][0] if record.get("work_contact_id") else None
        links.link(connection, "hr.employee", code, record["id"], partner)
    return report


def pull_leaves(repo, gateway: OdooGateway, connection: str, *, dry_run: bool = False) -> PullReport:
    """Validated ``hr.leave`` and one-resource ``resource.calendar.leaves`` of pulled employees.

    Without ``hr_holidays`` in Odoo there is no ``hr.leave``: only the calendar leaves are pulled.
    """
    report = PullReport("absences", dry_run=dry_run)
    linked = repo.odoo.links(connection, "hr.employee")
    if not linked:
        raise InvalidInput(f"no employee pulled from Odoo connection {connection!r} yet:"
                           f" run `mutualis odoo pull employees --from {connection}` first")
    codes = {odoo_id: code for code, (odoo_id, _p) in linked.items()}
    tz = repo.people.get_settings().timezone
    cal_fields, report.notes = present_fields(gateway, "resource.calendar.leaves", CALENDAR_LEAVE_FIELDS)
    with_holidays = "holiday_id" in cal_fields
    leaves = gateway.search_read("hr.leave", [("state", "=", "validate"), ("employee_id", "in", sorted(codes))],
                                 list(LEAVE_FIELDS)) if with_holidays else []
    employees = gateway.read("hr.employee", sorted(codes), ["resource_id"])
    by_resource = {e["resource_id"][0]: codes[e["id"]] for e in employees if e.get("resource_id")}
    domain = [("resource_id", "in", sorted(by_resource)), *([("holiday_id", "=", False)] if with_holidays else [])]
    cal_leaves = gateway.search_read("resource.calendar.leaves", domain, cal_fields)
    mapped = [absence_from_leave(r, codes, tz) for r in leaves]
    mapped += [absence_from_calendar_leave(r, by_resource, tz) for r in cal_leaves]
    for item in mapped:
        report.problems.extend(item.warnings)
        absence = item.value
        if absence is None:
            continue
        stored = [a for a in repo.people.list_absences(absence.employee, absence.start, absence.end)
                  if (a.kind, a.start, a.end) == (absence.kind, absence.start, absence.end)]
        label = f"absence {absence.employee} {absence.kind} {absence.start:%Y-%m-%d %H:%M} {absence.end:%Y-%m-%d %H:%M}"
        old = stored[0] if stored else None
        if report.count(label, old, absence) and not dry_run:
            repo.people.replace_absences([absence])
    return report


def pull_members(repo, gateway: OdooGateway, connection: str, tag: str, *, dry_run: bool = False) -> PullReport:
    """Companies tagged ``tag`` (``res.partner.category`` name) as members.

    A partner already linked to a member (``odoo_links``) updates that member, else the member with the
    partner's SIRET (``company_registry``), else the member whose code is the partner's ``ref`` or slugged
    name when its SIRET is the same (another SIRET is another firm: a problem, never an update); only what
    Odoo owns changes (``member_from_partner``). A new member gets the partner's address as site ``MAIN``.
    """
    report = PullReport("members", dry_run=dry_run)
    if not gateway.execute("res.partner.category", "search", [("name", "=", tag)]):
        raise InvalidInput(f"no partner tag {tag!r} in Odoo {gateway.connection.url}")
    records = gateway.search_read("res.partner", [("is_company", "=", True), ("category_id.name", "=", tag)],
                                  [f for f in PARTNER_FIELDS if f in gateway.fields_get("res.partner")])
    links = repo.odoo
    linked = {odoo_id: code for code, (odoo_id, _p) in links.links(connection, "res.partner").items()}
    stored = {m.code: m for m in repo.people.list_members()}
    by_siret = {m.siret: m.code for m in stored.values()}
    for record in records:
        siret = re.sub(r"\s", "", str(record.get("company_registry") or ""))
        code = linked.get(record["id"]) or by_siret.get(siret) or partner_code(record)
        if code in stored and record["id"] not in linked and siret and stored[code].siret != siret:
            report.problems.append(f"member {code} ({record.get('name')}): SIRET {siret} in Odoo is not the SIRET "
                                   f"{stored[code].siret} of member {code}: another firm, not pulled")
            continue
        mapped = member_from_partner(record, stored.get(code))
        if mapped.value is None:
            report.problems.extend(mapped.warnings)
            continue
        report.warnings.extend(mapped.warnings)
        member = mapped.value
        if report.count(f"member {member.code} {member.legal_name}", stored.get(member.code), member) and not dry_run:
            repo.people.save_member(member)
        if not dry_run:
            links.link(connection, "res.partner", member.code, record["id"])
    return report
