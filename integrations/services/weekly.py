"""The manager's weekly cycle against the database: allocate, show, check, explain, pin, publish, replan.

Each function takes an open repository (one transaction) and calls one domain or solver function.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from consortium.errors import InvalidInput, NotFound
from consortium.weeks import IsoWeek, week_of
from integrations.services.hours import worked_history
from integrations.services.lending import (
    home_hours,
    keep_placements,
    week_offers,
    with_lent,
    with_lent_staff,
)
from integrations.services.planning_days import planning_window, today
from integrations.store import Repository
from sharing.absences import Absence
from sharing.allocation import (
    Allocation,
    AllocationParams,
    RequestExplanation,
    Unfilled,
    allocate_week,
    check_from_day,
    explain_request,
    replan,
)
from sharing.compliance import Violation, check_plan
from sharing.compliance import history_from_plans as build_history
from sharing.forecast import lent_leads, load_bridges, request_leads
from sharing.forecast.consent import consent_expired, retention_months
from sharing.group import Group
from sharing.history import History
from sharing.plans import Assignment, Plan
from sharing.requests import Request

__all__ = ["ProgressCallback", "WeekView", "run_allocation", "week_view", "check_week", "Explanation", "explain",
           "set_pin", "publish_week", "replan_week", "history_from_plans"]

# on_progress(objective, bound, gap, elapsed seconds) on each better plan the solver finds.
ProgressCallback = Callable[[float, float, float, float], None]


@dataclass(frozen=True)
class WeekView:
    """A stored plan with the group it belongs to, the week's requests and what is left unfilled."""

    plan: Plan
    group: Group
    requests: list[Request]
    unfilled: list[Unfilled]
    saved_at: datetime | None = None  # when the stored plan was last saved (UTC)


def history_from_plans(repo: Repository, week: IsoWeek) -> History:
    """The past leading into `week`: from the hours worked when some are recorded, else the stored plans."""
    worked = worked_history(repo, week)
    if worked is not None:
        return worked
    settings = repo.people.get_settings()
    plans = [repo.plans.get_plan(week.shift(-k)) for k in range(settings.labour.average_weeks, 0, -1)]
    group = repo.load_group()
    return build_history([p for p in plans if p is not None], group, str(week))


def run_allocation(repo: Repository, week: IsoWeek, params: AllocationParams,
                   on_progress: ProgressCallback | None = None, replan_published: bool = False,
                   *, as_of: date | None = None, allow_past: bool = False) -> Allocation:
    """Allocate the week and store the result as its draft plan; published plans are kept unless asked.

    A week wholly in the past is refused unless `allow_past`; its closed days (the past, days with
    hours recorded, validated months) keep their stored assignments and take no one new.
    """
    existing = repo.plans.get_plan(week)
    if existing and existing.status == "published" and not replan_published:
        raise InvalidInput(f"the plan of {week} is published; use `mutualis replan` or `allocate --replan`")
    window = planning_window(repo, as_of=as_of, allow_past=allow_past, week=week)
    window.refuse_week(week, "allocate")
    group = repo.load_group(week)
    if not group.requests:
        raise InvalidInput(f"no requests for {week}")
    closed = window.closed_days(week.days())
    fixed = [a for a in existing.assignments if _day(a) in closed] if existing else []
    pins = [a for a in existing.assignments if a.pinned and _day(a) not in closed] if existing else []
    offers = week_offers(repo, week)
    allocation = allocate_week(
        group, week, history=history_from_plans(repo, week),
        published=existing if existing and existing.status == "published" else None,
        pins=pins, last_week=repo.plans.get_plan(week.shift(-1)), params=params, on_progress=on_progress,
        fixed=fixed, closed=closed, lent=offers)
    if allocation.plan.assignments or allocation.is_feasible():
        repo.plans.save_plan(keep_placements(repo, week, allocation.plan, offers, closed))  # lent: lending tables
    return allocation


def _day(a: Assignment) -> date:
    return a.start.replace(tzinfo=None).date()


def week_view(repo: Repository, week: IsoWeek) -> WeekView:
    """The stored plan of the week and why each unfilled request is unfilled."""
    plan = with_lent(repo, week, _plan(repo, week))
    group = repo.load_group(week)
    history = history_from_plans(repo, week)
    offers = week_offers(repo, week)
    placed: dict[str, int] = {}
    for a in plan.assignments:
        placed[a.request] = placed.get(a.request, 0) + 1
    unfilled = []
    for r in group.requests:
        if placed.get(r.code, 0) < r.headcount:
            why = explain_request(group, week, plan, r.code, history=history, lent=offers)
            reasons = why.general + [str(c) for c in why.candidates if not c.placed]
            unfilled.append(Unfilled(r.code, r.member, why.missing * r.minutes / 60, reasons))
    return WeekView(plan=plan, group=with_lent_staff(group, offers), requests=group.requests, unfilled=unfilled,
                    saved_at=repo.plans.plan_saved_at(week))


