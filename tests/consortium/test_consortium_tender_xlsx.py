"""Tender workbooks: read into the same Tender as YAML; a bad cell names file, sheet, row and column."""

import pytest
from openpyxl import Workbook

from integrations.services.tenders import read_tender
from consortium.errors import InvalidInput

from test_consortium_tiny import tiny_tender


def _workbook(path, run_hours="2"):
    wb = Workbook()
    wb.active.title = "tender"
    for row in (["field", "value"], ["code", "T1"], ["buyer", "Buyer SA"], ["submission_deadline", "2026-12-10"],
                ["offer_valid_until", "2027-01-31"], ["mandataire", "A"]):
        wb["tender"].append(row)
    for title, rows in (
        ("lots", [["code", "release_week", "due_week"], ["L1", "2027-W02", "2027-W05"]]),
        ("items", [["lot", "code", "quantity", "material_cost"], ["L1", "X", "10", "12.34"]]),
        ("steps", [["item", "code", "process", "run_hours", "transfer_lag_weeks", "certificates", "param.material",
                    "param.thickness_mm"],
                   ["X", "CUT", "LASER-CUT", "1", "1", "", "steel", "10"],
                   ["X", "WELD", "WELD-MIG", run_hours, "", "EN1090:EXC2", "", ""]]),
    ):
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def test_a_tender_workbook_reads_like_the_yaml_file(tmp_path):
    assert read_tender(_workbook(tmp_path / "t.xlsx")) == tiny_tender()


def test_a_bad_cell_names_file_sheet_row_and_column(tmp_path):
    with pytest.raises(InvalidInput, match=r"^bad\.xlsx: sheet steps row 3: column run_hours: "):
        read_tender(_workbook(tmp_path / "bad.xlsx", run_hours="-2"))
