"""Employees are matched by link, confirmed mapping or badge; new ones get free codes; no one is renamed."""

from __future__ import annotations

import pytest

from integrations.odoo.employee_match import load_employee_mapping, match_employees
from consortium.errors import InvalidInput

from odoo_pull_fixtures import member_store, own_employee, pull

OWN = {"E001": "Jean Dupont", "E002": "Aïcha Benali", "E003": "Marc Demo"}


@pytest.fixture
def store(store_url):
    s = member_store(store_url)
    with s.session() as repo:
        for code, name in OWN.items():
            repo.people.add_employee(own_employee(code, name))
    yield s
    s.close()


def names(store) -> dict[str, str]:
    with store.session() as repo:
        return {e.code: e.name for e in repo.people.list_employees()}


def badge(odoo, odoo_id: int, value: str) -> None:
    odoo.db.table("hr.employee")[odoo_id]["barcode"] = value


def test_employees_without_badge_get_free_codes_not_the_groups_own(store, gateway):
    dry = pull(store, gateway, dry_run=True)
    assert (dry.created, dry.updated) == (20, 0)
    assert "+ employee E004 Mitchell Admin" in dry.diff and not [d for d in dry.diff if d.startswith("~")]
    pull(store, gateway)
    after = names(store)
    assert {c: after[c] for c in OWN} == OWN  # the group's own employees are untouched
    assert after["E004"] == "Mitchell Admin" and after["E023"] == "Beth Evans" and len(after) == 23
    with store.session() as repo:
        assert repo.odoo.links("test", "hr.employee")["E004"][0] == 1


def test_a_second_pull_finds_its_employees_by_link_even_renamed(store, gateway, odoo):
    pull(store, gateway)
    odoo.db.table("hr.employee")[1]["name"] = "Mitchell Admin-Smith"
    again = pull(store, gateway)
    assert (again.created, again.updated, again.unchanged) == (0, 1, 19)
    assert names(store)["E004"] == "Mitchell Admin-Smith"
    assert "employee E004: Odoo renamed Mitchell Admin to Mitchell Admin-Smith" in again.warnings


def test_a_badge_matches_the_stored_employee_of_the_same_name(store, gateway, odoo):
    badge(odoo, 3, "e003")  # Odoo's Marc Demo carries the badge of the group's Marc Demo
    report = pull(store, gateway)
    assert report.created == 19 and report.updated == 1 and not report.problems
    with store.session() as repo:
        assert repo.odoo.links("test", "hr.employee")["E003"][0] == 3
        assert repo.people.get_employee("E003").hourly_cost == 75  # Odoo's cost: Odoo owns it


def test_a_badge_naming_another_person_is_reported_and_nobody_is_renamed(store, gateway, odoo):
    badge(odoo, 1, "E001")  # Mitchell Admin's badge is Jean Dupont's code
    report = pull(store, gateway)
    assert names(store)["E001"] == "Jean Dupont"
    assert any(p.startswith("badge E001 of Odoo employee Mitchell Admin (#1) is the code of Jean Dupont: not pulled")
               and "'1: E001'" in p for p in report.problems)
    assert "Mitchell Admin" not in names(store).values()


def test_the_administrators_mapping_confirms_a_match(store, gateway, odoo, tmp_path):
    path = tmp_path / "employees.yaml"
    path.write_text("# Odoo id: code\n1: e001\n7: E777\n", encoding="utf-8")
    mapping = load_employee_mapping(path)
    assert mapping == {1: "E001", 7: "E777"}
    badge(odoo, 1, "E001")
    report = pull(store, gateway, mapping=mapping)
    after = names(store)
    assert after["E001"] == "Mitchell Admin" and after["E777"] == "Audrey Peterson" and not report.problems


def test_two_odoo_employees_giving_the_same_code_are_reported_not_merged(store, gateway, odoo):
    badge(odoo, 5, "B-42")
    badge(odoo, 6, "b 42")
    report = pull(store, gateway)
    assert report.problems == ["Odoo employees Tina Williamson (#5) and Abigail Peterson (#6) all give code B-42:"
                               " not merged, none of them pulled; give each its own badge"] * 2
    assert "B-42" not in names(store) and report.created == 18


def test_a_code_linked_to_one_odoo_employee_is_never_given_to_another(store, gateway, odoo):
    pull(store, gateway)
    new = gateway.create("hr.employee", [{"name": "Nora Keller", "barcode": "E004", "hourly_cost": 30},
                                         {"name": "Ugo Lenoir", "hourly_cost": 30}])
    report = pull(store, gateway, mapping={new[1]: "E005", 9: "E099"})
    assert report.problems == [
        "Odoo employee Rachel Perry (#9) is linked to E012 but the mapping file says E099: not pulled;"
        " correct the mapping file",
        f"the badge gives Odoo employee Nora Keller (#{new[0]}) code E004, already linked to"
        " Odoo employee #1: not pulled",
        f"the mapping file gives Odoo employee Ugo Lenoir (#{new[1]}) code E005, already linked to"
        " Odoo employee #2: not pulled"]
    after = names(store)
    assert (after["E004"], after["E005"], after["E012"]) == ("Mitchell Admin", "Jeffrey Kelly", "Rachel Perry")
    assert "Nora Keller" not in after.values() and "Ugo Lenoir" not in after.values()


def test_a_mapping_file_must_name_odoo_ids(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("Mitchell: E001\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="expected an Odoo employee id and a code"):
        load_employee_mapping(path)


def test_new_codes_come_after_every_code_stored_linked_or_given():
    records = [{"id": 1, "name": "A B", "barcode": "E050"}, {"id": 2, "name": "C D"}, {"id": 3, "name": "E F"}]
    matches = match_employees(records, {"E001": "X Y", "JD": "J D"}, {"E060": 99})
    assert [(m.code, m.how) for m in matches] == [("E050", "new"), ("E061", "new"), ("E062", "new")]


def test_the_cli_dry_run_takes_the_mapping_file_and_announces_no_rename(odoo_server, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from cli import main

    monkeypatch.setenv("ODOO_TEST_KEY", "admin")
    db = f"sqlite:///{tmp_path}/cli.db"

    def run(*args):
        return CliRunner().invoke(main, ["--db", db, *args])

    run("odoo", "connect", "ge", "--url", odoo_server.url, "--db", odoo_server.database, "--login", "admin",
        "--password-env", "ODOO_TEST_KEY")
    run("member", "add", "ACME", "--name", "Acme SA", "--siret", "73282932000074", "--site", "MAIN",
        "--site-name", "Usine", "--lat", "45", "--lon", "4")
    for code, name in OWN.items():
        first, last = name.split(" ", 1)
        assert run("employee", "add", code, "--first-name", first, "--last-name", last, "--lat", "45", "--lon", "4",
                   "--members", "ACME", "--start", "2024-01-01", "--hourly-cost", "20").exit_code == 0
    (tmp_path / "map.yaml").write_text("3: E003\n", encoding="utf-8")
    dry = run("odoo", "pull", "employees", "--dry-run", "--mapping", str(tmp_path / "map.yaml"))
    assert dry.exit_code == 0, dry.output
    assert dry.output.splitlines()[0].startswith("employees: dry run, would have created 19, updated 1")
    assert "~ employee E003 Marc Demo" in dry.output and "+ employee E004 Mitchell Admin" in dry.output
    assert "~ employee E001" not in dry.output
