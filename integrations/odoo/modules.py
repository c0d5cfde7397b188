"""Which Odoo modules mutualis uses, what each enables, and what a pull does without it."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from collections.abc import Mapping

from .errors import OdooAccessError
from .gateway import OdooGateway

__all__ = ["FEATURES", "OPTIONAL_FIELDS", "Feature", "features", "present_fields"]

# module -> what mutualis does with it (docs/odoo.md lists the same).
FEATURES: Mapping[str, str] = MappingProxyType({
    "hr": "employees (hr.employee), their work contacts and calendars: `pull employees`",
    "hr_skills": "skills, certifications and their dates (hr.employee.skill, hr.resume.line)",
    "hr_hourly_cost": "employees' hourly cost (hr.employee.hourly_cost)",
    "hr_holidays": "validated time off (hr.leave): `pull leaves`",
    "resource": "working calendars, lunch breaks and closures (resource.calendar*)",
    "mrp": "work centres and work orders: `pull capacity`",
    "calendar": "the published week as events (calendar.event): `push plan`",
    "account": "draft customer invoices (account.move): `push invoices`",
    "contacts": "member companies and their tags (res.partner): `pull members`",
})

# Fields a pull reads that an optional module brings, and what happens without it.
OPTIONAL_FIELDS: Mapping[str, tuple[str, str, str]] = MappingProxyType({
    "hourly_cost": ("hr_hourly_cost", "hr.employee", "hourly costs stay as mutualis holds them"),
    "employee_skill_ids": ("hr_skills", "hr.employee", "skills, certifications and their dates stay as mutualis"
                                                       " holds them"),
    "holiday_id": ("hr_holidays", "resource.calendar.leaves", "time off is not pulled"),
})


@dataclass(frozen=True)
class Feature:
    """One module mutualis knows: installed or not, and what it enables."""

    module: str
    installed: bool
    enables: str

    def line(self) -> str:
        """``+ hr_skills: skills...`` or ``- hr_hourly_cost: not installed (...)``."""
        return f"{'+' if self.installed else '-'} {self.module}: {'' if self.installed else 'not installed: '}" \
               f"{self.enables}"


def features(gateway: OdooGateway) -> list[Feature] | None:
    """The modules of ``FEATURES``, installed or not (``ir.module.module``); None if Odoo refuses to say."""
    try:
        rows = gateway.search_read("ir.module.module", [("state", "=", "installed"),
                                                        ("name", "in", sorted(FEATURES))], ["name"])
    except OdooAccessError:
        return None
    installed = {r["name"] for r in rows}
    return [Feature(m, m in installed, text) for m, text in FEATURES.items()]


def present_fields(gateway: OdooGateway, model: str, wanted) -> tuple[list[str], list[str]]:
    """The ``wanted`` fields ``model`` has, and a note for each optional one it lacks (module absent)."""
    known = gateway.fields_get(model)
    optional = {name for name, (_m, of, _e) in OPTIONAL_FIELDS.items() if of == model}
    gateway.check_fields(model, [f for f in wanted if f not in optional])  # anything else missing is an error
    notes = [f"{OPTIONAL_FIELDS[name][0]} is not installed in Odoo ({model} has no {name}):"
             f" {OPTIONAL_FIELDS[name][2]}" for name in wanted if name in optional and name not in known]
    return [f for f in wanted if f in known], notes
