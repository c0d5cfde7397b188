"""One test per hard rule, each on a case where the rule binds: without it more would be filled."""

from __future__ import annotations

from datetime import date

from sharing import Absence, Certification, CertRequirement, SiteAuthorisation
from sharing.history import EmployeeHistory, History

from test_allocation_fixtures import (MONDAY, WEEK, allocate, at, employee, filled, group, member, placed, reasons,
                                      request)


# --- static rules: the pair is never eligible -------------------------------------------------------

def test_skill_level_below_the_request_leaves_it_unfilled():
    g = group([employee("E1")], [request("R1", 0, "08:00", "12:00", min_level=3)])
    result = allocate(g)
    assert filled(result) == set()
    assert "no tig level 3 (has level 2)" in reasons(result, "R1")


def test_an_expired_certification_does_not_count():
    cert = Certification(type="HAB-ELEC", level="BR", valid_from=date(2024, 1, 1), valid_to=MONDAY)
    need = [CertRequirement(type="HAB-ELEC", level="BR")]
    g = group([employee("E1", certifications=[cert])],
              [request("R0", 0, "08:00", "12:00", certifications=need),
               request("R1", 1, "08:00", "12:00", certifications=need)])
    result = allocate(g)
    assert filled(result) == {"R0"}
    assert f"hab-elec br expired on {MONDAY}" in reasons(result, "R1")


def test_the_contract_must_list_the_member():
    g = group([employee("E1", members=["ACIER"])], [request("R1", 0, "08:00", "12:00", member="FORGE")])
    result = allocate(g)
    assert filled(result) == set()
    assert "contract does not list forge" in reasons(result, "R1")


def test_a_site_authorisation_is_needed_where_the_site_requires_one():
    members = [member("ACIER", authorisation_required_for=["TIG"]), member("FORGE")]
    auth = SiteAuthorisation(member="ACIER", site="MAIN", skill="TIG")
    g = group([employee("E1"), employee("E2", site_authorisations=[auth])],
              [request("R1", 0, "08:00", "12:00", headcount=2)], members=members)
    result = allocate(g)
    assert placed(result, "R1") == ["E2"]
    assert "no tig authorisation at acier/main" in reasons(result, "R1")


def test_nobody_is_placed_during_an_absence():
    leave = Absence(employee="E1", kind="leave", start=at(1, "00:00"), end=at(2, "00:00"))
    g = group([employee("E1")], [request("R0", 0, "08:00", "12:00"), request("R1", 1, "08:00", "12:00")],
              absences=[leave])
    result = allocate(g)
    assert filled(result) == {"R0"}
    assert "on leave tuesday" in reasons(result, "R1")


def test_night_work_is_for_night_workers_only_and_never_for_minors():
    g = group([employee("E1"), employee("E2", minor=True), employee("E3", night_worker=True)],
              [request("R1", 0, "21:00", "05:00", headcount=3)])
    result = allocate(g)
    assert placed(result, "R1") == ["E3"]
    text = reasons(result, "R1")
    assert "not a night worker" in text and "a minor: no night work" in text


def test_no_night_work_at_a_site_that_does_not_allow_it():
    g = group([employee("E1", night_worker=True)], [request("R1", 0, "21:00", "05:00")],
              members=[member("ACIER", night_work_allowed=False)])
    result = allocate(g)
    assert filled(result) == set()
    assert "allows no night work" in reasons(result, "R1")


def test_sunday_work_only_where_the_site_allows_it():
    g = group([employee("E1")], [request("R1", 6, "08:00", "12:00")],
              members=[member("ACIER", sunday_work_allowed=False)])
    result = allocate(g)
    assert filled(result) == set()
    assert "allows no sunday work" in reasons(result, "R1")


def test_placements_stay_inside_the_opening_hours():
    g = group([employee("E1")], [request("R0", 0, "08:00", "12:00"), request("R1", 1, "05:00", "12:00")],
              members=[member("ACIER", opening_hours="mon-sat 06:00-20:00")])
    result = allocate(g)
    assert filled(result) == {"R0"}
    assert "closed at that time" in reasons(result, "R1")


def test_an_excluded_employee_is_never_placed_on_the_request():
    g = group([employee("E1")], [request("R1", 0, "08:00", "12:00", excluded_employees=["E1"])])
    result = allocate(g)
    assert filled(result) == set()
    assert "excluded by acier" in reasons(result, "R1")


# --- rules on the plan as a whole: the engine's -----------------------------------------------------

def test_no_one_is_in_two_places_at_once():
    g = group([employee("E1")], [request("R1", 0, "08:00", "12:00", priority="critical"),
                                 request("R2", 0, "10:00", "14:00", member="FORGE")])
    result = allocate(g)
    assert filled(result) == {"R1"}
    assert "placed at acier/main for a critical request (r1) at the same time" in reasons(result, "R2")


def test_travel_time_between_sites_is_kept_free():
    g = group([employee("E1")], [request("R1", 0, "08:00", "12:00", priority="critical"),
                                 request("R2", 0, "12:10", "15:00", member="TOLE")])
    result = allocate(g)
    assert filled(result) == {"R1"}
    assert "min from acier/main (r1), no time to travel" in reasons(result, "R2")


