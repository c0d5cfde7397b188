"""The group as a whole, and the checks that tie its parts together (unknown skill, unlisted member...)."""

from __future__ import annotations

from pydantic import Field

from consortium.members import Member

from .absences import Absence
from .base import Domain
from .employees import Employee
from .requests import Request
from .settings import GroupSettings, LabourRules
from .skills import CertificationType, CertRequirement, Skill

__all__ = ["Catalogue", "Group", "employee_problems", "request_problems", "member_problems", "requirement_met"]


class Catalogue(Domain):
    """The skills and certification types the group knows."""

    skills: list[Skill] = Field(default_factory=list)
    certification_types: list[CertificationType] = Field(default_factory=list)

    def skill(self, code: str) -> Skill | None:
        return next((s for s in self.skills if s.code == code), None)

    def certification_type(self, code: str) -> CertificationType | None:
        return next((c for c in self.certification_types if c.code == code), None)


def employee_problems(employee: Employee, catalogue: Catalogue, member_codes: set[str] | None = None,
                      rules: LabourRules | None = None) -> list[str]:
    """What in an employee refers to something the group does not know, or breaks the part-time minimum of
    `rules` (the legal defaults when not given), one line each."""
    who = f"employee {employee.code}"
    problems = []
    for code, level in employee.skills.items():
        skill = catalogue.skill(code)
        if skill is None:
            problems.append(f"{who}: field skills: unknown skill {code!r}")
        elif level > len(skill.levels):
            problems.append(f"{who}: field skills: level {level} of {code} is above its {len(skill.levels)} levels")
    for cert in employee.certifications:
        problems.extend(_cert_problems(who, "certifications", cert.type, cert.level, catalogue))
    if member_codes is not None:
        for code in employee.contract.members:
            if code not in member_codes:
                problems.append(f"{who}: field contract.members: unknown member {code!r}")
        for code in employee.preferences.preferred_members + employee.preferences.avoided_members:
            if code not in member_codes:
                problems.append(f"{who}: field preferences: unknown member {code!r}")
    problem = employee.contract.check_part_time(rules or LabourRules())
    if problem:
        problems.append(f"{who}: field contract.weekly_hours: {problem}")
    return problems


def request_problems(request: Request, catalogue: Catalogue, members: dict[str, Member]) -> list[str]:
    """What in a request refers to something the group does not know, one line each."""
    who = f"request {request.code}"
    problems = []
    member = members.get(request.member)
    if member is None:
        problems.append(f"{who}: field member: unknown member {request.member!r}")
    elif request.site not in {s.code for s in member.sites}:
        problems.append(f"{who}: field site: member {member.code} has no site {request.site!r}")
    skill = catalogue.skill(request.skill)
    if skill is None:
        problems.append(f"{who}: field skill: unknown skill {request.skill!r}")
    elif request.min_level > len(skill.levels):
        problems.append(f"{who}: field min_level: {request.min_level} is above the {len(skill.levels)} levels "
                        f"of {skill.code}")
    for req in request.certifications:
        problems.extend(_cert_problems(who, "certifications", req.type, req.level, catalogue))
    return problems


def member_problems(member: Member, catalogue: Catalogue) -> list[str]:
    """Skills named by a member's sites that the group does not know."""
    return [
        f"member {member.code}: field sites.authorisation_required_for: unknown skill {code!r}"
        for site in member.sites
        for code in site.authorisation_required_for
        if catalogue.skill(code) is None
    ]


def _cert_problems(who: str, field: str, kind: str, level: str, catalogue: Catalogue) -> list[str]:
    cert_type = catalogue.certification_type(kind)
    if cert_type is None:
        return [f"{who}: field {field}: unknown certification {kind!r}"]
    if level not in cert_type.levels:
        return [f"{who}: field {field}: {kind} has no level {level!r} (levels: {', '.join(cert_type.levels)})"]
    return []



class Group(Domain):
    """Everything the weekly allocation reads: settings, catalogue, members, employees, absences, requests."""

    settings: GroupSettings = GroupSettings()
    catalogue: Catalogue = Catalogue()
    members: list[Member] = Field(default_factory=list)
    employees: list[Employee] = Field(default_factory=list)
    absences: list[Absence] = Field(default_factory=list)
    requests: list[Request] = Field(default_factory=list)

    def member(self, code: str) -> Member:
        return next(m for m in self.members if m.code == code)

    def employee(self, code: str) -> Employee:
        return next(e for e in self.employees if e.code == code)

    def problems(self) -> list[str]:
        """Every broken reference in the group, one line each (empty when all is well)."""
        members = {m.code: m for m in self.members}
        problems = []
        for member in self.members:
            problems.extend(member_problems(member, self.catalogue))
        for employee in self.employees:
            problems.extend(employee_problems(employee, self.catalogue, set(members), self.settings.labour))
        for request in self.requests:
            problems.extend(request_problems(request, self.catalogue, members))
        codes = {e.code for e in self.employees}
        problems.extend(
            f"absence of {a.employee}: field employee: unknown employee"
            for a in self.absences if a.employee not in codes
        )
        return problems


def requirement_met(employee_certs, requirement: CertRequirement, catalogue: Catalogue, day) -> bool:
    """Whether one of the employee's certifications valid on `day` covers the requirement."""
    cert_type = catalogue.certification_type(requirement.type)
    if cert_type is None:
        return False
    return any(
        c.type == requirement.type and c.is_valid(day) and requirement.level in cert_type.covered_by(c.level)
        for c in employee_certs
    )
