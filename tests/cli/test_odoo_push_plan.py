"""`mutualis odoo push plan` against the Odoo test server: a published week becomes calendar events, once."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from click.testing import CliRunner

from cli import main
from integrations.store import open_store
from sharing.plans import Assignment, Plan
from sharing.requests import Request
from integrations.odoo.testing import Catalog, OdooTestServer

WEEK = "2026-W49"


@pytest.fixture
def odoo_server():
    with OdooTestServer(Catalog.load()) as server:
        yield server


@pytest.fixture
def run(tmp_path, monkeypatch, odoo_server):
    """A store linked to the test server, its employees pulled, a week of two assignments published."""
    monkeypatch.setenv("ODOO_TEST_KEY", "admin")
    monkeypatch.setenv("MUTUALIS_TODAY", "2026-11-01")
    db = f"sqlite:///{tmp_path}/m.db"

    def invoke(*args, code=0):
        result = CliRunner().invoke(main, ["--db", db, *args])
        assert result.exit_code == code, result.output
        return result

    invoke("odoo", "connect", "ge", "--url", odoo_server.url, "--db", odoo_server.database, "--login", "admin",
           "--protocol", "xmlrpc", "--password-env", "ODOO_TEST_KEY")
    invoke("member", "add", "ACME", "--name", "Acme SA", "--siret", "73282932000074", "--site", "MAIN",
           "--site-name", "Usine", "--lat", "45", "--lon", "4")
    invoke("odoo", "pull", "employees")
    store = open_store(db)
    with store.session() as repo:
        assignments = []
        for n, (employee, day) in enumerate([("E001", date(2026, 11, 30)), ("E003", date(2026, 12, 1))]):
            repo.plans.save_request(Request(code=f"R{n}", member="ACME", site="MAIN", skill="FRENCH", day=day,
                                            start=time(8), end=time(12)))
            assignments.append(Assignment(employee=employee, request=f"R{n}", member="ACME", site="MAIN",
                                          start=datetime.combine(day, time(8)), end=datetime.combine(day, time(12))))
        repo.plans.save_plan(Plan(week=WEEK, status="published", assignments=assignments))
    store.close()
    return invoke


def test_a_dry_run_prints_the_events_then_the_push_creates_them_once(run, odoo_server):
    before = odoo_server.db.table("calendar.event").copy()
    assert run("odoo", "push", "plan", "--week", WEEK, "--dry-run").output == (
        "+ mutualis.assignment_2026-W49_E001_R0 name='Acme SA — R0' start='2026-11-30 07:00:00' "
        "stop='2026-11-30 11:00:00' location='ACME/MAIN' partner_ids=[[6, 0, [3]]]\n"
        "+ mutualis.assignment_2026-W49_E003_R1 name='Acme SA — R1' start='2026-12-01 07:00:00' "
        "stop='2026-12-01 11:00:00' location='ACME/MAIN' partner_ids=[[6, 0, [7]]]\n"
        "calendar.event: dry run, would have created 2, updated 0, deleted 0, adopted 0, unchanged 0\n")
    assert odoo_server.db.table("calendar.event") == before
    assert run("odoo", "push", "plan", "--week", WEEK).output == (
        "calendar.event: created 2, updated 0, deleted 0, adopted 0, unchanged 0\n")
    assert len(odoo_server.db.table("calendar.event")) == len(before) + 2
    assert run("odoo", "push", "plan", "--week", WEEK).output == (
        "calendar.event: created 0, updated 0, deleted 0, adopted 0, unchanged 2\n")


def test_an_unpublished_week_is_one_line_and_exit_1(run):
    assert run("odoo", "push", "plan", "--week", "2026-W50", code=1).output == (
        "error: the plan of 2026-W50 is not published: run `mutualis publish --week 2026-W50` first\n")
