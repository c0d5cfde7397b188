"""Members and sites in two sheets, and problems found later placed back on their row and column."""

from pathlib import Path

import pytest

from integrations.tabular import (
    FIELD_COLUMNS, attach_sites, column_for, locate, read_rows, row_index, row_problem, split_sites, write_rows,
)
from consortium.errors import InvalidInput, RowError
from tabular_objects import employees, members, sites


def test_sites_attach_to_their_members_and_split_back(tmp_path):
    joined = attach_sites(members(), sites())
    assert [(m.code, [s.code for s in m.sites]) for m in joined] == [("FORGE", ["NORD"]), ("ACIER", ["MAIN"])]
    assert split_sites(joined) == [(m, s) for m, s in sites()]


def test_a_site_of_an_unknown_member_is_reported_at_its_row(tmp_path):
    path = tmp_path / "sites.csv"
    write_rows("sites", sites(), path)
    rows = read_rows("sites", path)
    with pytest.raises(RowError) as info:
        attach_sites(members()[:1], rows, path)
    assert info.value.problems == ["sites.csv:2: column member: unknown member 'ACIER'"]


def test_a_site_given_twice_to_a_member_is_refused():
    with pytest.raises(InvalidInput, match="member FORGE: site code NORD appears twice"):
        attach_sites(members(), sites() + sites()[:1])


def test_domain_fields_map_to_their_columns():
    assert FIELD_COLUMNS["contract.members"] == "members"
    assert FIELD_COLUMNS["contract.weekly_hours"] == "weekly_hours"
    assert FIELD_COLUMNS["preferences.max_commute_minutes"] == "max_commute_minutes"
    assert column_for("sites.authorisation_required_for") == "authorisation_required_for"
    assert column_for("certifications.0.level") == "certifications"
    assert row_problem(Path("x/employees.csv"), 5, "skills", "bad") == "employees.csv:5: column skills: bad"


def test_a_reference_problem_is_located_on_the_row_and_column_of_the_import(tmp_path):
    path = tmp_path / "employees.xlsx"
    write_rows("employees", employees(), path)
    rows = row_index("employees", read_rows("employees", path))
    assert rows == {"E003": 2, "E020": 3}
    assert locate("employee E020: field skills: unknown skill 'TIGG'", rows, path) == (
        "employees.xlsx:3: column skills: unknown skill 'TIGG'")
    assert locate("employee E003: field contract.members: unknown member 'X'", rows, path) == (
        "employees.xlsx:2: column members: unknown member 'X'")
    assert locate("employee E999: field skills: unknown skill 'TIGG'", rows, path) == (
        "employees.xlsx: employee E999: field skills: unknown skill 'TIGG'")
