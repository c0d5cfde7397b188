"""Weekly capacity declarations per resource, and the reservations and commitments that use it up."""

from __future__ import annotations

from datetime import date

from pydantic import Field, field_validator

from consortium.errors import InvalidInput
from consortium.weeks import parse_week

from .base import Domain, check_code

__all__ = ["SOURCES", "CapacityDeclaration", "Reservation", "check_week"]

SOURCES = ("cli", "spreadsheet", "erp", "demo")


def check_week(value: str, what: str = "week") -> str:
    """Normalise `2026-w49` to `2026-W49`; ValueError naming the field when it is not an ISO week."""
    try:
        return str(parse_week(str(value).upper()))
    except InvalidInput as exc:
        raise ValueError(f"{what}: {exc}") from None


class CapacityDeclaration(Domain):
    """Hours a resource offers to the group in one ISO week.

    `available_hours` and `max_overtime_hours` are per parallel unit of the resource (one machine's shift
    hours); `committed_hours` are already sold elsewhere, for the whole resource.
    """

    member: str
    resource: str
    week: str
    available_hours: float = Field(ge=0, le=168)
    max_overtime_hours: float = Field(default=0, ge=0, le=168)
    committed_hours: float = Field(default=0, ge=0)
    source: str = Field(default="cli")

    @field_validator("member", "resource")
    @classmethod
    def _codes(cls, value: str, info) -> str:
        return check_code(value, f"{info.field_name} code")

    @field_validator("week")
    @classmethod
    def _week(cls, value: str) -> str:
        return check_week(value)

    @field_validator("source")
    @classmethod
    def _source(cls, value: str) -> str:
        if value.lower() not in SOURCES:
            raise ValueError(f"source {value!r} is not one of {', '.join(SOURCES)}")
        return value.lower()

    @property
    def key(self) -> str:
        return f"{self.member}/{self.resource}"

    def total_hours(self, units: int) -> float:
        """Hours the whole resource offers: every unit's regular and overtime hours, less work sold elsewhere."""
        return max(0.0, units * self.available_hours - self.committed_hours) + units * self.max_overtime_hours

    def describe(self, units: int) -> str:
        """`TOLERIE/PLIEUSE-220 2027-W03: 28 h per unit x 2 units = 56 h, overtime 6 h per unit x 2 units = 12 h,
        committed 0 h` (the per-unit hours the declaration holds, multiplied out)."""
        n = f"{units} unit{'' if units == 1 else 's'}"
        return (f"{self.key} {self.week}: {self.available_hours:g} h per unit × {n} = "
                f"{units * self.available_hours:g} h, overtime {self.max_overtime_hours:g} h per unit × {n} = "
                f"{units * self.max_overtime_hours:g} h, committed {self.committed_hours:g} h")


class Reservation(Domain):
    """Hours of a resource in a week held for a tender: `reserved` until `valid_until`, or `awarded`."""

    tender: str
    member: str
    resource: str
    week: str
    hours: float = Field(gt=0)
    status: str = Field(default="reserved", pattern="^(reserved|awarded)$")
    valid_until: date

    @field_validator("tender")
    @classmethod
    def _tender(cls, value: str) -> str:
        return check_code(value, "tender code")

    @field_validator("member", "resource")
    @classmethod
    def _codes(cls, value: str, info) -> str:
        return check_code(value, f"{info.field_name} code")

    @field_validator("week")
    @classmethod
    def _week(cls, value: str) -> str:
        return check_week(value)

    def holds_on(self, day: date) -> bool:
        """An award holds for good; a reservation until its validity date (inclusive)."""
        return self.status == "awarded" or day <= self.valid_until

    @property
    def key(self) -> str:
        return f"{self.member}/{self.resource}"
