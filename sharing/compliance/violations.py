"""What the checker reports: findings of one rule, violations, the rule record, counts and wording."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, NamedTuple
from collections.abc import Callable, Iterable, Iterator

from ..base import Domain

if TYPE_CHECKING:
    from .context import Context

__all__ = ["Finding", "Violation", "Rule", "summarise", "hours_text", "day_text", "at_text"]


class Finding(NamedTuple):
    """What one rule function yields; the checker adds the rule's id and label."""

    message: str
    employee: str | None = None
    request: str | None = None
    day: date | None = None
    at: datetime | None = None
    absolute: bool = False


class Violation(Domain):
    """A broken hard rule: which rule, who, which request, when, and one line a manager understands.

    `absolute` marks what no declaration can excuse in hours worked (one person at two places at once).
    """

    rule: str
    label: str
    employee: str | None = None
    request: str | None = None
    day: date | None = None
    at: datetime | None = None
    message: str
    absolute: bool = False

    def __str__(self) -> str:
        return f"[{self.rule}] {self.message}"


@dataclass(frozen=True)
class Rule:
    """A hard rule: stable id (tests, CLI flags, explanations), a manager's label, and its check."""

    id: str
    label: str
    check: Callable[[Context], Iterator[Finding]]

    def violations(self, ctx: Context) -> list[Violation]:
        return [Violation(rule=self.id, label=self.label, **finding._asdict()) for finding in self.check(ctx)]


def summarise(violations: Iterable[Violation]) -> dict[str, int]:
    """Violations counted per rule id, in the order the rules first appear."""
    return dict(Counter(v.rule for v in violations))


def hours_text(minutes: float) -> str:
    """`630` -> `10 h 30`, `600` -> `10 h`, `25` -> `25 min`."""
    minutes = round(minutes)
    hours, rest = divmod(abs(minutes), 60)
    sign = "-" if minutes < 0 else ""
    if not hours:
        return f"{sign}{rest} min"
    return f"{sign}{hours} h {rest:02d}" if rest else f"{sign}{hours} h"


def day_text(day: date | datetime) -> str:
    """`Tue 2026-12-01` (English day names whatever the locale)."""
    return f"{_DAY_NAMES[day.weekday()]} {day:%Y-%m-%d}"


def at_text(moment: datetime) -> str:
    """`Tue 2026-12-01 08:00`."""
    return f"{day_text(moment)} {moment:%H:%M}"


_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
