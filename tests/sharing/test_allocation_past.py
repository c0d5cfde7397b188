"""Past and closed days in the allocation: the planning window, fixed history, dropped pins, replan --from."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from sharing import Absence, InvalidInput, Request
from sharing.allocation import allocate_week, replan
from sharing.plans import Assignment
from sharing.requests import site_closed
from sharing.window import PlanningWindow

from test_allocation_fixtures import FAST, MONDAY, WEEK, allocate, at, employee, group, member, placed, request, site


def assignment(emp: str, r: Request, pinned: bool = False) -> Assignment:
    start, end = r.interval()
    return Assignment(employee=emp, request=r.code, member=r.member, site=r.site, start=start, end=end, pinned=pinned)


# ---------------------------------------------------------------- the window


def test_days_before_today_are_closed_unless_the_past_is_allowed():
    window = PlanningWindow.of(MONDAY + timedelta(days=2))
    assert window.closed(MONDAY + timedelta(days=1)) and not window.closed(MONDAY + timedelta(days=2))
    with pytest.raises(InvalidInput, match=r"request R1: 2026-12-01 is in the past .*--allow-past"):
        window.refuse_day(MONDAY + timedelta(days=1), "request R1")
    window.refuse_week(WEEK, "allocate")  # the week still has open days
    with pytest.raises(InvalidInput, match=r"allocate: week 2026-W48 is in the past .*--allow-past"):
        window.refuse_week(WEEK.shift(-1), "allocate")
    allowed = PlanningWindow.of(MONDAY + timedelta(days=2), allow_past=True)
    allowed.refuse_day(date(2020, 3, 2), "request R1")
    assert allowed.closed_days(WEEK.days()) == {}


def test_the_last_validated_month_closes_the_days_before_its_end_even_when_today_is_earlier():
    window = PlanningWindow.of(date(2026, 11, 2), validated={"2026-11", "2026-09"})
    assert window.opens == date(2026, 12, 1)
    with pytest.raises(InvalidInput, match="after the validated hours of 2026-11"):
        window.refuse_day(date(2026, 11, 30), "request R1")
    # October was not validated: the past may be planned there, never in the validated months
    allowed = PlanningWindow.of(date(2026, 11, 2), validated={"2026-11", "2026-09"}, allow_past=True)
    assert allowed.closed(date(2026, 10, 15)) is None
    assert "validated" in allowed.closed(date(2026, 11, 30)) and "validated" in allowed.closed(date(2026, 9, 1))


def test_a_day_with_hours_recorded_is_history_even_when_the_past_is_allowed():
    window = PlanningWindow.of(MONDAY, recorded={MONDAY + timedelta(days=3)}, allow_past=True)
    assert window.closed_days(WEEK.days()) == {MONDAY + timedelta(days=3): "2026-12-03 is history: hours are "
                                                                          "recorded that day"}


# ---------------------------------------------------------------- allocating with closed days


def test_a_closed_day_keeps_its_assignments_and_takes_no_one_new():
    # E1 is far (TOLE), E2 is near: unconstrained, E2 takes both; Monday is closed with E1 on R0
    g = group([employee("E1", near="TOLE"), employee("E2")],
              [request("R0", 0, "08:00", "16:00"), request("R1", 1, "08:00", "16:00"),
               request("R2", 0, "08:00", "12:00", member="FORGE")])
    assert placed(allocate(g), "R0") == ["E2"]
    fixed = [assignment("E1", g.requests[0])]
    result = allocate(g, fixed=fixed, closed={MONDAY: "2026-11-30 is closed for planning"})
    assert placed(result, "R0") == ["E1"]  # kept as it was, not moved to the cheaper E2
    assert placed(result, "R1") == ["E2"]
    assert placed(result, "R2") == []  # open headcount on a closed day stays open
    why = next(u for u in result.unfilled if u.request == "R2")
    assert why.reasons == ["R2: 2026-11-30 is closed for planning"]


def test_a_fixed_assignment_holds_even_when_it_no_longer_fits_a_rule():
    # hours were recorded for E1 on Monday; an absence entered afterwards does not rewrite history
    g = group([employee("E1"), employee("E2")], [request("R0", 0, "08:00", "16:00")],
              absences=[Absence(employee="E1", kind="sickness", start=at(0, "00:00"), end=at(1, "00:00"))])
    result = allocate_week(g, WEEK, params=FAST, fixed=[assignment("E1", g.requests[0])],
                           closed={MONDAY: "2026-11-30 is history: hours are recorded that day"})
    assert placed(result, "R0") == ["E1"] and result.dropped_pins == []


# ---------------------------------------------------------------- dropped pins


def test_a_pin_of_an_absent_employee_is_dropped_and_named():
    g = group([employee("E1"), employee("E2")], [request("R1", 2, "08:00", "16:00")],
              absences=[Absence(employee="E1", kind="sickness", start=at(2, "00:00"), end=at(3, "00:00"))])
    result = allocate(g, pins=[assignment("E1", g.requests[0], pinned=True)])
    assert result.dropped_pins == ["pin E1 R1 dropped: E1 is absent (sickness) on 2026-12-02"]
    assert placed(result, "R1") == ["E2"]
    assert "pin E1 R1 dropped: E1 is absent (sickness) on 2026-12-02" in result.summary()


def test_a_pin_on_a_removed_request_is_dropped_and_named():
    g = group([employee("E1")], [request("R1", 0, "08:00", "16:00")])
    gone = request("R9", 1, "08:00", "16:00")
    result = allocate(g, pins=[assignment("E1", gone, pinned=True)])
    assert result.dropped_pins == ["pin E1 R9 dropped: request R9 is no longer in 2026-W49"]


def test_a_pin_a_static_rule_now_forbids_is_dropped_with_the_rule():
    g = group([employee("E1", skills={"TIG": 1}), employee("E2")], [request("R1", 0, "08:00", "16:00", min_level=2)])
    result = allocate(g, pins=[assignment("E1", g.requests[0], pinned=True)])
    assert result.dropped_pins == ["pin E1 R1 dropped: E1: no TIG level 2 (has level 1)"]
    assert placed(result, "R1") == ["E2"]


def test_pins_that_break_a_labour_rule_together_lose_the_latest_one_named():
    # two overlapping pins for E1: the later is dropped, with the clash in words
    g = group([employee("E1"), employee("E2")],
              [request("R1", 0, "08:00", "12:00"), request("R2", 0, "10:00", "14:00", member="FORGE")])
    pins = [assignment("E1", r, pinned=True) for r in g.requests]
    result = allocate(g, pins=pins)
    assert len(result.dropped_pins) == 1
    assert result.dropped_pins[0].startswith("pin E1 R2 dropped: placed at ACIER/MAIN")
    assert "(R1)" in result.dropped_pins[0]
    assert placed(result, "R1") == ["E1"] and placed(result, "R2") == ["E2"]


def test_replan_reports_the_absent_employees_pin_it_drops():
    g = group([employee("E1"), employee("E2")], [request(f"R{d}", d, "08:00", "15:00") for d in range(3)])
    published = allocate(g).plan
    first = published.assignments[0].employee
    assignments = [a.model_copy(update={"pinned": a.employee == first}) for a in published.assignments]
    published = published.model_copy(update={"status": "published", "assignments": assignments})
    result = replan(g, WEEK, published, first, MONDAY + timedelta(days=1), params=FAST)
    later = sorted(a.request for a in published.assignments if a.employee == first and a.start.weekday() >= 1)
    assert later, "the test needs a pinned assignment after the absence"
    assert result.dropped_pins == [f"pin {first} {code} dropped: {first} is absent (other) on "
                                   f"{MONDAY + timedelta(days=int(code[1:]))}" for code in later]
    assert all(a.employee != first for a in result.plan.assignments if a.start.weekday() >= 1)


def test_replan_keeps_the_absent_employees_history_days():
    g = group([employee("E1"), employee("E2")], [request(f"R{d}", d, "08:00", "15:00") for d in range(3)])
    on = [assignment("E1", r) for r in g.requests]
    published = allocate(g, pins=on).plan.model_copy(update={"status": "published"})
    closed = {MONDAY + timedelta(days=2): "2026-12-02 is history: hours are recorded that day"}
    result = replan(g, WEEK, published, "E1", MONDAY + timedelta(days=1), params=FAST, closed=closed)
    assert placed(result, "R0") == ["E1"] and placed(result, "R2") == ["E1"] and placed(result, "R1") == ["E2"]


@pytest.mark.parametrize("day", [MONDAY - timedelta(days=1), MONDAY + timedelta(days=7), date(2020, 3, 2)])
def test_replan_from_a_day_outside_the_week_is_refused(day):
    g = group([employee("E1")], [request("R0", 0, "08:00", "15:00")])
    published = allocate(g).plan.model_copy(update={"status": "published"})
    with pytest.raises(InvalidInput, match=rf"replan --from {day} is outside week 2026-W49 \(Monday 2026-11-30 "
                                           r"to Sunday 2026-12-06\)"):
        replan(g, WEEK, published, "E1", day, params=FAST)


# ---------------------------------------------------------------- closed sites


def test_a_request_when_the_site_is_closed_names_the_site_the_day_and_the_opening_hours():
    where = site("ACIER", opening_hours="mon-thu 07:00-19:00; fri 07:00-12:00")
    saturday = request("R1", 5, "08:00", "12:00")
    assert site_closed(saturday, where) == ("site ACIER/MAIN is closed on Saturday 2026-12-05 "
                                            "(opening hours: mon-thu 07:00-19:00; fri 07:00-12:00)")
    friday = request("R2", 4, "08:00", "16:00")
    assert site_closed(friday, where) == ("site ACIER/MAIN is closed on Friday 2026-12-04 from 08:00 to 16:00 "
                                          "(opening hours: mon-thu 07:00-19:00; fri 07:00-12:00)")
    assert site_closed(request("R3", 3, "07:00", "19:00"), where) is None
    night = request("R4", 3, "21:00", "05:00")
    assert "from 21:00 to 05:00 the next day" in site_closed(night, where)
    assert site_closed(saturday, site("ACIER")) is None  # no opening hours declared: always open


def test_the_member_fixture_accepts_opening_hours():
    assert member("ACIER", opening_hours="mon 08:00-12:00").sites[0].opening_hours["mon"][0].start == time(8)


def test_the_demo_group_is_frozen_on_the_thursday_before_its_week_so_its_whole_week_is_open():
    from sharing.demo import DEMO_TODAY, demo_group

    g = demo_group()
    assert g.settings.today == DEMO_TODAY == date(2026, 11, 26)
    window = PlanningWindow.of(g.settings.today)
    assert window.closed_days(WEEK.days()) == {}
    assert all(window.closed(r.day) is None for r in g.requests)
