"""Hours worked, the bill, the ledger and the counters through the command line, on the tiny group's published week.

Today is 10 December 2026 here: the week of 30 November is over. Correction times come from the clock, so
the lines holding them are matched by pattern.
"""

from __future__ import annotations

import json
import re

import pytest

HOURS_HEADER = ("day         employee  member  request  start  end    hours  travel_min  source     correction"
                "              note")


@pytest.fixture
def worked(mutualis, monkeypatch):
    """The week published, then the clock moved to 10 December; Monday's shift recorded as 08:00-14:00."""
    mutualis("publish", "--week", "2026-W49")
    monkeypatch.setenv("MUTUALIS_TODAY", "2026-12-10")
    recorded = mutualis("hours", "record", "e2", "r0", "--day", "2026-11-30", "--start", "08:00", "--end", "14:00",
                        "--note", "early")
    assert recorded.output == "hours recorded: E2 on R0 2026-11-30: 08:00-14:00\n"
    return mutualis


def test_hours_show_lists_the_month_with_the_correction(worked):
    lines = worked("hours", "show", "--month", "2026-11").output.splitlines()
    assert lines[0] == HOURS_HEADER
    assert re.fullmatch(r"2026-11-30  E2        ACIER   R0       08:00  14:00  6\.00   0           corrected  "
                        r"#1 of \d{4}-\d\d-\d\d \d\d:\d\d  early", lines[2])
    assert lines[3:] == ["1 shifts, 6.00 h worked"]
    assert json.loads(worked("hours", "show", "--month", "2026-11", "--json").output)[0]["minutes"] == 360


def test_hours_import_reads_corrections_from_a_sheet(worked, tmp_path):
    sheet = tmp_path / "hours.csv"
    sheet.write_text("employee,request,day,absent,start,end,ends_next_day,travel_minutes,note,accept_violation\n"
                     "E2,R1,2026-12-01,,08:00,13:00,,,left early,\n", encoding="utf-8")
    assert worked("hours", "import", str(sheet)).output == f"1 hour corrections imported from {sheet}\n"
    shown = worked("hours", "show", "--month", "2026-12", "--member", "acier").output.splitlines()
    assert shown[2].startswith("2026-12-01  E2        ACIER   R1       08:00  13:00  5.00   0           corrected")
    assert shown[-1] == "4 shifts, 26.00 h worked"


def test_a_validated_month_turns_a_later_record_into_an_adjustment(worked):
    validated = worked("hours", "validate", "--member", "ACIER", "--month", "2026-11").output
    assert re.fullmatch(r"hours of ACIER for 2026-11 validated on \d{4}-\d\d-\d\d \d\d:\d\d\n", validated)
    assert worked("hours", "record", "e2", "r0", "--day", "2026-11-30", "--absent").output == (
        "adjustment recorded: E2 on R0 2026-11-30: absent\n")


def test_bill_prints_each_member_and_the_totals(worked):
    assert worked("bill", "--month", "2026-11").output == (
        "member  hours  fte   amount\n"
        "------  -----  ----  ------\n"
        "ACIER   6.00   0.04  129.60\n"
        "members 129.60 + GE's own 0.00 = 129.60 EUR costed\n")
    assert json.loads(worked("bill", "--month", "2026-11", "--json").output) == {
        "month": "2026-11", "members": [{"member": "ACIER", "hours": "6.00", "fte": "0.04", "amount": "129.60"}],
        "members_total": "129.60", "ge_own": "0.00", "costed_total": "129.60", "files": []}


def test_ledger_prints_each_month_and_the_year(worked):
    assert worked("ledger", "--year", "2026").output == (
        "member  period   hours  placed  premiums  amount  share   fte\n"
        "------  -------  -----  ------  --------  ------  ------  ----\n"
        "ACIER   2026-11  6.00   6.00    0.00      129.60  1.0000  0.04\n"
        "ACIER   2026-12  28.00  28.00   0.00      604.80  1.0000  0.18\n"
        "ACIER   2026     34.00  34.00   0.00      734.40  1.0000  0.02\n")
    rows = json.loads(worked("ledger", "--year", "2026", "--member", "ACIER", "--json").output)
    assert [(r["period"], r["amount"]) for r in rows] == [("2026-11", "129.60"), ("2026-12", "604.80"),
                                                          ("2026", "734.40")]


def test_counters_show_the_week_led_into(worked):
    lines = worked("counters", "show", "e2", "--week", "2026-W50").output.splitlines()
    assert lines[:2] == [
        "E2 leading into 2026-W50: last shift end 2026-12-04 15:00:00, 0 consecutive days",
        "  2026: 34.00 h worked of 1607.00 h (expected by now 1501.04 h, balance -1467.04 h)"]
    assert lines[-1] == "2026-W49  34.00     35.00         1.00"
    document = json.loads(worked("counters", "show", "E2", "--week", "2026-W50", "--json").output)
    assert document["history"]["weekly_minutes"] == {"2026-W49": 2040}
    assert document["idle_minutes"]["2026-W49"] == 60


def test_check_of_a_month_counts_its_violations(worked):
    assert worked("check", "--month", "2026-11").output == "0 violation(s) in the hours worked in 2026-11\n"
