"""The compliance checker: a clean plan passes, and each hard rule catches a plan that breaks only it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from consortium.members import Member, Site, siret_is_valid
from sharing import (
    Absence, Assignment, Catalogue, CertificationType, Contract, Employee, Group, GroupSettings, LabourRules,
    Plan, RecurringRequest, Request, Skill, parse_cert_requirements,
)
from sharing.compliance import HARD_RULES, RULE_IDS, Violation, check_plan, history_from_plans, rule, summarise
from consortium.errors import InvalidInput
from sharing.history import EmployeeHistory, History

WEEK = "2026-W49"  # Monday 2026-11-30
MON, TUE, WED, THU, FRI, SAT, SUN = (date(2026, 11, 30) + timedelta(days=i) for i in range(7))


def _siret(prefix: str) -> str:
    return next(prefix + str(d) for d in range(10) if siret_is_valid(prefix + str(d)))


def _request(code, member, site, day, start, end, skill="TIG", **extra) -> Request:
    return Request(code=code, member=member, site=site, skill=skill, day=day, start=time(*start), end=time(*end),
                   **extra)


def make_group(**labour) -> Group:
    """Two members 11 km apart (18 min by road), three employees, a week of requests."""
    main = Site(code="MAIN", name="Usine", latitude=45.0, longitude=5.0, night_work_allowed=True,
                sunday_work_allowed=True, authorisation_required_for=["FORKLIFT"])
    atelier = Site(code="ATELIER", name="Atelier", latitude=45.1, longitude=5.0, opening_hours="mon-fri 07:00-19:00")
    members = [
        Member(code="ACIER", legal_name="Aciers du Rhône", siret=_siret("1234567800001"), sites=[main]),
        Member(code="BOIS", legal_name="Bois et Charpente", siret=_siret("9876543200001"), sites=[atelier]),
    ]
    hab = CertificationType(code="HAB-ELEC", name="Habilitation", levels=["B0", "B1V", "BR"],
                            covers={"BR": ["B1V"], "B1V": ["B0"]})
    catalogue = Catalogue(skills=[Skill(code="TIG", name="Soudage TIG"), Skill(code="FORKLIFT", name="Chariot")],
                          certification_types=[hab])
    common = dict(home_latitude=45.05, home_longitude=5.0, hourly_cost="25")
    employees = [
        Employee(code="E001", first_name="Ana", last_name="Roux", night_worker=True, **common,
                 contract=Contract(start=date(2025, 1, 1), members=["ACIER", "BOIS"]),
                 skills={"TIG": 2, "FORKLIFT": 1},
                 certifications=[{"type": "HAB-ELEC", "level": "BR", "valid_from": date(2025, 1, 1)}],
                 site_authorisations=[{"member": "ACIER", "site": "MAIN", "skill": "FORKLIFT"}]),
        Employee(code="E002", first_name="Bruno", last_name="Vidal", **common,
                 contract=Contract(start=date(2025, 1, 1), weekly_hours=28, members=["ACIER", "BOIS"]),
                 skills={"TIG": 3, "FORKLIFT": 1},
                 certifications=[{"type": "HAB-ELEC", "level": "BR", "valid_from": date(2025, 1, 1),
                                  "valid_to": date(2026, 11, 29)}]),
        Employee(code="E003", first_name="Chloé", last_name="Marin", minor=True, **common,
                 contract=Contract(kind="CDD", start=date(2026, 9, 1), end=date(2027, 6, 30), members=["ACIER"]),
                 skills={"TIG": 1}),
    ]
    series = [
        RecurringRequest(code="DAY", member="ACIER", site="MAIN", skill="TIG", start=time(5), end=time(22),
                         headcount=5, weekdays=list(range(7)), first_day=MON - timedelta(days=7), last_day=SUN),
        RecurringRequest(code="NIGHT", member="ACIER", site="MAIN", skill="TIG", start=time(20), end=time(7),
                         ends_next_day=True, headcount=5, weekdays=list(range(7)), first_day=MON, last_day=SUN),
        RecurringRequest(code="BOIS", member="BOIS", site="ATELIER", skill="TIG", start=time(7), end=time(19),
                         headcount=2, min_chunk_hours=2, weekdays=list(range(5)), first_day=MON, last_day=FRI),
    ]
    requests = [r for s in series for r in s.expand()] + [
        _request("R-WELD-MON", "ACIER", "MAIN", MON, (8,), (16,), min_level=2,
                 certifications=parse_cert_requirements("HAB-ELEC:B1V")),
        _request("R-TIG3-TUE", "ACIER", "MAIN", TUE, (8,), (12,), min_level=3),
        _request("R-LIFT-TUE", "ACIER", "MAIN", TUE, (8,), (12,), skill="FORKLIFT"),
        _request("R-MAIN-TUE", "ACIER", "MAIN", TUE, (8,), (12,)),
        _request("R-BOIS-EARLY", "BOIS", "ATELIER", TUE, (6,), (10,)),
    ]
    absences = [Absence(employee="E002", kind="sickness", start=datetime(2026, 12, 2), end=datetime(2026, 12, 3))]
    return Group(settings=GroupSettings(labour=LabourRules(**labour)), catalogue=catalogue, members=members,
                 employees=employees, absences=absences, requests=requests)


GROUP = make_group()
_REQUESTS = {r.code: r for r in GROUP.requests}


def put(employee: str, request: str, start: tuple, end: tuple, *, day: date | None = None) -> Assignment:
    """Place an employee on a request from `start` to `end` (hour, minute) on the request's day."""
    r = _REQUESTS.get(request)
    day = day or r.day
    lo = datetime.combine(day, time(*start))
    hi = datetime.combine(day, time(*end))
    if hi <= lo:
        hi += timedelta(days=1)
    return Assignment(employee=employee, request=request, member=r.member if r else "ACIER",
                      site=r.site if r else "MAIN", start=lo, end=hi)


