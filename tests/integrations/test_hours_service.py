"""Hours against a tmp SQLite store: record, import (all or nothing), validate and adjust, bill, history."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest

from consortium.members import Member, Site
from integrations.services import hours_import as hi
from integrations.demo import bill_demo, record_demo_hours
from integrations.services import billing
from integrations.services import hours as hs
from integrations.store import open_store
from integrations.services.weekly import history_from_plans
from sharing import Contract, Employee, GroupSettings, Skill
from consortium.errors import AlreadyExists, InvalidInput, RowError
from sharing.plans import Assignment, Plan
from sharing.requests import Request
from consortium.weeks import parse_week

WEEK = parse_week("2026-W48")  # Monday 23 to Sunday 29 November 2026
MONDAY = WEEK.monday
NOW = datetime(2026, 11, 30, 9, 0)
OVER = datetime(2026, 12, 1, 9, 0)  # November is over


def _member(code, siret):
    return Member(code=code, legal_name=f"{code} SA", siret=siret,
                  sites=[Site(code="MAIN", name="main", latitude=47.8, longitude=-0.7)])


@pytest.fixture
def store(tmp_path):
    s = open_store(f"sqlite:///{tmp_path}/m.db")
    with s.session() as repo:
        repo.people.save_settings(GroupSettings())
        repo.people.save_skill(Skill(code="TIG", name="TIG welding"))
        repo.people.save_member(_member("ACIER", "73282932000074"))
        repo.people.save_member(_member("FORGE", "00000010000016"))
        repo.people.save_employee(Employee(code="E1", first_name="Eve", last_name="One", home_latitude=47.8,
                                           home_longitude=-0.7, skills={"TIG": 1}, hourly_cost=Decimal("20.00"),
                                           contract=Contract(start=date(2020, 1, 1), members=["ACIER", "FORGE"])))
        assignments = []
        for d in range(5):
            member = "ACIER" if d % 2 == 0 else "FORGE"
            r = Request(code=f"R{d}", member=member, site="MAIN", skill="TIG", day=MONDAY + timedelta(days=d),
                        start=time(8), end=time(15))
            repo.plans.save_request(r)
            start, end = r.interval()
            assignments.append(Assignment(employee="E1", request=r.code, member=member, site="MAIN", start=start,
                                          end=end))
        repo.plans.save_plan(Plan(week=str(WEEK), status="published", assignments=assignments))
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
        hs.validate_month(repo, "ACIER", "2026-11", now=OVER)
        before = billing.month_bill(repo, "2026-11")
    with store.session() as repo, pytest.raises(AlreadyExists, match="already validated"):
        hs.validate_month(repo, "ACIER", "2026-11", now=OVER)
    with store.session() as repo:
        late = hs.record_hours(repo, "E1", "R0", MONDAY, start="08:00", end="17:00", now=datetime(2026, 12, 3))
        after = billing.month_bill(repo, "2026-11")
        december = billing.month_bill(repo, "2026-12")
    assert late.correction.adjustment
    assert after.statement("ACIER").total == before.statement("ACIER").total  # the validated month is locked
    [adjustment] = [x for x in december.statement("ACIER").lines if x.kind == "adjustment"]
    assert (adjustment.minutes, adjustment.day, adjustment.amount) == (120, MONDAY, Decimal("43.20"))
    assert "recorded 2026-12-03" in adjustment.note


def test_a_month_bill_reconciles_and_writes_one_statement_per_member(store, tmp_path):
    with store.session() as repo:
        hs.record_hours(repo, "E1", "R1", MONDAY + timedelta(days=1), start="08:00", end="12:00", now=NOW)
        result = billing.bill(repo, "2026-11", tmp_path / "out")
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
        hi.import_hours(repo, sheet, now=NOW)
    assert caught.value.problems == [
        "hours.csv:3: column end: end '25:00' is not a time like 07:30",
        "hours.csv:5: column travel_minutes: 'ten' is not a whole number of minutes from 0 to 600",
    ]
    sheet.write_text("employee,request,day,travel_minutes\nE9,R2,2026-11-25,15\nE1,R2,2026-11-26,5\n",
                     encoding="utf-8")
    with store.session() as repo, pytest.raises(RowError) as caught:
        hi.import_hours(repo, sheet, now=NOW)
    assert caught.value.problems == ["hours.csv:2: column employee: no employee 'E9'",
                                     "hours.csv:3: column day: request R2 is on 2026-11-25, not on 2026-11-26"]
    sheet.write_text("employee,request,day,absent\nE1,R0,2026-11-23,yes\nE1,R2,2026-11-25,no\n", encoding="utf-8")
    with store.session() as repo:
        assert hs.month_hours(repo, "2026-11")[0].source == "planned"  # nothing was recorded before
        with pytest.raises(RowError, match="hours.csv:3: column start"):
            hi.import_hours(repo, sheet, now=NOW)
    sheet.write_text("employee,request,day,absent\nE1,R0,2026-11-23,yes\n", encoding="utf-8")
    with store.session() as repo:
        assert hi.import_hours(repo, sheet, now=NOW) == 1


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
        assert record_demo_hours(repo, WEEK) == 1
        summary = bill_demo(repo, "2026-11", tmp_path / "bills")
    assert summary["members"] == 2 and summary["members_total"] + summary["ge_own"] == summary["costed_total"]
    assert len(summary["files"]) == 4


# ---------------------------------------------------------------- hours worked keep the labour rules


def _extra_request(repo, code, member="FORGE", start=8, end=15, day=MONDAY):
    repo.plans.save_request(Request(code=code, member=member, site="MAIN", skill="TIG", day=day, start=time(start),
                                    end=time(end)))


@pytest.fixture
def bois(store):
    """A third member that E1's contract does not list, with a request on Monday evening."""
    with store.session() as repo:
        repo.people.save_member(_member("BOIS", "00000030000004"))
        _extra_request(repo, "RB", member="BOIS", start=16, end=18)
    return store


