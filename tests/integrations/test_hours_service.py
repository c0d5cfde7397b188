"""Hours against a tmp SQLite store: record, import (all or nothing), validate and adjust, bill, history."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest

from consortium.members import Member, Site
from integrations import hours_service as hs
from integrations.store import open_store
from integrations.weekly import history_from_plans
from sharing import Catalogue, Contract, Employee, GroupSettings, Skill
from sharing.errors import AlreadyExists, InvalidInput, RowError
from sharing.plans import Assignment, Plan
from sharing.requests import Request
from sharing.weeks import parse_week

WEEK = parse_week("2026-W48")  # Monday 23 to Sunday 29 November 2026
MONDAY = WEEK.monday
NOW = datetime(2026, 11, 30, 9, 0)


def _member(code, siret):
    return Member(code=code, legal_name=f"{code} SA", siret=siret,
                  sites=[Site(code="MAIN", name="main", latitude=47.8, longitude=-0.7)])


@pytest.fixture
def store(tmp_path):
    s = open_store(f"sqlite:///{tmp_path}/m.db")
    with s.session() as repo:
        repo.save_settings(GroupSettings())
        repo.save_skill(Skill(code="TIG", name="TIG welding"))
        repo.save_member(_member("ACIER", "73282932000074"))
        repo.save_member(_member("FORGE", "00000010000016"))
        repo.save_employee(Employee(code="E1", first_name="Eve", last_name="One", home_latitude=47.8,
                                    home_longitude=-0.7, skills={"TIG": 1}, hourly_cost=Decimal("20.00"),
                                    contract=Contract(start=date(2020, 1, 1), members=["ACIER", "FORGE"])))
        assignments = []
        for d in range(5):
            member = "ACIER" if d % 2 == 0 else "FORGE"
            r = Request(code=f"R{d}", member=member, site="MAIN", skill="TIG", day=MONDAY + timedelta(days=d),
                        start=time(8), end=time(15))
            repo.save_request(r)
            start, end = r.interval()
            assignments.append(Assignment(employee="E1", request=r.code, member=member, site="MAIN", start=start,
                                          end=end))
        repo.save_plan(Plan(week=str(WEEK), status="published", assignments=assignments))
    yield s
    s.close()


def test_hours_default_to_the_plan_and_corrections_change_them(store):
    with store.session() as repo:
        hs.record_hours(repo, "e1", "r0", MONDAY, absent=True, now=NOW)
        hs.record_hours(repo, "E1", "R1", MONDAY + timedelta(days=1), start="08:00", end="17:00", travel=10, now=NOW)
    with store.session() as repo:
        lines = hs.month_hours(repo, "2026-11", employee="E1")
    assert [(x.request, x.minutes, x.travel_minutes, x.source) for x in lines] == [
        ("R0", 0, 0, "absent"), ("R1", 540, 10, "corrected"), ("R2", 420, 0, "planned"),
        ("R3", 420, 0, "planned"), ("R4", 420, 0, "planned")]


def test_a_correction_on_the_wrong_day_is_refused(store):
    with store.session() as repo, pytest.raises(InvalidInput, match="R0 is on 2026-11-23, not on 2026-11-24"):
        hs.record_hours(repo, "E1", "R0", MONDAY + timedelta(days=1), absent=True, now=NOW)


def test_a_validated_month_cannot_be_edited_only_adjusted(store):
    with store.session() as repo:
        hs.validate_month(repo, "ACIER", "2026-11", now=NOW)
        before = hs.month_bill(repo, "2026-11")
    with store.session() as repo, pytest.raises(AlreadyExists, match="already validated"):
        hs.validate_month(repo, "ACIER", "2026-11", now=NOW)
    with store.session() as repo:
        late = hs.record_hours(repo, "E1", "R0", MONDAY, start="08:00", end="17:00", now=datetime(2026, 12, 3))
        after = hs.month_bill(repo, "2026-11")
        december = hs.month_bill(repo, "2026-12")
    assert late.adjustment
    assert after.statement("ACIER").total == before.statement("ACIER").total  # the validated month is locked
    [adjustment] = [x for x in december.statement("ACIER").lines if x.kind == "adjustment"]
    assert (adjustment.minutes, adjustment.day, adjustment.amount) == (120, MONDAY, Decimal("43.20"))
    assert "recorded 2026-12-03" in adjustment.note


def test_a_month_bill_reconciles_and_writes_one_statement_per_member(store, tmp_path):
    with store.session() as repo:
        hs.record_hours(repo, "E1", "R1", MONDAY + timedelta(days=1), start="08:00", end="12:00", now=NOW)
        result = hs.bill(repo, "2026-11", tmp_path / "out")
    b = result.bill
    assert b.problems() == []
    # ACIER: 3 x 7 h; FORGE: 4 h + 7 h; at 20 EUR x 1.08. Idle, at cost: the published weeks whose Thursday
    # is in November: only W48 (W45-W47 have no plan, so say nothing), 35 h - 32 h = 3 h.
    assert b.statement("ACIER").total == Decimal("453.60")
    assert b.statement("FORGE").total == Decimal("237.60")
    assert b.ge_total == Decimal("60.00")
    assert b.members_total + b.ge_total == b.costed_total == Decimal("751.20")
    assert sorted(p.name for p in result.files) == [
        "statement-ACIER-2026-11.html", "statement-ACIER-2026-11.xlsx",
        "statement-FORGE-2026-11.html", "statement-FORGE-2026-11.xlsx"]
    html = (tmp_path / "out" / "statement-ACIER-2026-11.html").read_text(encoding="utf-8")
    assert "453,60\u00a0€" in html and "<script" not in html  # French by default


def test_an_import_names_file_row_and_column_and_records_nothing_when_a_row_is_bad(store, tmp_path):
    sheet = tmp_path / "hours.csv"
    sheet.write_text("employee,request,day,absent,start,end,travel_minutes,note\n"
                     "E1,R0,2026-11-23,yes,,,,sick\n"
                     "E1,R1,2026-11-24,,08:00,25:00,,\n"
                     "E9,R2,2026-11-25,,,,15,\n"
                     "E1,R3,2026-11-26,,,,ten,\n", encoding="utf-8")
    with store.session() as repo, pytest.raises(RowError) as caught:
        hs.import_hours(repo, sheet, now=NOW)
    assert caught.value.problems == [
        "hours.csv:3: column end: end '25:00' is not a time like 07:30",
        "hours.csv:5: column travel_minutes: 'ten' is not a whole number of minutes from 0 to 600",
    ]
    sheet.write_text("employee,request,day,travel_minutes\nE9,R2,2026-11-25,15\nE1,R2,2026-11-26,5\n",
                     encoding="utf-8")
    with store.session() as repo, pytest.raises(RowError) as caught:
        hs.import_hours(repo, sheet, now=NOW)
    assert caught.value.problems == ["hours.csv:2: column employee: no employee 'E9'",
                                     "hours.csv:3: column day: request R2 is on 2026-11-25, not on 2026-11-26"]
    sheet.write_text("employee,request,day,absent\nE1,R0,2026-11-23,yes\nE1,R2,2026-11-25,no\n", encoding="utf-8")
    with store.session() as repo:
        assert hs.month_hours(repo, "2026-11")[0].source == "planned"  # nothing was recorded before
        with pytest.raises(RowError, match="hours.csv:3: column start"):
            hs.import_hours(repo, sheet, now=NOW)
    sheet.write_text("employee,request,day,absent\nE1,R0,2026-11-23,yes\n", encoding="utf-8")
    with store.session() as repo:
        assert hs.import_hours(repo, sheet, now=NOW) == 1


def test_the_weekly_cycle_reads_worked_hours_when_they_are_recorded(store):
    following = WEEK.shift(1)
    with store.session() as repo:
        planned = history_from_plans(repo, following)
        hs.record_hours(repo, "E1", "R4", MONDAY + timedelta(days=4), start="08:00", end="18:00", now=NOW)
        recorded = history_from_plans(repo, following)
        counters = hs.employee_counters(repo, "E1", following)
    assert planned.weekly_minutes("E1", str(WEEK)) == 5 * 420
    assert recorded.weekly_minutes("E1", str(WEEK)) == 4 * 420 + 600
    assert recorded.employee("E1").last_shift_end == datetime.combine(MONDAY + timedelta(days=4), time(18))
    assert counters.history == recorded.employee("E1")
    assert counters.idle_minutes[str(WEEK)] == 0


def test_demo_hours_and_bill(store, tmp_path):
    with store.session() as repo:
        assert hs.record_demo_hours(repo, WEEK) == 1
        summary = hs.bill_demo(repo, "2026-11", tmp_path / "bills")
    assert summary["members"] == 2 and summary["members_total"] + summary["ge_own"] == summary["costed_total"]
    assert len(summary["files"]) == 4
