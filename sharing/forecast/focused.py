"""One option's gain, estimated on the changed people alone: everyone else keeps the baseline's week.

`what_if` re-runs the whole group with the baseline's assignments pinned, so that anyone may also take
a place the baseline left open. To estimate an option, `estimate` asks a narrower question, much
faster on a large group: with every other employee's week exactly as in the baseline, which of the
places the baseline left open would the hire (or the trained employee) have taken?

Each week is a reduced problem for the same engine, rules and parameters: the changed people only
(the hire; the trained employee with his or her baseline assignments pinned) and the week's requests
cut down to the places still open (`headcount − people placed`) plus the changed people's own places.
A place counts only when the change is what makes the person fit it (`_brought`): for a hire every
request his or her skills cover; for a training the requests the employee did not fit before (skill
level or certificate) and does after. A place the trained employee could already take was left open
by the baseline's search, not for want of the training: filling it is not the training's gain.

Weeks without such a place are not solved, and that is exact. Every hard rule of the engine is one
employee's (rest, hours, days, travel, eligibility) or one request's headcount; the only variables of
a reduced problem beyond the pins are the changed people's on the places kept. With none kept, the
plan can only be the pins, i.e. the baseline's, so the week's gain is 0 and the history carried to
the next week is the baseline's (tested: `test_a_week_without_a_place_the_option_brings_is_not_solved`).
One exception is solved anyway: a trained employee's pins after a week where his or her plan already
differed from the baseline's, since the heavier history may break one (the engine then drops it).

The reduced plans, merged into the baseline's, give the same `WhatIf` as `what_if`: filled hours by
priority, the person's hours, money, and the independent compliance checker's violations of the
changed people's weeks (the others' weeks are the baseline's). Nothing is stored.
"""

from __future__ import annotations


from consortium.errors import InvalidInput
from consortium.weeks import IsoWeek

from ..allocation import AllocationParams, allocate_week
from ..compliance import check_plan, history_from_plans
from ..group import Group, requirement_met
from ..history import History
from ..plans import Plan
from ..requests import Request
from .whatif import Hire, Training, WhatIf, apply_change, baseline, week_gain

__all__ = ["estimate"]


def estimate(weeks: list[tuple[IsoWeek, Group]], change: Hire | Training | tuple[Hire | Training, ...],
             params: AllocationParams, history: History | None = None,
             base_plans: list[Plan] | None = None) -> WhatIf:
    """The places the changed people alone would have filled, week after week (module docstring)."""
    if not weeks:
        raise InvalidInput("no week to re-run")
    changes = change if isinstance(change, tuple) else (change,)
    people = {_person(c) for c in changes}
    if len(people) < len(changes):
        raise InvalidInput("several changes of the same person: give distinct hire codes and trainees")
    since = weeks[0][0].monday
    base_plans = base_plans if base_plans is not None else baseline(weeks, params, history)
    own: list[Plan] = []  # the changed people's plans, week by week (their history)
    diverged = False  # whether an earlier week's plan of the changed people differs from the baseline's
    gains = []
    for (week, group), base in zip(weeks, base_plans, strict=True):
        changed = group
        for one in changes:
            changed = apply_change(changed, one, since)
        mine = [a for a in base.assignments if a.employee in people]
        reduced = _reduced(group, changed, week, base, people, changes, keep_pins=diverged and bool(mine))
        if reduced is None:  # no place the change brings: the baseline's week, exactly (module docstring)
            plan, violations = base.model_copy(update={"assignments": mine}), 0
        else:
            # the history resolves earlier plans against the week's group, as `what_if` does
            alone = changed.model_copy(update={"employees": reduced.employees})
            past = history_from_plans(own, alone, str(week), previous=history)
            plan = allocate_week(reduced, week, history=past, params=params, pins=mine).plan
            violations = len(check_plan(plan, reduced, past))
        own.append(plan)
        diverged = diverged or sorted(_pairs(plan.assignments)) != sorted(_pairs(mine))
        variant = base.model_copy(update={"assignments": [a for a in base.assignments if a.employee not in people]
                                          + list(plan.assignments)})
        gains.append(week_gain(week, changes, group, changed, base, variant, violations))
    return WhatIf(change, gains)


def _person(change: Hire | Training) -> str:
    return change.code if isinstance(change, Hire) else change.employee


def _pairs(assignments) -> list[tuple[str, str]]:
    return [(a.employee, a.request) for a in assignments]


def _reduced(group: Group, changed: Group, week: IsoWeek, base: Plan, people: set[str],
             changes: tuple[Hire | Training, ...], keep_pins: bool = False) -> Group | None:
    """The week's problem for the changed people alone, or None when the change brings no open place
    (unless `keep_pins`: then their pinned places alone are a problem to check)."""
    days = set(week.days())
    placed: dict[str, int] = {}
    theirs: dict[str, int] = {}
    for a in base.assignments:
        placed[a.request] = placed.get(a.request, 0) + 1
        if a.employee in people:
            theirs[a.request] = theirs.get(a.request, 0) + 1
    before = {e.code: e for e in group.employees}
    after = {e.code: e for e in changed.employees}
    requests: list[Request] = []
    brought = False
    for r in group.requests:
        if r.day not in days:
            continue
        open_places = r.headcount - placed.get(r.code, 0)
        if open_places > 0 and any(_brought(group, before.get(_person(c)), after[_person(c)], r) for c in changes):
            brought = True
        else:
            open_places = 0
        headcount = max(0, open_places) + theirs.get(r.code, 0)
        if headcount:
            requests.append(r.model_copy(update={"headcount": headcount}))
    if not brought and not keep_pins:
        return None
    return changed.model_copy(update={"employees": [after[p] for p in sorted(people)], "requests": requests})


def _brought(group: Group, before, after, request: Request) -> bool:
    """Whether the change makes the person fit the request's skill level and certificates (a hire:
    whether he or she fits them); the engine decides every other rule."""
    return _fits(group, after, request) and (before is None or not _fits(group, before, request))


def _fits(group: Group, employee, request: Request) -> bool:
    if employee.skills.get(request.skill, 0) < request.min_level:
        return False
    return all(requirement_met(employee.certifications, need, group.catalogue, request.day)
               for need in request.certifications)