def plan(*assignments: Assignment) -> Plan:
    return Plan(week=WEEK, assignments=list(assignments))


def _every_day(employee, days, start, end):
    return [put(employee, f"DAY-{d:%m%d}", start, end) for d in days]


CLEAN = plan(
    put("E001", "R-WELD-MON", (8,), (12,)),
    put("E001", "BOIS-1130", (13,), (17,)),
    put("E002", "BOIS-1130", (8,), (12,)),
    put("E001", "R-LIFT-TUE", (8,), (12,)),
    put("E003", "DAY-1201", (8,), (12,)),
    put("E001", "NIGHT-1203", (21,), (5,)),
)

# rule id -> (plan, history, labour settings, employee and day the message must name)
CASES = {
    "unknown_reference": (plan(put("E999", "DAY-1130", (8,), (12,))), None, {}, ("E999", MON)),
    "within_request": (plan(put("E002", "BOIS-1130", (8,), (9,))), None, {}, ("E002", MON)),
    "skill_level": (plan(put("E001", "R-TIG3-TUE", (8,), (12,))), None, {}, ("E001", TUE)),
    "certification": (plan(put("E002", "R-WELD-MON", (8,), (12,))), None, {}, ("E002", MON)),
    "contract_member": (plan(put("E003", "BOIS-1130", (8,), (12,))), None, {}, ("E003", MON)),
    "site_authorisation": (plan(put("E002", "R-LIFT-TUE", (8,), (12,))), None, {}, ("E002", TUE)),
    "absence": (plan(put("E002", "DAY-1202", (8,), (12,))), None, {}, ("E002", WED)),
    "opening_hours": (plan(put("E001", "R-BOIS-EARLY", (6,), (10,))), None, {}, ("E001", TUE)),
    "night_work": (plan(put("E003", "NIGHT-1130", (20,), (23,))), None, {}, ("E003", MON)),
    "headcount": (plan(put("E001", "R-MAIN-TUE", (8,), (12,)), put("E003", "R-MAIN-TUE", (9,), (11,))),
                  None, {}, ("E003", TUE)),
    "no_overlap_travel": (plan(put("E001", "DAY-1130", (8,), (12,)), put("E001", "BOIS-1130", (12, 10), (16,))),
                          None, {}, ("E001", MON)),
    "max_daily_hours": (plan(put("E001", "DAY-1201", (7,), (12,)), put("E001", "BOIS-1201", (12, 30), (17, 20))),
                        None, {}, ("E001", TUE)),
    "max_weekly_hours": (plan(*_every_day("E002", [MON, TUE, THU, FRI], (8,), (16,))), None, {}, ("E002", MON)),
    "average_weekly_hours": (
        plan(*_every_day("E001", [MON, TUE, WED, THU, FRI], (7,), (16,))),
        History(week=WEEK, employees={"E001": EmployeeHistory(
            weekly_minutes={f"2026-W{w}": 46 * 60 for w in range(38, 49)})}),
        {}, ("E001", MON)),
    "daily_rest": (plan(put("E001", "DAY-1130", (13,), (21,)), put("E001", "DAY-1201", (6,), (14,))),
                   None, {}, ("E001", TUE)),
    "weekly_rest": (plan(*_every_day("E001", [MON, TUE, WED, THU, FRI, SAT], (8,), (16,))), None, {}, ("E001", MON)),
    "max_days_per_week": (
        plan(put("E001", "DAY-1130", (5,), (7,)), put("E001", "DAY-1201", (20,), (21,)),
             *_every_day("E001", [WED, THU, FRI, SAT, SUN], (8,), (16,))),
        None, {"max_consecutive_days": 7}, ("E001", SUN)),
    "max_consecutive_days": (
        plan(*_every_day("E001", [MON, TUE, WED, THU], (8,), (16,))),
        History(week=WEEK, employees={"E001": EmployeeHistory(consecutive_days=3)}), {}, ("E001", THU)),
    "part_time_interruptions": (
        plan(put("E002", "DAY-1201", (8,), (10,)), put("E002", "DAY-1201", (11,), (12,)),
             put("E002", "DAY-1201", (14,), (16,))),
        None, {}, ("E002", TUE)),
}


