"""Pinned assignments: those that can no longer hold are dropped and named, never silently lost.

A pin stops holding when its request is gone from the week, its employee is gone or absent, a static
rule now forbids the pair (a certificate expired, the contract ended...) or, with the other pins of
the same employee, it breaks a labour rule. Assignments on closed days (history, or the past when it
is not open) are *fixed*: they hold whatever happens, since they describe what was done.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from solver.roster import check_employee

from .candidates import static_reasons

__all__ = ["DroppedPin", "hold_pins", "drop_breaking_pins"]


@dataclass(frozen=True)
class DroppedPin:
    """A pinned assignment the re-allocation could not keep, and why."""

    employee: str
    request: str
    reason: str

    def __str__(self) -> str:
        return f"pin {self.employee} {self.request} dropped: {self.reason}"


def hold_pins(group, week, requests, places, pins, *, absences=None, closed=()) -> tuple[set[tuple[str, str]],
                                                                                         list[DroppedPin]]:
    """The (employee, request) pairs of `pins` that still hold, and the dropped ones with their reason.

    `requests` and `places` are the week's by code, `absences` each employee's as (kind, local start,
    local end). With `absences=None` the pins are fixed assignments: they hold whatever the rules say,
    as long as their request and employee exist. A pin on a `closed` request holds as it is.
    """
    employees = {e.code: e for e in group.employees}
    held: set[tuple[str, str]] = set()
    dropped: list[DroppedPin] = []
    for a in pins:
        pair = (a.employee, a.request)
        if pair in held or any((d.employee, d.request) == pair for d in dropped):
            continue
        why = _why_not(group, week, employees, requests, places, absences, closed, a)
        if why:
            dropped.append(DroppedPin(a.employee, a.request, why))
        else:
            held.add(pair)
    return held, dropped


def _why_not(group, week, employees, requests, places, absences, closed, a) -> str | None:
    if a.request not in requests:
        return f"request {a.request} is no longer in {week}"
    if a.employee not in employees:
        return f"employee {a.employee} no longer exists"
    if absences is None or a.request in closed:
        return None
    r = requests[a.request]
    start, end = r.interval()
    for kind, lo, hi in absences.get(a.employee, ()):
        if lo < end and start < hi:
            return f"{a.employee} is absent ({kind}) on {max(lo, start).date()}"
    reasons = static_reasons(group, employees[a.employee], r, places[a.request], [])
    return f"{a.employee}: {'; '.join(reasons)}" if reasons else None


def drop_breaking_pins(built, word) -> list[DroppedPin]:
    """Drop the latest pins of each employee until their pinned assignments keep every hard rule.

    Fixed assignments (`built.fixed`) are never dropped. `word(built, employee, shift, rule, subject)`
    words a violation. The built problem is updated in place; returns the pins dropped.
    """
    start = {s.id: s.start for s in built.problem.shifts}
    mine: dict[str, list[str]] = {}
    for e, s in sorted(built.problem.pinned, key=lambda p: (start[p[1]], p)):
        mine.setdefault(e, []).append(s)
    dropped = []
    for e, shifts in mine.items():
        while True:
            # eligibility was checked statically (fixed pairs hold anyway); "pinned" is what is being checked
            found = [v for v in check_employee(built.problem, e, shifts) if v[0] not in ("pinned", "eligibility")]
            movable = [s for s in shifts if (e, s) not in built.fixed]
            if not found or not movable:
                break
            named = [s for s in movable if any(s in subject.split("|") for _, subject in found)]
            last = (named or movable)[-1]
            rule, subject = next((v for v in found if last in v[1].split("|")), found[0])
            shifts.remove(last)
            dropped.append(DroppedPin(e, last, f"{word(built, e, last, rule, subject)} (with {e}'s other pinned "
                                                    "assignments)"))
    if dropped:
        gone = {(d.employee, d.request) for d in dropped}
        built.pinned -= gone
        built.problem = dataclasses.replace(built.problem,
                                            pinned=tuple(p for p in built.problem.pinned if p not in gone))
    return dropped
