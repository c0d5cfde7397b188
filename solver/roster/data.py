"""Plain, frozen input data of the rostering engine.

Times are integer minutes from the start of day 0 of the horizon; a shift may end after midnight.
Weekdays: 0 = Monday; civil weeks run Monday to Sunday.
"""
from __future__ import annotations

from dataclasses import dataclass, field

MINUTES_PER_DAY = 1440


class RosterInputError(ValueError):
    """The rostering input is inconsistent (unknown id, duplicate id, bad value)."""


@dataclass(frozen=True, slots=True)
class Shift:
    """A candidate shift: one employee may take it. Several shifts may share a day and a time."""

    id: str
    day: int
    start: int
    end: int
    type: int = 0
    location: int | None = None
    group: int | None = None
    night_minutes: int = 0

    @property
    def duration(self) -> int:
        """Worked minutes of the shift."""
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class History:
    """What the employee did just before the horizon (all optional)."""

    last_shift_end: int | None = None  # minutes from horizon start, usually <= 0
    last_day_types: frozenset[int] = frozenset()  # shift types worked on day -1
    days_worked_before: int = 0  # consecutive days worked ending on day -1
    days_off_before: int = 0  # consecutive days off ending on day -1
    week_minutes_before: int = 0  # minutes already worked in the civil week of day 0
    week_days_before: int = 0  # days already worked in the civil week of day 0
    past_week_minutes: tuple[int, ...] = ()  # earlier complete civil weeks, oldest first


@dataclass(frozen=True, slots=True)
class Rules:
    """Per-employee rules; None (or empty) switches a rule off. Minutes unless said otherwise."""

    max_shifts_per_day: int | None = None
    max_per_type: tuple[tuple[int, int], ...] = ()  # (shift type, most shifts over the horizon)
    min_total_minutes: int | None = None
    max_total_minutes: int | None = None
    min_total_weight: int | None = None  # None: hard minimum; else penalty per missing chunk
    min_week_minutes: int | None = None  # contracted hours of each civil week (soft, see idle_*)
    max_week_minutes: int | None = None
    idle_weight: int = 1  # penalty per idle chunk under min_week_minutes
    idle_chunk: int = 60
    # overtime price: (minute of a civil week, weight per started `overtime_chunk` past it); the steps
    # add up, so a second step at a later minute raises the price per chunk beyond it (soft)
    overtime_steps: tuple[tuple[int, int], ...] = ()
    overtime_chunk: int = 60
    max_day_minutes: int | None = None  # work + travel between shifts of one day
    min_daily_rest: int | None = None  # between shifts of different days (e.g. 660)
    weekly_rest: int | None = None  # one continuous rest starting in each civil week (e.g. 2100)
    max_days_per_week: int | None = None
    max_consecutive_days: int | None = None
    min_consecutive_days: int | None = None
    min_consecutive_days_off: int | None = None
    edge_runs_exempt: bool = False  # runs touching day 0 or the horizon end escape the minima
    max_weekends: int | None = None
    forbidden_successions: tuple[tuple[int, int], ...] = ()  # (type on day d, type on day d+1)
    rolling_weeks: int | None = None  # K: minutes over the last K weeks <= K * rolling_avg_max
    rolling_avg_max: int | None = None


@dataclass(frozen=True, slots=True)
class Employee:
    """An employee, the shifts they may take (None: all) and their rules."""

    id: str
    rules: Rules = field(default_factory=Rules)
    history: History = field(default_factory=History)
    days_off: frozenset[int] = frozenset()
    eligible: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class Demand:
    """Cover: `requirement` people among `shifts`; soft under/over weights, optional hard bounds.

    `hard_min` makes the requirement a hard minimum (with `hard_max`: exactly `requirement` people).
    """

    id: str
    shifts: tuple[str, ...]
    requirement: int
    under_weight: int = 1
    over_weight: int = 0
    hard_max: bool = False
    group: int | None = None
    priority: str = ""
    hard_min: bool = False


@dataclass(frozen=True, slots=True)
class Request:
    """A wish: `on` = penalty `weight` if none of `shifts` is worked; off = if any is worked."""

    employee: str
    shifts: tuple[str, ...]
    weight: int
    on: bool = True
    subject: str = ""


