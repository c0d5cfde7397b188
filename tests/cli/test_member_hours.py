"""A member firm's login records and imports hours worked on its own requests (#14): refused on another member's in
one line, stored to be checked by the GE manager, who sees them in `check --month`, `hours show`, `hours validate`.

The group: CHAUMAY and INOXAGRI; E3 (the only TIG welder, offered to both) works R-A1 (CHAUMAY, Monday 08:00-12:00)
and R-B1 (INOXAGRI, Monday 13:00-17:00) of 2030-W49, allocated and published by the manager; E1 is CHAUMAY's.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from tests.cli.test_access_cli import _ok, _request, _run, group  # noqa: F401 - `group` is the fixture

DAY = "2030-12-02"


@pytest.fixture(scope="module")
def worked(group):  # noqa: F811
    url_of, logins = group
    for code, members, skill in (("E1", "CHAUMAY", "MIG-MAG:2"), ("E2", "INOXAGRI", "MIG-MAG:2"),
                                 ("E3", "CHAUMAY,INOXAGRI", "TIG:2")):
        _ok(url_of(), "employee", "add", code, "--first-name", "Léa", "--last-name", code, "--lat", "45.7", "--lon",
            "4.8", "--members", members, "--start", "2026-01-05", "--skill", skill, "--hourly-cost", "24.50")
    _ok(url_of(), "access", "grant", "CHAUMAY", "--login", logins["A"])
    _ok(url_of(), "access", "grant", "INOXAGRI", "--login", logins["B"])
    _ok(url_of(), "access", "grant-manager", logins["M"])
    assert _request(url_of("A"), "R-A1", "CHAUMAY", "BELLITOURNE", DAY).exit_code == 0
    assert _run(url_of("B"), "request", "add", "R-B1", "--member", "INOXAGRI", "--site", "USINE", "--skill", "TIG",
                "--day", DAY, "--start", "13:00", "--end", "17:00").exit_code == 0
    _ok(url_of("M"), "allocate", "--week", "2030-W49", "--workers", "1", "--time-limit", "5")
    _ok(url_of("M"), "publish", "--week", "2030-W49")
    return url_of, logins


def _corrections(url) -> int:
    engine = create_engine(url)
    with engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM hours_corrections")).scalar()
    engine.dispose()
    return count


@pytest.mark.postgres
def test_a_member_records_hours_on_its_own_request_to_be_checked_and_is_refused_anothers_in_one_line(worked):
    url_of, _ = worked
    before = _corrections(url_of())
    foreign = _run(url_of("A"), "hours", "record", "E3", "R-B1", "--day", DAY, "--start", "13:00", "--end", "16:00")
    assert foreign.exit_code == 1
    assert foreign.output == "error: CHAUMAY may not change hours of INOXAGRI\n"
    declaring = _run(url_of("A"), "hours", "record", "E3", "R-A1", "--day", DAY, "--start", "08:00", "--end", "11:00",
                     "--accept-violation", "rush")
    assert declaring.exit_code == 1 and len(declaring.output.splitlines()) == 1
    assert declaring.output.startswith("error: CHAUMAY's login may not declare exceptions to the labour rules")
    unknown = _run(url_of("A"), "hours", "record", "E3", "R-NONE", "--day", DAY, "--absent")
    assert unknown.output == "error: no request 'R-NONE'\n"
    assert _corrections(url_of()) == before

    recorded = _ok(url_of("A"), "hours", "record", "E1", "R-A1", "--day", DAY, "--start", "08:00", "--end", "10:00")
    assert recorded == ("hours recorded: E1 on R-A1 2030-12-02: 08:00-10:00\n"
                        "to be checked by the GE manager: the labour rules read every employee's contract and "
                        "shifts, which a member's login may not\n")
    mine = _ok(url_of("A"), "hours", "show", "--month", "2030-12")
    assert mine.splitlines()[0].split()[-1] == "check"
    assert [line.split()[1] for line in mine.splitlines() if line.endswith("to check")] == ["E1"]
    assert "R-B1" not in mine and "INOXAGRI" not in mine
    assert "R-A1" not in _ok(url_of("B"), "hours", "show", "--month", "2030-12")
    assert "E1" in [line.split()[1] for line in _ok(url_of("M"), "hours", "show", "--month", "2030-12").splitlines()
                    if line.endswith("to check")]


@pytest.mark.postgres
def test_raw_sql_as_a_member_cannot_insert_hours_on_anothers_request_nor_clear_the_check_flag(worked):
    url_of, _ = worked
    engine = create_engine(url_of("A"))
    insert = ("INSERT INTO hours_corrections (employee_id, request_id, day, absent, note, recorded_at, adjustment, "
              "accepted_reason, to_check) SELECT e.id, :request, :day, true, 'psql', now(), false, '', false "
              "FROM member_employees e WHERE e.code = 'E3'")
    admin = create_engine(url_of())
    with admin.connect() as connection:
        ids = dict(connection.execute(text("SELECT code, id FROM requests")).all())
    admin.dispose()
    with pytest.raises(DBAPIError, match="row-level security"), engine.begin() as connection:
        connection.execute(text(insert), {"request": ids["R-B1"], "day": DAY})
    with engine.begin() as connection:
        connection.execute(text(insert), {"request": ids["R-A1"], "day": DAY})
        connection.execute(text("UPDATE hours_corrections SET to_check = false"))
        flags = connection.execute(text("SELECT DISTINCT to_check FROM hours_corrections")).scalars().all()
        other = connection.execute(text("SELECT mutualis_request_member('R-B1')")).scalar()
    engine.dispose()
    assert flags == [True]
    assert other == "INOXAGRI"  # whose request it is, nothing else of it (day, skill, people)


@pytest.mark.postgres
def test_a_member_imports_hours_on_its_own_requests_all_rows_or_none(worked, tmp_path):
    url_of, _ = worked
    sheet = tmp_path / "hours.csv"
    sheet.write_text(f"employee,request,day,start,end\nE1,R-A1,{DAY},09:00,11:00\nE3,R-B1,{DAY},13:00,15:00\n")
    before = _corrections(url_of())
    refused = _run(url_of("A"), "hours", "import", str(sheet))
    assert refused.exit_code == 1
    assert refused.output == "error: hours.csv:3: column request: CHAUMAY may not change hours of INOXAGRI\n"
    assert _corrections(url_of()) == before
    sheet.write_text(f"employee,request,day,start,end\nE1,R-A1,{DAY},09:00,11:00\n")
    assert _ok(url_of("A"), "hours", "import", str(sheet)) == (
        f"1 hour corrections imported from {sheet}\nto be checked by the GE manager: the labour rules read every "
        "employee's contract and shifts, which a member's login may not\n")
    assert _corrections(url_of()) == before + 1


@pytest.mark.postgres
def test_the_manager_checks_member_hours_confirms_them_declaring_what_they_break_and_validates(worked):
    url_of, _ = worked
    # E3 also works R-B1 13:00-17:00 for INOXAGRI: 06:00-12:30 makes a 10.5 h day, which CHAUMAY cannot see.
    _ok(url_of("A"), "hours", "record", "E3", "R-A1", "--day", DAY, "--start", "06:00", "--end", "12:30")
    checked = _run(url_of("M"), "check", "--month", "2030-12")
    assert checked.exit_code == 1
    lines = checked.output.splitlines()
    assert any(line.startswith("max_daily_hours: ") and "E3" in line for line in lines)
    assert "to check: E3 on R-A1 2030-12-02 recorded by CHAUMAY's login" in checked.output
    assert lines[-1].endswith("shift(s) recorded by members' logins to check")
    assert _run(url_of("A"), "hours", "validate", "--member", "CHAUMAY", "--month", "2030-12", "--early").output == (
        "error: hours validate checks the labour rules on every employee's contract and shifts, which CHAUMAY's "
        "login may not read: the GE manager validates the month\n")
    refused = _run(url_of("M"), "hours", "validate", "--member", "CHAUMAY", "--month", "2030-12", "--early")
    assert refused.exit_code == 1 and "break 1 labour rule(s), first: [max_daily_hours]" in refused.output

    confirm = ("hours", "record", "E3", "R-A1", "--day", DAY, "--start", "06:00", "--end", "12:30")
    unconfirmed = _run(url_of("M"), *confirm)
    assert unconfirmed.exit_code == 1 and "[max_daily_hours]" in unconfirmed.output
    declared = _ok(url_of("M"), *confirm, "--accept-violation", "boiler repair")
    assert "declared exception max_daily_hours" in declared and "to be checked" not in declared
    checked = _run(url_of("M"), "check", "--month", "2030-12")
    assert checked.exit_code == 0, checked.output
    assert "to check: E3" not in checked.output and "declared exception max_daily_hours" in checked.output

    validated = _ok(url_of("M"), "hours", "validate", "--member", "CHAUMAY", "--month", "2030-12", "--early")
    assert validated.startswith("hours of CHAUMAY for 2030-12 validated on ")
    assert validated.rstrip().endswith("shift(s) recorded by its login checked against the labour rules")
    assert "to check" not in _ok(url_of("M"), "hours", "show", "--month", "2030-12", "--member", "CHAUMAY")


@pytest.mark.postgres
def test_a_members_import_and_raw_insert_after_the_cutoff_are_stored_late(worked, tmp_path):
    url_of, _ = worked
    _ok(url_of("M"), "request", "cutoff", "wed", "12:00")
    sheet = tmp_path / "requests.csv"
    row = "{code},{member},{site},TIG,{day},08:00,12:00\n"
    sheet.write_text("code,member,site,skill,day,start,end\n"
                     + row.format(code="R-A7", member="CHAUMAY", site="BELLITOURNE", day="2030-12-12")
                     + row.format(code="R-A8", member="CHAUMAY", site="BELLITOURNE", day="2030-12-19"))
    imported = _run(url_of("A"), "import", "requests", str(sheet), env={"MUTUALIS_NOW": "2030-12-04T12:30"})
    assert imported.output == ("requests: 2 added, 0 updated, 0 unchanged, 1 late (filed after the cut-off, flagged "
                               f"to the GE manager: R-A7) ({sheet})\n")
    sheet.write_text("code,member,site,skill,day,start,end\n"
                     + row.format(code="R-B7", member="INOXAGRI", site="USINE", day="2030-12-12"))
    foreign = _run(url_of("A"), "import", "requests", str(sheet))
    assert foreign.exit_code == 1 and len(foreign.output.splitlines()) == 1
    assert foreign.output == "error: requests.csv:2: column member: CHAUMAY may not change requests of INOXAGRI\n"

    # psql: the database's own clock decides (2026-12-01 is long past its cut-off, 2099 far ahead of it).
    engine = create_engine(url_of("A"))
    with engine.begin() as connection:
        ids = connection.execute(text("SELECT member_id, site_id, skill_id FROM requests WHERE code = 'R-A1'")).one()
        for code, day in (("R-PSQL-OLD", "2026-12-01"), ("R-PSQL-NEW", "2099-12-01")):
            connection.execute(text(
                "INSERT INTO requests (code, member_id, site_id, skill_id, day, start, \"end\", ends_next_day, "
                "min_level, certifications, headcount, priority, min_chunk_hours, preferred_employees, "
                "excluded_employees, same_person, note, late) VALUES (:code, :m, :s, :k, :day, '08:00', '12:00', "
                "false, 1, '[]', 1, 'normal', 1, '[]', '[]', false, '', false)"),
                {"code": code, "m": ids.member_id, "s": ids.site_id, "k": ids.skill_id, "day": day})
    engine.dispose()
    listed = json.loads(_ok(url_of("M"), "request", "list", "--member", "CHAUMAY", "--json"))
    assert {r["code"] for r in listed if r["late"]} >= {"R-A7", "R-PSQL-OLD"}
    assert not {r["code"] for r in listed if r["late"]} & {"R-A8", "R-PSQL-NEW", "R-A1"}
