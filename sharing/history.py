"""What happened before a plan's week: hours per earlier week, last shift, worked-day streak, fairness debt.

The compliance checker reads it for the rules that span weeks (12-week average, daily and weekly rest
across the week boundary, consecutive days); the weekly allocation reads the same object.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field, field_validator

from .base import Domain, check_code
from consortium.errors import InvalidInput
from consortium.weeks import parse_week

__all__ = ["EmployeeHistory", "History"]


class EmployeeHistory(Domain):
    """One employee's recent past.

    `weekly_minutes` maps earlier ISO weeks (`2026-W47`) to minutes worked, travel between sites
    included; a week that is not listed counts as not worked. `last_shift_end` is the end of the last
    shift before the plan's week; `consecutive_days` the worked days in a row up to the plan's Monday
    (0 if the Sunday before was not worked).
    """

    weekly_minutes: dict[str, int] = Field(default_factory=dict)
    last_shift_end: datetime | None = None
    consecutive_days: int = Field(0, ge=0, le=366)

    @field_validator("weekly_minutes")
    @classmethod
    def _weeks(cls, value: dict[str, int]) -> dict[str, int]:
        result = {}
        for week, minutes in value.items():
            if not 0 <= int(minutes) <= 7 * 1440:
                raise ValueError(f"week {week}: {minutes} minutes is not between 0 and a whole week")
            result[_week_text(week)] = int(minutes)
        return result


class History(Domain):
    """The past that leads into `week` (when given): per employee, and per member its fairness deficit.

    `fairness_deficit_hours` maps a member code to the hours it was short of its fair share in earlier
    weeks (negative when it was served more than its share).
    """

    week: str | None = None
    employees: dict[str, EmployeeHistory] = Field(default_factory=dict)
    fairness_deficit_hours: dict[str, float] = Field(default_factory=dict)

    @field_validator("week")
    @classmethod
    def _week(cls, value: str | None) -> str | None:
        return None if value is None else _week_text(value)

    @field_validator("employees", "fairness_deficit_hours")
    @classmethod
    def _codes(cls, value: dict, info) -> dict:
        what = "employee code" if info.field_name == "employees" else "member code"
        return {check_code(code, what): item for code, item in value.items()}

    def employee(self, code: str) -> EmployeeHistory:
        """The employee's past; an empty one when nothing is recorded."""
        return self.employees.get(code, _EMPTY)

    def weekly_minutes(self, code: str, week: str) -> int:
        """Minutes the employee worked in an earlier week (0 when not recorded)."""
        return self.employee(code).weekly_minutes.get(week, 0)


_EMPTY = EmployeeHistory()


def _week_text(text: str) -> str:
    # parse_week raises InvalidInput; pydantic reports only ValueError as a field error.
    try:
        return str(parse_week(text))
    except InvalidInput as exc:
        raise ValueError(str(exc)) from exc