def test_a_clean_plan_has_no_violations():
    assert check_plan(CLEAN, GROUP) == []


def test_every_registry_rule_has_a_planted_case():
    assert set(CASES) == set(RULE_IDS)
    assert len(RULE_IDS) == len(set(RULE_IDS))


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_a_planted_violation_is_reported_by_exactly_its_rule(rule_id):
    the_plan, history, labour, (employee, day) = CASES[rule_id]
    violations = check_plan(the_plan, make_group(**labour) if labour else GROUP, history)
    assert {v.rule for v in violations} == {rule_id}, [str(v) for v in violations]
    assert any(employee in v.message and f"{day:%Y-%m-%d}" in v.message for v in violations)
    assert all(v.label == rule(rule_id).label for v in violations)


def test_daily_maximum_message_counts_travel_between_sites():
    the_plan, *_ = CASES["max_daily_hours"]
    [violation] = check_plan(the_plan, GROUP)
    assert violation.message == "E001 works 10 h 08 on Tue 2026-12-01 including 18 min travel (max 10 h)"
    assert (violation.employee, violation.day) == ("E001", TUE)


def test_an_expired_certification_does_not_count_but_a_covering_level_does():
    assert check_plan(plan(put("E001", "R-WELD-MON", (8,), (12,))), GROUP) == []
    [violation] = check_plan(plan(put("E002", "R-WELD-MON", (8,), (12,))), GROUP)
    assert "HAB-ELEC:B1V" in violation.message


def test_history_carries_the_rest_before_monday_into_the_week():
    the_plan, *_ = CASES["weekly_rest"]
    history = History(week=WEEK, employees={"E001": EmployeeHistory(last_shift_end=datetime(2026, 11, 28, 16))})
    assert check_plan(the_plan, GROUP, history) == []


