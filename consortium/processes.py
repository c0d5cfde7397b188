"""The process taxonomy and certificate schemes of the group, seeded from `data/processes.yaml`."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml
from pydantic import Field, field_validator, model_validator

from .base import Domain, check_code

__all__ = ["Process", "CertificateScheme", "Taxonomy", "standard_taxonomy", "parse_cert_requirement"]


class Process(Domain):
    """A production process (`LASER-CUT`, `WELD-MIG`); `parameters` a step may give and a resource may limit."""

    code: str
    name: str = Field(min_length=1)
    family: str = ""
    parameters: list[str] = Field(default_factory=list)

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        return check_code(value, "process code")


class CertificateScheme(Domain):
    """A certificate with ordered levels, lowest first: holding a level covers every lower one."""

    code: str
    name: str = ""
    levels: list[str] = Field(min_length=1)

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        return check_code(value, "certificate code")

    @field_validator("levels", mode="before")
    @classmethod
    def _levels(cls, value):
        return [str(v).strip().upper() for v in value or []]

    def rank(self, level: str) -> int:
        """1 for the lowest level; ValueError naming the scheme when the level is unknown."""
        key = str(level).strip().upper()
        if key not in self.levels:
            raise ValueError(f"certificate {self.code}: level {level!r} is not one of {', '.join(self.levels)}")
        return self.levels.index(key) + 1


class Taxonomy(Domain):
    """Processes and certificate schemes, each unique by code."""

    processes: list[Process]
    certificates: list[CertificateScheme]

    @model_validator(mode="after")
    def _unique(self):
        for what, codes in (("process", [p.code for p in self.processes]),
                            ("certificate", [c.code for c in self.certificates])):
            dupes = sorted({c for c in codes if codes.count(c) > 1})
            if dupes:
                raise ValueError(f"{what} code {dupes[0]} appears twice")
        return self

    def process(self, code: str) -> Process:
        """The process with this code (KeyError if none)."""
        for p in self.processes:
            if p.code == str(code).upper():
                return p
        raise KeyError(code)

    def scheme(self, code: str) -> CertificateScheme:
        """The certificate scheme with this code (KeyError if none)."""
        for c in self.certificates:
            if c.code == str(code).upper():
                return c
        raise KeyError(code)

    def has_process(self, code: str) -> bool:
        return any(p.code == str(code).upper() for p in self.processes)


@lru_cache(maxsize=1)
def standard_taxonomy() -> Taxonomy:
    """The taxonomy shipped in `consortium/data/processes.yaml`."""
    text = resources.files("consortium").joinpath("data/processes.yaml").read_text(encoding="utf-8")
    return Taxonomy.model_validate(yaml.safe_load(text))


def parse_cert_requirement(text: str) -> tuple[str, str]:
    """`EN1090:EXC2` -> ("EN1090", "EXC2"); `ISO3834-2` -> ("ISO3834", "2"); a bare code -> lowest level ("")."""
    raw = str(text).strip().upper().replace(" ", "")
    if ":" in raw:
        code, _, level = raw.partition(":")
    elif raw.startswith("ISO3834-"):
        code, level = "ISO3834", raw.split("-", 1)[1]
    else:
        code, level = raw, ""
    return check_code(code, "certificate code"), level
