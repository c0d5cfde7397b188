"""Bad files and bad rows: every problem named by file, row and column."""

import pytest

from integrations.tabular import read_rows
from consortium.errors import InvalidInput, RowError

EMPLOYEE_HEADER = ("code,first_name,last_name,home_latitude,home_longitude,contract_start,members,weekly_hours,"
                   "hourly_cost")


def _employee(code, weekly_hours="35", cost="20"):
    return f"{code},Ana,Roux,45.7,4.8,2025-01-01,ACIER,{weekly_hours},{cost}"


def _write(tmp_path, name, lines):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _problems(kind, path):
    with pytest.raises(RowError) as info:
        read_rows(kind, path)
    return info.value.problems


def test_one_bad_row_in_the_middle_is_named_by_file_row_and_column(tmp_path):
    path = _write(tmp_path, "employees.csv", [
        EMPLOYEE_HEADER, _employee("E001"), _employee("E002"), _employee("E003", weekly_hours="-4"), _employee("E004"),
    ])
    problems = _problems("employees", path)
    assert problems == ["employees.csv:4: column weekly_hours: Input should be greater than 0 (got '-4')"]


def test_every_bad_row_is_reported_not_only_the_first(tmp_path):
    path = _write(tmp_path, "employees.csv", [
        EMPLOYEE_HEADER,
        _employee("E001", weekly_hours="trente"),
        _employee("E002"),
        _employee("E003", cost="0"),
        "E004,Ana,,45.7,4.8,2025-01-01,ACIER,35,20",
        "E 5,Ana,Roux,95,4.8,2025-13-01,,35,20",
    ])
    problems = _problems("employees", path)
    assert problems[0] == "employees.csv:2: column weekly_hours: 'trente' is not a number"
    assert problems[1] == "employees.csv:4: column hourly_cost: Input should be greater than 0 (got '0')"
    assert problems[2] == "employees.csv:5: column last_name: required, but empty"
    assert "employees.csv:6: column members: required, but empty" in problems
    assert ("employees.csv:6: column contract_start: '2025-13-01' is not a date like 2026-12-01 "
            "(or 01/12/2026, day first)") in problems
    assert str(RowError(problems)).endswith(f"(and {len(problems) - 1} more)")


def test_a_bad_siret_names_the_column_and_the_value(tmp_path):
    path = _write(tmp_path, "members.csv", ["code,legal_name,siret", "ACIER,Aciéries,73282932000075"])
    assert _problems("members", path) == [
        "members.csv:2: column siret: SIRET '73282932000075' is not 14 digits with a valid Luhn key"
    ]


def test_an_absence_that_ends_before_it_starts_is_placed_on_the_end_column(tmp_path):
    path = _write(tmp_path, "absences.csv", ["employee,start,end", "E001,2026-12-02T08:00,2026-12-01T08:00"])
    assert _problems("absences", path) == [
        "absences.csv:2: column end: end 2026-12-01T08:00:00 is not after start 2026-12-02T08:00:00"
    ]


def test_a_request_that_ends_before_it_starts_asks_for_ends_next_day(tmp_path):
    path = _write(tmp_path, "requests.csv", [
        "code,member,site,skill,day,start,end", "R1,ACIER,MAIN,TIG,2026-12-07,22:00,06:00",
    ])
    (problem,) = _problems("requests", path)
    assert problem.startswith("requests.csv:2: column end: end 06:00 is not after start 22:00")
    assert "ends_next_day" in problem


def test_errors_inside_a_list_cell_name_the_item(tmp_path):
    path = _write(tmp_path, "employees.csv", [
        EMPLOYEE_HEADER + ",certifications,skills",
        _employee("E001") + ",HAB-ELEC:BR:2025-01-15:2024-01-01,TIG:2",
        _employee("E002") + ",HAB-ELEC:BR,TIG:deux",
    ])
    assert _problems("employees", path) == [
        "employees.csv:2: column certifications: item 1: valid_to 2024-01-01 is before valid_from 2025-01-15",
        "employees.csv:3: column skills: level 'deux' of skill TIG is not a whole number",
        "employees.csv:3: column certifications: certification 'HAB-ELEC:BR' is not like "
        "HAB-ELEC:BR:2025-01-15:2028-01-14",
    ]


def test_a_cdd_without_end_is_placed_on_contract_end(tmp_path):
    path = _write(tmp_path, "employees.csv", [EMPLOYEE_HEADER + ",contract_kind", _employee("E001") + ",CDD"])
    assert _problems("employees", path) == ["employees.csv:2: column contract_end: a CDD needs an end date"]


def test_duplicate_codes_in_one_file_are_row_errors(tmp_path):
    path = _write(tmp_path, "employees.csv", [EMPLOYEE_HEADER, _employee("E001"), _employee("e001")])
    assert _problems("employees", path) == ["employees.csv:3: column code: duplicate code E001 (first on row 2)"]


def test_missing_columns_are_all_named(tmp_path):
    path = _write(tmp_path, "members.csv", ["code,activity", "ACIER,steel"])
    with pytest.raises(InvalidInput, match=r"^members.csv: missing column\(s\) legal_name, siret \(the members"):
        read_rows("members", path)


def test_an_unknown_column_is_refused(tmp_path):
    path = _write(tmp_path, "members.csv", ["code,legal_name,siret,colour", "ACIER,Aciéries,73282932000074,red"])
    with pytest.raises(InvalidInput, match=r"^members.csv: unknown column\(s\) colour "):
        read_rows("members", path)


@pytest.mark.parametrize("content", ["", "\n\n", "  \n"])
def test_an_empty_file_is_refused(tmp_path, content):
    path = tmp_path / "members.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"^members.csv: the file is empty"):
        read_rows("members", path)


def test_an_unknown_suffix_is_refused(tmp_path):
    path = _write(tmp_path, "members.txt", ["code,legal_name,siret"])
    with pytest.raises(InvalidInput) as info:
        read_rows("members", path)
    assert str(info.value) == "members.txt: unsupported file type .txt (use .csv or .xlsx)"


def test_a_damaged_workbook_is_one_clear_error(tmp_path):
    path = _write(tmp_path, "members.xlsx", ["not a zip"])
    with pytest.raises(InvalidInput, match=r"^members.xlsx: not a readable XLSX workbook"):
        read_rows("members", path)


def test_numbers_that_are_not_finite_are_refused(tmp_path):
    path = _write(tmp_path, "members.csv", ["code,legal_name,siret,entitlement",
                                            "ACIER,A,73282932000074,nan", "FORGE,B,44306184100047,1e400"])
    assert _problems("members", path) == [
        "members.csv:2: column entitlement: 'nan' is not a number",
        "members.csv:3: column entitlement: '1e400' is too large",
    ]


def test_a_value_under_no_header_is_refused(tmp_path):
    path = _write(tmp_path, "members.csv", ["code,legal_name,siret,", "ACIER,A,73282932000074,oops"])
    assert _problems("members", path) == ["members.csv:2: a value in column 4, which has no header"]
