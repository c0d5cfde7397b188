"""Employees of the groupement: contract, where they may be placed, skills, certifications, preferences."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, field_validator, model_validator

from .base import Domain, Level, Money, Name, Text, check_code
from .settings import LabourRules

__all__ = ["Contract", "Certification", "SiteAuthorisation", "Preferences", "Employee", "check_skill_levels"]


def check_skill_levels(value: dict[str, int]) -> dict[str, int]:
    """Skill codes checked and levels as integers of 1 or more (one line naming the skill otherwise)."""
    result = {}
    for skill, level in value.items():
        if int(level) < 1:
            raise ValueError(f"level {level} of skill {skill} must be 1 or more")
        result[check_code(skill, "skill code")] = int(level)
    return result


class Contract(Domain):
    """The employment contract: kind, dates, hours, and the members it lists (placement only there).

    `weekly_hours` is the contracted week; an annualised contract also gives `annual_hours`
    (1,607 h for full time). `sites` narrows placement to `MEMBER/SITE` codes; empty means every
    site of the listed members.
    """

    kind: Literal["CDI", "CDD"] = "CDI"
    start: date
    end: date | None = None
    weekly_hours: float = Field(35, gt=0, le=48)
    annual_hours: float | None = Field(default=None, gt=0, le=2300)
    part_time_derogation: bool = False
    members: list[str] = Field(min_length=1)
    sites: list[str] = Field(default_factory=list)

    @field_validator("members")
    @classmethod
    def _members(cls, value: list[str]) -> list[str]:
        return [check_code(v, "member code") for v in value]

    @field_validator("sites")
    @classmethod
    def _sites(cls, value: list[str]) -> list[str]:
        result = []
        for item in value:
            member, sep, site = str(item).partition("/")
            if not sep:
                raise ValueError(f"site {item!r} is not like MEMBER/SITE")
            result.append(f"{check_code(member, 'member code')}/{check_code(site, 'site code')}")
        return result

    @model_validator(mode="after")
    def _dates(self):
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        if self.kind == "CDD" and self.end is None:
            raise ValueError("a CDD needs an end date")
        return self

    @property
    def is_part_time(self) -> bool:
        return self.weekly_hours < 35

    def is_active(self, day: date) -> bool:
        """Whether the contract covers that day."""
        return self.start <= day and (self.end is None or day <= self.end)

    def max_weekly_hours(self, rules: LabourRules) -> float:
        """Most hours a week: the legal max for full time; contract plus complementary hours for part time."""
        if not self.is_part_time:
            return rules.max_weekly_hours
        return min(self.weekly_hours * (1 + rules.complementary_hours_ratio), 34.99)

    def check_part_time(self, rules: LabourRules) -> str | None:
        """The part-time minimum rule, or None when it holds."""
        if self.is_part_time and not self.part_time_derogation and self.weekly_hours < rules.part_time_min_weekly_hours:
            return (
                f"{self.weekly_hours:g} h/week is below the part-time minimum of "
                f"{rules.part_time_min_weekly_hours:g} h without a recorded derogation"
            )
        return None


class Certification(Domain):
    """A certification held at a level, valid from one date to another (inclusive)."""

    type: str
    level: Level
    valid_from: date
    valid_to: date | None = None

    @field_validator("type")
    @classmethod
    def _type(cls, value: str) -> str:
        return check_code(value, "certification code")

    @model_validator(mode="after")
    def _dates(self):
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError(f"valid_to {self.valid_to} is before valid_from {self.valid_from}")
        return self

    def is_valid(self, day: date) -> bool:
        """Valid on that day (an expired certification does not count on its expiry's next day)."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class SiteAuthorisation(Domain):
    """A member's authorisation for one site and skill (e.g. forklift driving at ACIER/MAIN)."""

    member: str
    site: str
    skill: str
    valid_to: date | None = None

    @field_validator("member", "site", "skill")
    @classmethod
    def _codes(cls, value: str) -> str:
        return check_code(value)


class Preferences(Domain):
    """What the employee would rather have; soft, never a reason to leave a need unfilled."""

    preferred_members: list[str] = Field(default_factory=list)
    avoided_members: list[str] = Field(default_factory=list)
    max_commute_minutes: int | None = Field(default=None, gt=0)

    @field_validator("preferred_members", "avoided_members")
    @classmethod
    def _members(cls, value: list[str]) -> list[str]:
        return [check_code(v, "member code") for v in value]


class Employee(Domain):
    """A person employed by the groupement and placed at its members (mise à disposition)."""

    code: str
    first_name: Name = Field(min_length=1)
    last_name: Name = Field(min_length=1)
    home_address: Text = ""
    home_latitude: float = Field(ge=-90, le=90)
    home_longitude: float = Field(ge=-180, le=180)
    contract: Contract
    skills: dict[str, int] = Field(default_factory=dict, description="skill code -> level rank (1 = lowest)")
    certifications: list[Certification] = Field(default_factory=list)
    site_authorisations: list[SiteAuthorisation] = Field(default_factory=list)
    night_worker: bool = False
    minor: bool = False
    hourly_cost: Money = Field(gt=0, description="loaded hourly cost to the GE, euros")
    preferences: Preferences = Preferences()

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        return check_code(value, "employee code")

    @field_validator("skills")
    @classmethod
    def _skills(cls, value: dict[str, int]) -> dict[str, int]:
        return check_skill_levels(value)

    @model_validator(mode="after")
    def _night(self):
        if self.minor and self.night_worker:
            raise ValueError("a minor cannot be a night worker")
        return self

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def may_work_at(self, member: str, site: str) -> bool:
        """Whether the contract lists this member and site."""
        if member not in self.contract.members:
            return False
        return not self.contract.sites or f"{member}/{site}" in self.contract.sites

    def has_authorisation(self, member: str, site: str, skill: str, day: date) -> bool:
        """Whether a site authorisation for this skill is valid on that day."""
        return any(
            a.member == member and a.site == site and a.skill == skill and (a.valid_to is None or day <= a.valid_to)
            for a in self.site_authorisations
        )
