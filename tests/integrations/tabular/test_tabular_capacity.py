"""The capacity sheet is read with the checks of the other sheets: columns, rows, duplicates, commitments."""

from __future__ import annotations

import pytest

from integrations.tabular.capacity import read_capacity_sheet
from consortium.errors import InvalidInput, RowError

HEADER = "member,resource,week,available_hours,max_overtime_hours,committed_hours"


def _sheet(tmp_path, *lines, name="cap.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_good_sheet_reads_decimal_commas_and_optional_columns(tmp_path):
    path = _sheet(tmp_path, "member;resource;week;available_hours", "TOLERIE;LASER1;2027-w02;28,5")
    [d] = read_capacity_sheet(path)
    assert (d.key, d.week, d.available_hours, d.committed_hours) == ("TOLERIE/LASER1", "2027-W02", 28.5, 0)


def test_an_unknown_or_misspelt_column_is_refused(tmp_path):
    path = _sheet(tmp_path, "member,resource,week,available_hours,commited_hours", "TOLERIE,LASER1,2027-W02,28,10")
    with pytest.raises(InvalidInput, match="cap.csv: unknown column\\(s\\) commited_hours"):
        read_capacity_sheet(path)


def test_a_header_only_file_has_no_rows(tmp_path):
    with pytest.raises(InvalidInput, match="cap.csv: the file has no rows, only the header"):
        read_capacity_sheet(_sheet(tmp_path, HEADER))


def test_a_row_repeated_in_the_file_is_refused_with_both_rows(tmp_path):
    path = _sheet(tmp_path, HEADER, "TOLERIE,LASER1,2027-W02,28,0,0", "TOLERIE,LASER1,2027-W03,28,0,0",
                  "tolerie,LASER1,2027-W02,30,0,0")
    with pytest.raises(RowError) as caught:
        read_capacity_sheet(path)
    assert caught.value.problems == ["cap.csv:4: column week: TOLERIE/LASER1 2027-W02 is already on row 2"]


def test_more_hours_committed_than_available_is_refused_counting_the_units(tmp_path):
    path = _sheet(tmp_path, HEADER, "TOLERIE,LASER1,2027-W02,28,5,40", "TOLERIE,PRESS,2027-W02,28,0,40",
                  "TOLERIE,PRESS,2027-W03,28,0,abc")
    with pytest.raises(RowError) as caught:
        read_capacity_sheet(path, units={"TOLERIE/PRESS": 2})
    assert caught.value.problems == [
        "cap.csv:2: column committed_hours: 40 h committed, more than the 28 h available",
        "cap.csv:4: column committed_hours: 'abc' is not a number",
    ]
    [d] = read_capacity_sheet(_sheet(tmp_path, HEADER, "TOLERIE,PRESS,2027-W02,28,0,40"), units={"TOLERIE/PRESS": 2})
    assert d.committed_hours == 40  # 28 h x 2 units
