"""Skills with ordered levels, and certification types with levels and what each covers."""

from __future__ import annotations

from pydantic import Field, field_validator, model_validator

from .base import Domain, Name, check_code

__all__ = ["Skill", "CertificationType", "CertRequirement", "parse_cert_requirements"]


class Skill(Domain):
    """A trade skill (`TIG`) whose levels are ordered from lowest to highest (`1`, `2`, `3`)."""

    code: str
    name: Name
    levels: list[str] = Field(default_factory=lambda: ["1", "2", "3"], min_length=1)

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        return check_code(value, "skill code")

    def level_rank(self, level: str | int) -> int:
        """1-based rank of a level given by name or rank."""
        text = str(level)
        if text in self.levels:
            return self.levels.index(text) + 1
        if text.isdigit() and 1 <= int(text) <= len(self.levels):
            return int(text)
        raise ValueError(f"level {level!r} is not one of {', '.join(self.levels)} for skill {self.code}")


class CertificationType(Domain):
    """A certification (electrical habilitation, CACES R489...) and how its levels cover each other.

    With `ordered`, a higher level covers every lower one; `covers` adds explicit implications
    (`BR` covers `B1V`), applied transitively.
    """

    code: str
    name: Name
    levels: list[str] = Field(min_length=1)
    ordered: bool = False
    covers: dict[str, list[str]] = Field(default_factory=dict)
    validity_months: int | None = Field(default=None, gt=0)

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        return check_code(value, "certification code")

    @model_validator(mode="after")
    def _known_levels(self):
        for level, covered in self.covers.items():
            for name in [level, *covered]:
                if name not in self.levels:
                    raise ValueError(f"covers names level {name!r}, not one of {', '.join(self.levels)}")
        return self

    def covered_by(self, held: str) -> set[str]:
        """Every level that holding `held` covers (itself included)."""
        if held not in self.levels:
            return set()
        result = {held}
        if self.ordered:
            result.update(self.levels[: self.levels.index(held)])
        frontier = list(result)
        while frontier:
            for covered in self.covers.get(frontier.pop(), []):
                if covered not in result:
                    result.add(covered)
                    frontier.append(covered)
                    if self.ordered:
                        frontier.extend(lv for lv in self.levels[: self.levels.index(covered)] if lv not in result)
                        result.update(self.levels[: self.levels.index(covered)])
        return result


class CertRequirement(Domain):
    """A certification a request needs: type and minimum level (`HAB-ELEC:BR`)."""

    type: str
    level: str

    @field_validator("type")
    @classmethod
    def _type(cls, value: str) -> str:
        return check_code(value, "certification code")

    def __str__(self) -> str:
        return f"{self.type}:{self.level}"


def parse_cert_requirements(text: str) -> list[CertRequirement]:
    """Parse `HAB-ELEC:BR; CACES-R489:3` into requirements."""
    result = []
    for part in filter(None, (p.strip() for p in str(text or "").replace(",", ";").split(";"))):
        kind, sep, level = part.partition(":")
        if not sep or not level.strip():
            raise ValueError(f"certification {part!r} is not like HAB-ELEC:BR")
        result.append(CertRequirement(type=kind.strip(), level=level.strip()))
    return result