@dataclass(frozen=True, slots=True)
class Cost:
    """A cost (or bonus, if negative) paid when `employee` takes `shift`."""

    employee: str
    shift: str
    amount: int
    rule: str = "assignment_cost"
    subject: str = ""


@dataclass(frozen=True, slots=True)
class Group:
    """A group (member firm) with its entitlement share and a deficit carried from earlier weeks."""

    id: int
    share: float
    carried_deficit: float = 0.0


@dataclass(frozen=True, slots=True)
class Consistency:
    """Shifts that should go to one person: penalty `weight` per extra distinct employee."""

    id: str
    shifts: tuple[str, ...]
    weight: int


@dataclass(frozen=True, slots=True)
class Balance:
    """Workload balance: shifts spread evenly between `employees` (None: all of them).

    With c_e the number of shifts employee e takes (zeros included), n employees, S = sum c_e and
    Q = sum c_e^2, the spread is u = sqrt(Q - S^2 / n) = sqrt(sum_e (c_e - S/n)^2) (a Euclidean norm
    of the deviations from the mean, so convex in the counts). The penalty is `weight` x
    ceil(`resolution` x u): `resolution` is how many units the caller counts per unit of u.
    """

    weight: int = 1
    resolution: int = 1
    employees: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """The whole rostering problem; see docs/roster-engine.md."""

    days: int
    shifts: tuple[Shift, ...]
    employees: tuple[Employee, ...]
    demands: tuple[Demand, ...] = ()
    first_weekday: int = 0
    requests: tuple[Request, ...] = ()
    costs: tuple[Cost, ...] = ()
    groups: tuple[Group, ...] = ()
    fairness_weight: int = 0
    consistency: tuple[Consistency, ...] = ()
    pinned: tuple[tuple[str, str], ...] = ()  # (employee, shift) that must hold
    forbidden: tuple[tuple[str, str], ...] = ()
    reference: tuple[tuple[str, str], ...] = ()  # published plan
    stability_weight: int = 0  # per reference assignment dropped
    travel: tuple[tuple[int, ...], ...] = ()  # minutes between locations
    balance: Balance | None = None  # soft: shifts spread evenly between employees

    def __post_init__(self) -> None:
        _check(self)

    def travel_time(self, a: Shift, b: Shift) -> int:
        """Minutes to go from the location of `a` to that of `b` (0 if unknown)."""
        if a.location is None or b.location is None or not self.travel:
            return 0
        return self.travel[a.location][b.location]


def _check(p: Problem) -> None:
    shift_ids = [s.id for s in p.shifts]
    emp_ids = [e.id for e in p.employees]
    for name, ids in (("shift", shift_ids), ("employee", emp_ids)):
        if len(set(ids)) != len(ids):
            raise RosterInputError(f"Problem.{name}s: duplicate id")
    known_s, known_e = set(shift_ids), set(emp_ids)
    if p.days < 1 or not 0 <= p.first_weekday <= 6:
        raise RosterInputError("Problem.days must be >= 1 and first_weekday in 0..6")
    for s in p.shifts:
        if not 0 <= s.day < p.days or s.end < s.start:
            raise RosterInputError(f"Shift {s.id}: day outside horizon or end before start")
    for d in p.demands:
        if not set(d.shifts) <= known_s:
            raise RosterInputError(f"Demand {d.id}: unknown shift")
    if p.balance is not None:
        if p.balance.weight < 0 or p.balance.resolution < 1:
            raise RosterInputError("Problem.balance: weight must be >= 0 and resolution >= 1")
        if p.balance.employees is not None and not set(p.balance.employees) <= known_e:
            raise RosterInputError("Problem.balance.employees: unknown employee")
    for e in p.employees:
        if e.eligible is not None and not e.eligible <= known_s:
            raise RosterInputError(f"Employee {e.id}.eligible: unknown shift")
        if e.rules.overtime_chunk < 1 or any(w < 0 for _, w in e.rules.overtime_steps):
            raise RosterInputError(f"Employee {e.id}.rules: overtime_chunk must be >= 1 and step weights >= 0")
    pairs = [(r.employee, s) for r in p.requests for s in r.shifts]
    pairs += [(c.employee, c.shift) for c in p.costs]
    pairs += list(p.pinned) + list(p.forbidden) + list(p.reference)
    for emp, shift in pairs:
        if emp not in known_e or shift not in known_s:
            raise RosterInputError(f"unknown employee or shift in pair ({emp}, {shift})")
