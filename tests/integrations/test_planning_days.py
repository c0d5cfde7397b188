"""Past and closed days through the command line, on a tiny tmp SQLite group (today set by MUTUALIS_TODAY).

Week 2026-W49: Monday 30 November to Sunday 6 December 2026; ACIER/MAIN opens mon-fri 07:00-19:00.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from click.testing import CliRunner

from cli import main
from consortium.members import Member, Site
from integrations.services import billing
from integrations.services import hours as hs
from integrations.services.planning_days import new_request_problems
from integrations.store import open_store
from sharing import Absence, Contract, Employee, GroupSettings, Request, Skill
from consortium.weeks import parse_week

WEEK = parse_week("2026-W49")
MONDAY = WEEK.monday


def _member(code: str, siret: str, hours: str = "") -> Member:
    return Member(code=code, legal_name=f"{code} SA", siret=siret,
                  sites=[Site(code="MAIN", name="main", latitude=47.8, longitude=-0.7, opening_hours=hours)])


def _employee(code: str) -> Employee:
    return Employee(code=code, first_name="Eve", last_name=code, home_latitude=47.8, home_longitude=-0.7,
                    skills={"TIG": 2}, hourly_cost=Decimal("20.00"),
                    contract=Contract(start=date(2020, 1, 1), members=["ACIER", "FORGE"]))


@pytest.fixture
def db(tmp_path, monkeypatch):
    """A group with one employee, a request a day Monday to Friday at ACIER, and today Wednesday 2 December."""
    url = f"sqlite:///{tmp_path}/m.db"
    monkeypatch.setenv("MUTUALIS_TODAY", "2026-12-02")
    store = open_store(url)
    with store.session() as repo:
        repo.people.save_settings(GroupSettings())
        repo.people.save_skill(Skill(code="TIG", name="TIG welding"))
        repo.people.save_member(_member("ACIER", "73282932000074", "mon-fri 07:00-19:00"))
        repo.people.save_member(_member("FORGE", "00000010000016"))
        repo.people.save_employee(_employee("E1"))
        for d in range(5):
            repo.plans.save_request(Request(code=f"R{d}", member="ACIER", site="MAIN", skill="TIG",
                                            day=MONDAY + timedelta(days=d), start=time(8), end=time(15)))
    store.close()
    run(url, "allocate", "--week", str(WEEK), "--allow-past", "--workers", "1", "--time-limit", "5")
    run(url, "publish", "--week", str(WEEK))
    return url


def run(db, *args, ok=True):
    result = CliRunner().invoke(main, ["--db", db, *args])
    if ok:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 1, result.output
    return result


def session(db):
    return open_store(db).session()


def plan_pairs(db) -> set[tuple[str, str]]:
    with session(db) as repo:
        return {(a.employee, a.request) for a in repo.plans.get_plan(WEEK).assignments}


def request_codes(db) -> set[str]:
    with session(db) as repo:
        return {r.code for r in repo.plans.list_requests()}


ADD = ("request", "add", "RN", "--member", "FORGE", "--site", "MAIN", "--skill", "TIG", "--start", "08:00",
       "--end", "17:00", "--priority", "critical")


# ---------------------------------------------------------------- today


def test_a_request_on_a_day_before_today_is_refused_in_one_line_naming_the_day(db):
    result = run(db, *ADD, "--day", "2026-11-30", ok=False)
    assert result.output == ("error: request RN: 2026-11-30 is in the past (today is 2026-12-02); "
                             "pass --allow-past to plan it anyway\n")
    assert "RN" not in request_codes(db)
    run(db, *ADD, "--day", "2026-12-02")  # today is open
    assert "RN" in request_codes(db)


def test_a_recurring_request_reaching_into_the_past_is_refused_whole(db):
    result = run(db, *ADD, "--day", "2026-11-27", "--until", "2026-12-04", ok=False)
    assert "request RN: 2026-11-27 is in the past" in result.output
    assert not any(c.startswith("RN") for c in request_codes(db))


def test_as_of_wins_over_the_environment_and_the_environment_over_the_groups_frozen_date(db, monkeypatch):
    run(db, *ADD, "--day", "2026-12-01", "--as-of", "2026-11-26")
    with session(db) as repo:
        repo.people.save_settings(repo.people.get_settings().model_copy(update={"today": date(2020, 1, 1)}))
    assert "today is 2026-12-02" in run(db, *ADD, "--day", "2026-12-01", ok=False).output
    monkeypatch.delenv("MUTUALIS_TODAY")
    run(db, "request", "add", "R2020", "--member", "FORGE", "--site", "MAIN", "--skill", "TIG",
        "--day", "2020-01-01", "--start", "08:00", "--end", "12:00")  # the group's frozen date
    monkeypatch.setenv("MUTUALIS_TODAY", "2-12-2026")
    assert "MUTUALIS_TODAY='2-12-2026' is not a date" in run(db, *ADD, "--day", "2026-12-09", ok=False).output


def test_a_week_wholly_in_the_past_is_refused_unless_the_past_is_allowed(db):
    result = run(db, "allocate", "--week", "2026-W48", ok=False)
    assert result.output == ("error: allocate: week 2026-W48 is in the past (today is 2026-12-02); "
                             "pass --allow-past to plan it anyway\n")
    assert "no requests for 2026-W48" in run(db, "allocate", "--week", "2026-W48", "--allow-past", ok=False).output


def test_a_validated_month_closes_planning_until_its_end(db):
    with session(db) as repo:
        hs.validate_month(repo, "ACIER", "2026-12", now=datetime(2026, 12, 2, 9), early=True)
    result = run(db, *ADD, "--day", "2026-12-21", ok=False)
    assert ("2026-12-21 is in the past (planning opens on 2027-01-01, after the validated hours of 2026-12)"
            in result.output)


# ---------------------------------------------------------------- allocation keeps the past


def test_a_request_added_for_a_day_worked_does_not_move_the_shift_nor_change_the_bill(db):
    """The issue's case: a critical request on a worked Monday, then allocate --replan, must not rewrite Monday."""
    with session(db) as repo:
        hs.record_hours(repo, "E1", "R0", MONDAY, start="08:00", end="16:00", now=datetime(2026, 12, 1, 9))
        billed = billing.month_bill(repo, "2026-11").members_total
    run(db, *ADD, "--day", "2026-11-30", "--allow-past")
    result = run(db, "allocate", "--week", str(WEEK), "--replan", "--allow-past", "--workers", "1",
                 "--time-limit", "5")
    assert "RN: 2026-11-30 is history: hours are recorded that day" in result.output
    assert ("E1", "R0") in plan_pairs(db) and ("E1", "RN") not in plan_pairs(db)
    run(db, "publish", "--week", str(WEEK))
    with session(db) as repo:
        assert billing.month_bill(repo, "2026-11").members_total == billed == Decimal("172.80")  # 8 h x 20 € x 1.08


