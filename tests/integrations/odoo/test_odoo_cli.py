"""`mutualis odoo ...` through CliRunner against the test server."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from cli import main


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.setenv("ODOO_TEST_KEY", "admin")
    monkeypatch.setenv("ODOO_BAD_KEY", "wrong")
    db = f"sqlite:///{tmp_path}/m.db"

    def invoke(*args):
        return CliRunner().invoke(main, ["--db", db, *args])
    return invoke


def connect(run, odoo_server, protocol, key="ODOO_TEST_KEY"):
    return run("odoo", "connect", "ge", "--url", odoo_server.url, "--db", odoo_server.database, "--login", "admin",
               "--protocol", protocol, "--password-env", key)


def test_bad_credentials_are_one_line_and_nothing_is_stored(run, odoo_server, protocol):
    result = connect(run, odoo_server, protocol, key="ODOO_BAD_KEY")
    assert result.exit_code == 1
    assert result.output == f"error: Odoo {odoo_server.url} refused login 'admin' on database 'gecoord'\n"
    assert "ge" not in run("odoo", "status").output.splitlines()[-1]


def test_a_password_reference_is_required(run, odoo_server):
    result = run("odoo", "connect", "ge", "--url", odoo_server.url, "--db", "gecoord", "--login", "admin")
    assert result.exit_code == 1 and "give exactly one of --password-env VAR or --password-file PATH" in result.output


def test_connect_then_pull_employees_dry_run_then_for_real(run, odoo_server, protocol):
    assert connect(run, odoo_server, protocol).exit_code == 0
    assert run("member", "add", "ACME", "--name", "Acme SA", "--siret", "73282932000074",
               "--site", "MAIN", "--site-name", "Usine", "--lat", "45", "--lon", "4").exit_code == 0
    dry = run("odoo", "pull", "employees", "--dry-run")
    assert dry.output.splitlines()[0].startswith("employees: dry run, would have created 20, updated 0")
    assert "+ employee E001 Mitchell Admin" in dry.output
    assert "E001" not in run("employee", "list").output
    real = run("odoo", "pull", "employees")
    assert real.output.startswith("employees: created 20, updated 0, unchanged 0")
    status = run("odoo", "status").output
    assert "env:ODOO_TEST_KEY" in status and "hr.employee 20" in status and "admin\n" not in status


@pytest.mark.parametrize("protocol", ["xmlrpc"])
def test_an_unknown_tag_is_one_line(run, odoo_server, protocol):
    connect(run, odoo_server, protocol)
    result = run("odoo", "pull", "members", "--tag", "Nope")
    assert result.exit_code == 1
    assert result.output == f"error: no partner tag 'Nope' in Odoo {odoo_server.url}\n"


@pytest.mark.parametrize("protocol", ["xmlrpc"])
def test_tagged_companies_become_members_or_problems(run, odoo_server, protocol):
    connect(run, odoo_server, protocol)
    odoo_server.db.insert("res.partner.category", {"name": "GE member"})
    tag = max(odoo_server.db.table("res.partner.category"))
    for pid, siret in ((9, "73282932000074"), (10, False)):
        odoo_server.db.table("res.partner")[pid].update(category_id=[tag], company_registry=siret)
    result = run("odoo", "pull", "members")
    assert result.output.splitlines()[0] == "members: created 1, updated 0, unchanged 0, 1 problem(s), 1 warning(s)"
    assert "problem: member DECO_ADDICT (Deco Addict): SIRET none" in result.output
    assert "WOOD_CORNER" in run("member", "list").output
