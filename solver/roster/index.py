"""Compile a Problem once into index structures (no OR-Tools here; explain.py reuses it)."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from .data import MINUTES_PER_DAY, Problem, Shift


@dataclass(frozen=True, slots=True)
class Calendar:
    """Days, weekdays and civil weeks of the horizon."""

    days: int
    first_weekday: int

    def weekday(self, day: int) -> int:
        """0 = Monday."""
        return (self.first_weekday + day) % 7

    def week(self, day: int) -> int:
        """Civil week index of a day (week 0 holds day 0)."""
        return (self.first_weekday + day) // 7

    @property
    def weeks(self) -> int:
        """Number of civil weeks touched by the horizon."""
        return self.week(self.days - 1) + 1

    def week_days(self, week: int) -> range:
        """Days of the horizon inside civil week `week`."""
        lo = max(0, 7 * week - self.first_weekday)
        return range(lo, min(self.days, 7 * week + 7 - self.first_weekday))

    def week_start(self, week: int) -> int:
        """Minute (may be negative) at which civil week `week` starts."""
        return (7 * week - self.first_weekday) * MINUTES_PER_DAY

    def weekends(self) -> list[list[int]]:
        """Saturday/Sunday days of each weekend touched by the horizon."""
        out: dict[int, list[int]] = {}
        for d in range(self.days):
            if self.weekday(d) >= 5:
                out.setdefault(self.week(d), []).append(d)
        return list(out.values())


class Index:
    """Employees and shifts by position; eligible shifts per employee, sorted by start."""

    def __init__(self, problem: Problem) -> None:
        p = problem
        self.problem = p
        self.cal = Calendar(p.days, p.first_weekday)
        self.shifts: tuple[Shift, ...] = p.shifts
        self.shift_pos = {s.id: i for i, s in enumerate(p.shifts)}
        self.emp_pos = {e.id: i for i, e in enumerate(p.employees)}
        forbidden = {(self.emp_pos[e], self.shift_pos[s]) for e, s in p.forbidden}
        pinned = {(self.emp_pos[e], self.shift_pos[s]) for e, s in p.pinned}
        self.pinned = pinned
        self.eligible: list[list[int]] = []
        for ei, e in enumerate(p.employees):
            cand = list(range(len(p.shifts))) if e.eligible is None else sorted(self.shift_pos[s] for s in e.eligible)
            keep = [
                si for si in cand
                if (ei, si) not in forbidden and p.shifts[si].day not in e.days_off
            ]
            keep += [si for e2, si in pinned if e2 == ei and si not in keep]
            keep.sort(key=lambda si: (p.shifts[si].start, p.shifts[si].end, si))
            self.eligible.append(keep)
        self.by_day: list[dict[int, list[int]]] = []
        for keep in self.eligible:
            days: dict[int, list[int]] = {}
            for si in keep:
                days.setdefault(p.shifts[si].day, []).append(si)
            self.by_day.append(days)
        self._conflicts: dict[int, list[tuple[int, int, str]]] = {}

    def pairs(self):
        """All eligible (employee position, shift position) pairs."""
        for ei, keep in enumerate(self.eligible):
            for si in keep:
                yield ei, si

    def conflicts(self, ei: int) -> list[tuple[int, int, str]]:
        """Shift pairs the employee cannot both take: (a, b, rule id); sweep over sorted starts.

        Same day: overlap or a gap shorter than the travel time (`no_overlap_travel`).
        Different days: a gap shorter than the daily rest (`daily_rest`). Computed once per employee.
        """
        if ei not in self._conflicts:
            self._conflicts[ei] = self._sweep(ei)
        return self._conflicts[ei]

    def _sweep(self, ei: int) -> list[tuple[int, int, str]]:
        p = self.problem
        rules = p.employees[ei].rules
        rest = rules.min_daily_rest or 0
        max_travel = max((max(row) for row in p.travel), default=0)
        reach = max(rest, max_travel)
        shifts = self.eligible[ei]
        all_shifts = p.shifts
        starts = [all_shifts[si].start for si in shifts]
        out = []
        for i, a in enumerate(shifts):
            sa = all_shifts[a]
            for j in range(i + 1, bisect_left(starts, sa.end + reach, i + 1)):
                b = shifts[j]
                sb = all_shifts[b]
                first, second = (sa, sb) if sa.start <= sb.start else (sb, sa)
                gap = second.start - first.end
                if sa.day == sb.day:
                    if gap < 0 or (p.travel and gap < p.travel_time(first, second)):
                        out.append((a, b, "no_overlap_travel"))
                elif gap < rest or gap < 0:
                    out.append((a, b, "daily_rest"))
        return out
