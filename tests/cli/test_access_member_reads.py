"""A member firm's login reads its own plan and hours through the same commands as the GE manager (#14, item 3)."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from tests.cli.test_access_cli import _ok, _request, _run, group  # noqa: F401 - `group` is the fixture


@pytest.mark.postgres
def test_a_member_sees_its_plan_and_hours_never_the_other_members_and_b_sees_its_own(group):  # noqa: F811
    url_of, logins = group
    for code, member in (("E1", "CHAUMAY"), ("E2", "INOXAGRI")):
        _ok(url_of(), "employee", "add", code, "--first-name", "Léa", "--last-name", member.title(), "--lat", "45.7",
            "--lon", "4.8", "--members", member, "--start", "2026-01-05", "--skill", "TIG:2", "--hourly-cost", "24.50")
    _ok(url_of(), "access", "grant", "CHAUMAY", "--login", logins["A"])
    _ok(url_of(), "access", "grant", "INOXAGRI", "--login", logins["B"])
    _ok(url_of(), "access", "grant-manager", logins["M"])
    assert _request(url_of("A"), "R-A1", "CHAUMAY", "BELLITOURNE").exit_code == 0
    assert _request(url_of("B"), "R-B1", "INOXAGRI", "USINE").exit_code == 0
    _ok(url_of("M"), "allocate", "--week", "2030-W49")
    _ok(url_of("M"), "publish", "--week", "2030-W49")

    plan_a = _ok(url_of("A"), "plan", "show", "--week", "2030-W49")
    assert "plan 2030-W49 (published): 1 assignments" in plan_a
    assert "R-A1" in plan_a and "E1" in plan_a
    assert "R-B1" not in plan_a and "E2" not in plan_a and "INOXAGRI" not in plan_a
    plan_b = _ok(url_of("B"), "plan", "show", "--week", "2030-W49")
    assert "R-B1" in plan_b and "E2" in plan_b and "R-A1" not in plan_b and "CHAUMAY" not in plan_b

    hours_a = _ok(url_of("A"), "hours", "show", "--month", "2030-12")
    assert "R-A1" in hours_a and "1 shifts, 4.00 h worked" in hours_a
    assert "R-B1" not in hours_a and "E2" not in hours_a
    assert "R-A1" in _ok(url_of("A"), "hours", "show", "--month", "2030-12", "--employee", "e1")
    assert _run(url_of("A"), "hours", "show", "--month", "2030-12", "--employee", "E2").output == (
        "error: no employee 'E2'\n")
    hours_b = _ok(url_of("B"), "hours", "show", "--month", "2030-12")
    assert "R-B1" in hours_b and "R-A1" not in hours_b
    assert _ok(url_of("M"), "hours", "show", "--month", "2030-12").count("planned") == 2

    checked = _run(url_of("A"), "check", "--week", "2030-W49")
    assert checked.exit_code == 1
    assert checked.output == "error: check is for the GE manager; CHAUMAY's login may not run it\n"


@pytest.mark.postgres
def test_a_members_request_after_the_cutoff_is_stored_late_and_its_login_cannot_clear_the_flag(group):  # noqa: F811
    url_of, logins = group
    logins.update(A3=logins["A"] + "3")
    _ok(url_of(), "access", "grant", "CHAUMAY", "--login", logins["A3"])
    _ok(url_of(), "request", "cutoff", "wed", "12:00")
    refused = _run(url_of("A3"), "request", "cutoff", "--off")
    assert refused.output == "error: request cutoff is for the GE manager; CHAUMAY's login may not run it\n"
    filed = _ok(url_of("A3"), "request", "add", "R-LATE", "--member", "CHAUMAY", "--site", "BELLITOURNE", "--skill",
                "TIG", "--day", "2030-12-05", "--start", "08:00", "--end", "12:00",
                env={"MUTUALIS_NOW": "2030-11-27T12:30"})
    assert filed.endswith("late (filed after the cut-off, flagged to the GE manager): R-LATE\n")

    engine = create_engine(url_of("A3"))
    with engine.begin() as connection:
        connection.execute(text("UPDATE requests SET late = false, note = 'urgent' WHERE code = 'R-LATE'"))
    engine.dispose()
    listed = _ok(url_of(), "request", "list", "--week", "2030-W49").splitlines()
    assert [line.split()[0] for line in listed if line.endswith("late")] == ["R-LATE"]
