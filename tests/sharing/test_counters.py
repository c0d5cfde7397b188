"""Counters from hours worked: weekly minutes, streaks, annualised hours, idle time, fairness deficits,
and the History they make binding the next allocation."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sharing.counters import annual_counter, fair_shares, history_for_week, idle_minutes, week_shortfalls
from sharing.hours import WorkedLine

from test_allocation_fixtures import WEEK, allocate, at, employee, filled, group, member, reasons, request


def worked(emp, day, start="08:00", end="16:00", member_code="ACIER", request_code=None, travel=0):
    return WorkedLine(employee=emp, request=request_code or f"W{emp}{day}", member=member_code, site="MAIN",
                      day=at(day, start).date(), start=at(day, start), end=at(day, end), travel_minutes=travel)


def test_weekly_minutes_last_shift_end_and_streak_come_from_the_hours_worked():
    lines = [worked("E1", d) for d in range(-5, 0)] + [worked("E1", -1, "17:00", "19:30", travel=20)]
    past = history_for_week(lines, [], WEEK, {}).employee("E1")
    assert past.weekly_minutes == {str(WEEK.shift(-1)): 5 * 480 + 150 + 20}
    assert past.last_shift_end == at(-1, "19:30")
    assert past.consecutive_days == 5


def test_annualised_hours_against_1607_pro_rata_for_part_time():
    full = employee("E1")
    part = employee("E2", weekly_hours=28)
    lines = [worked("E1", -d) for d in range(1, 11)]
    counter = annual_counter(full, lines, 2026, date(2026, 12, 31))
    assert (counter.worked_hours, counter.target_hours) == (Decimal("80.00"), Decimal("1607.00"))
    assert annual_counter(part, [], 2026, date(2026, 12, 31)).target_hours == Decimal("1285.60")  # 1607 x 28/35
    assert annual_counter(full, [], 2026, date(2026, 7, 2)).expected_hours == Decimal("807.91")  # 183 / 364


def test_idle_contracted_hours_exclude_work_travel_and_planned_absences():
    e = employee("E1")
    absent = worked("E1", 2).model_copy(update={"start": None, "end": None, "source": "absent",
                                                "planned_minutes": 480})
    lines = [worked("E1", 0, travel=30), worked("E1", 1), absent]
    assert idle_minutes([e], lines, WEEK) == {"E1": 35 * 60 - 510 - 480 - 480}


def test_fair_shares_follow_entitlement_and_never_exceed_the_demand():
    assert fair_shares(30, {"A": 40, "B": 40}, {"A": 2, "B": 1}) == {"A": 20, "B": 10}
    assert fair_shares(30, {"A": 5, "B": 40}, {"A": 1, "B": 1}) == {"A": 5, "B": 25}


def test_a_member_is_short_only_when_demand_exceeded_supply():
    last = WEEK.shift(-1)
    asks = [request(f"A{d}", d - 7, "08:00", "16:00", "ACIER") for d in range(2)] + \
           [request(f"F{d}", d - 7, "08:00", "16:00", "FORGE") for d in range(2)]
    lines = [worked("E1", -7, member_code="FORGE"), worked("E1", -6, member_code="FORGE")]
    assert week_shortfalls(asks, lines, last, {"ACIER": 1, "FORGE": 1}) == {"ACIER": 8.0, "FORGE": -8.0}
    enough = lines + [worked("E2", -7), worked("E2", -6)]
    assert week_shortfalls(asks, enough, last, {"ACIER": 1, "FORGE": 1}) == {}


def test_eleven_heavy_weeks_of_recorded_hours_make_the_44_hour_average_bind():
    # 11 weeks of 46 h worked (5 x 9 h 12) leave 12 x 44 - 11 x 46 = 22 h for the week: 2 shifts of 8 h.
    lines = [worked("E1", -7 * k + d, "07:00", "16:12") for k in range(1, 12) for d in range(5)]
    history = history_for_week(lines, [], WEEK, {})
    assert history.weekly_minutes("E1", str(WEEK.shift(-1))) == 46 * 60
    g = group([employee("E1")], [request(f"R{d}", d, "08:00", "16:00") for d in range(3)])
    result = allocate(g, history=history)
    assert len(filled(result)) == 2
    missing = next(u.request for u in result.unfilled)
    assert "44 h average over 12 weeks" in reasons(result, missing)


def test_a_member_short_changed_last_week_gets_priority_this_week():
    # Last week ACIER and FORGE each asked 2 shifts, only FORGE was served: ACIER is 8 h short.
    asks = [request(f"A{d}", d - 7, "08:00", "16:00", "ACIER") for d in range(2)] + \
           [request(f"F{d}", d - 7, "08:00", "16:00", "FORGE") for d in range(2)]
    lines = [worked("E1", -7, member_code="FORGE"), worked("E1", -6, member_code="FORGE")]
    entitlement = {"ACIER": 1.0, "FORGE": 1.0}
    history = history_for_week(lines, asks, WEEK, entitlement)
    assert history.fairness_deficit_hours == {"ACIER": 8.0, "FORGE": -8.0}
    # This week both ask for the same Monday shift and there is one person: all else equal, ACIER gets it.
    this_week = [request("AW", 0, "08:00", "16:00", "ACIER"), request("FW", 0, "08:00", "16:00", "FORGE")]
    same_place = [member("ACIER"), member("FORGE", latitude=47.80)]  # no commute difference either
    g = group([employee("E1", near="ACIER")], this_week, members=same_place)
    placed_with = {a.request for a in allocate(g, history=history).plan.assignments}
    assert placed_with == {"AW"}
    flipped = history.model_copy(update={"fairness_deficit_hours": {"ACIER": -8.0, "FORGE": 8.0}})
    assert {a.request for a in allocate(g, history=flipped).plan.assignments} == {"FW"}
