"""The plan read once for every rule: references resolved, times made local, assignments per employee and day."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from zoneinfo import ZoneInfo

from consortium.members import Member, Site

from ..employees import Employee
from consortium.errors import InvalidInput
from ..geo import travel_minutes
from ..group import Group
from ..history import EmployeeHistory, History
from ..plans import Assignment, Plan
from ..requests import Request
from consortium.weeks import IsoWeek, parse_week, week_of

__all__ = ["Placed", "Context", "local"]


def local(moment: datetime, tz: str) -> datetime:
    """Naive local wall-clock time: aware date-times are converted to the group's zone."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(ZoneInfo(tz)).replace(tzinfo=None)


@dataclass(frozen=True)
class Placed:
    """An assignment whose employee, request, member and site are all known; times local."""

    assignment: Assignment
    employee: Employee
    request: Request
    member: Member
    site: Site
    start: datetime
    end: datetime

    @property
    def day(self) -> date:
        """The working day an assignment belongs to: the day it starts (a night shift counts for its evening)."""
        return self.start.date()

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)

    @property
    def place(self) -> str:
        return f"{self.member.code}/{self.site.code}"


@dataclass
class Context:
    """Everything the rule functions read; built by `Context.build`, never changed by a rule."""

    group: Group
    plan: Plan
    history: History | None
    week: IsoWeek
    employees: dict[str, Employee]
    requests: dict[str, Request]
    members: dict[str, Member]
    placed: list[Placed] = field(default_factory=list)
    unresolved: list[tuple[Assignment, list[str]]] = field(default_factory=list)
    # hours worked for another employer (lent staff at their home firm), local times, per employee
    elsewhere: dict[str, list[tuple[datetime, datetime]]] = field(default_factory=dict)

    @classmethod
    def build(cls, plan: Plan, group: Group, history: History | None = None,
              elsewhere: Mapping[str, Sequence[tuple[datetime, datetime]]] | None = None) -> Context:
        try:
            week = parse_week(plan.week)
        except InvalidInput as exc:
            raise InvalidInput(f"plan: field week: {exc}") from exc
        if history is not None and history.week is not None and history.week != str(week):
            raise InvalidInput(f"history leads into {history.week}, not into the plan's week {week}")
        ctx = cls(
            group=group, plan=plan, history=history, week=week,
            employees={e.code: e for e in group.employees},
            requests={r.code: r for r in group.requests},
            members={m.code: m for m in group.members},
            elsewhere={code: sorted(periods) for code, periods in (elsewhere or {}).items() if periods},
        )
        tz = group.settings.timezone
        for a in plan.assignments:
            problems = ctx._unknown(a)
            if problems:
                ctx.unresolved.append((a, problems))
                continue
            member = ctx.members[a.member]
            ctx.placed.append(Placed(
                a, ctx.employees[a.employee], ctx.requests[a.request], member, member.site(a.site),
                local(a.start, tz), local(a.end, tz),
            ))
        ctx.placed.sort(key=lambda p: (p.employee.code, p.start, p.end))
        return ctx

    def _unknown(self, a: Assignment) -> list[str]:
        problems = []
        if a.employee not in self.employees:
            problems.append(f"unknown employee {a.employee}")
        if a.request not in self.requests:
            problems.append(f"unknown request {a.request}")
        member = self.members.get(a.member)
        if member is None:
            problems.append(f"unknown member {a.member}")
        elif a.site not in {s.code for s in member.sites}:
            problems.append(f"member {a.member} has no site {a.site}")
        return problems

    @property
    def rules(self):
        return self.group.settings.labour

    @cached_property
    def by_employee(self) -> dict[str, list[Placed]]:
        """Each employee's assignments in time order."""
        result: dict[str, list[Placed]] = defaultdict(list)
        for p in self.placed:
            result[p.employee.code].append(p)
        return dict(result)

    @cached_property
    def by_day(self) -> dict[str, dict[date, list[Placed]]]:
        """Each employee's assignments per working day, in time order."""
        result: dict[str, dict[date, list[Placed]]] = {}
        for code, items in self.by_employee.items():
            days: dict[date, list[Placed]] = defaultdict(list)
            for p in items:
                days[p.day].append(p)
            result[code] = dict(sorted(days.items()))
        return result

    def travel(self, a: Placed, b: Placed) -> int:
        """Minutes to drive from a's site to b's (0 on the same site)."""
        if a.place == b.place:
            return 0
        return travel_minutes(a.site, b.site, self.group.settings.travel)

    def day_minutes(self, items: list[Placed]) -> tuple[int, int]:
        """(worked, travel) minutes of one working day; travel between sites counts as work.

        Travel before the day's first assignment is the commute, which is not work. Between sites the
        plan's `travel_minutes_before` is taken, or the estimate from coordinates when that is longer.
        """
        worked = sum(p.minutes for p in items)
        travel = sum(max(b.assignment.travel_minutes_before, self.travel(a, b))
                     for a, b in zip(items, items[1:], strict=False))
        return worked + travel, travel

    def weekly_minutes(self, code: str) -> dict[IsoWeek, int]:
        """Minutes worked (travel included) per ISO week, from the plan only."""
        result: dict[IsoWeek, int] = defaultdict(int)
        for day, items in self.by_day.get(code, {}).items():
            result[week_of(day)] += self.day_minutes(items)[0]
        return dict(result)

    def elsewhere_minutes(self, code: str, day: date) -> int:
        """Minutes worked for the other employer on that day (0 for GE staff)."""
        return sum(int((end - start).total_seconds() // 60)
                   for start, end in self.elsewhere.get(code, ()) if start.date() == day)

    def busy(self, code: str) -> list[tuple[datetime, datetime, Placed | None]]:
        """All the employee's work in time order: the plan's assignments and the hours for the other
        employer (without an assignment)."""
        items: list[tuple[datetime, datetime, Placed | None]] = [(p.start, p.end, p) for p in
                                                                 self.by_employee.get(code, [])]
        items += [(start, end, None) for start, end in self.elsewhere.get(code, ())]
        return sorted(items, key=lambda item: (item[0], item[1]))

    def past(self, code: str) -> EmployeeHistory | None:
        """The employee's history, or None when no history was given."""
        return None if self.history is None else self.history.employee(code)
