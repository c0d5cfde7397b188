"""Absences: leave, sickness, training... as local date-time intervals."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import field_validator, model_validator

from .base import Domain, Text, check_code

__all__ = ["Absence"]


class Absence(Domain):
    """An employee unavailable from `start` to `end` (local time, end excluded)."""

    employee: str
    kind: Literal["leave", "sickness", "training", "other"] = "leave"
    start: datetime
    end: datetime
    note: Text = ""

    @field_validator("employee")
    @classmethod
    def _code(cls, value: str) -> str:
        return check_code(value, "employee code")

    @model_validator(mode="after")
    def _ordered(self):
        if self.end <= self.start:
            raise ValueError(f"end {self.end.isoformat()} is not after start {self.start.isoformat()}")
        return self

    def overlaps(self, start: datetime, end: datetime) -> bool:
        """Whether the absence meets [start, end)."""
        return self.start < end and start < self.end
