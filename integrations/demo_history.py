"""The demo's past: twelve weeks of requests and published plans before the demo week, with a season.

The story the shortage report tells: stainless TIG work grows from the end of September (tank and
silo orders after the harvest) and doubles at INOXAGRI from 2026-W41; two TIG welders take their
Toussaint leave in W43 and W44; the poultry and biscuit plants' festive season adds line operators
and night shifts from W44; electrical maintenance with a BR habilitation is short all along.

Past weeks are filled in memory, oldest first, each with the history (rest, rolling average) of the
plans before it: the requests by priority, each taking the cheapest qualified people whom the engine's
own hard-rule check (`why_not`) accepts. That greedy fill is what the allocation starts from; it is
fast (a twelfth of a second a week) and every plan passes the independent compliance checker. The
published plans are the hours worked (no correction is recorded).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from consortium.weeks import IsoWeek, parse_week
from sharing.absences import Absence
from sharing.allocation import AllocationWeights, build_problem
from sharing.compliance import history_from_plans
from sharing.demo import DEMO_WEEK, demo_group, demo_requests
from sharing.group import Group
from sharing.plans import Assignment, Plan
from sharing.requests import Request
from sharing.skills import parse_cert_requirements
from solver.roster import why_not

__all__ = ["HISTORY_WEEKS", "history_absences", "history_plans", "history_requests", "history_weeks",
           "seed_history"]

HISTORY_WEEKS = 12

# series -> headcount in each past week, oldest first (0: not asked); other series keep the demo week's
SEASON = {
    "R-INOX-TIG": (1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2),
    "R-SILO-TIG": (0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1),
    "R-CHAU-TIG": (0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1),
    "R-VOL-LINE": (1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2),
    "R-VOL-NUIT": (0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1),
    "R-BIS-LINE": (1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2),
}
# one-off needs of the past: (code, MEMBER/SITE, SKILL:level, certificates, past week indexes, weekday, priority,
# note), 08:00-16:00; nobody holds ATEX level 2, nobody turns at programmer level
ONE_OFFS = (
    ("R-SIL-ATEX", "SILOS/SEGRE", "MAINT-MECA:2", "ATEX:2", (3, 4, 5), 1, "critical",
     "dust extraction in the ATEX zone after the harvest"),
    ("R-DEC-PROG", "DECOLLET/BIERNE", "CNC-TURN:3", "", (8, 9, 10, 11), 3, "normal",
     "programming the new bar turner"),
)
# (employee, past week index, kind, note): whole weeks away
LEAVE = (
    ("E001", 6, "leave", "congés de la Toussaint"),
    ("E003", 7, "leave", "congés de la Toussaint"),
    ("E021", 3, "training", "recyclage habilitation électrique"),
)


def history_weeks() -> list[IsoWeek]:
    """The past weeks, oldest first: 2026-W37 to 2026-W48."""
    demo = parse_week(DEMO_WEEK)
    return [demo.shift(k - HISTORY_WEEKS) for k in range(HISTORY_WEEKS)]


def history_requests(index: int) -> list[Request]:
    """The recurring demo requests of past week `index` (0: the oldest) with the season's headcounts, and
    the week's one-offs."""
    week = history_weeks()[index]
    out = [
        Request(code=f"{code}-{week.monday + timedelta(days=day):%m%d}", member=place.split("/")[0],
                site=place.split("/")[1], skill=need.split(":")[0], min_level=int(need.split(":")[1]),
                certifications=parse_cert_requirements(certs), day=week.monday + timedelta(days=day),
                start=time(8), end=time(16), priority=priority, note=note)
        for code, place, need, certs, weeks, day, priority, note in ONE_OFFS if index in weeks
    ]
    for r in demo_requests(str(week)):
        if r.series is None:  # the demo week's one-offs stay in the demo week
            continue
        headcount = SEASON.get(r.series, (r.headcount,) * HISTORY_WEEKS)[index]
        if headcount:
            out.append(r.model_copy(update={"headcount": headcount}))
    return out


def history_absences() -> list[Absence]:
    """The leave and training of the past weeks."""
    weeks = history_weeks()
    return [Absence(employee=who, kind=kind, note=note,
                    start=datetime.combine(weeks[i].monday, time(0)),
                    end=datetime.combine(weeks[i].monday + timedelta(days=7), time(0)))
            for who, i, kind, note in LEAVE]


def _fill(group: Group, week: IsoWeek, plans: list[Plan]) -> Plan:
    """The week's greedy plan (see the module docstring), published."""
    built = build_problem(group, week, AllocationWeights(), history=history_from_plans(plans, group, str(week)))
    problem = built.problem
    cost: dict[tuple[str, str], int] = {}
    for c in problem.costs:
        cost[c.employee, c.shift] = cost.get((c.employee, c.shift), 0) + c.amount
    takers: dict[str, list[str]] = {}
    for e in problem.employees:
        for shift in e.eligible or ():
            takers.setdefault(shift, []).append(e.id)
    mine: dict[str, list[str]] = {}
    for d in sorted(problem.demands, key=lambda d: (-d.under_weight, d.id)):
        for shift in d.shifts:
            taken = 0
            for emp in sorted(takers.get(shift, ()), key=lambda e: (cost.get((e, shift), 0), e)):
                if taken >= d.requirement:
                    break
                if not why_not(problem, [(emp, s) for s in mine.get(emp, ())], emp, shift):
                    mine.setdefault(emp, []).append(shift)
                    taken += 1
    assignments = []
    for emp in sorted(mine):
        previous = None
        for code in sorted(mine[emp], key=lambda c: built.requests[c].interval()):
            r = built.requests[code]
            same_day = previous is not None and built.requests[previous].day == r.day
            place = built.places[code]
            start, end = r.interval()
            assignments.append(Assignment(employee=emp, request=code, member=place.member.code,
                                          site=place.site.code, start=start, end=end,
                                          travel_minutes_before=built.travel(previous, code) if same_day else 0))
            previous = code
    return Plan(week=str(week), status="published", assignments=assignments, solver_status="FEASIBLE")


def history_plans() -> tuple[Group, list[Plan]]:
    """The demo group with every past week's requests and absences, and the past weeks' plans."""
    group = demo_group()
    requests = [r for i in range(HISTORY_WEEKS) for r in history_requests(i)]
    group = group.model_copy(update={"requests": requests, "absences": history_absences()})
    plans: list[Plan] = []
    for week in history_weeks():
        days = set(week.days())
        week_group = group.model_copy(update={"requests": [r for r in requests if r.day in days]})
        plans.append(_fill(week_group, week, plans))
    return group, plans


def seed_history(store) -> int:
    """Store the past weeks' requests, absences and published plans, in one transaction; returns how many
    plans were stored (0 when the history is already there: nothing is changed)."""
    weeks = history_weeks()
    with store.session() as repo:
        if any(repo.plans.get_plan(week) is not None for week in weeks):
            return 0
    group, plans = history_plans()
    with store.session() as repo:
        repo.plans.save_requests(group.requests)
        for absence in group.absences:
            repo.people.add_absence(absence)
        for plan in plans:
            repo.plans.save_plan(plan)
    return len(plans)
