"""Whom to hire and whom to train: options estimated one by one, chosen together, then verified.

1. The weeks are re-run as they were (the baseline); the requests it leaves short are the demand.
2. Options are built from them (`options`): hire profiles and trainings with catalogue courses, and
   the pool's candidates as hires, directly or after a bridge course (`pool`; one option per person).
3. Each option alone is estimated against the same baseline (`focused.estimate`): the places the
   baseline left open that the changed person alone would have filled, everyone else's week kept.
4. A CP-SAT selection (`solver.selection`) takes at most N hires and M trainings within the budget so
   that the weighted hours filled together are largest, an overlap counted once (critical hours weigh
   100, normal 10, optional 1). This sum of estimates ignores how options help or hinder each other.
5. The chosen options are re-run together once: the verified figure, with the labour-law check.

Costs against the budget: a training costs its courses plus the trainee's wages during them; a hire
costs the hours it was paid but not billed over the weeks (the GE bills its staff at cost), plus, for
a candidate, the bridge course.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from consortium.errors import InvalidInput
from consortium.weeks import IsoWeek
from solver.selection import Demand, Selection, SelectionProblem, select
from solver.selection import Option as Choice

from ..allocation import AllocationParams
from ..group import Group
from ..history import History
from .bridges import Bridge, Candidate, load_bridges
from .courses import Course, load_courses
from .focused import estimate
from .options import WEIGHTS, Option, Short, hire_options, profiles, short_requests, training_options
from .pool import candidate_options
from .whatif import PRIORITIES, WhatIf, baseline, what_if

__all__ = ["WEIGHTS", "Estimate", "Recommendation", "recommend"]


@dataclass(frozen=True)
class Estimate:
    """One option re-run alone: its what-if and its cost against the budget."""

    option: Option
    result: WhatIf
    cost: Decimal

    def extra_hours(self) -> float:
        return round(sum(self.result.extra().values()), 2)


@dataclass(frozen=True)
class Recommendation:
    """Every option estimated, the selection's choice, its estimated and its verified hours filled."""

    shorts: list[Short]
    estimates: list[Estimate]
    selection: Selection
    estimated: dict[str, float]  # hours filled by priority, from the selection's covered minutes
    verified: WhatIf | None  # None when nothing was chosen

    @property
    def chosen(self) -> list[Estimate]:
        return [e for e in self.estimates if e.option.code in self.selection.chosen]

    def short_hours(self) -> dict[str, float]:
        return {p: round(sum(s.minutes for s in self.shorts if s.priority == p) / 60, 2) for p in PRIORITIES}

    def cost(self) -> Decimal:
        return sum((e.cost for e in self.chosen), Decimal(0))

    def error(self) -> float:
        """Verified minus estimated hours filled, over all priorities."""
        verified = sum(self.verified.extra().values()) if self.verified else 0.0
        return round(verified - sum(self.estimated.values()), 2)


def recommend(weeks: list[tuple[IsoWeek, Group]], hires: int, trainings: int, params: AllocationParams,
              budget: Decimal | None = None, history: History | None = None,
              courses: list[Course] | None = None, candidates: Sequence[Candidate] = (),
              bridges: list[Bridge] | None = None) -> Recommendation:
    """The best combination of at most `hires` hires (profiles, or the pool's `candidates` through
    `bridges`) and `trainings` trainings (see the module docstring)."""
    if hires < 0 or trainings < 0 or (budget is not None and budget < 0):
        raise InvalidInput("--hires, --trainings and --budget must not be negative")
    if not weeks:
        raise InvalidInput("no week to re-run")
    base = baseline(weeks, params, history)
    shorts = short_requests(weeks, base)
    group = weeks[-1][1]
    found = profiles(shorts)
    options = []
    if hires:
        options += hire_options(group, found, _average_cost(group), limit=max(3, 2 * hires))
    if trainings:
        options += training_options(group, found, courses if courses is not None else load_courses(),
                                     weeks[0][0].monday, limit=max(3, 2 * trainings))
    if hires and candidates:
        options += candidate_options(group, found, list(candidates),
                                     bridges if bridges is not None else load_bridges(), _average_cost(group))
    estimates = _best_per_candidate(
        [_estimate(o, estimate(weeks, o.change, params, history, base_plans=base)) for o in options])
    problem = SelectionProblem(
        demands=[Demand(_key(s.week, s.request), s.minutes, WEIGHTS[s.priority]) for s in shorts],
        options=[Choice(e.option.code, e.option.kind, _cents(e.cost),
                        _cover(e.result, {_key(s.week, s.request) for s in shorts})) for e in estimates],
        limits={"hire": hires, "training": trainings}, budget=None if budget is None else _cents(budget))
    selection = select(problem, time_limit=10, seed=params.seed)
    priority = {_key(s.week, s.request): s.priority for s in shorts}
    estimated = {p: round(sum(m for k, m in selection.covered.items() if priority[k] == p) / 60, 2)
                 for p in PRIORITIES}
    chosen = tuple(e.option.change for e in estimates if e.option.code in selection.chosen)
    verified = what_if(weeks, chosen, params, history, base_plans=base) if chosen else None
    return Recommendation(shorts, estimates, selection, estimated, verified)


def _estimate(option: Option, result: WhatIf) -> Estimate:
    if option.kind == "training":
        return Estimate(option, result, option.upfront)
    # a hire: the hours paid but not billed, plus a candidate's bridge course
    return Estimate(option, result, option.upfront + max(Decimal(0), result.employment_cost() - result.billable()))


def _best_per_candidate(estimates: list[Estimate]) -> list[Estimate]:
    """Each candidate's best route only (most weighted hours, then the cheaper), renumbered C1, C2...,
    so that the selection can never take the same person twice."""
    best: dict[str, Estimate] = {}
    for e in estimates:
        who = e.option.candidate
        if who and (who not in best or _worth(e) > _worth(best[who])):
            best[who] = e
    out, k = [], 0
    for e in estimates:
        if not e.option.candidate:
            out.append(e)
        elif best[e.option.candidate] is e:
            k += 1
            out.append(replace(e, option=replace(e.option, code=f"C{k}")))
    return out


def _worth(e: Estimate) -> tuple[float, Decimal]:
    return sum(WEIGHTS[p] * h for p, h in e.result.extra().items()), -e.cost


def _cover(result: WhatIf, short: set[str]) -> dict[str, int]:
    out = {}
    for week in result.weeks:
        for request, hours in week.extra_by_request.items():
            key = _key(week.week, request)
            if key in short and hours > 0:
                out[key] = round(hours * 60)
    return out


def _key(week: str, request: str) -> str:
    return f"{week}/{request}"


def _cents(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


def _average_cost(group: Group) -> Decimal:
    costs = [e.hourly_cost for e in group.employees]
    return (sum(costs, Decimal(0)) / len(costs)).quantize(Decimal("0.01")) if costs else Decimal(25)
