"""The allocation's answer: the plan as domain objects, what is unfilled and why, penalties, summaries."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..plans import Plan

__all__ = ["Allocation", "EmployeeRow", "MemberRow", "Penalty", "Unfilled"]


@dataclass(frozen=True)
class Unfilled:
    """A request left short: how many person-hours are missing and why, one reason a line."""

    request: str
    member: str
    missing_hours: float
    reasons: list[str]


@dataclass(frozen=True)
class Penalty:
    """A soft-rule penalty paid by the plan (engine rule id and label, subject, amount)."""

    rule: str
    label: str
    subject: str
    amount: int


@dataclass(frozen=True)
class MemberRow:
    member: str
    requested_hours: float
    granted_hours: float
    shortfall_hours: float


@dataclass(frozen=True)
class EmployeeRow:
    employee: str
    hours: float
    contract_hours: float
    travel_minutes: int  # between sites, counted as work
    commute_minutes: int  # from home to the day's sites, not work
    idle_hours: float


@dataclass(frozen=True)
class Allocation:
    """Outcome of `allocate_week` or `replan`."""

    status: str
    objective: float | None
    best_bound: float | None
    gap: float | None
    runtime: float
    plan: Plan
    unfilled: list[Unfilled]
    penalties: list[Penalty]
    variables: int = 0  # eligible (employee, request) pairs: the engine's decision variables
    dropped_pins: list[str] = field(default_factory=list)  # "pin E001 R-... dropped: why", one a pin
    # (employee, engine rule, subject): [] expected
    violations: list[tuple[str, str, str]] = field(default_factory=list)
    lent_staff: frozenset[str] = frozenset()  # codes (MEMBER.PERSON) of the staff members lend this week
    _members: list[MemberRow] = field(default_factory=list, repr=False)
    _employees: list[EmployeeRow] = field(default_factory=list, repr=False)

    def is_feasible(self) -> bool:
        """True when a plan keeping every hard rule was found."""
        return self.status in ("OPTIMAL", "FEASIBLE")

    def member_summary(self) -> list[MemberRow]:
        """Requested, granted and missing person-hours per member that asked this week."""
        return list(self._members)

    def employee_summary(self) -> list[EmployeeRow]:
        """Hours, contract, travel and idle hours per employee."""
        return list(self._employees)

    def coverage(self) -> float:
        """Granted share of the requested person-hours (1.0 when nothing was asked)."""
        asked = sum(r.requested_hours for r in self._members)
        return 1.0 if not asked else sum(r.granted_hours for r in self._members) / asked

    def by_rule(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for p in self.penalties:
            out[p.rule] = out.get(p.rule, 0) + p.amount
        return out

    def summary(self, max_reasons: int = 3) -> str:
        """A few lines for the manager: status, coverage, what is unfilled and why, penalties per rule."""
        gap = "-" if self.gap is None else f"{100 * self.gap:.2f} %"
        lent = [a for a in self.plan.assignments if a.employee in self.lent_staff]
        requests = len({a.request for a in lent})
        of_lent = f" ({len(lent)} of lent staff, on {requests} request{'s' * (requests != 1)})" if lent else ""
        lines = [
            f"week {self.plan.week}: {self.status}, {len(self.plan.assignments)} assignments{of_lent}, "
            f"coverage {100 * self.coverage():.1f} %, objective {self.objective}, bound {self.best_bound}, "
            f"gap {gap}, {self.runtime:.1f} s",
        ]
        lines.extend(f"  {pin}" for pin in self.dropped_pins)
        if not self.is_feasible():
            lines.append("  no plan keeps every hard rule (check pinned assignments)")
        for u in self.unfilled:
            lines.append(f"  unfilled {u.request} ({u.member}): {u.missing_hours:g} h missing")
            lines.extend(f"    - {reason}" for reason in u.reasons[:max_reasons])
            if len(u.reasons) > max_reasons:
                lines.append(f"    ... and {len(u.reasons) - max_reasons} more")
        for rule, amount in sorted(self.by_rule().items(), key=lambda kv: -kv[1]):
            label = next(p.label for p in self.penalties if p.rule == rule)
            lines.append(f"  penalty {rule:<20} {label:<45} {amount}")
        return "\n".join(lines)
