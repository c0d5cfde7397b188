"""What members can make: resources (machines, teams) with their limits and rates, and certificates."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from pydantic import Field, field_validator, model_validator

from .base import MONEY_DIGITS, Domain, Level, Money, Name, check_code
from .processes import Taxonomy

__all__ = ["Resource", "MemberCertificate", "Limit", "limit_problems"]

Limit = float | dict[str, float]


class Resource(Domain):
    """A machine or a team of one member.

    `limits` caps the step parameters it accepts: `thickness_mm: {steel: 20, stainless: 12}` (per material),
    `sheet_length_mm: 3000`, `tonnage_t: 220`, `axes: 5`. A parameter it does not limit is accepted.
    `efficiency_pct` scales standard times (125 = a standard hour takes 48 minutes). Rates are euros per
    hour excluding VAT and are confidential: only the member itself and the mandataire's costing see them.
    """

    member: str
    code: str
    name: Name = ""
    kind: str = Field(default="machine", pattern="^(machine|team)$")
    processes: list[str] = Field(min_length=1)
    limits: dict[str, Limit] = Field(default_factory=dict)
    units: int = Field(default=1, ge=1, le=50)
    efficiency_pct: int = Field(default=100, ge=20, le=300)
    setup_hours: Money = Field(default=Decimal(0), ge=0)
    hourly_rate: Decimal = Field(ge=0, max_digits=MONEY_DIGITS, decimal_places=2)
    overtime_rate: Decimal | None = Field(default=None, ge=0, max_digits=MONEY_DIGITS, decimal_places=2)

    @field_validator("member")
    @classmethod
    def _member(cls, value: str) -> str:
        return check_code(value, "member code")

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        return check_code(value, "resource code")

    @field_validator("processes")
    @classmethod
    def _processes(cls, value: list[str]) -> list[str]:
        return [check_code(v, "process code") for v in value]

    @model_validator(mode="after")
    def _rates(self):
        if self.overtime_rate is not None and self.overtime_rate < self.hourly_rate:
            raise ValueError(f"resource {self.code}: overtime_rate {self.overtime_rate} is below hourly_rate "
                             f"{self.hourly_rate}")
        return self

    @property
    def key(self) -> str:
        """`MEMBER/RESOURCE`: unique across the group."""
        return f"{self.member}/{self.code}"

    @property
    def overtime(self) -> Decimal:
        """The overtime rate, the hourly rate when none is declared."""
        return self.hourly_rate if self.overtime_rate is None else self.overtime_rate

    def refusals(self, parameters: dict[str, object]) -> list[str]:
        """Why this resource cannot take a step with these parameters (empty when it can)."""
        return limit_problems(self.limits, parameters)


def limit_problems(limits: dict[str, Limit], parameters: dict[str, object]) -> list[str]:
    """`thickness_mm 25 > 20 (steel)`: each parameter above the resource's limit."""
    material = str(parameters.get("material", "")).lower()
    out = []
    for name, value in sorted(parameters.items()):
        if name == "material" or name not in limits or not isinstance(value, (int, float)):
            continue
        limit = limits[name]
        if isinstance(limit, dict):
            if material not in limit:
                out.append(f"{name}: no limit declared for material {material or '-'}")
                continue
            cap, note = limit[material], f" ({material})"
        else:
            cap, note = limit, ""
        if value > cap:
            out.append(f"{name} {value:g} > {cap:g}{note}")
    return out


class MemberCertificate(Domain):
    """A certificate a member holds, at a level, from `valid_from` until `expires` (it no longer counts that day)."""

    member: str
    code: str
    level: Level
    valid_from: date
    expires: date | None = None
    reference: Name = ""

    @field_validator("member")
    @classmethod
    def _member(cls, value: str) -> str:
        return check_code(value, "member code")

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        return check_code(value, "certificate code")

    @field_validator("level", mode="before")
    @classmethod
    def _level(cls, value) -> str:
        return str(value).strip().upper()

    @model_validator(mode="after")
    def _dates(self):
        if self.expires is not None and self.expires <= self.valid_from:
            raise ValueError(f"certificate {self.code} of {self.member}: expires {self.expires} is not after "
                             f"valid_from {self.valid_from}")
        return self

    def valid_on(self, day: date) -> bool:
        """Valid that day: on or after `valid_from`, strictly before `expires`."""
        return self.valid_from <= day and (self.expires is None or day < self.expires)

    def valid_whole_week(self, monday: date) -> bool:
        """Valid every day Monday to Sunday of the week."""
        return self.valid_on(monday) and self.valid_on(monday + timedelta(days=6))

    def check(self, taxonomy: Taxonomy) -> None:
        """ValueError naming the certificate when its code or level is not in the taxonomy."""
        try:
            taxonomy.scheme(self.code).rank(self.level)
        except KeyError:
            raise ValueError(f"certificate {self.code} of {self.member}: unknown certificate code") from None