def test_at_most_ten_hours_a_day_travel_between_sites_included():
    g = group([employee("E1")], [request("R1", 0, "06:00", "13:00", priority="critical"),
                                 request("R2", 0, "13:05", "16:00", member="FORGE")])
    # 7 h + 2 min of travel + 2 h 55 = 9 h 57 fits; at 3 h 05 it would not.
    assert filled(allocate(g)) == {"R1", "R2"}
    g = group([employee("E1")], [request("R1", 0, "06:00", "13:00", priority="critical"),
                                 request("R2", 0, "13:05", "16:05", member="FORGE")])
    result = allocate(g)
    assert filled(result) == {"R1"}
    assert "would exceed 10 h on monday" in reasons(result, "R2")


def test_at_most_48_hours_a_week():
    g = group([employee("E1")], [request(f"R{d}", d, "08:00", "18:00") for d in range(5)], weekly_rest_hours=0)
    result = allocate(g)
    assert len(filled(result)) == 4
    missing = next(u.request for u in result.unfilled)
    assert "would exceed the 48 h this week" in reasons(result, missing)


def test_part_time_is_capped_at_contract_plus_complementary_hours():
    g = group([employee("E1", weekly_hours=24)], [request(f"R{d}", d, "08:00", "16:00") for d in range(4)])
    result = allocate(g)
    assert len(filled(result)) == 3  # 32 h > 24 h + 10 %
    missing = next(u.request for u in result.unfilled)
    assert "part-time limit of 26.4 h" in reasons(result, missing)


def test_the_44_hour_average_over_12_weeks_binds_after_heavy_weeks():
    heavy = {str(WEEK.shift(-k)): 46 * 60 for k in range(1, 12)}
    history = History(week=str(WEEK), employees={"E1": EmployeeHistory(weekly_minutes=heavy)})
    g = group([employee("E1")], [request(f"R{d}", d, "08:00", "16:00") for d in range(3)])
    result = allocate(g, history=history)
    assert len(filled(result)) == 2  # 12 x 44 - 11 x 46 = 22 h left
    missing = next(u.request for u in result.unfilled)
    assert "44 h average over 12 weeks" in reasons(result, missing)


def test_eleven_hours_of_daily_rest():
    g = group([employee("E1")], [request("R1", 0, "12:00", "20:00", priority="critical"),
                                 request("R2", 1, "06:00", "14:00")])
    result = allocate(g)
    assert filled(result) == {"R1"}
    assert "11 h rest after monday at acier/main (r1)" in reasons(result, "R2")


def test_daily_rest_runs_across_the_week_boundary():
    history = History(week=str(WEEK), employees={"E1": EmployeeHistory(last_shift_end=at(-1, "22:00"))})
    g = group([employee("E1")], [request("R1", 0, "06:00", "12:00"),
                                 request("R2", 0, "09:00", "12:00", member="FORGE")])
    result = allocate(g, history=history)
    assert filled(result) == {"R2"}
    assert "11 h rest after last week's last shift" in reasons(result, "R1")


def test_a_35_hour_weekly_rest():
    # Tuesday to Sunday, 06:00-14:00: the longest rest is Monday (30 h) unless one day goes.
    g = group([employee("E1")], [request(f"R{d}", d, "06:00", "14:00") for d in range(1, 7)])
    result = allocate(g)
    assert len(filled(result)) == 5
    missing = next(u.request for u in result.unfilled)
    assert "35 h weekly rest" in reasons(result, missing)


def test_the_weekly_rest_must_end_by_sunday_midnight():
    # Monday to Saturday, 06:00-14:00: Saturday 14:00 to Sunday 24:00 is only 34 h.
    g = group([employee("E1")], [request(f"R{d}", d, "06:00", "14:00") for d in range(6)])
    result = allocate(g)
    assert len(filled(result)) == 5
    missing = next(u.request for u in result.unfilled)
    assert "35 h weekly rest" in reasons(result, missing)


def test_at_most_six_days_a_week():
    g = group([employee("E1")], [request(f"R{d}", d, "08:00", "12:00") for d in range(7)], weekly_rest_hours=0)
    result = allocate(g)
    assert len(filled(result)) == 6
    missing = next(u.request for u in result.unfilled)
    assert "more than 6 days this week" in reasons(result, missing)


def test_consecutive_days_count_the_days_before_the_week():
    history = History(week=str(WEEK),
                      employees={"E1": EmployeeHistory(consecutive_days=5, last_shift_end=at(-1, "12:00"))})
    g = group([employee("E1")], [request("R0", 0, "08:00", "12:00", priority="critical"),
                                 request("R1", 1, "08:00", "12:00")],
              weekly_rest_hours=0)
    result = allocate(g, history=history)
    assert filled(result) == {"R0"}
    assert "more than 6 days in a row" in reasons(result, "R1")


def test_part_time_has_at_most_one_interruption_a_day():
    slots = [("08:00", "10:00"), ("11:00", "13:00"), ("14:00", "16:00")]
    requests = [request(f"R{i}", 0, a, b) for i, (a, b) in enumerate(slots)]
    assert len(filled(allocate(group([employee("E1")], requests)))) == 3
    result = allocate(group([employee("E1", weekly_hours=24)], requests))
    assert len(filled(result)) == 2
    missing = next(u.request for u in result.unfilled)
    assert "at most 1 interruption" in reasons(result, missing)


def test_never_more_people_than_requested_even_when_staff_is_idle():
    g = group([employee("E1"), employee("E2"), employee("E3")], [request("R1", 0, "08:00", "16:00", headcount=2)])
    result = allocate(g)
    assert len(placed(result, "R1")) == 2