def test_history_last_shift_breaks_the_daily_rest_across_the_week_boundary():
    history = History(employees={"E001": EmployeeHistory(last_shift_end=datetime(2026, 11, 29, 23))})
    [violation] = check_plan(plan(put("E001", "DAY-1130", (8,), (12,))), GROUP, history)
    assert violation.rule == "daily_rest" and "rests 9 h" in violation.message


def test_two_assignments_at_once_overlap():
    violations = check_plan(plan(put("E001", "DAY-1130", (8,), (12,)), put("E001", "R-WELD-MON", (11,), (15,))), GROUP)
    assert summarise(violations) == {"no_overlap_travel": 1}
    assert "twice at once" in violations[0].message


def test_a_full_time_week_above_48_hours_breaks_the_weekly_maximum():
    violations = check_plan(plan(*_every_day("E001", [MON, TUE, WED, THU, FRI], (7,), (17,))), GROUP)
    assert summarise(violations) == {"max_weekly_hours": 1}
    assert "50 h" in violations[0].message


def test_an_inactive_contract_breaks_the_contract_rule():
    late = put("E003", "DAY-1130", (8,), (12,), day=date(2027, 7, 5))
    assert "not active" in check_plan(plan(late), GROUP, rules=["contract_member"])[0].message


def test_aware_times_are_read_in_the_group_time_zone():
    paris = ZoneInfo("Europe/Paris")
    a = put("E001", "BOIS-1130", (8,), (12,))
    utc = a.model_copy(update={"start": a.start.replace(tzinfo=paris).astimezone(ZoneInfo("UTC")),
                               "end": a.end.replace(tzinfo=paris).astimezone(ZoneInfo("UTC"))})
    assert check_plan(plan(utc), GROUP) == []


def test_summarise_counts_per_rule_and_rules_can_be_selected():
    violations = check_plan(plan(put("E999", "NOPE", (8,), (12,), day=MON), put("E003", "BOIS-1130", (8,), (12,))),
                            GROUP)
    assert summarise(violations) == {"unknown_reference": 1, "contract_member": 1}
    assert isinstance(violations[0], Violation) and violations[0].employee == "E999"
    assert check_plan(CASES["skill_level"][0], GROUP, rules=["absence"]) == []
    with pytest.raises(InvalidInput, match="unknown rule"):
        check_plan(CLEAN, GROUP, rules=["nap_time"])


def test_a_bad_week_or_a_history_for_another_week_is_refused():
    with pytest.raises(InvalidInput, match="week"):
        check_plan(Plan(week="2026-49"), GROUP)
    with pytest.raises(InvalidInput, match="2026-W48"):
        check_plan(CLEAN, GROUP, History(week="2026-W48"))


def test_rules_have_stable_ids_and_labels():
    assert all(r.id and r.label and callable(r.check) for r in HARD_RULES)
    with pytest.raises(KeyError):
        rule("nap_time")


def test_history_from_earlier_plans_carries_minutes_last_shift_and_streak():
    last_week = Plan(week="2026-W48", assignments=_every_day("E001", [MON - timedelta(days=d) for d in range(6, 0, -1)],
                                                             (8,), (16,)))
    previous = History(employees={"E002": EmployeeHistory(weekly_minutes={"2026-W40": 600})},
                       fairness_deficit_hours={"BOIS": 2.5})
    history = history_from_plans([last_week, CLEAN], GROUP, WEEK, previous)
    e001 = history.employee("E001")
    assert e001.weekly_minutes == {"2026-W48": 48 * 60}
    assert e001.last_shift_end == datetime(2026, 11, 29, 16)
    assert e001.consecutive_days == 6
    assert history.weekly_minutes("E002", "2026-W40") == 600
    assert history.fairness_deficit_hours == {"BOIS": 2.5}
    violations = check_plan(plan(put("E001", "DAY-1130", (8,), (12,))), GROUP, history)
    assert summarise(violations) == {"max_consecutive_days": 1}
