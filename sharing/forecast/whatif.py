"""What if the group had hired someone, or trained an employee: past weeks re-run with the change.

Each week of the range is allocated twice by the same engine and rules (`sharing.allocation`), with
the same deterministic parameters: as it was (the baseline) and with the change (the variant). Each
run carries its own history from week to week. The variant starts from the baseline's assignments as
pins, so that the change only adds: a hire or a new skill never takes filled hours away, unless a pin
can no longer hold (the variant's history differs), which the report would show as a negative gain.
Every variant plan goes through the independent compliance checker.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from consortium.errors import InvalidInput, NotFound
from consortium.weeks import IsoWeek
from solver.roster import SolveParams

from ..allocation import AllocationParams, allocate_week
from ..compliance import check_plan, history_from_plans
from ..employees import Certification, Contract, Employee
from ..group import Group
from ..history import History
from ..plans import Plan

__all__ = ["HIRE_CODE", "ForecastParams", "Hire", "Training", "WeekGain", "WhatIf", "apply_change", "baseline",
           "forecast_params", "what_if"]

HIRE_CODE = "NEW01"  # the virtual hire's employee code
PRIORITIES = ("critical", "normal", "optional")
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class ForecastParams(AllocationParams):
    """The allocation's deterministic parameters with a wider wall-clock safety stop.

    In the deterministic mode the budget is CP-SAT's deterministic time and the wall clock (ten times
    the budget) only a safety stop; on a shared machine under heavy load a large week's solve reaches
    that stop (an L week: about 3 s of CPU took 11 s of wall time at a load of 10 on 2 cores) and the
    answer then depends on the load. A forecast re-runs many weeks and must give the same answer with
    the same seed: here the stop is `wall` seconds, so that the deterministic budget decides.
    """

    wall: float = 600.0

    def engine(self) -> SolveParams:
        params = super().engine()
        return replace(params, time_limit=max(params.time_limit, self.wall)) if self.deterministic else params


def forecast_params(seed: int = 0, budget: float = 1.0) -> ForecastParams:
    """One worker, `budget` of CP-SAT deterministic time per week, `seed`: the forecast's re-runs."""
    return ForecastParams(time_limit=budget, seed=seed, workers=1, deterministic=True)


@dataclass(frozen=True)
class Hire:
    """A virtual employee: skills with levels, certificates, home, contracted weekly hours, hourly cost."""

    skills: dict[str, int]
    certifications: tuple[tuple[str, str], ...]
    latitude: float
    longitude: float
    weekly_hours: float
    hourly_cost: Decimal
    code: str = HIRE_CODE  # several hires at once need several codes


@dataclass(frozen=True)
class Training:
    """An existing employee who would have had these skills (levels) and certificates."""

    employee: str
    skills: dict[str, int]
    certifications: tuple[tuple[str, str], ...]


def _certs(pairs, since: date) -> list[Certification]:
    return [Certification(type=kind, level=level, valid_from=since) for kind, level in pairs]


def apply_change(group: Group, change: Hire | Training, since: date) -> Group:
    """The group with the hire added (a contract listing every member) or the employee trained."""
    for skill in change.skills:
        if group.catalogue.skill(skill) is None:
            raise InvalidInput(f"unknown skill {skill!r}")
    for kind, _level in change.certifications:
        if group.catalogue.certification_type(kind) is None:
            raise InvalidInput(f"unknown certification {kind!r}")
    if isinstance(change, Hire):
        hire = Employee(
            code=change.code, first_name="Virtual", last_name="hire", home_latitude=change.latitude,
            home_longitude=change.longitude, skills=dict(change.skills), hourly_cost=change.hourly_cost,
            certifications=_certs(change.certifications, since),
            contract=Contract(start=since, weekly_hours=change.weekly_hours, members=[m.code for m in group.members],
                              part_time_derogation=True))
        return group.model_copy(update={"employees": [*group.employees, hire]})
    employees = []
    for e in group.employees:
        if e.code == change.employee:
            skills = {**e.skills, **{k: max(v, e.skills.get(k, 0)) for k, v in change.skills.items()}}
            e = e.model_copy(update={"skills": skills,  # noqa: PLW2901 - the trained employee replaces the stored one
                                     "certifications": [*e.certifications, *_certs(change.certifications, since)]})
        employees.append(e)
    if all(e.code != change.employee for e in group.employees):
        raise NotFound(f"employee {change.employee} not found")
    return group.model_copy(update={"employees": employees})


@dataclass(frozen=True)
class WeekGain:
    """One re-run week: filled person-hours by priority as it was and with the change, and the person's week."""

    week: str
    baseline: dict[str, float]
    variant: dict[str, float]
    person_hours: float  # hours the hire worked (or the trained employee's change in hours)
    contracted_hours: float
    billable: Decimal  # person_hours at the person's hourly cost
    employment_cost: Decimal  # contracted hours at that cost (a hire); 0 for a training
    violations: int
    extra_by_request: dict[str, float] = field(default_factory=dict)  # filled hours gained, per request

    @property
    def extra(self) -> dict[str, float]:
        return {p: round(self.variant[p] - self.baseline[p], 2) for p in PRIORITIES}


