"""The skills forecast against the database: the short requests of stored plans and why they are short.

Each week's plan is read back with the group as stored now; the reasons are recomputed from the same
rules the allocation applied (eligibility from the domain, the plan-dependent hard rules by the
engine's `why_not`), so the categories come from rule ids, not from worded explanations.
"""

from __future__ import annotations

from solver.roster import why_not

from consortium.weeks import IsoWeek
from integrations.services.weekly import history_from_plans
from sharing.allocation import AllocationWeights, build_problem
from sharing.forecast import Shortage, ShortageLine, candidate_category, qualified, request_category, week_range

__all__ = ["shortage"]


def shortage(repo, first: str, last: str) -> Shortage:
    """Every request left short in the stored plans of weeks `first`..`last`, with its category."""
    weeks = week_range(first, last)
    lines, missing = [], []
    for week in weeks:
        plan = repo.get_plan(week)
        if plan is None:
            missing.append(str(week))
            continue
        lines.extend(_week_lines(repo, week, plan))
    places = {f"{m.code}/{s.code}": (s.name, s.latitude, s.longitude) for m in repo.list_members() for s in m.sites}
    return Shortage([str(w) for w in weeks], lines, missing, places)


def _week_lines(repo, week: IsoWeek, plan) -> list[ShortageLine]:
    group = repo.load_group(week)
    days = set(week.days())
    requests = [r for r in group.requests if r.day in days]
    placed: dict[str, int] = {}
    for a in plan.assignments:
        placed[a.request] = placed.get(a.request, 0) + 1
    short = [r for r in requests if placed.get(r.code, 0) < r.headcount]
    if not short:
        return []
    built = build_problem(group, week, AllocationWeights(), history=history_from_plans(repo, week))
    pairs = [(a.employee, a.request) for a in plan.assignments if a.request in built.requests]
    lines = []
    for r in short:
        category, people = qualified(group, r)
        on = {e for e, s in pairs if s == r.code}
        free = [e for e in people if e.code not in on]
        if category is None and not free:  # every qualified employee is on it already: too few of them
            category = qualified(group, r, enough=r.headcount)[0] or "skill"
        elif category is None:
            category = request_category(_candidate(built, group, pairs, e, r) for e in free)
        lines.append(ShortageLine(
            week=str(week), request=r.code, member=r.member, site=r.site, skill=f"{r.skill}:{r.min_level}",
            certificate="; ".join(f"{c.type}:{c.level}" for c in r.certifications), priority=r.priority,
            missing_hours=(r.headcount - placed.get(r.code, 0)) * r.minutes / 60, category=category))
    return lines


def _candidate(built, group, pairs, employee, request) -> str:
    start, end = request.interval()
    absent = any(a.employee == employee.code and _naive(a.start) < end and start < _naive(a.end)
                 for a in group.absences)
    rules = {rule for rule, _ in why_not(built.problem, pairs, employee.code, request.code)} - {"demand_hard_max"}
    if absent:
        rules.add("absence")
    limit = employee.preferences.max_commute_minutes
    commute = built.commute.get((employee.code, request.code))
    return candidate_category(rules, limit is not None and commute is not None and commute > limit)


def _naive(moment):
    return moment.replace(tzinfo=None)