def check_week(repo: Repository, week: IsoWeek) -> list[Violation]:
    """Every hard-rule violation of the stored plan, lent staff included, by the independent checker (the
    hours lent staff still work at their home firm count in their limits and rests)."""
    offers = week_offers(repo, week)
    group = with_lent_staff(repo.load_group(week), offers)
    return check_plan(with_lent(repo, week, _plan(repo, week)), group, history_from_plans(repo, week),
                      elsewhere=home_hours(offers, week))


@dataclass(frozen=True)
class Explanation:
    """Why a request is (partly) unfilled, and which candidates of the pool could fill it."""

    why: RequestExplanation
    leads: list[str]

    def summary(self) -> str:
        return "\n".join([self.why.summary(), *(f"  {lead}" for lead in self.leads)])


def explain(repo: Repository, request_code: str) -> Explanation:
    """Why a request is (partly) unfilled in its week's plan; when it is, the pool's candidates who could fill
    it, directly or through a trade bridge, and the lent staff whose trade bridges to it (see
    sharing.forecast.leads)."""
    request = repo.plans.get_request(request_code)
    week = week_of(request.day)
    group = repo.load_group(week)
    offers = week_offers(repo, week)
    why = explain_request(group, week, with_lent(repo, week, _plan(repo, week)), request.code,
                          history=history_from_plans(repo, week), lent=offers)
    if not why.missing:
        return Explanation(why, [])
    months, day = retention_months(group.settings), today(repo)  # an expired consent: not a lead
    candidates = [c for c in repo.candidates.list() if not consent_expired(c.consent, day, months)]
    site = next(s for m in group.members for s in m.sites if (m.code, s.code) == (request.member, request.site))
    point, bridges = (site.latitude, site.longitude), load_bridges()
    return Explanation(why, [*request_leads(request, point, candidates, bridges, catalogue=group.catalogue),
                             *lent_leads(request, point, offers, bridges)])


def set_pin(repo: Repository, week: IsoWeek, employee: str, request: str, pinned: bool, *, as_of: date | None = None,
            allow_past: bool = False) -> int:
    """Pin (or unpin) the employee's assignments on that request; returns how many changed.

    Pinning an assignment on a day in the past is refused unless `allow_past`.
    """
    plan = _plan(repo, week)
    mine = [a for a in plan.assignments if a.employee == employee and a.request == request]
    if not mine:
        raise NotFound(f"{employee} is not placed on {request} in the plan of {week}")
    if pinned:
        window = planning_window(repo, as_of=as_of, allow_past=allow_past)
        for a in mine:
            window.refuse_day(_day(a), f"pin {employee} {request}")
    changed, assignments = 0, []
    for a in plan.assignments:
        if a.employee == employee and a.request == request and a.pinned != pinned:
            assignments.append(a.model_copy(update={"pinned": pinned}))
            changed += 1
        else:
            assignments.append(a)
    repo.plans.save_plan(plan.model_copy(update={"assignments": assignments}))
    return changed


def publish_week(repo: Repository, week: IsoWeek) -> Plan:
    """Mark the week's plan as published (after the checker finds no violation)."""
    plan = _plan(repo, week)
    violations = check_plan(plan, repo.load_group(week), history_from_plans(repo, week))
    if violations:
        raise InvalidInput(f"the plan of {week} breaks {len(violations)} rule(s), first: {violations[0].message}")
    published = plan.model_copy(update={"status": "published"})
    repo.plans.save_plan(published)
    return published


def replan_week(repo: Repository, week: IsoWeek, absent: str, from_day: date, params: AllocationParams, *,
                as_of: date | None = None, allow_past: bool = False) -> Allocation:
    """Record the absence and repair the published plan with the fewest changes.

    `from_day` must be in the week, and not in the past unless `allow_past`; the week's closed days
    (history, or the past) keep their assignments, the absent employee's included.
    """
    plan = _plan(repo, week)
    employee = repo.people.get_employee(absent)
    check_from_day(week, from_day)
    window = planning_window(repo, as_of=as_of, allow_past=allow_past, week=week)
    window.refuse_day(from_day, "replan")
    end = datetime.combine(week.monday + timedelta(days=7), datetime.min.time())
    start = datetime.combine(from_day, datetime.min.time())
    repo.people.add_absence(Absence(employee=employee.code, kind="other", start=start, end=end, note="replan"))
    allocation = replan(repo.load_group(week), week, plan, employee.code, from_day,
                        history=history_from_plans(repo, week), params=params,
                        closed=window.closed_days(week.days()))
    repo.plans.save_plan(allocation.plan.model_copy(update={"status": plan.status}))
    return allocation


def _plan(repo: Repository, week: IsoWeek) -> Plan:
    plan = repo.plans.get_plan(week)
    if plan is None:
        raise NotFound(f"no plan for {week}; run `mutualis allocate --week {week}` first")
    return plan
