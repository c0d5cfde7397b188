"""Weekly plans: who goes where, when, and how long they travel before."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field, model_validator

from .base import Domain

__all__ = ["Assignment", "Plan"]


class Assignment(Domain):
    """An employee placed on (part of) a request, at the request's member and site."""

    employee: str
    request: str
    member: str
    site: str
    start: datetime
    end: datetime
    travel_minutes_before: int = Field(0, ge=0)
    pinned: bool = False

    @model_validator(mode="after")
    def _ordered(self):
        if self.end <= self.start:
            raise ValueError(f"end {self.end.isoformat()} is not after start {self.start.isoformat()}")
        return self

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)

    def key(self) -> tuple[str, str, datetime]:
        """What identifies an assignment across re-plans: employee, request and start."""
        return self.employee, self.request, self.start


class Plan(Domain):
    """The assignments of one ISO week, draft until the manager publishes it."""

    week: str
    status: Literal["draft", "published"] = "draft"
    assignments: list[Assignment] = Field(default_factory=list)
    objective: float | None = None
    best_bound: float | None = None
    solver_status: str | None = None
