"""Without an optional Odoo module its fields are skipped with a note, and mutualis keeps what it holds."""

from __future__ import annotations

from decimal import Decimal

import pytest
from click.testing import CliRunner

from cli import main
from integrations.odoo.pull import pull_leaves
from integrations.odoo.testing import InMemoryOdoo, OdooTestServer
from integrations.odoo.testing.modules import without

from odoo_pull_fixtures import member_store, own_employee, pull

HOURLY = "hr_hourly_cost is not installed in Odoo (hr.employee has no hourly_cost): hourly costs stay as mutualis" \
         " holds them"


@pytest.fixture
def missing() -> tuple[str, ...]:
    return ()


@pytest.fixture
def odoo(odoo_catalog, missing):
    """The captured Odoo, in memory, as if the ``missing`` modules had never been installed."""
    return InMemoryOdoo(without(odoo_catalog, *missing))


@pytest.fixture
def odoo_server(odoo_catalog, missing):
    """The same on loopback, for the CLI."""
    with OdooTestServer(without(odoo_catalog, *missing)) as server:
        yield server


@pytest.fixture
def store(store_url):
    s = member_store(store_url)
    with s.session() as repo:
        repo.people.add_employee(own_employee("E100", "Mitchell Admin", skills={}))
        repo.odoo.link("test", "hr.employee", "E100", 1)
    yield s
    s.close()


@pytest.mark.parametrize("missing", [("hr_hourly_cost",)])
def test_the_server_without_a_module_lacks_its_fields_models_and_dependents(gateway, missing):
    assert "hourly_cost" not in gateway.fields_get("hr.employee")
    installed = {m["name"] for m in gateway.search_read("ir.module.module", [("state", "=", "installed")], ["name"])}
    assert "hr_hourly_cost" not in installed and "hr_timesheet" not in installed and "hr_skills" in installed
    from integrations.odoo import OdooFieldError

    gateway.check_fields_first = False
    with pytest.raises(OdooFieldError, match="Invalid field 'hourly_cost'"):
        gateway.read("hr.employee", [1], ["hourly_cost"])


@pytest.mark.parametrize("missing", [("hr_hourly_cost",)])
def test_without_hr_hourly_cost_the_pull_keeps_mutualis_costs_and_notes_it(store, gateway, missing):
    report = pull(store, gateway)
    assert report.notes == [HOURLY]
    assert f"note: {HOURLY}" in report.lines()
    with store.session() as repo:
        assert repo.people.get_employee("E100").hourly_cost == Decimal("21.50")  # as mutualis holds it
    # New employees cannot be created without a cost: each is a problem, not a failure of the pull.
    assert report.created == 0 and len(report.problems) == 19
    assert "no hourly cost (hr_hourly_cost is not installed in Odoo)" in report.problems[0]


@pytest.mark.parametrize("missing", [("hr_skills",)])
def test_without_hr_skills_the_stored_skills_and_certificates_stay(store, gateway, missing):
    with store.session() as repo:
        from sharing.skills import Skill

        repo.people.save_skill(Skill(code="WELDING", name="Welding", levels=["basic", "expert"]))
        repo.people.save_employee(repo.people.get_employee("E100").model_copy(update={"skills": {"WELDING": 2}}))
    report = pull(store, gateway)
    assert any(n.startswith("hr_skills is not installed in Odoo") for n in report.notes)
    with store.session() as repo:
        e = repo.people.get_employee("E100")
    assert e.skills == {"WELDING": 2} and e.hourly_cost == Decimal("100.00")  # the cost is Odoo's again


@pytest.mark.parametrize("missing", [("hr_holidays",)])
def test_without_hr_holidays_leaves_pull_the_calendar_leaves_only(store, gateway, missing):
    pull(store, gateway)
    with store.session() as repo:
        report = pull_leaves(repo, gateway, "test")
    assert report.notes == ["hr_holidays is not installed in Odoo (resource.calendar.leaves has no holiday_id):"
                            " time off is not pulled"]
    assert not report.problems


@pytest.mark.parametrize("missing", [("hr_hourly_cost",)])
def test_connect_says_which_modules_are_installed_and_what_they_enable(odoo_server, tmp_path, monkeypatch, missing):
    monkeypatch.setenv("ODOO_TEST_KEY", "admin")
    result = CliRunner().invoke(main, ["--db", f"sqlite:///{tmp_path}/m.db", "odoo", "connect", "ge", "--url",
                                       odoo_server.url, "--db", odoo_server.database, "--login", "admin",
                                       "--password-env", "ODOO_TEST_KEY"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "- hr_hourly_cost: not installed: employees' hourly cost (hr.employee.hourly_cost)" in lines
    assert "+ hr_skills: skills, certifications and their dates (hr.employee.skill, hr.resume.line)" in lines
    assert "+ mrp: work centres and work orders: `pull capacity`" in lines