@dataclass(frozen=True)
class WhatIf:
    """Per week and in total: extra filled hours by priority, utilisation, money, labour-law check."""

    change: Hire | Training | tuple[Hire | Training, ...]
    weeks: list[WeekGain]

    def extra(self) -> dict[str, float]:
        return {p: round(sum(w.extra[p] for w in self.weeks), 2) for p in PRIORITIES}

    def utilisation(self) -> float:
        """Billable hours over contracted hours (a hire); the trained employee's extra share otherwise."""
        contracted = sum(w.contracted_hours for w in self.weeks)
        return sum(w.person_hours for w in self.weeks) / contracted if contracted else 0.0

    def billable(self) -> Decimal:
        return sum((w.billable for w in self.weeks), Decimal(0))

    def employment_cost(self) -> Decimal:
        return sum((w.employment_cost for w in self.weeks), Decimal(0))

    def violations(self) -> int:
        return sum(w.violations for w in self.weeks)


def _filled(plan: Plan, group: Group) -> dict[str, float]:
    priority = {r.code: r.priority for r in group.requests}
    out = dict.fromkeys(PRIORITIES, 0.0)
    for a in plan.assignments:
        out[priority[a.request]] += a.minutes / 60
    return {p: round(h, 2) for p, h in out.items()}


def _hours(plan: Plan, employee: str) -> float:
    return sum(a.minutes for a in plan.assignments if a.employee == employee) / 60


def baseline(weeks: list[tuple[IsoWeek, Group]], params: AllocationParams,
             history: History | None = None) -> list[Plan]:
    """Each week's plan as it was, re-run oldest first with its history carried (shared by many what-ifs)."""
    plans: list[Plan] = []
    for week, group in weeks:
        past = history_from_plans(plans, group, str(week), previous=history)
        plans.append(allocate_week(group, week, history=past, params=params).plan)
    return plans


def what_if(weeks: list[tuple[IsoWeek, Group]], change: Hire | Training | tuple[Hire | Training, ...],
            params: AllocationParams, history: History | None = None,
            base_plans: list[Plan] | None = None) -> WhatIf:
    """Re-run each (week, group), oldest first, as it was and with `change` (one or several together,
    see the module docstring).

    `history` is what came before the first week (both runs start from it); `base_plans`, when given,
    are the weeks' baseline plans already made by `baseline` with the same arguments. Nothing is stored.
    """
    if not weeks:
        raise InvalidInput("no week to re-run")
    changes = change if isinstance(change, tuple) else (change,)
    if len({c.code for c in changes if isinstance(c, Hire)}) < sum(isinstance(c, Hire) for c in changes):
        raise InvalidInput("several hires need distinct codes")
    since = weeks[0][0].monday
    base_plans = base_plans if base_plans is not None else baseline(weeks, params, history)
    variant_plans: list[Plan] = []
    gains = []
    for (week, group), base in zip(weeks, base_plans, strict=True):
        variant_group = group
        for one in changes:
            variant_group = apply_change(variant_group, one, since)
        variant_history = history_from_plans(variant_plans, variant_group, str(week), previous=history)
        variant = allocate_week(variant_group, week, history=variant_history, params=params,
                                pins=list(base.assignments)).plan
        variant_plans.append(variant)
        gains.append(week_gain(week, changes, group, variant_group, base, variant,
                               len(check_plan(variant, variant_group, variant_history))))
    return WhatIf(change, gains)


def week_gain(week: IsoWeek, changes: tuple[Hire | Training, ...], group: Group, changed: Group, base: Plan,
              variant: Plan, violations: int) -> WeekGain:
    """One week of a what-if: `base` is the plan of `group`, `variant` that of `changed` (the group with
    `changes`); the changed people's hours, contracted hours, billable amount and employment cost added up."""
    worked, contracted, billable, cost = 0.0, 0.0, Decimal(0), Decimal(0)
    for one in changes:
        w, c, b, e = _person_week(one, changed, base, variant)
        worked, contracted, billable, cost = worked + w, contracted + c, billable + b, cost + e
    return WeekGain(
        week=str(week), baseline=_filled(base, group), variant=_filled(variant, changed),
        person_hours=round(worked, 2), contracted_hours=contracted, billable=billable,
        employment_cost=cost, violations=violations, extra_by_request=_gained(base, variant))


def _person_week(change: Hire | Training, group: Group, base: Plan, variant: Plan):
    """Hours worked (a hire) or gained (a trained employee), contracted hours, billable, employment cost."""
    if isinstance(change, Hire):
        person = next(e for e in group.employees if e.code == change.code)
        worked, contracted = _hours(variant, change.code), change.weekly_hours
        cost = (Decimal(str(contracted)) * person.hourly_cost).quantize(_CENT, ROUND_HALF_UP)
    else:
        person = next(e for e in group.employees if e.code == change.employee)
        worked = _hours(variant, change.employee) - _hours(base, change.employee)
        contracted, cost = person.contract.weekly_hours, Decimal(0)
    billable = (Decimal(str(round(worked, 2))) * person.hourly_cost).quantize(_CENT, ROUND_HALF_UP)
    return worked, contracted, billable, cost


def _gained(base: Plan, variant: Plan) -> dict[str, float]:
    minutes: dict[str, int] = {}
    for a in variant.assignments:
        minutes[a.request] = minutes.get(a.request, 0) + a.minutes
    for a in base.assignments:
        minutes[a.request] = minutes.get(a.request, 0) - a.minutes
    return {r: round(m / 60, 2) for r, m in sorted(minutes.items()) if m}
