"""The week's rostering problem, built once from the domain: plain engine input plus the maps back.

One engine Shift per dated request (its id is the request code), one Demand per request. Static
rules become each employee's eligible set (with the reasons kept for the pairs that fail); the
labour rules that depend on the rest of the plan become engine Rules; soft rules become Costs,
the fairness Groups, Consistency sets and the stability reference.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from solver.roster import Consistency, Cost, Demand, Employee as EngineEmployee, Group as EngineGroup
from solver.roster import History as EngineHistory, Problem, Rules, Shift

from ..employees import Employee
from consortium.errors import InvalidInput
from ..geo import travel_minutes
from ..group import Group
from ..history import History
from ..lending import Offer, as_employee, open_offers
from ..plans import Assignment, Plan
from ..requests import Request
from consortium.weeks import IsoWeek
from .candidates import Place, local, night_minutes, site_reasons, static_reasons
from .lent import home_shifts, home_words, lent_cost, lent_history, lent_reasons, lent_rules
from .pins import DroppedPin, hold_pins
from .pricing import Pricing
from .weights import AllocationWeights

__all__ = ["COST_LABELS", "Built", "build_problem"]

COST_LABELS = {
    "travel": "minutes of commute from home",
    "commute_excess": "commute beyond the employee's maximum",
    "preferred_member": "outside the employee's preferred members",
    "avoided_member": "at a member the employee would rather avoid",
    "preferred_employee": "not one of the request's preferred employees",
    "continuity": "not the member's employee of last week",
    "premium_hours": "night, Sunday and public-holiday premiums",
    "lent_staff": "staff lent by a member (GE staff first)",
}


@dataclass(frozen=True)
class _Point:
    latitude: float
    longitude: float


@dataclass
class Built:
    """The engine Problem and everything needed to read its answer back into the domain."""

    group: Group
    week: IsoWeek
    monday: datetime
    problem: Problem
    requests: dict[str, Request]
    places: dict[str, Place]
    employees: dict[str, Employee]
    reasons: dict[tuple[str, str], list[str]]  # (employee, request) -> why not eligible (skilled ones)
    commute: dict[tuple[str, str], int]  # (employee, request) -> minutes from home (eligible pairs)
    location: dict[str, int]  # MEMBER/SITE -> engine location
    pinned: set[tuple[str, str]] = field(default_factory=set)  # pairs shown as pinned (the engine's also hold `fixed`)
    history: History | None = None
    cuts: dict[tuple[str, str], str] = field(default_factory=dict)  # pairs forbidden after a solve, why
    closed: dict[str, str] = field(default_factory=dict)  # request on a closed day -> why: only fixed pairs
    fixed: set[tuple[str, str]] = field(default_factory=set)  # pairs on closed days, held whatever happens
    dropped: list[DroppedPin] = field(default_factory=list)  # pins that could not hold
    lent: dict[str, Offer] = field(default_factory=dict)  # lent staff (employee code MEMBER.PERSON) -> offer
    home: dict[str, str] = field(default_factory=dict)  # engine shift of hours at a home firm -> words

    def minute(self, moment: datetime) -> int:
        """Minutes from the week's Monday 00:00 (local)."""
        return int((local(moment, self.group.settings.timezone) - self.monday).total_seconds() // 60)

    def problem_shift(self, code: str) -> Shift:
        """The engine shift of a request or of hours at a home firm."""
        return next(s for s in self.problem.shifts if s.id == code)

    def travel(self, a: str, b: str) -> int:
        """Minutes between the sites of two requests."""
        return self.problem.travel[self.location[self.places[a].code]][self.location[self.places[b].code]]

    def why_not_eligible(self, employee: str, request: str) -> list[str]:
        """Static reasons the employee may not take the request (empty when eligible)."""
        if request in self.closed:
            return [self.closed[request]]
        if (employee, request) in self.cuts:
            return [self.cuts[employee, request]]
        if (employee, request) in self.reasons:
            return self.reasons[employee, request]
        e, r = self.employees[employee], self.requests[request]
        if r.skill in e.skills:
            return []
        tz = self.group.settings.timezone
        absences = [(a.kind, local(a.start, tz), local(a.end, tz))
                    for a in self.group.absences if a.employee == employee]
        why = static_reasons(self.group, e, r, self.places[request], absences)
        return lent_reasons(self.lent[employee], why) if employee in self.lent else why

    def candidates(self, request: str) -> list[str]:
        """Employees with the request's skill at any level, in the group's order."""
        skill = self.requests[request].skill
        return [code for code, e in self.employees.items() if skill in e.skills]


def week_requests(group: Group, week: IsoWeek) -> list[Request]:
    """The dated requests of the week, in the group's order."""
    days = set(week.days())
    return [r for r in group.requests if r.day in days]


def build_problem(
    group: Group,
    week: IsoWeek,
    weights: AllocationWeights,
    *,
    history: History | None = None,
    published: Plan | None = None,
    pins=(),
    last_week: Plan | None = None,
    fixed=(),
    closed: Mapping[date, str] = {},
    lent: Sequence[Offer] = (),
) -> Built:
    """Compile the week into an engine Problem (see the module docstring).

    Requests on a `closed` day (day -> why) take no one new: only the `fixed` assignments, which hold
    whatever happens. A pin that can no longer hold is dropped and kept in `Built.dropped`. Staff `lent`
    by members are employees too (see lent.py): their hours at the home firm are pinned busy shifts.
    """
    tz = group.settings.timezone
    monday = datetime.combine(week.monday, datetime.min.time())
    requests = week_requests(group, week)
    members = {m.code: m for m in group.members}
    places = {r.code: _place(r, members) for r in requests}
    codes = [r.code for r in requests]
    if len(set(codes)) != len(codes):
        raise InvalidInput(f"week {week}: a request code appears twice")
    offers = {o.code: o for o in open_offers(lent, week.monday, week.days()[-1]) if o.member in members}
    # the lender's first site stands for the home firm: where its hours are worked, and home when none is given
    homes = {code: Place(members[o.member], members[o.member].sites[0])
             for code, o in offers.items() if members[o.member].sites}
    staff = {code: e for code, o in offers.items()
             if (e := as_employee(o, list(members), homes[code].site if code in homes else None))}
    used_sites = sorted({p.code for p in [*places.values(), *homes.values()]})
    location = {code: i for i, code in enumerate(used_sites)}
    site_of = {p.code: p.site for p in [*places.values(), *homes.values()]}
    travel = tuple(
        tuple(0 if a == b else travel_minutes(site_of[a], site_of[b], group.settings.travel) for b in used_sites)
        for a in used_sites
    )
    member_index = {m.code: i for i, m in enumerate(group.members)}

    def minute(moment: datetime) -> int:
        return int((local(moment, tz) - monday).total_seconds() // 60)

    labour = group.settings.labour
    shifts = []
    for r in requests:
        lo, hi = r.interval()
        shifts.append(Shift(
            id=r.code, day=(r.day - week.monday).days, start=minute(lo), end=minute(hi),
            location=location[places[r.code].code], group=member_index[r.member],
            night_minutes=night_minutes(lo, hi, labour.night_start, labour.night_end),
        ))
    demands = tuple(
        Demand(id=r.code, shifts=(r.code,), requirement=r.headcount, hard_max=True,
               under_weight=round(weights.coverage(r.priority) * r.minutes / 60),
               group=member_index[r.member], priority=r.priority)
        for r in requests
    )

    absences: dict[str, list] = {}
    for a in group.absences:
        absences.setdefault(a.employee, []).append((a.kind, local(a.start, tz), local(a.end, tz)))
    worked_last_week = {(a.employee, a.member) for a in (last_week.assignments if last_week else [])}
    members_last_week = {m for _, m in worked_last_week}

    closed_requests = {r.code: f"{r.code}: {closed[r.day]}" for r in requests if r.day in closed}
    site_why = {r.code: site_reasons(group, r, places[r.code]) for r in requests}
    pricing = Pricing.of(group, week, weights)
    employees, reasons, commute, costs = [], {}, {}, []
    busy, home_pairs = {}, set()
    for code in staff:
        where = location[homes[code].code] if code in homes else None
        for shift_id, shift in home_shifts(offers[code], week.monday, minute, where, labour).items():
            shifts.append(shift)
            busy[shift_id] = home_words(offers[code], monday + _minutes(shift.start), monday + _minutes(shift.end))
            home_pairs.add((code, shift_id))
    for e in [*group.employees, *staff.values()]:
        offer = offers.get(e.code)
        home = _Point(e.home_latitude, e.home_longitude)
        eligible, from_home = [], {}
        for r in requests:
            if r.skill not in e.skills or r.code in closed_requests:  # reasons are made on demand
                continue
            place = places[r.code]
            why = static_reasons(group, e, r, place, absences.get(e.code, []), site_why[r.code])
            if why:
                reasons[e.code, r.code] = why if offer is None else lent_reasons(offer, why)
                continue
            if place.code not in from_home:
                from_home[place.code] = travel_minutes(home, place.site, group.settings.travel)
            minutes = commute[e.code, r.code] = from_home[place.code]
            eligible.append(r.code)
            costs.extend(_pair_costs(e, r, minutes, weights, worked_last_week, members_last_week))
            if offer is None:
                costs.extend(pricing.premium_costs(e, r))
            elif cost := lent_cost(offer, r.code, r.minutes, weights.lent_staff):
                costs.append(cost)
        eligible += [s for c, s in home_pairs if c == e.code]
        employees.append(EngineEmployee(
            id=e.code,
            rules=(_rules(e, group, weights, pricing.overtime_steps(e)) if offer is None
                   else lent_rules(offer, labour)),
            history=(_history(e.code, history, week, minute) if offer is None
                     else lent_history(offer, week.monday, minute)),
            eligible=frozenset(eligible),
        ))

    by_code = {r.code: r for r in requests}
    fixed_pairs, lost = hold_pins(group, week, by_code, places, fixed)
    pins = [*pins, *(a for a in (published.assignments if published else []) if a.pinned)]
    pinned, dropped = hold_pins(group, week, by_code, places, pins, absences=absences, closed=closed_requests)
    pinned |= {(a.employee, a.request) for a in fixed if a.pinned} & fixed_pairs
    reference = _reference(published, codes, group)
    problem = Problem(
        days=7, first_weekday=0, shifts=tuple(shifts), employees=tuple(employees), demands=demands,
        costs=tuple(costs), groups=_groups(requests, members, member_index, history, weights),
        fairness_weight=weights.fairness, consistency=_consistency(requests, weights),
        pinned=tuple(sorted(pinned | fixed_pairs | home_pairs)), reference=tuple(sorted(reference)),
        stability_weight=weights.stability if reference else 0, travel=travel,
    )
    return Built(
        group=group, week=week, monday=monday, problem=problem, requests={r.code: r for r in requests},
        places=places, employees={e.code: e for e in [*group.employees, *staff.values()]}, reasons=reasons,
        commute=commute, location=location, pinned=pinned, history=history, closed=closed_requests,
        fixed=fixed_pairs | home_pairs, dropped=lost + dropped, lent=offers, home=busy,
    )


def _minutes(count: int) -> timedelta:
    return timedelta(minutes=count)


def _place(r: Request, members) -> Place:
    member = members.get(r.member)
    if member is None:
        raise InvalidInput(f"request {r.code}: field member: unknown member {r.member!r}")
    try:
        return Place(member, member.site(r.site))
    except KeyError:
        raise InvalidInput(f"request {r.code}: field site: member {r.member} has no site {r.site!r}") from None


def _rules(e: Employee, group: Group, weights: AllocationWeights, overtime_steps=()) -> Rules:
    labour, contract = group.settings.labour, e.contract
    return Rules(
        max_shifts_per_day=labour.part_time_max_interruptions + 1 if contract.is_part_time else None,
        min_week_minutes=round(contract.weekly_hours * 60) if weights.idle else None,
        idle_weight=weights.idle,
        idle_chunk=60,
        overtime_steps=overtime_steps,
        max_week_minutes=math.floor(contract.max_weekly_hours(labour) * 60 + 1e-6),
        max_day_minutes=round(labour.max_daily_hours * 60),
        min_daily_rest=round(labour.daily_rest_hours * 60),
        weekly_rest=round(labour.weekly_rest_hours * 60),
        max_days_per_week=labour.max_days_per_week,
        max_consecutive_days=labour.max_consecutive_days,
        rolling_weeks=labour.average_weeks if labour.average_weeks > 1 else None,
        rolling_avg_max=round(labour.max_average_weekly_hours * 60),
    )


def _history(code: str, history: History | None, week: IsoWeek, minute) -> EngineHistory:
    if history is None:
        return EngineHistory()
    past = history.employee(code)
    weeks = 51  # enough for any average_weeks (at most 52)
    return EngineHistory(
        last_shift_end=None if past.last_shift_end is None else minute(past.last_shift_end),
        days_worked_before=past.consecutive_days,
        past_week_minutes=tuple(history.weekly_minutes(code, str(week.shift(-k))) for k in range(weeks, 0, -1)),
    )


def _pair_costs(e: Employee, r: Request, commute: int, w: AllocationWeights, worked, members_last_week):
    subject = f"{e.code}:{r.code}"
    prefs = e.preferences
    terms = [("travel", w.travel * commute)]
    if prefs.max_commute_minutes is not None and commute > prefs.max_commute_minutes:
        terms.append(("commute_excess", w.commute_excess * (commute - prefs.max_commute_minutes)))
    if prefs.preferred_members and r.member not in prefs.preferred_members:
        terms.append(("preferred_member", w.preferred_member))
    if r.member in prefs.avoided_members:
        terms.append(("avoided_member", w.avoided_member))
    if r.preferred_employees and e.code not in r.preferred_employees:
        terms.append(("preferred_employee", w.preferred_employee))
    if r.member in members_last_week and (e.code, r.member) not in worked:
        terms.append(("continuity", w.continuity))
    return [Cost(e.code, r.code, amount, rule, subject) for rule, amount in terms if amount]


def _reference(published: Plan | None, codes, group: Group) -> set[tuple[str, str]]:
    """The published pairs still possible this week (a removed request or employee leaves the plan)."""
    known_e, known_r = {e.code for e in group.employees}, set(codes)
    return {(a.employee, a.request) for a in (published.assignments if published else [])
            if a.employee in known_e and a.request in known_r}


def _groups(requests, members, member_index, history: History | None, w: AllocationWeights):
    asking = sorted({r.member for r in requests}, key=member_index.get)
    if len(asking) < 2 or not w.fairness:
        return ()
    total = sum(members[m].entitlement for m in asking)
    deficit = history.fairness_deficit_hours if history else {}
    return tuple(
        EngineGroup(id=member_index[m], share=members[m].entitlement / total,
                    carried_deficit=max(-0.99, deficit.get(m, 0.0) / w.fairness_deficit_scale_hours))
        for m in asking
    )


def _consistency(requests, w: AllocationWeights):
    series: dict[str, list[str]] = {}
    for r in requests:
        if r.same_person and r.series:
            series.setdefault(r.series, []).append(r.code)
    return tuple(Consistency(id=s, shifts=tuple(codes), weight=w.same_person)
                 for s, codes in series.items() if len(codes) > 1 and w.same_person)


def assignment_of(built: Built, employee: str, request: str, travel_before: int) -> Assignment:
    """The domain assignment of an engine pair."""
    r, place = built.requests[request], built.places[request]
    start, end = r.interval()
    return Assignment(employee=employee, request=request, member=place.member.code, site=place.site.code,
                      start=start, end=end, travel_minutes_before=travel_before,
                      pinned=(employee, request) in built.pinned)