def test_an_end_before_the_start_is_refused_never_read_as_a_night_shift(store):
    with store.session() as repo, pytest.raises(InvalidInput, match="end 07:59 is not after start 08:00.*--next-day"):
        hs.record_hours(repo, "E1", "R0", MONDAY, start="08:00", end="07:59", now=NOW)
    with store.session() as repo:
        assert hs.month_hours(repo, "2026-11", employee="E1")[0].minutes == 420  # nothing stored


def test_a_shift_ending_the_next_day_is_said_so_and_checked_like_any_other(store):
    with store.session() as repo, pytest.raises(InvalidInput, match="max_daily_hours.*--accept-violation"):
        hs.record_hours(repo, "E1", "R4", MONDAY + timedelta(days=4), start="20:00", end="07:00", next_day=True,
                        now=NOW)
    with store.session() as repo:
        hs.record_hours(repo, "E1", "R4", MONDAY + timedelta(days=4), start="22:00", end="06:00", next_day=True,
                        accept_violation="night breakdown", now=NOW)
        [line] = [x for x in hs.month_hours(repo, "2026-11") if x.request == "R4"]
    assert (line.minutes, line.end) == (480, datetime.combine(MONDAY + timedelta(days=5), time(6)))


def test_one_person_at_two_places_at_once_is_refused_even_knowingly(store):
    with store.session() as repo:
        _extra_request(repo, "R9")  # FORGE, Monday 08:00-15:00, while E1 works R0 at ACIER
    for accept in ("", "urgent"):
        with store.session() as repo, pytest.raises(InvalidInput, match="placed twice at once.*never accepted"):
            hs.record_hours(repo, "E1", "R9", MONDAY, start="08:00", end="15:00", accept_violation=accept, now=NOW)
    with store.session() as repo:
        assert [x.request for x in hs.month_hours(repo, "2026-11") if x.day == MONDAY] == ["R0"]


def test_a_member_outside_the_contract_is_billed_only_as_a_declared_exception(bois):
    with bois.session() as repo:
        before = billing.month_bill(repo, "2026-11").members_total
        with pytest.raises(InvalidInput, match=r"\[contract_member\] E1's contract does not list BOIS/MAIN"):
            hs.record_hours(repo, "E1", "RB", MONDAY, start="16:00", end="18:00", now=NOW)
        assert billing.month_bill(repo, "2026-11").members_total == before
        recorded = hs.record_hours(repo, "E1", "RB", MONDAY, start="16:00", end="18:00",
                                   accept_violation="ACIER lent him for the audit", now=NOW)
        assert [v.rule for v in recorded.declared] == ["contract_member"]
        checked = hs.check_month(repo, "2026-11")
        bill = billing.month_bill(repo, "2026-11")
    assert checked.open == [] and [(v.rule, x.reason) for v, x in checked.declared] == [
        ("contract_member", "ACIER lent him for the audit")]
    statement = bill.statement("BOIS")
    assert statement.total == Decimal("43.20")  # 2 h x 20 EUR x 1.08, billed only with the exception shown
    assert [(e.rule, e.reason) for e in statement.exceptions] == [("contract_member", "ACIER lent him for the audit")]
    [line] = statement.lines
    assert "declared exception [contract_member]" in line.note and "ACIER lent him for the audit" in line.note


