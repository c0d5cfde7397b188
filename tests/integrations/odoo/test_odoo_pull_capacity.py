"""Capacity from Odoo calendars as Odoo counts it: lunch breaks are not work, leaves in the calendar's zone."""

from __future__ import annotations

from datetime import date

from consortium.errors import NotFound
from integrations.odoo.capacity import pull_capacity, workcenter_capacity
from integrations.odoo.work_hours import work_hours
from integrations.odoo.testing.calendars import default_week



WEEK = "2026-W50"  # Monday 7 December 2026
# Tuesday 8 December, 08:00-17:00 in Paris (winter: UTC+1), stored by Odoo in UTC.
PARIS_TUESDAY = ("2026-12-08 07:00:00", "2026-12-08 16:00:00")


def workcenter(gateway, name: str, tz: str, closures=(), own_leaves=()) -> dict:
    """A work centre on a new calendar (Odoo's default week) in ``tz``, with global and own leaves."""
    cal = gateway.create("resource.calendar", [{"name": f"{name} calendar", "tz": tz}])[0]
    res = gateway.create("resource.resource", [{"name": name, "calendar_id": cal, "tz": tz}])[0]
    gateway.create("mrp.workcenter", [{"name": name, "resource_calendar_id": cal, "resource_id": res,
                                       "time_efficiency": 100}])
    leaves = [{"name": "Closure", "calendar_id": cal, "resource_id": False, "date_from": a, "date_to": b,
               "time_type": "leave"} for a, b in closures]
    leaves += [{"name": "Maintenance", "calendar_id": cal, "resource_id": res, "date_from": a, "date_to": b,
                "time_type": "leave"} for a, b in own_leaves]
    if leaves:
        gateway.create("resource.calendar.leaves", leaves)
    return {"calendar": cal, "resource": res}


def refuse(*args, **kwargs):
    raise AssertionError("a dry run declares nothing")


def hours_of(gateway, name: str, week: str = WEEK) -> float:
    rows, _report = pull_capacity(None, gateway, "ACME", [week], declare=refuse, dry_run=True)
    return next(r.hours for r in rows if r.workcenter == name)


def test_a_pull_declares_each_work_centres_week_through_the_callers_function(gateway):
    declared = []

    def declare(repo, member, resource, week, hours, source):
        if resource == "DRILL_STATION_1":
            raise NotFound(f"no resource {member}/{resource}")
        declared.append((repo, member, resource, week, hours, source))

    _rows, report = pull_capacity("the repo", gateway, "ACME", [WEEK], declare=declare)
    assert declared == [("the repo", "ACME", "ASSEMBLY_LINE_1", WEEK, 35.0, "erp"),
                        ("the repo", "ACME", "ASSEMBLY_LINE_2", WEEK, 40.0, "erp")]
    assert report.created == 2 and report.problems == ["Drill Station 1: no resource ACME/DRILL_STATION_1"]


def test_the_standard_40_hours_calendar_gives_40_hours_not_45(gateway):
    # Captured calendar 1 has Monday-Friday 8-12, a lunch row 12-13 and 13-17: the lunch is a break.
    lunch = gateway.search_count("resource.calendar.attendance",
                                 [("calendar_id", "=", 1), ("day_period", "=", "lunch")])
    assert lunch == 5
    assert hours_of(gateway, "Drill Station 1") == 40


def test_a_one_day_closure_in_paris_leaves_32_hours(gateway):
    workcenter(gateway, "Press", "Europe/Paris", closures=[PARIS_TUESDAY])
    assert hours_of(gateway, "Press") == 32
    assert hours_of(gateway, "Press", "2026-W51") == 40
    # A whole-day public holiday as Odoo stores it: local midnight to 23:59:59, in UTC.
    workcenter(gateway, "Brake", "Europe/Paris", closures=[("2026-12-07 23:00:00", "2026-12-08 22:59:59")])
    assert hours_of(gateway, "Brake") == 32


def test_the_same_utc_closure_is_the_morning_only_in_new_york(gateway):
    # 07:00-16:00 UTC is 02:00-11:00 in New York: 3 hours of the Tuesday morning are closed.
    workcenter(gateway, "Lathe", "America/New_York", closures=[PARIS_TUESDAY])
    assert hours_of(gateway, "Lathe") == 37
    workcenter(gateway, "Mill", "America/New_York", closures=[("2026-12-08 13:00:00", "2026-12-08 22:00:00")])
    assert hours_of(gateway, "Mill") == 32


