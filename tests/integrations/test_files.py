"""Files people keep: complete or absent, owner-only, byte-stable, errors naming the path."""

from __future__ import annotations

import os
import time
from datetime import datetime

import pandas as pd
import pytest

from integrations.files import FileProblem, write_text, written, written_folder


def test_a_file_is_created_owner_only_with_its_missing_folders(tmp_path):
    path = write_text(tmp_path / "a" / "b" / "plan.html", "<p>plan</p>")
    assert path.read_text() == "<p>plan</p>"
    assert os.stat(path).st_mode & 0o777 == 0o600


def test_a_failure_while_writing_leaves_neither_the_file_nor_a_temporary_one(tmp_path):
    (tmp_path / "bill.xlsx").write_text("old")
    with pytest.raises(RuntimeError), written(tmp_path / "bill.xlsx") as tmp:
        tmp.write_text("half")
        raise RuntimeError("killed")
    assert [p.name for p in tmp_path.iterdir()] == ["bill.xlsx"]
    assert (tmp_path / "bill.xlsx").read_text() == "old"


def test_a_file_where_a_folder_is_expected_is_one_line_naming_it(tmp_path):
    (tmp_path / "out").write_text("a file")
    with pytest.raises(FileProblem, match="out.*is a file, not a folder"):
        write_text(tmp_path / "out" / "plan.html", "x")
    with pytest.raises(FileProblem, match="is a folder, not a file"):
        write_text(tmp_path, "x")


def test_a_folder_of_files_appears_only_when_every_file_is_written(tmp_path):
    with pytest.raises(RuntimeError), written_folder(tmp_path / "bills") as staging:
        (staging / "one.html").write_text("1")
        raise RuntimeError("killed")
    assert list((tmp_path / "bills").iterdir()) == []
    with written_folder(tmp_path / "bills") as staging:
        (staging / "one.html").write_text("1")
        (staging / "two.html").write_text("2")
    assert sorted(p.name for p in (tmp_path / "bills").iterdir()) == ["one.html", "two.html"]
    assert os.stat(tmp_path / "bills" / "two.html").st_mode & 0o777 == 0o600


def _xlsx(path, stamp=None):
    with written(path, stamp=stamp) as tmp:
        pd.DataFrame({"a": [1, 2]}).to_excel(tmp, index=False, engine="openpyxl")


def test_the_same_workbook_written_twice_has_the_same_bytes(tmp_path):
    _xlsx(tmp_path / "one.xlsx")
    time.sleep(1.1)  # openpyxl stamps the second and the zip the two seconds it writes in
    _xlsx(tmp_path / "two.xlsx")
    assert (tmp_path / "one.xlsx").read_bytes() == (tmp_path / "two.xlsx").read_bytes()
    assert pd.read_excel(tmp_path / "two.xlsx")["a"].tolist() == [1, 2]


def test_a_workbook_carries_the_stamp_it_is_given(tmp_path):
    from openpyxl import load_workbook

    _xlsx(tmp_path / "s.xlsx", stamp=datetime(2026, 12, 31, 17, 0))
    assert load_workbook(tmp_path / "s.xlsx").properties.created == datetime(2026, 12, 31, 17, 0)


def test_french_dates_write_the_first_of_the_month_as_an_ordinal():
    from datetime import date

    from integrations.reports.language import language

    assert language("fr").day(date(2026, 12, 1), weekday=False) == "1er décembre 2026"
    assert language("fr").day(date(2026, 11, 30)) == "lundi 30 novembre 2026"
    assert language("en").day(date(2026, 12, 1)) == "Tuesday 1 December 2026"
