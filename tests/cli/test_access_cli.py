"""`mutualis access` and `mutualis audit` on a PostgreSQL database of their own; one line on SQLite (#14)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text

from cli import main
from tests.pg_scratch import scratch_database

SIRETS = ("73282932000009", "73282932000017")


@pytest.fixture(scope="module")
def group():
    """A database with two members (CHAUMAY, INOXAGRI, one site each), and the URL of any login on it."""
    with scratch_database("access", {"A": "chaumay", "B": "inoxagri", "M": "office"}) as (url_of, logins):
        _ok(url_of(), "init")  # tests add more logins; every one is dropped with the database
        for (code, site), siret in zip((("CHAUMAY", "BELLITOURNE"), ("INOXAGRI", "USINE")), SIRETS, strict=False):
            _ok(url_of(), "member", "add", code, "--name", code.title(), "--siret", siret, "--site", site,
                "--lat", "45.7", "--lon", "4.8")
        yield url_of, logins


def _run(url, *args, env=None):
    return CliRunner().invoke(main, ["--db", url, *args], env=env)


def _ok(url, *args, env=None):
    result = _run(url, *args, env=env)
    assert result.exit_code == 0, result.output
    return result.output


def _request(url, code, member, site, day="2030-12-02"):
    return _run(url, "request", "add", code, "--member", member, "--site", site, "--skill", "TIG", "--day", day,
                "--start", "08:00", "--end", "12:00")


@pytest.mark.postgres
def test_a_member_login_files_its_requests_sees_only_them_and_is_refused_the_rest_in_one_line(group):
    url_of, logins = group
    said = _ok(url_of(), "access", "grant", "CHAUMAY", "--login", logins["A"], "--password-env", "PW",
               env={"PW": "s3cret!"})
    assert said == f"login {logins['A']} created: member CHAUMAY\n"
    admin = create_engine(url_of())
    with admin.connect() as connection:
        stored = connection.execute(text("SELECT rolpassword FROM pg_authid WHERE rolname = :r"),
                                    {"r": logins["A"]}).scalar()
    admin.dispose()
    assert stored.startswith("SCRAM-SHA-256$") and "s3cret" not in stored
    taken = _run(url_of(), "access", "grant", "CHAUMAY", "--login", "postgres")
    assert taken.output == "error: role postgres already exists and is not a mutualis login: choose another login\n"
    _ok(url_of(), "access", "grant", "INOXAGRI", "--login", logins["B"])
    _ok(url_of(), "access", "grant-manager", logins["M"])
    assert _ok(url_of("A"), "access", "whoami") == f"{logins['A']}: member CHAUMAY\n"

    assert _request(url_of("A"), "R-A1", "CHAUMAY", "BELLITOURNE").exit_code == 0
    assert _request(url_of("B"), "R-B1", "INOXAGRI", "USINE").exit_code == 0
    listed = _ok(url_of("A"), "request", "list")
    assert "R-A1" in listed and "R-B1" not in listed

    foreign = _request(url_of("A"), "R-A2", "INOXAGRI", "USINE")
    assert foreign.exit_code == 1
    assert foreign.output == "error: CHAUMAY may not change requests of INOXAGRI\n"
    assert _run(url_of("A"), "request", "list", "--member", "INOXAGRI").output == (
        "error: CHAUMAY may not see requests of INOXAGRI\n")
    refused = _run(url_of("A"), "allocate", "--week", "2030-W49")
    assert refused.exit_code == 1
    assert refused.output == "error: allocate is for the GE manager; CHAUMAY's login may not run it\n"

    assert _run(url_of("A"), "access", "revoke", logins["B"]).output == (
        "error: access revoke is for the GE manager; CHAUMAY's login may not run it\n")
    assert _run(url_of("M"), "access", "grant-manager", "nobody").output == (
        f"error: {logins['M']}'s login may not create or drop logins: the database's administrator "
        "(a role with CREATEROLE) runs `mutualis access`\n")
    logins_listed = _ok(url_of("M"), "access", "list")
    assert logins["A"] in logins_listed and logins["M"] in logins_listed
    audit = _ok(url_of("M"), "audit", "--member", "CHAUMAY", "--since", "2026-01-01")
    assert f"{logins['A']}  CHAUMAY  INSERT requests" in audit and "INOXAGRI" not in audit

    assert _ok(url_of(), "access", "revoke", logins["A"]) == f"login {logins['A']} revoked\n"
    gone = _run(url_of("A"), "request", "list")
    assert gone.exit_code == 1 and len(gone.output.strip().splitlines()) == 1


def test_on_sqlite_access_commands_say_postgresql_is_needed_and_create_no_file(tmp_path):
    for args in (("access", "list"), ("access", "revoke", "x"), ("audit",)):
        result = CliRunner().invoke(main, ["--db", f"sqlite:///{tmp_path / 'g.db'}", *args])
        assert result.exit_code == 1
        assert result.output.startswith("error: access control needs PostgreSQL: create the group there")
    assert not (tmp_path / "g.db").exists()


@pytest.mark.postgres
def test_the_managers_allocation_uses_a_members_requests_which_sees_its_plan_and_b_sees_no_change(group):
    url_of, logins = group
    logins.update(A2=logins["A"] + "2", B2=logins["B"] + "2")
    for code, member in (("E1", "CHAUMAY"), ("E2", "INOXAGRI")):
        _ok(url_of(), "employee", "add", code, "--first-name", "Léa", "--last-name", member.title(), "--lat", "45.7",
            "--lon", "4.8", "--members", member, "--start", "2026-01-05", "--skill", "TIG:2", "--hourly-cost", "24.50")
    _ok(url_of(), "access", "grant", "CHAUMAY", "--login", logins["A2"])
    _ok(url_of(), "access", "grant", "INOXAGRI", "--login", logins["B2"])
    _ok(url_of(), "access", "grant-manager", logins["M"])  # the fixture may be fresh (another xdist worker)
    assert _request(url_of("B2"), "R-B9", "INOXAGRI", "USINE", "2030-12-04").exit_code == 0
    b_before = _ok(url_of("B2"), "request", "list")

    assert _request(url_of("A2"), "R-A9", "CHAUMAY", "BELLITOURNE", "2030-12-04").exit_code == 0
    assert _ok(url_of("B2"), "request", "list") == b_before
    _ok(url_of("M"), "allocate", "--week", "2030-W49")

    engine = create_engine(url_of("A2"))
    with engine.connect() as connection:
        plan = connection.execute(text(
            "SELECT r.code, e.code FROM assignments a JOIN requests r ON r.id = a.request_id "
            "JOIN member_employees e ON e.id = a.employee_id ORDER BY 1")).all()
        count = connection.execute(text("SELECT count(*) FROM assignments")).scalar()
    engine.dispose()
    assert ("R-A9", "E1") in plan and count == len(plan)
    assert all(request.startswith("R-A") and employee == "E1" for request, employee in plan)