def test_without_the_past_allowed_the_days_before_today_keep_their_assignments(db):
    # a critical 9 h request on Tuesday (filed with --allow-past) would take E1 from R1 if Tuesday were open
    run(db, *ADD, "--day", "2026-12-01", "--allow-past")
    before = plan_pairs(db)
    result = run(db, "allocate", "--week", str(WEEK), "--replan", "--workers", "1", "--time-limit", "5")
    assert "RN: 2026-12-01 is closed for planning (today is 2026-12-02)" in result.output
    assert plan_pairs(db) == before
    run(db, "allocate", "--week", str(WEEK), "--replan", "--allow-past", "--workers", "1", "--time-limit", "5")
    assert ("E1", "RN") in plan_pairs(db) and ("E1", "R1") not in plan_pairs(db)


# ---------------------------------------------------------------- pin, replan


def test_pinning_a_day_before_today_needs_allow_past(db):
    result = run(db, "pin", "--week", str(WEEK), "E1", "R0", ok=False)
    assert result.output == ("error: pin E1 R0: 2026-11-30 is in the past (today is 2026-12-02); "
                             "pass --allow-past to plan it anyway\n")
    assert (run(db, "pin", "--week", str(WEEK), "E1", "R0", "--allow-past").output
            == "1 assignment(s) of E1 on R0 pinned\n")
    assert run(db, "pin", "--week", str(WEEK), "E1", "R3").output == "1 assignment(s) of E1 on R3 pinned\n"


@pytest.mark.parametrize("day, message", [
    ("2026-12-07", "replan --from 2026-12-07 is outside week 2026-W49 (Monday 2026-11-30 to Sunday 2026-12-06)"),
    ("2026-11-20", "replan --from 2026-11-20 is outside week 2026-W49 (Monday 2026-11-30 to Sunday 2026-12-06)"),
    ("2026-12-01", "replan: 2026-12-01 is in the past (today is 2026-12-02); pass --allow-past to plan it anyway"),
])
def test_replan_from_a_day_outside_the_week_or_in_the_past_is_refused(db, day, message):
    result = run(db, "replan", "--week", str(WEEK), "--absent", "E1", "--from", day, ok=False)
    assert result.output == f"error: {message}\n"
    with session(db) as repo:
        assert repo.load_group(WEEK).absences == []  # nothing recorded


