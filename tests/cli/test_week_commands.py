"""The week through the command line: allocate, plan show, check, explain, pin, unpin, publish, replan.

With one worker and seed 0 the tiny group's week is the same on every run: Eve Petit (E2) on all five days.
"""

from __future__ import annotations

import json

SOLVE = ("--workers", "1", "--time-limit", "5")
TABLE = (
    "plan 2026-W49 (draft): 5 assignments\n"
    "member  site  employee  name       request  day             start  end    hours  travel_min  pinned\n"
    "------  ----  --------  ---------  -------  --------------  -----  -----  -----  ----------  ------\n"
    + "".join(f"ACIER   MAIN  E2        Eve Petit  R{d}       {day}  08:00  15:00  7.0    0\n"
              for d, day in enumerate(["Mon 2026-11-30", "Tue 2026-12-01", "Wed 2026-12-02", "Thu 2026-12-03",
                                       "Fri 2026-12-04"]))
    + "\nper member:\n"
    "member  requested_h  granted_h  shortfall_h\n"
    "------  -----------  ---------  -----------\n"
    "ACIER   35.0         35.0       0.0\n")


def pairs(mutualis, week="2026-W49") -> list[tuple[str, str]]:
    document = json.loads(mutualis("plan", "show", "--week", week, "--format", "json").output)
    return sorted((a["employee"], a["request"]) for a in document["assignments"])


def test_plan_show_prints_the_table_then_the_summary(mutualis):
    assert mutualis("plan", "show", "--week", "2026-W49").output == TABLE


def test_plan_show_as_csv_goes_to_stdout(mutualis):
    lines = mutualis("plan", "show", "--week", "2026-W49", "--format", "csv").stdout_bytes.decode().split("\r\n")
    assert lines[:2] == ["member,site,employee,name,request,day,start,end,hours,travel_min,pinned",
                         "ACIER,MAIN,E2,Eve Petit,R0,Mon 2026-11-30,08:00,15:00,7.0,0,"]
    assert lines[-1] == "" and len(lines) == 7


def test_plan_show_as_json_lists_the_assignments(mutualis):
    assert pairs(mutualis) == [("E2", f"R{d}") for d in range(5)]


def test_plan_show_into_a_file_says_where(mutualis, tmp_path):
    out = tmp_path / "week.csv"
    assert mutualis("plan", "show", "--week", "2026-W49", "--out", str(out)).output == f"plan written to {out}\n"
    assert out.read_text(encoding="utf-8").startswith("member,site,employee")


def test_allocate_solves_a_new_week_and_prints_its_summary(mutualis):
    mutualis("request", "add", "r100", "--member", "ACIER", "--site", "MAIN", "--skill", "TIG", "--day", "2026-12-07",
             "--start", "08:00", "--end", "12:00")
    result = mutualis("allocate", "--week", "2026-W50", *SOLVE)
    assert result.output.splitlines()[-2].startswith("week 2026-W50: OPTIMAL, 1 assignments, coverage 100.0 %")
    assert len(pairs(mutualis, "2026-W50")) == 1


def test_allocate_as_json_carries_the_solver_figures(mutualis):
    document = json.loads(mutualis("allocate", "--week", "2026-W49", *SOLVE, "--json").output)
    assert document["solver"]["status"] == "OPTIMAL" and document["dropped_pins"] == []
    assert len(document["assignments"]) == 5


def test_check_finds_nothing_wrong_in_the_plan(mutualis):
    assert mutualis("check", "--week", "2026-W49").output == "0 violation(s) in the plan of 2026-W49\n"
    assert mutualis("check", "--week", "2026-W49", "--json").output == "[]\n"


def test_explain_says_who_was_placed_and_why_others_were_not(mutualis):
    assert mutualis("explain", "r0").output == (
        "R0 at ACIER/MAIN: 1 of 1 placed\n"
        "  E1 Eve Martin: free and eligible, but placing them would cost more than the request's priority gains\n"
        "  E2 Eve Petit: placed\n")


def test_pin_and_unpin_mark_the_assignment(mutualis):
    assert mutualis("pin", "--week", "2026-W49", "e2", "r0").output == "1 assignment(s) of E2 on R0 pinned\n"
    assert "ACIER,MAIN,E2,Eve Petit,R0,Mon 2026-11-30,08:00,15:00,7.0,0,yes" in mutualis(
        "plan", "show", "--week", "2026-W49", "--format", "csv").output
    assert mutualis("unpin", "--week", "2026-W49", "E2", "R0").output == "1 assignment(s) of E2 on R0 unpinned\n"
    assert "R0,Mon 2026-11-30,08:00,15:00,7.0,0,\n" in mutualis(
        "plan", "show", "--week", "2026-W49", "--format", "csv").output


def test_publish_then_replan_after_an_absence_keeps_the_days_before(mutualis):
    assert mutualis("publish", "--week", "2026-W49").output == "plan 2026-W49 published: 5 assignments\n"
    result = mutualis("replan", "--week", "2026-W49", "--absent", "e2", "--from", "2026-12-02", *SOLVE)
    assert result.output.startswith("week 2026-W49: OPTIMAL, 5 assignments, coverage 100.0 %")
    assert pairs(mutualis) == [("E1", "R2"), ("E1", "R3"), ("E1", "R4"), ("E2", "R0"), ("E2", "R1")]
