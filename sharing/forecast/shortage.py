"""Unfilled person-hours, one line per short request, added up along one dimension or week by skill."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from consortium.errors import InvalidInput
from consortium.weeks import IsoWeek, parse_week

from .reasons import CATEGORIES

__all__ = ["DIMENSIONS", "Shortage", "ShortageLine", "ShortageRow", "week_range"]

DIMENSIONS = ("skill", "certificate", "site", "member", "priority", "week")
_PRIORITY_ORDER = {"critical": 0, "normal": 1, "optional": 2}


def week_range(first: str, last: str) -> list[IsoWeek]:
    """Every ISO week from `first` to `last` included; InvalidInput when the range runs backwards."""
    start, end = parse_week(first), parse_week(last)
    if end < start:
        raise InvalidInput(f"week range {start}..{end} runs backwards: its first week is after its last")
    weeks = [start]
    while weeks[-1] < end:
        weeks.append(weeks[-1].shift(1))
    return weeks


@dataclass(frozen=True)
class ShortageLine:
    """One request left short in a stored plan: what was asked, where, how many hours are missing, why."""

    week: str
    request: str
    member: str
    site: str
    skill: str  # with the level asked: `TIG:2`
    certificate: str  # the certificates asked, `HAB-ELEC:BR`, or "" when none
    priority: str
    missing_hours: float
    category: str

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise InvalidInput(f"shortage of {self.request}: unknown category {self.category!r}")

    def key(self, dimension: str) -> str:
        """The line's value along `dimension` (site as `MEMBER/SITE`)."""
        return f"{self.member}/{self.site}" if dimension == "site" else getattr(self, dimension)


@dataclass(frozen=True)
class ShortageRow:
    """Missing person-hours of one key, in total and per category."""

    key: str
    hours: dict[str, float]
    requests: int

    @property
    def total(self) -> float:
        return sum(self.hours.values())


@dataclass(frozen=True)
class Shortage:
    """The short requests of a range of weeks with stored plans, and the weeks that had none."""

    weeks: list[str]
    lines: list[ShortageLine]
    weeks_without_plan: list[str]
    places: dict[str, tuple[str, float, float]] = field(default_factory=dict)  # MEMBER/SITE -> name, lat, lon

    def total(self) -> float:
        """Missing person-hours over the whole range."""
        return sum(line.missing_hours for line in self.lines)

    def by_category(self) -> dict[str, float]:
        """Missing person-hours per category, every category named (zero when none)."""
        return _split(self.lines)

    def by(self, dimension: str) -> list[ShortageRow]:
        """One row per value of `dimension`, largest total first (weeks and priorities in their order)."""
        if dimension not in DIMENSIONS:
            raise InvalidInput(f"unknown dimension {dimension!r}: use one of {', '.join(DIMENSIONS)}")
        groups: dict[str, list[ShortageLine]] = {}
        for line in self.lines:
            groups.setdefault(line.key(dimension), []).append(line)
        rows = [ShortageRow(key, _split(lines), len(lines)) for key, lines in groups.items()]
        if dimension == "week":
            return sorted(rows, key=lambda r: r.key)
        if dimension == "priority":
            return sorted(rows, key=lambda r: _PRIORITY_ORDER.get(r.key, 9))
        return sorted(rows, key=lambda r: (-r.total, r.key))

    def weekly(self, dimension: str = "skill") -> dict[str, dict[str, float]]:
        """Week -> key -> missing person-hours, every week of the range present (empty when nothing is short)."""
        out: dict[str, dict[str, float]] = {week: {} for week in self.weeks}
        for line in self.lines:
            cell = out.setdefault(line.week, {})
            cell[line.key(dimension)] = cell.get(line.key(dimension), 0.0) + line.missing_hours
        return out


def _split(lines: Iterable[ShortageLine]) -> dict[str, float]:
    hours = dict.fromkeys(CATEGORIES, 0.0)
    for line in lines:
        hours[line.category] += line.missing_hours
    return hours
