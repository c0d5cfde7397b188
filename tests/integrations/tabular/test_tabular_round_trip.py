"""Writing, reading and writing again gives the same file and the same objects."""

import openpyxl
import pytest

from integrations.tabular import KINDS, columns, read_rows, write_rows, write_template

from tabular_objects import ALL


def _content(path):
    if path.suffix == ".csv":
        return path.read_bytes()
    return [list(row) for row in openpyxl.load_workbook(path).active.iter_rows(values_only=True)]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("kind", KINDS)
def test_a_round_trip_gives_the_same_file_and_keeps_every_field(kind, suffix, tmp_path):
    """CSV comes back byte for byte, XLSX cell value for cell value."""
    objects = ALL[kind]()
    first, second = tmp_path / f"{kind}{suffix}", tmp_path / f"again-{kind}{suffix}"
    write_rows(kind, objects, first)
    rows = read_rows(kind, first)
    write_rows(kind, [obj for _, obj in rows], second)
    assert _content(second) == _content(first)
    assert [row for row, _ in rows] == [2, 3]
    assert [obj for _, obj in rows] == sorted(objects, key=lambda o: _key(kind, o))


def test_an_xlsx_export_has_the_columns_in_order_and_numbers_as_numbers(tmp_path):
    path = tmp_path / "employees.xlsx"
    write_rows("employees", ALL["employees"](), path)
    header, first, _ = _content(path)
    assert header == columns("employees")
    cells = dict(zip(header, first, strict=False))
    assert (cells["home_latitude"], cells["weekly_hours"], cells["hourly_cost"]) == (45, 35, 18)
    assert (cells["contract_start"], cells["minor"], cells["contract_end"]) == ("2025-09-01", "true", None)


def _key(kind, obj):
    return {"sites": lambda: (obj[0], obj[1].code), "absences": lambda: (obj.employee, str(obj.start))}.get(
        kind, lambda: obj.code)()


def test_rows_are_written_sorted_by_code(tmp_path):
    path = tmp_path / "employees.csv"
    write_rows("employees", ALL["employees"](), path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("code,first_name,last_name,")
    assert lines[1].startswith("E003,") and lines[2].startswith("E020,")


def test_numbers_are_written_without_spurious_zeros_and_money_as_given(tmp_path):
    path = tmp_path / "employees.csv"
    write_rows("employees", ALL["employees"](), path)
    text = path.read_text(encoding="utf-8")
    assert ",45.760012345678,4.85,CDD,2026-01-05,2026-12-31,17.5,812.25,true," in text
    assert "E003,Léo,Dupont,,45,-1.5,CDI,2025-09-01,,35,,false,ACIER,,,,,false,true,18,,,\n" in text
    assert ",31.05,FORGE,ACIER,40" in text


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("kind", KINDS)
def test_a_template_of_every_kind_parses_to_one_example(kind, suffix, tmp_path):
    path = tmp_path / f"template{suffix}"
    write_template(kind, path)
    rows = read_rows(kind, path)
    assert len(rows) == 1 and rows[0][0] == 2


def test_a_note_that_starts_with_an_equals_sign_stays_text_in_xlsx(tmp_path):
    path = tmp_path / "absences.xlsx"
    absence = ALL["absences"]()[0].model_copy(update={"note": "=1+1 to check"})
    write_rows("absences", [absence], path)
    assert read_rows("absences", path)[0][1].note == "=1+1 to check"
