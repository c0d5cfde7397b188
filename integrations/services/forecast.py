"""The skills forecast against the database: the short requests of stored plans and why they are short.

Each week's plan is read back with the group as stored now; the reasons are recomputed from the same
rules the allocation applied (eligibility from the domain, the plan-dependent hard rules by the
engine's `why_not`), so the categories come from rule ids, not from worded explanations.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from consortium.errors import InvalidInput
from consortium.weeks import IsoWeek
from integrations.services.lending import with_lent
from integrations.services.planning_days import today
from integrations.services.weekly import history_from_plans
from sharing.allocation import AllocationWeights, build_problem
from sharing.forecast import (
    Hire,
    Shortage,
    ShortageLine,
    Training,
    candidate_category,
    forecast_params,
    qualified,
    request_category,
    week_range,
)
from sharing.forecast import recommend as run_recommend
from sharing.forecast.consent import consent_expired, retention_months
from sharing.forecast import what_if as run_what_if
from solver.roster import why_not

__all__ = ["hire_change", "recommend", "shortage", "training_change", "what_if"]


def shortage(repo, first: str, last: str) -> Shortage:
    """Every request left short in the stored plans of weeks `first`..`last`, with its category."""
    weeks = week_range(first, last)
    lines, missing = [], []
    for week in weeks:
        plan = repo.plans.get_plan(week)
        if plan is None:
            missing.append(str(week))
            continue
        lines.extend(_week_lines(repo, week, plan))
    places = {f"{m.code}/{s.code}": (s.name, s.latitude, s.longitude)
              for m in repo.people.list_members() for s in m.sites}
    return Shortage([str(w) for w in weeks], lines, missing, places)


def _week_lines(repo, week: IsoWeek, plan) -> list[ShortageLine]:
    group = repo.load_group(week)
    days = set(week.days())
    requests = [r for r in group.requests if r.day in days]
    placed: dict[str, int] = {}
    for a in with_lent(repo, week, plan).assignments:  # staff lent by a member fill requests too
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


def what_if(repo, change, first: str, last: str, params=None):
    """Re-run the stored weeks `first`..`last` as they were and with `change` (a Hire or a Training);
    nothing is stored (see sharing.forecast.whatif)."""
    weeks = week_range(first, last)
    groups = [(week, repo.load_group(week)) for week in weeks]
    if not any(g.requests for _, g in groups):
        raise InvalidInput(f"no requests from {first} to {last}")
    params = params or forecast_params()
    return run_what_if(groups, change, params, history=history_from_plans(repo, weeks[0]))


def recommend(repo, first: str, last: str, hires: int, trainings: int, budget=None, params=None,
              candidates: bool = False):
    """Whom to hire and whom to train for the stored weeks `first`..`last`: options estimated one by
    one, chosen together, verified together; nothing is stored (see sharing.forecast.recommend).
    With `candidates`, the pool's candidates whose consent holds are hire options too."""
    weeks = week_range(first, last)
    groups = [(week, repo.load_group(week)) for week in weeks]
    if not any(g.requests for _, g in groups):
        raise InvalidInput(f"no requests from {first} to {last}")
    params = params or forecast_params()
    pool = []
    if candidates:
        months, day = retention_months(groups[-1][1].settings), today(repo)
        pool = [c for c in repo.candidates.list() if not consent_expired(c.consent, day, months)]
    return run_recommend(groups, hires, trainings, params, budget=None if budget is None else Decimal(str(budget)),
                         history=history_from_plans(repo, weeks[0]), candidates=pool)


def _skills(group, texts) -> dict[str, int]:
    """`TIG:2` (or a level name, `CNC-TURN:setter`) as skill code -> level rank, checked against the catalogue."""
    out = {}
    for text in texts:
        code, _, level = str(text).partition(":")
        skill = group.catalogue.skill(code.strip().upper())
        if skill is None:
            raise InvalidInput(f"unknown skill {code.strip()!r} in --skill {text}")
        level = level.strip() or "1"
        if level.isdigit() and 1 <= int(level) <= len(skill.levels):
            out[skill.code] = int(level)
        elif level in skill.levels:
            out[skill.code] = skill.levels.index(level) + 1
        else:
            raise InvalidInput(f"--skill {text}: {skill.code} has levels 1..{len(skill.levels)} "
                               f"({', '.join(skill.levels)})")
    if not out:
        raise InvalidInput("give at least one --skill, e.g. --skill TIG:2")
    return out


def _certificates(group, texts) -> tuple[tuple[str, str], ...]:
    out = []
    for text in texts:
        kind, _, level = str(text).partition(":")
        cert = group.catalogue.certification_type(kind.strip().upper())
        if cert is None or level.strip() not in cert.levels:
            raise InvalidInput(f"unknown certificate {text!r}: use TYPE:LEVEL from the catalogue, e.g. HAB-ELEC:BR")
        out.append((cert.code, level.strip()))
    return tuple(out)


def _home(group, text: str) -> tuple[float, float]:
    member, sep, site = text.partition("/")
    if sep:
        for m in group.members:
            for s in m.sites:
                if m.code == member.upper() and s.code == site.upper():
                    return s.latitude, s.longitude
    else:
        try:
            lat, lon = (float(x) for x in text.split(","))
            if -90 <= lat <= 90 and -180 <= lon <= 180:
                return lat, lon
        except ValueError:
            pass
    raise InvalidInput(f"--home {text}: not a site MEMBER/SITE nor latitude,longitude (postcodes are not geocoded)")


def hire_change(repo, skills, certificates, home: str, hours: float, hourly_cost) -> Hire:
    """A virtual hire from the command line's words, checked against the stored catalogue and sites."""
    group = _standing(repo)
    lat, lon = _home(group, home)
    cost = Decimal(str(hourly_cost)) if hourly_cost is not None else _average_cost(group)
    return Hire(_skills(group, skills), _certificates(group, certificates), lat, lon, hours, cost)


def training_change(repo, employee: str, skills, certificates) -> Training:
    """A virtual training of a stored employee from the command line's words."""
    code = repo.people.get_employee(employee).code
    group = _standing(repo)
    return Training(code, _skills(group, skills), _certificates(group, certificates))


def _average_cost(group):
    costs = [e.hourly_cost for e in group.employees]
    return (sum(costs, Decimal(0)) / len(costs)).quantize(Decimal("0.01"), ROUND_HALF_UP) if costs else Decimal(25)


def _standing(repo):
    """The group without requests or absences: catalogue, members, employees."""
    from sharing.group import Group

    return Group(settings=repo.people.get_settings(), catalogue=repo.people.get_catalogue(),
                 members=repo.people.list_members(), employees=repo.people.list_employees(), absences=[], requests=[])