def test_check_month_finds_every_planted_violation_and_validation_refuses_them(bois):
    from sharing.hours import Correction

    def plant(request, day, start, end, member="ACIER"):
        repo.hours.add_correction(Correction(
            employee="E1", request=request, member=member, site="MAIN", day=day, recorded_at=NOW,
            start=datetime.combine(day, time(*start)), end=datetime.combine(day, time(*end))))

    with bois.session() as repo:
        _extra_request(repo, "R9")
        plant("R0", MONDAY, (8,), (23, 59))                      # 15 h 59 in a day
        plant("R9", MONDAY, (8,), (15,), member="FORGE")        # at two places at once
        plant("RB", MONDAY, (16,), (18,), member="BOIS")        # not in the contract (and overlapping)
        plant("R1", MONDAY + timedelta(days=1), (6,), (15,), member="FORGE")  # 6 h 01 rest after Monday
        checked = hs.check_month(repo, "2026-11")
    rules = {v.rule for v in checked.open}
    assert {"max_daily_hours", "no_overlap_travel", "contract_member", "daily_rest"} <= rules
    with bois.session() as repo, pytest.raises(InvalidInput, match="break .* labour rule"):
        hs.validate_month(repo, "ACIER", "2026-11", now=OVER)


def test_a_month_that_is_not_over_is_validated_only_when_asked(store):
    with store.session() as repo, pytest.raises(InvalidInput, match="2026-11 is not over.*--early"):
        hs.validate_month(repo, "ACIER", "2026-11", now=NOW)
    with store.session() as repo:
        assert hs.validate_month(repo, "ACIER", "2026-11", now=NOW, early=True).month == "2026-11"


def test_hours_typed_by_the_manager_win_over_earlier_entries_dated_later(store):
    from sharing.hours import Correction

    with store.session() as repo:  # like the demo: entered first, but stamped a week later
        repo.hours.add_correction(Correction(
            employee="E1", request="R1", member="FORGE", site="MAIN", day=MONDAY + timedelta(days=1),
            start=datetime.combine(MONDAY + timedelta(days=1), time(8)),
            end=datetime.combine(MONDAY + timedelta(days=1), time(14, 30)), recorded_at=datetime(2026, 12, 7, 9)))
        typed = hs.record_hours(repo, "E1", "R1", MONDAY + timedelta(days=1), start="08:00", end="17:00", now=NOW)
        [line] = [x for x in hs.month_hours(repo, "2026-11") if x.request == "R1"]
        bill = billing.month_bill(repo, "2026-11")
    assert (line.minutes, line.correction, line.recorded_at) == (540, typed.correction.sequence, NOW)
    assert [x.minutes for x in bill.statement("FORGE").lines if x.request == "R1"] == [540]


def test_filters_naming_nothing_are_errors(store):
    from consortium.errors import NotFound

    with store.session() as repo:
        with pytest.raises(NotFound, match="NOPE"):
            hs.month_hours(repo, "2026-11", member="NOPE")
        with pytest.raises(NotFound, match="NOPE"):
            hs.month_hours(repo, "2026-11", employee="NOPE")
        with pytest.raises(NotFound, match="NOPE"):
            billing.member_ledger(repo, 2026, "NOPE")
        with pytest.raises(InvalidInput, match="year 0 is not a year"):
            billing.member_ledger(repo, 0)
        assert hs.month_hours(repo, "2026-11", member="acier")  # a known code, any case


# ---------------------------------------------------------------- hours sheets


def _hours_sheet(tmp_path, *rows):
    sheet = tmp_path / "hours.csv"
    sheet.write_text("\n".join(["employee,request,day,start,end,ends_next_day,accept_violation", *rows]) + "\n",
                     encoding="utf-8")
    return sheet


