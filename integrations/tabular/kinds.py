"""The columns of each kind of sheet and how a row becomes a domain object and back."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any
from collections.abc import Callable

from consortium.base import check_code
from consortium.members import Member, Site
from sharing.absences import Absence
from sharing.employees import Employee
from consortium.errors import InvalidInput
from sharing.requests import Request

from .cells import CELLS, Cell

__all__ = ["Column", "Kind", "KINDS", "SPECS", "spec"]


@dataclass(frozen=True)
class Column:
    """One column: its header, cell format, the dotted field of the domain object, and what it means."""

    name: str
    cell: Cell
    field: str
    meaning: str
    required: bool = False


@dataclass(frozen=True)
class Kind:
    """A kind of sheet: columns, how to build an object from nested fields, how to read fields back.

    `model_errors` places the errors of whole-object checks (`end ... is not after start`), which pydantic
    reports without a field: for a field path, pairs of (words in the message, column). `key_columns`
    identify a row (two rows with one key are refused); `order_columns` sort the rows written, a stable
    sort that keeps the stored order within them (a member's sites stay in its order).
    """

    name: str
    columns: tuple[Column, ...]
    build: Callable[[dict], Any]
    view: Callable[[Any], Any]
    key_columns: tuple[str, ...]
    model_errors: dict[str, tuple[tuple[str, str], ...]]
    order_columns: tuple[str, ...] | None = None

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def key(self, obj) -> tuple:
        """What identifies an object: its code (members, employees, requests), else its identifying fields."""
        return self._values(obj, self.key_columns)

    def order(self, obj) -> tuple:
        """The sort key of the rows written."""
        return self._values(obj, self.order_columns or self.key_columns)

    def _values(self, obj, names: tuple[str, ...]) -> tuple:
        view = self.view(obj)
        return tuple(str(_get(view, self.column(name).field)) for name in names)


def _get(obj, field: str):
    for part in field.split("."):
        obj = getattr(obj, part)
    return obj


def _col(name: str, cell: str, meaning: str, field: str | None = None, required: bool = False) -> Column:
    return Column(name, CELLS[cell], field or name, meaning, required)


def _member_code(text: str) -> str:
    return check_code(text, "member code")


_MEMBER_CELL = Cell("member", _member_code, str, shape=CELLS["code"].shape)

MEMBERS = Kind(
    "members",
    (
        _col("code", "code", "short code of the member firm (`ACIER`)", required=True),
        _col("legal_name", "text", "legal name (raison sociale)", required=True),
        _col("siret", "text", "SIRET: 14 digits with a valid Luhn key (spaces allowed)", required=True),
        _col("activity", "text", "trade or sector, free text"),
        _col("entitlement", "float", "fair share of staff when demand exceeds supply (default 1)"),
        _col("billing_coefficient", "money", "coefficient on cost for this member (empty: the group's)"),
    ),
    Member.model_validate,
    lambda member: member,
    ("code",),
    {},
)

SITES = Kind(
    "sites",
    (
        Column("member", _MEMBER_CELL, "member", "code of the member the site belongs to", True),
        _col("code", "code", "site code, unique within its member (`MAIN`)", required=True),
        _col("name", "text", "name of the site", required=True),
        _col("address", "text", "postal address"),
        _col("latitude", "float", "WGS84 latitude in degrees", required=True),
        _col("longitude", "float", "WGS84 longitude in degrees", required=True),
        _col("opening_hours", "hours", "when staff may work there (empty: around the clock)"),
        _col("night_work_allowed", "bool", "night work (21:00-06:00) possible there (default false)"),
        _col("sunday_work_allowed", "bool", "Sunday work possible there (default false)"),
        _col("authorisation_required_for", "codes", "skills needing a site authorisation (`FORKLIFT;CRANE`)"),
    ),
    lambda data: (data.pop("member"), Site.model_validate(data)),
    lambda pair: SimpleNamespace(member=pair[0], **dict(pair[1])),
    ("member", "code"),
    {},
    ("member",),
)

EMPLOYEES = Kind(
    "employees",
    (
        _col("code", "code", "employee code (`E012`)", required=True),
        _col("first_name", "text", "first name", required=True),
        _col("last_name", "text", "last name", required=True),
        _col("home_address", "text", "home postal address"),
        _col("home_latitude", "float", "WGS84 latitude of home", required=True),
        _col("home_longitude", "float", "WGS84 longitude of home", required=True),
        _col("contract_kind", "text", "`CDI` (default) or `CDD`", "contract.kind"),
        _col("contract_start", "date", "first day of the contract", "contract.start", required=True),
        _col("contract_end", "date", "last day of the contract (required for a CDD)", "contract.end"),
        _col("weekly_hours", "float", "contracted hours a week (default 35, at most 48)", "contract.weekly_hours"),
        _col("annual_hours", "float", "annualised hours (1607 for full time), if any", "contract.annual_hours"),
        _col("part_time_derogation", "bool", "a recorded derogation to the 24 h part-time minimum",
             "contract.part_time_derogation"),
        _col("members", "codes", "members the contract lists (`ACIER;FORGE`)", "contract.members", required=True),
        _col("sites", "codes", "narrows placement to these `MEMBER/SITE` (empty: all their sites)", "contract.sites"),
        _col("skills", "skills", "skills with level rank, 1 = lowest (`TIG:2;MIG:3`)"),
        _col("certifications", "certifications",
             "certifications held (`HAB-ELEC:BR:2025-01-15:2028-01-14`; empty VALID_TO: no expiry)"),
        _col("site_authorisations", "authorisations", "site authorisations (`ACIER/MAIN/FORKLIFT:2027-06-30`)"),
        _col("night_worker", "bool", "night worker status (default false)"),
        _col("minor", "bool", "under 18 (default false)"),
        _col("hourly_cost", "money", "loaded hourly cost to the group, euros", required=True),
        _col("preferred_members", "codes", "members the employee prefers", "preferences.preferred_members"),
        _col("avoided_members", "codes", "members the employee would rather avoid", "preferences.avoided_members"),
        _col("max_commute_minutes", "int", "longest commute the employee accepts, minutes",
             "preferences.max_commute_minutes"),
    ),
    Employee.model_validate,
    lambda employee: employee,
    ("code",),
    {
        "": (("minor", "minor"),),
        "contract": (("CDD", "contract_end"), ("end", "contract_end")),
    },
)

ABSENCES = Kind(
    "absences",
    (
        _col("employee", "code", "code of the absent employee", required=True),
        _col("kind", "text", "`leave` (default), `sickness`, `training` or `other`"),
        _col("start", "datetime", "first moment of absence", required=True),
        _col("end", "datetime", "moment the absence ends (excluded)", required=True),
        _col("note", "text", "free text"),
    ),
    Absence.model_validate,
    lambda absence: absence,
    ("employee", "start", "end", "kind"),
    {"": (("end", "end"),)},
)

REQUESTS = Kind(
    "requests",
    (
        _col("code", "code", "request code (`R-ACIER-0001`)", required=True),
        _col("member", "code", "member asking for staff", required=True),
        _col("site", "code", "site of that member", required=True),
        _col("skill", "code", "skill needed", required=True),
        _col("min_level", "int", "lowest level rank accepted (default 1)"),
        _col("certifications", "requirements", "certifications needed (`HAB-ELEC:BR`)"),
        _col("day", "date", "day the shift starts", required=True),
        _col("start", "time", "start of the shift", required=True),
        _col("end", "time", "end of the shift", required=True),
        _col("ends_next_day", "bool", "the shift ends after midnight (default false)"),
        _col("headcount", "int", "people needed (default 1)"),
        _col("priority", "text", "`critical`, `normal` (default) or `optional`"),
        _col("min_chunk_hours", "float", "shortest piece of the shift one person may take (default 0: whole)"),
        _col("preferred_employees", "codes", "employees the member would like"),
        _col("excluded_employees", "codes", "employees the member refuses"),
        _col("same_person", "bool", "one person for the whole request (default false)"),
        _col("note", "text", "free text"),
        _col("series", "code", "code of the recurring request it comes from, if any"),
    ),
    Request.model_validate,
    lambda request: request,
    ("code",),
    {"": (("preferred and excluded", "excluded_employees"), ("end", "end"))},
)

SPECS = {kind.name: kind for kind in (MEMBERS, SITES, EMPLOYEES, ABSENCES, REQUESTS)}
KINDS = tuple(SPECS)


def spec(kind: str) -> Kind:
    """The spec of a kind; `InvalidInput` naming the known kinds otherwise."""
    try:
        return SPECS[kind]
    except KeyError:
        raise InvalidInput(f"unknown kind {kind!r} (one of {', '.join(KINDS)})") from None
