"""What people really send: semicolons and decimal commas, a BOM, oui/non, typed Excel cells, extra sheets."""

from datetime import date, datetime, time
from decimal import Decimal

import openpyxl
import pytest

from integrations.tabular import read_rows
from consortium.errors import InvalidInput, RowError


def test_a_semicolon_csv_with_decimal_commas_and_a_bom_is_read(tmp_path):
    path = tmp_path / "employees.csv"
    path.write_text(
        "code;first_name;last_name;home_latitude;home_longitude;contract_start;members;weekly_hours;hourly_cost;"
        "night_worker;skills\n"
        "E001;Ana;Roux;45,75;4,85;2025-01-01;\"ACIER;FORGE\";24,5;25,50;Oui;\"TIG:2;MIG:1\"\n",
        encoding="utf-8-sig",
    )
    ((row, employee),) = read_rows("employees", path)
    assert row == 2
    assert (employee.home_latitude, employee.home_longitude) == (45.75, 4.85)
    assert employee.contract.weekly_hours == 24.5 and employee.hourly_cost == Decimal("25.50")
    assert employee.contract.members == ["ACIER", "FORGE"]
    assert employee.night_worker is True and employee.skills == {"TIG": 2, "MIG": 1}


def test_a_windows_1252_csv_from_french_excel_is_read(tmp_path):
    path = tmp_path / "members.csv"
    path.write_bytes("code;legal_name;siret\nACIER;Aciéries;732 829 320 00074\n".encode("cp1252"))
    ((_, member),) = read_rows("members", path)
    assert member.legal_name == "Aciéries" and member.siret == "73282932000074"


@pytest.mark.parametrize(("text", "value"), [("yes", True), ("NON", False), ("1", True), ("0", False), ("True", True)])
def test_booleans_accept_the_usual_spellings(tmp_path, text, value):
    path = tmp_path / "requests.csv"
    path.write_text(f"code,member,site,skill,day,start,end,same_person\nR1,ACIER,MAIN,TIG,2026-12-07,8:00,12:00,{text}\n")
    ((_, request),) = read_rows("requests", path)
    assert request.same_person is value and request.start == time(8, 0)


def test_blank_lines_are_skipped_but_rows_keep_the_numbers_users_see(tmp_path):
    path = tmp_path / "absences.csv"
    path.write_text("employee,start,end\n\nE001,2026-12-01T08:00,2026-12-01T12:00\n,,\n"
                    "E002,2026-12-01 08:00,2026-12-02\n")
    with pytest.raises(RowError) as info:
        read_rows("absences", path)
    assert str(info.value) == ("absences.csv:5: column end: '2026-12-02' is not a local date and time "
                               "like 2026-12-01T08:00")


def test_typed_excel_cells_are_read_like_text_and_the_sheet_named_like_the_kind_wins(tmp_path):
    path = tmp_path / "book.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "notes"
    workbook.active.append(["nothing to see"])
    sheet = workbook.create_sheet("Requests")
    sheet.append(["code", "member", "site", "skill", "day", "start", "end", "headcount", "min_chunk_hours",
                  "ends_next_day"])
    sheet.append(["R1", "acier", "main", "tig", datetime(2026, 12, 7), time(22, 0), time(6, 0), 2, 2.5, True])
    sheet.append([None] * 10)
    sheet.append(["R2", "ACIER", "MAIN", "TIG", date(2026, 12, 8), "06:00", "14:00", 1.0, 0, False])
    workbook.save(path)
    rows = read_rows("requests", path)
    assert [row for row, _ in rows] == [2, 4]
    first, second = (request for _, request in rows)
    assert (first.member, first.day, first.start, first.end, first.ends_next_day) == (
        "ACIER", date(2026, 12, 7), time(22, 0), time(6, 0), True)
    assert (first.headcount, first.min_chunk_hours) == (2, 2.5)
    assert (second.day, second.headcount, second.ends_next_day) == (date(2026, 12, 8), 1, False)


def test_headers_are_matched_without_case_or_surrounding_spaces(tmp_path):
    path = tmp_path / "members.csv"
    path.write_text(" Code ,LEGAL_NAME,siret,\nACIER,Aciéries,73282932000074,\n", encoding="utf-8")
    ((_, member),) = read_rows("members", path)
    assert member.code == "ACIER"


def test_a_file_with_only_the_header_is_refused_as_having_no_rows(tmp_path):
    path = tmp_path / "members.csv"
    path.write_text("code,legal_name,siret\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="members.csv: the file has no rows, only the header"):
        read_rows("members", path)