def test_an_hours_sheet_is_checked_like_recorded_hours_one_line_per_bad_row_nothing_stored(bois, tmp_path):
    with bois.session() as repo:
        _extra_request(repo, "R9")
    sheet = _hours_sheet(tmp_path,
                         "E1,R1,2026-11-24,08:00,07:59,,",          # end before start
                         "E1,R9,2026-11-23,08:00,15:00,,urgent",    # at two places at once, whatever the reason
                         "E1,RB,2026-11-23,16:00,18:00,,",          # not in the contract, no reason
                         "E1,R2,2026-11-25,08:00,17:00,,")          # fine
    with bois.session() as repo, pytest.raises(RowError) as caught:
        hi.import_hours(repo, sheet, now=NOW)
    assert caught.value.problems == [
        "hours.csv:2: column end: hours of E1 on R1: end 07:59 is not after start 08:00 "
        "(a shift that ends the next day needs --next-day, column ends_next_day)"]
    sheet = _hours_sheet(tmp_path, *[line for line in sheet.read_text().splitlines()[2:]])
    with bois.session() as repo, pytest.raises(RowError) as caught:
        hi.import_hours(repo, sheet, now=NOW)
    [overlap, contract] = caught.value.problems
    assert overlap.startswith("hours.csv:2: column start: refused: E1 is placed twice at once") and "never" in overlap
    assert contract.startswith("hours.csv:3: column start: refused: [contract_member] E1's contract does not list")
    with bois.session() as repo:
        assert all(x.source == "planned" for x in hs.month_hours(repo, "2026-11"))  # nothing stored
    sheet = _hours_sheet(tmp_path, "E1,RB,2026-11-23,16:00,18:00,,lent for the audit", "E1,R2,2026-11-25,08:00,17:00,,",
                         "E1,R4,27/11/2026,22:00,06:00,yes,night breakdown")
    with bois.session() as repo:
        assert hi.import_hours(repo, sheet, now=NOW) == 3
        checked = hs.check_month(repo, "2026-11")
    assert checked.open == []
    assert sorted({(v.rule, x.reason) for v, x in checked.declared}) == [
        ("contract_member", "lent for the audit"), ("night_work", "night breakdown")]  # E1 is no night worker


def test_two_rows_for_one_shift_are_refused_with_both_rows_and_a_header_only_sheet_has_no_rows(store, tmp_path):
    sheet = _hours_sheet(tmp_path, "E1,R1,2026-11-24,08:00,12:00,,", "E1,R1,2026-11-24,08:00,16:00,,")
    with store.session() as repo, pytest.raises(RowError) as caught:
        hi.import_hours(repo, sheet, now=NOW)
    assert caught.value.problems == [
        "hours.csv:3: column request: E1 on R1 2026-11-24 is already on row 2 (one row per shift)"]
    with store.session() as repo, pytest.raises(RowError, match="hours.csv:2: the file has no rows"):
        hi.import_hours(repo, _hours_sheet(tmp_path), now=NOW)


# ---------------------------------------------------------------- the commands


def _cli(store, *args):
    from click.testing import CliRunner

    from cli import main

    return CliRunner().invoke(main, ["--db", store.url, *args])


def test_the_probe_ends_refused_and_check_month_exits_1_on_planted_hours(bois):
    from sharing.hours import Correction

    with bois.session() as repo:
        _extra_request(repo, "R9")
    result = _cli(bois, "hours", "record", "E1", "R0", "--day", "2026-11-23", "--start", "08:00", "--end", "07:59")
    assert result.exit_code == 1 and "end 07:59 is not after start 08:00" in result.output
    result = _cli(bois, "hours", "record", "E1", "R9", "--day", "2026-11-23", "--start", "08:00", "--end", "15:00")
    assert result.exit_code == 1 and "placed twice at once" in result.output
    result = _cli(bois, "hours", "record", "E1", "RB", "--day", "2026-11-23", "--start", "16:00", "--end", "18:00")
    assert result.exit_code == 1 and "contract_member" in result.output
    result = _cli(bois, "check", "--month", "2026-11")
    assert (result.exit_code, result.output) == (0, "0 violation(s) in the hours worked in 2026-11\n")
    result = _cli(bois, "hours", "record", "E1", "RB", "--day", "2026-11-23", "--start", "16:00", "--end", "18:00",
                  "--accept-violation", "lent for the audit")
    assert result.exit_code == 0 and "declared exception contract_member" in result.output
    with bois.session() as repo:  # hours stored before the rules applied to them
        day = MONDAY + timedelta(days=2)
        repo.hours.add_correction(Correction(employee="E1", request="R2", member="ACIER", site="MAIN", day=day,
                                             start=datetime.combine(day, time(8)),
                                             end=datetime.combine(day, time(23, 59)), recorded_at=NOW))
    result = _cli(bois, "check", "--month", "2026-11")
    assert result.exit_code == 1
    assert "max_daily_hours: E1 works 15 h 59 on Wed 2026-11-25" in result.output
    assert "declared exception contract_member" in result.output
    result = _cli(bois, "hours", "validate", "--member", "ACIER", "--month", "2026-11")
    assert result.exit_code == 1


