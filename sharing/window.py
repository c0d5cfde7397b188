"""Which days may still be planned: the past is closed, and worked or validated days are history.

A day before *today* (or before the end of the last month whose hours a member validated, whichever
is later) is closed for planning: new requests, allocations, re-plans and pins refuse it unless the
manager says `allow_past`. Even then, a day of a validated month, or a day with hours recorded, is
history: an allocation keeps its assignments exactly as they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from consortium.errors import InvalidInput
from .hours import month_of, next_month
from consortium.weeks import IsoWeek, month_bounds

__all__ = ["PlanningWindow"]

FLAG = "--allow-past"


@dataclass(frozen=True)
class PlanningWindow:
    """Today, the validated months and the days with hours recorded, and whether the past may be planned.

    `validated` holds the months (`2026-11`) some member validated; `recorded` the days on which some
    hours were recorded (only those the caller loaded, e.g. one week's).
    """

    today: date
    validated: frozenset[str] = frozenset()
    recorded: frozenset[date] = frozenset()
    allow_past: bool = False

    @classmethod
    def of(cls, today: date, validated: Iterable[str] = (), recorded: Iterable[date] = (),
           allow_past: bool = False) -> PlanningWindow:
        return cls(today, frozenset(validated), frozenset(recorded), allow_past)

    @property
    def opens(self) -> date:
        """The first day open for planning: today, or the day after the last validated month if later."""
        if not self.validated:
            return self.today
        return max(self.today, month_bounds(next_month(max(self.validated)))[0])

    def _why_past(self) -> str:
        if self.opens > self.today:
            return f"planning opens on {self.opens}, after the validated hours of {max(self.validated)}"
        return f"today is {self.today}"

    def history(self, day: date) -> str | None:
        """Why the day is history (never changed, even with `allow_past`), or None."""
        if month_of(day) in self.validated:
            return f"{day} is history: the hours of {month_of(day)} are validated"
        if day in self.recorded:
            return f"{day} is history: hours are recorded that day"
        return None

    def is_past(self, day: date) -> bool:
        """Whether the day is before the window opens and the past is not allowed."""
        return day < self.opens and not self.allow_past

    def closed(self, day: date) -> str | None:
        """Why an allocation may not change the day (history, or the past not allowed), or None."""
        if self.history(day):
            return self.history(day)
        if self.is_past(day):
            return f"{day} is closed for planning ({self._why_past()})"
        return None

    def refuse_day(self, day: date, subject: str) -> None:
        """InvalidInput naming the day when it is in the past and the past is not allowed."""
        if self.is_past(day):
            raise InvalidInput(f"{subject}: {day} is in the past ({self._why_past()}); "
                               f"pass {FLAG} to plan it anyway")

    def refuse_week(self, week: IsoWeek, subject: str) -> None:
        """InvalidInput naming the week when every one of its days is in the past and the past is not allowed."""
        if self.is_past(week.days()[-1]):
            raise InvalidInput(f"{subject}: week {week} is in the past ({self._why_past()}); "
                               f"pass {FLAG} to plan it anyway")

    def closed_days(self, days: Iterable[date]) -> dict[date, str]:
        """The closed days among `days`, each with its reason."""
        return {d: why for d in days if (why := self.closed(d))}