def test_the_work_centres_own_leave_counts_and_another_resources_does_not(gateway):
    wc = workcenter(gateway, "Oven", "Europe/Paris", own_leaves=[("2026-12-09 07:00:00", "2026-12-09 11:00:00")])
    other = gateway.create("resource.resource", [{"name": "Somebody", "calendar_id": wc["calendar"]}])[0]
    gateway.create("resource.calendar.leaves", [{"name": "Off", "calendar_id": wc["calendar"], "resource_id": other,
                                                 "date_from": "2026-12-10 07:00:00",
                                                 "date_to": "2026-12-10 16:00:00", "time_type": "leave"}])
    assert hours_of(gateway, "Oven") == 36  # Wednesday morning 08:00-12:00 Paris only


def test_overlapping_leaves_and_training_time_are_not_counted_twice(gateway):
    wc = workcenter(gateway, "Saw", "Europe/Paris", closures=[PARIS_TUESDAY, PARIS_TUESDAY])
    gateway.create("resource.calendar.leaves", [{"name": "Training", "calendar_id": wc["calendar"],
                                                 "resource_id": False, "date_from": "2026-12-09 07:00:00",
                                                 "date_to": "2026-12-09 16:00:00", "time_type": "other"}])
    assert hours_of(gateway, "Saw") == 32


def test_a_captured_public_holiday_in_brussels_is_a_whole_friday(gateway):
    # Public Time Off 2026-02-13 05:00-17:00 UTC is 06:00-18:00 in Brussels, the calendar's zone.
    assert hours_of(gateway, "Drill Station 1", "2026-W07") == 32


def test_a_new_calendar_gets_odoos_default_week_with_lunch_breaks(gateway):
    cal = gateway.create("resource.calendar", [{"name": "Fresh"}])[0]
    rows = gateway.search_read("resource.calendar.attendance", [("calendar_id", "=", cal)],
                               ["day_period", "hour_from", "hour_to"])
    assert len(rows) == 15 and sum(r["day_period"] == "lunch" for r in rows) == 5
    assert gateway.read("resource.calendar", [cal], ["tz"])[0]["tz"] == "Europe/Brussels"


def test_the_captured_35_and_38_hour_calendars_are_complete(gateway):
    calendars = gateway.read("resource.calendar", [2, 3, 4], ["attendance_ids", "tz", "two_weeks_calendar"])
    rows = gateway.search_read("resource.calendar.attendance", [("calendar_id", "in", [2, 3, 4])],
                               ["calendar_id", "dayofweek", "day_period", "hour_from", "hour_to", "display_type",
                                "week_type", "date_from", "date_to", "resource_id"])
    got = {c["id"]: round(work_hours([r for r in rows if r["calendar_id"][0] == c["id"]], [], c["tz"],
                                     date(2026, 12, 7), date(2026, 12, 14)), 2) for c in calendars}
    assert got == {2: 35, 3: 38, 4: 40}


def test_a_two_week_calendar_takes_the_rows_of_the_weeks_parity():
    first = [{**r, "week_type": "0", "calendar_id": [9, "x"]} for r in default_week()]
    second = [{**r, "week_type": "1", "calendar_id": [9, "x"]} for r in default_week(6.0) if r["dayofweek"] != "4"]
    wc = {"id": 1, "name": "Two weeks", "resource_calendar_id": [9, "x"], "time_efficiency": 100}
    cal = {"id": 9, "tz": "Europe/Paris", "two_weeks_calendar": True}
    rows = workcenter_capacity([wc], [cal], first + second, [], [], ["2026-W50", "2026-W51"])
    # 2026-12-07 has ordinal parity 0 (Odoo's first week): 40 h, then 4 days of 6 h.
    assert [r.hours for r in rows] == [40, 24]


def test_a_week_with_the_clock_change_still_counts_wall_clock_hours():
    rows = [{**r, "calendar_id": [9, "x"]} for r in default_week()]
    assert work_hours(rows, [], "Europe/Paris", date(2026, 3, 23), date(2026, 3, 30)) == 40
    assert work_hours(rows, [], "Europe/Paris", date(2026, 10, 19), date(2026, 10, 26)) == 40