def test_filters_naming_nothing_are_errors_in_the_commands(store):
    assert "NOPE" in _cli(store, "hours", "show", "--month", "2026-11", "--member", "NOPE").output
    assert _cli(store, "hours", "show", "--month", "2026-11", "--member", "NOPE").exit_code == 1
    assert _cli(store, "ledger", "--member", "NOPE").exit_code == 1
    result = _cli(store, "ledger", "--year", "0")
    assert result.exit_code == 2 and "1900<=x<=2999" in result.output
    result = _cli(store, "hours", "show", "--month", "2026-11")
    assert result.exit_code == 0 and "correction" in result.output.splitlines()[0]


def test_hours_that_shorten_a_day_already_too_long_are_recorded_and_the_day_stays_open(store):
    from sharing.hours import Correction

    with store.session() as repo:
        repo.hours.add_correction(Correction(
            employee="E1", request="R0", member="ACIER", site="MAIN", day=MONDAY, recorded_at=NOW,
            start=datetime.combine(MONDAY, time(8)), end=datetime.combine(MONDAY, time(23, 59))))
        hs.record_hours(repo, "E1", "R0", MONDAY, start="08:00", end="19:00", now=NOW)  # 11 h: better, still over
        [still] = hs.check_month(repo, "2026-11").open
    assert (still.rule, still.day) == ("max_daily_hours", MONDAY) and "11 h" in still.message


def test_hours_a_members_login_recorded_stay_to_check_until_the_manager_confirms_them_declaring_what_they_break(store):
    from sharing.hours import Correction

    with store.session() as repo:  # as a member's login stores them (on PostgreSQL): unchecked, flagged
        repo.hours.add_correction(Correction(
            employee="E1", request="R0", member="ACIER", site="MAIN", day=MONDAY, recorded_at=NOW, to_check=True,
            start=datetime.combine(MONDAY, time(6)), end=datetime.combine(MONDAY, time(17))))
        repo.hours.add_correction(Correction(
            employee="E1", request="R2", member="ACIER", site="MAIN", day=MONDAY + timedelta(days=2),
            recorded_at=NOW, to_check=True, absent=True))
    with store.session() as repo:
        checked = hs.check_month(repo, "2026-11")
        shown = {x.request: x.to_check for x in hs.month_hours(repo, "2026-11")}
    assert [x.request for x in checked.to_check] == ["R0", "R2"]
    assert [v.rule for v in checked.open] == ["max_daily_hours"]
    assert shown == {"R0": True, "R1": False, "R2": True, "R3": False, "R4": False}

    with store.session() as repo, pytest.raises(InvalidInput, match=r"\[max_daily_hours\]"):
        hs.record_hours(repo, "E1", "R0", MONDAY, start="06:00", end="17:00", now=NOW)  # the same 11 h: still told
    with store.session() as repo:
        confirmed = hs.record_hours(repo, "E1", "R0", MONDAY, start="06:00", end="17:00", now=NOW,
                                    accept_violation="furnace restart")
        assert [v.rule for v in confirmed.declared] == ["max_daily_hours"] and not confirmed.to_check
        checked = hs.check_month(repo, "2026-11")
    assert [x.request for x in checked.to_check] == ["R2"] and checked.open == []

    with store.session() as repo:
        validated = hs.validate_month(repo, "ACIER", "2026-11", now=OVER)
        assert validated.checked == 1  # R2, confirmed by the validation
        assert hs.check_month(repo, "2026-11").to_check == []
