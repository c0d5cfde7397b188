"""The weekly request cut-off (#14, item 5): a request filed after it is stored as late and flagged, never lost.

Today is Wednesday 25 November 2026 (MUTUALIS_TODAY); MUTUALIS_NOW pins the clock to the minute.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time

import pytest

from sharing.settings import GroupSettings, RequestCutoff

REQUEST = ("request", "add", "--member", "ACIER", "--site", "MAIN", "--skill", "TIG", "--start", "08:00", "--end",
           "12:00")


def _file(mutualis, monkeypatch, code, day, at):
    monkeypatch.setenv("MUTUALIS_NOW", at)
    return mutualis(*REQUEST[:2], code, *REQUEST[2:], "--day", day).output


def test_the_deadline_of_a_day_is_the_cutoff_in_the_week_before_its_week():
    cutoff = RequestCutoff(weekday="wed", at=time(12, 0))
    assert cutoff.deadline(date(2026, 12, 6)) == datetime(2026, 11, 25, 12, 0)  # Sunday of 2026-W49
    assert not cutoff.is_late(date(2026, 11, 30), datetime(2026, 11, 25, 12, 0))
    assert cutoff.is_late(date(2026, 11, 30), datetime(2026, 11, 25, 12, 1))


def test_a_cutoff_on_an_unknown_weekday_is_refused_naming_the_field():
    with pytest.raises(ValueError, match="request_cutoff: field weekday: 'wednesday' is not one of mon"):
        GroupSettings.model_validate({"request_cutoff": {"weekday": "wednesday", "at": "12:00"}})


def test_a_request_after_the_cutoff_is_stored_as_late_listed_so_and_named_by_the_allocation(mutualis, monkeypatch):
    assert mutualis("request", "cutoff").output == "request cut-off: none (no request is late)\n"
    assert mutualis("request", "cutoff", "wed", "12:00").output == "request cut-off: wed 12:00 of the week before\n"
    assert mutualis("request", "cutoff").output == "request cut-off: wed 12:00 of the week before\n"

    assert _file(mutualis, monkeypatch, "L1", "2026-12-01", "2026-11-25T11:59") == "1 request(s) added: L1\n"
    assert _file(mutualis, monkeypatch, "L2", "2026-12-02", "2026-11-25T12:01") == (
        "1 request(s) added: L2\nlate (filed after the cut-off, flagged to the GE manager): L2\n")
    assert _file(mutualis, monkeypatch, "L3", "2026-12-09", "2026-11-25T12:01") == "1 request(s) added: L3\n"

    listed = mutualis("request", "list", "--week", "2026-W49", "--member", "ACIER").output.splitlines()
    assert listed[0].split()[-1] == "filed"
    assert [line.split()[0] for line in listed[2:] if line.endswith("late")] == ["L2"]
    assert any(line.startswith("L1 ") for line in listed)
    as_json = json.loads(mutualis("request", "list", "--week", "2026-W49", "--json").output)
    assert {r["code"]: r["late"] for r in as_json if r["code"] in ("L1", "L2")} == {"L1": False, "L2": True}
    later = mutualis("request", "list", "--week", "2026-W50").output
    assert "L3" in later and "filed" not in later

    allocated = mutualis("allocate", "--week", "2026-W49", "--time-limit", "5", "--workers", "1").output
    assert allocated.splitlines()[-1] == "late requests (filed after the cut-off): L2"


def test_without_a_cutoff_no_request_is_late_and_a_bad_cutoff_is_one_line(mutualis, monkeypatch):
    assert _file(mutualis, monkeypatch, "L4", "2026-11-26", "2026-11-25T18:00") == "1 request(s) added: L4\n"
    assert mutualis("request", "cutoff", "wednesday", code=1).output == (
        "error: request_cutoff: field weekday: 'wednesday' is not one of mon, tue, wed, thu, fri, sat, sun\n")
    assert mutualis("request", "cutoff", "wed", "25:00", code=1).output.startswith("error: request_cutoff: field at: ")
    assert mutualis("request", "cutoff", "thu", "17:30").output == "request cut-off: thu 17:30 of the week before\n"
    assert mutualis("request", "cutoff", "--off").output == "request cut-off: none (no request is late)\n"


def _sheet(path, *rows):
    header = "code,member,site,skill,day,start,end\n"
    path.write_text(header + "".join(f"{code},ACIER,MAIN,TIG,{day},08:00,12:00\n" for code, day in rows))
    return path


def test_requests_imported_after_the_cutoff_are_stored_late_and_the_summary_says_how_many(mutualis, monkeypatch,
                                                                                         tmp_path):
    sheet = _sheet(tmp_path / "requests.csv", ("I1", "2026-12-01"), ("I2", "2026-12-09"))
    assert mutualis("import", "requests", str(sheet)).output == (
        f"requests: 2 added, 0 updated, 0 unchanged ({sheet})\n")  # no cut-off: nothing said of lateness
    mutualis("request", "cutoff", "wed", "12:00")
    monkeypatch.setenv("MUTUALIS_NOW", "2026-11-25T12:01")
    sheet = _sheet(tmp_path / "more.csv", ("I1", "2026-12-01"), ("I3", "2026-12-02"), ("I4", "2026-12-10"),
                   ("I5", "2026-11-24"))  # I5: a day gone by is history moved in, never late
    assert mutualis("import", "requests", str(sheet)).output == (
        "requests: 3 added, 0 updated, 1 unchanged, 1 late (filed after the cut-off, flagged to the GE manager: "
        f"I3) ({sheet})\n")
    listed = mutualis("request", "list", "--json").output
    assert {r["code"] for r in json.loads(listed) if r["late"]} == {"I3"}
    assert mutualis("import", "requests", str(sheet)).output == (
        f"requests: 0 added, 0 updated, 4 unchanged, 0 late ({sheet})\n")
    allocated = mutualis("allocate", "--week", "2026-W49", "--time-limit", "5", "--workers", "1").output
    assert allocated.splitlines()[-1] == "late requests (filed after the cut-off): I3"
