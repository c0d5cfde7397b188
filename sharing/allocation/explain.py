"""Why a request is not (fully) filled, in words a GE manager understands.

Static reasons come from eligibility (candidates.py). Dynamic ones come from the engine's `why_not`:
the hard rules that adding the employee to the request would break, given the rest of the plan;
each (rule id, subject) it returns is worded by `wording.WORDING`.
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
from .weights import AllocationWeights
from .wording import word_violation

__all__ = ["CandidateReason", "RequestExplanation", "explain_request", "request_reasons"]


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


def employee_reasons(built: Built, plan_pairs, employee: str, shift: str, optimal: bool) -> list[str]:
    """Why `employee` is not on `shift` given the plan (static first, then the engine's hard rules)."""
    static = built.why_not_eligible(employee, shift)
    if static:
        return list(static)
    busy = [(e, s) for e, s in built.problem.pinned if s in built.home]  # lent staff's hours at home firms
    found = [v for v in why_not(built.problem, [*plan_pairs, *busy], employee, shift) if v[0] != "demand_hard_max"]
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
        name = f"{e.name} (lent by {built.lent[code].member})" if code in built.lent else e.name
        if code in on:
            rows.append(CandidateReason(code, name, True))
        else:
            rows.append(CandidateReason(code, name, False, employee_reasons(built, plan_pairs, code, request, optimal)))
    return general, rows


def explain_request(group: Group, week: IsoWeek, plan: Plan, request_code: str, *,
                    history: History | None = None, lent=()) -> RequestExplanation:
    """Why the request has the people it has in `plan`, and why each other candidate is not on it (staff
    `lent` by members included: their offers)."""
    built = build_problem(group, week, AllocationWeights(), history=history, lent=lent)
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