def test_a_pin_that_can_no_longer_hold_is_named_when_re_allocating(db):
    run(db, "pin", "--week", str(WEEK), "E1", "R3")
    with session(db) as repo:
        repo.people.add_absence(Absence(employee="E1", kind="sickness", start=datetime(2026, 12, 3),
                                        end=datetime(2026, 12, 4)))
    result = run(db, "allocate", "--week", str(WEEK), "--replan", "--workers", "1", "--time-limit", "5")
    assert "pin E1 R3 dropped: E1 is absent (sickness) on 2026-12-03" in result.stdout.splitlines()[1]
    assert ("E1", "R3") not in plan_pairs(db)


def test_replan_names_the_absent_employees_pins(db):
    run(db, "pin", "--week", str(WEEK), "E1", "R4")
    result = run(db, "replan", "--week", str(WEEK), "--absent", "E1", "--from", "2026-12-03", "--workers", "1",
                 "--time-limit", "5", "--json")
    assert '"pin E1 R4 dropped: E1 is absent (other) on 2026-12-04"' in result.output
    assert plan_pairs(db) == {("E1", "R0"), ("E1", "R1"), ("E1", "R2")}


# ---------------------------------------------------------------- closed sites


def test_a_single_day_the_site_is_closed_is_refused_naming_site_day_and_opening_hours(db):
    result = run(db, "request", "add", "RS", "--member", "ACIER", "--site", "MAIN", "--skill", "TIG",
                 "--day", "2026-12-05", "--start", "08:00", "--end", "12:00", ok=False)
    assert result.output == ("error: request RS: site ACIER/MAIN is closed on Saturday 2026-12-05 "
                             "(opening hours: mon-fri 07:00-19:00)\n")
    result = run(db, "request", "add", "RS", "--member", "ACIER", "--site", "MAIN", "--skill", "TIG",
                 "--day", "2026-12-04", "--start", "15:00", "--end", "20:00", ok=False)
    assert "closed on Friday 2026-12-04 from 15:00 to 20:00" in result.output
    assert "RS" not in request_codes(db)


def test_a_range_skips_the_closed_days_with_a_warning_when_the_weekdays_were_not_named(db):
    with session(db) as repo:
        repo.people.save_member(_member("FORGE", "00000010000016", "mon,tue,thu,fri 07:00-19:00"))
    result = run(db, *ADD, "--day", "2026-12-07", "--until", "2026-12-11")
    assert result.stdout == "4 request(s) added: RN-1207, RN-1208, RN-1210, RN-1211\n"
    assert result.stderr == ("warning: skipped: site FORGE/MAIN is closed on Wednesday 2026-12-09 "
                             "(opening hours: mon-tue 07:00-19:00; thu-fri 07:00-19:00)\n")


def test_a_range_over_named_weekdays_that_meets_a_closed_day_is_refused_listing_the_days(db):
    result = run(db, "request", "add", "RW", "--member", "ACIER", "--site", "MAIN", "--skill", "TIG",
                 "--day", "2026-12-07", "--until", "2026-12-20", "--weekdays", "fri,sat", "--start", "08:00",
                 "--end", "12:00", ok=False)
    assert result.output == ("error: request RW: site ACIER/MAIN is closed on Saturday 2026-12-12 "
                             "(opening hours: mon-fri 07:00-19:00); also closed on Sat 2026-12-19\n")
    assert not any(c.startswith("RW") for c in request_codes(db))
    result = run(db, "request", "add", "RW", "--member", "ACIER", "--site", "MAIN", "--skill", "TIG",
                 "--day", "2026-12-11", "--until", "2026-12-13", "--start", "15:00", "--end", "20:00", ok=False)
    assert "closed on Friday 2026-12-11 from 15:00 to 20:00" in result.output  # no open day at all in the range


def test_importers_get_one_line_per_request_that_is_past_or_at_a_closed_site(db):
    asks = [Request(code="I1", member="ACIER", site="MAIN", skill="TIG", day=date(2026, 12, 1), start=time(8),
                    end=time(12)),
            Request(code="I2", member="ACIER", site="MAIN", skill="TIG", day=date(2026, 12, 6), start=time(8),
                    end=time(12)),
            Request(code="I3", member="ACIER", site="MAIN", skill="TIG", day=date(2026, 12, 7), start=time(8),
                    end=time(12)),
            Request(code="I4", member="GHOST", site="MAIN", skill="TIG", day=date(2026, 12, 7), start=time(8),
                    end=time(12))]
    with session(db) as repo:
        assert new_request_problems(repo, asks) == [
            "request I1: 2026-12-01 is in the past (today is 2026-12-02); pass --allow-past to plan it anyway",
            "request I2: site ACIER/MAIN is closed on Sunday 2026-12-06 (opening hours: mon-fri 07:00-19:00)",
        ]
        assert len(new_request_problems(repo, asks, allow_past=True)) == 1
