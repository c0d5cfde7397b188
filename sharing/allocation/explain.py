"""Why a request is not (fully) filled, in words a GE manager understands.

Static reasons come from eligibility (candidates.py). Dynamic ones come from the engine's `why_not`:
the hard rules that adding the employee to the request would break, given the rest of the plan;
each (rule id, subject) it returns is worded here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from solver.roster import why_not

from ..group import Group
from ..history import History
from ..plans import Plan
from consortium.errors import NotFound
from consortium.weeks import IsoWeek
from .build import Built, build_problem
from .candidates import DAY_NAMES
from .weights import AllocationWeights

__all__ = ["CandidateReason", "RequestExplanation", "explain_request", "request_reasons", "word_violation"]


@dataclass(frozen=True)
class CandidateReason:
    """One employee with the request's skill: placed on it, or why not."""

    employee: str
    name: str
    placed: bool
    reasons: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.employee} {self.name}: " + ("placed" if self.placed else "; ".join(self.reasons))


@dataclass(frozen=True)
class RequestExplanation:
    """A request, who is on it, how many are missing, and every candidate's reason."""

    request: str
    member: str
    site: str
    headcount: int
    placed: list[str]
    missing: int
    general: list[str]
    candidates: list[CandidateReason]

    def summary(self) -> str:
        head = f"{self.request} at {self.member}/{self.site}: {len(self.placed)} of {self.headcount} placed"
        lines = [head, *(f"  {g}" for g in self.general), *(f"  {c}" for c in self.candidates)]
        return "\n".join(lines)


def _hours(minutes: float) -> str:
    return f"{minutes / 60:g} h"


def _when(built: Built, code: str) -> str:
    r = built.requests[code]
    night = " night" if r.ends_next_day else ""
    return f"{DAY_NAMES[r.day.weekday()]}{night}"


def _other(subject: str, shift: str) -> str:
    a, _, b = subject.partition("|")
    return b if a == shift else a


def word_violation(built: Built, employee: str, shift: str, rule: str, subject: str) -> str:
    """One engine violation of adding (employee, shift), in words."""
    e = built.employees[employee]
    labour = built.group.settings.labour
    if rule == "eligibility":
        return "; ".join(built.why_not_eligible(employee, shift)) or "not eligible"
    if rule == "no_overlap_travel":
        other = _other(subject, shift)
        r, o = built.requests[shift], built.requests[other]
        place = built.places[other].code
        lo, hi = r.interval()
        olo, ohi = o.interval()
        if olo < hi and lo < ohi:
            return f"placed at {place} for a {o.priority} request ({other}) at the same time"
        return f"{built.travel(shift, other)} min from {place} ({other}), no time to travel"
    if rule == "daily_rest":
        rest = f"{labour.daily_rest_hours:g} h rest"
        if subject.startswith("history|"):
            last = built.history.employee(employee).last_shift_end if built.history else None
            return f"{rest} after last week's last shift" + (f" (ended {last:%a %H:%M})" if last else "")
        other = _other(subject, shift)
        side = "after" if built.requests[other].interval()[0] < built.requests[shift].interval()[0] else "before"
        return f"{rest} {side} {_when(built, other)} at {built.places[other].code} ({other})"
    if rule == "max_week_minutes":
        cap = e.contract.max_weekly_hours(labour)
        kind = "part-time limit of " if e.contract.is_part_time else ""
        return f"would exceed the {kind}{cap:g} h this week"
    if rule == "rolling_average":
        return f"would exceed the {labour.max_average_weekly_hours:g} h average over {labour.average_weeks} weeks"
    if rule == "max_day_minutes":
        return f"would exceed {labour.max_daily_hours:g} h on {_when(built, shift)} (travel between sites included)"
    if rule == "weekly_rest":
        return f"would leave no {labour.weekly_rest_hours:g} h weekly rest"
    if rule == "max_days_per_week":
        return f"would work more than {labour.max_days_per_week} days this week"
    if rule == "max_consecutive_days":
        return f"would work more than {labour.max_consecutive_days} days in a row"
    if rule == "max_shifts_per_day":
        return f"part-time: at most {labour.part_time_max_interruptions} interruption(s) a day"
    if rule == "demand_hard_max":
        return "the request already has its headcount"
    return f"breaks rule {rule} ({subject})"


def employee_reasons(built: Built, plan_pairs, employee: str, shift: str, optimal: bool) -> list[str]:
    """Why `employee` is not on `shift` given the plan (static first, then the engine's hard rules)."""
    static = built.why_not_eligible(employee, shift)
    if static:
        return list(static)
    found = [v for v in why_not(built.problem, plan_pairs, employee, shift) if v[0] != "demand_hard_max"]
    words = list(dict.fromkeys(word_violation(built, employee, shift, rule, subject) for rule, subject in found))
    if words:
        return words
    if optimal:
        return ["free and eligible, but placing them would cost more than the request's priority gains"]
    return ["free and eligible, but the search stopped (time limit) before placing them"]


def request_reasons(built: Built, plan_pairs, request: str, optimal: bool) -> tuple[list[str], list[CandidateReason]]:
    """General reasons (nobody can) and each skilled candidate's reason for a request."""
    r = built.requests[request]
    on = {e for e, s in plan_pairs if s == request}
    general = []
    candidates = built.candidates(request)
    if not candidates:
        general.append(f"no employee has the {r.skill} skill")
    rows = []
    for code in candidates:
        e = built.employees[code]
        if code in on:
            rows.append(CandidateReason(code, e.name, True))
        else:
            rows.append(CandidateReason(code, e.name, False, employee_reasons(built, plan_pairs, code, request, optimal)))
    return general, rows


def explain_request(group: Group, week: IsoWeek, plan: Plan, request_code: str, *,
                    history: History | None = None) -> RequestExplanation:
    """Why the request has the people it has in `plan`, and why each other candidate is not on it."""
    built = build_problem(group, week, AllocationWeights(), history=history)
    if request_code not in built.requests:
        raise NotFound(f"request {request_code} is not in week {week}")
    pairs = [(a.employee, a.request) for a in plan.assignments if a.request in built.requests]
    general, rows = request_reasons(built, pairs, request_code, optimal=plan.solver_status == "OPTIMAL")
    r, place = built.requests[request_code], built.places[request_code]
    placed = [c.employee for c in rows if c.placed] or [e for e, s in pairs if s == request_code]
    return RequestExplanation(
        request=r.code, member=place.member.code, site=place.site.code, headcount=r.headcount,
        placed=placed, missing=max(0, r.headcount - len(placed)), general=general, candidates=rows,
    )


