"""Bad input to every command that reads a file or a number: exit code not 0, one line on stderr naming the
value or the path, never a traceback or an "unexpected" error, and the database exactly as it was."""

from __future__ import annotations

import os
import sqlite3

import pytest
from click.testing import CliRunner

from cli import main
from integrations.demo import load_demo
from integrations.store import open_store

TENDER = "AO-2027-CHASSIS"


def _employee(*extra, cost="24", lat="47", start="2026-01-05", first="A"):
    return ["employee", "add", "E900", "--first-name", first, "--last-name", "B", "--lat", lat, "--lon", "0",
            "--members", "TOLERIE", "--start", start, "--hourly-cost", cost, *extra]


def _request(*extra):
    return ["request", "add", "R9", "--member", "TOLERIE", "--site", "MAIN", "--skill", "TIG", "--day", "2026-12-01",
            "--start", "08:00", "--end", "12:00", *extra]


# (command line, a fragment of the one error line). {d} is a folder of prepared files: see `files`.
CASES = [
    # time limits, seeds, workers: refused before anything runs
    (["allocate", "--week", "2026-W49", "--time-limit", "nan"], "'nan' is not a finite number"),
    (["allocate", "--week", "2026-W49", "--time-limit", "inf"], "'inf' is not a finite number"),
    (["allocate", "--week", "2026-W49", "--time-limit", "0"], "0<x<=86400"),
    (["allocate", "--week", "2026-W49", "--time-limit", "-5"], "0<x<=86400"),
    (["allocate", "--week", "2026-W49", "--time-limit", "abc"], "'abc' is not a number"),
    (["allocate", "--week", "2026-W49", "--workers", "0"], "'--workers'"),
    (["allocate", "--week", "2026-W49", "--seed", "-1"], "'--seed'"),
    (["replan", "--week", "2026-W49", "--absent", "E001", "--from", "2026-12-02", "--time-limit", "nan"], "finite"),
    (["tender", "plan", TENDER, "--time-limit", "nan"], "'nan' is not a number"),
    (["tender", "plan", TENDER, "--time-limit", "-1"], "-1 is not in the range (0, 3600]"),
    (["tender", "reserve", TENDER, "--version", "0"], "0 is not in the range x>=1"),
    (["tender", "bid", TENDER, "--out", "{d}/bid", "--time-limit", "inf"], "'inf' is not a number"),
    # weeks, months, years, days
    (["allocate", "--week", "2026-W54"], "week 2026-W54 does not exist (2026 has 53 ISO weeks)"),
    (["allocate", "--week", "49"], "'49' is not an ISO week like 2026-W49"),
    (["allocate", "--week", "9999-W01"], "the year is not between 1900 and 2999"),
    (["check", "--week", "2026-W00"], "does not exist"),
    (["publish", "--week", "soon"], "is not an ISO week"),
    (["plan", "show", "--week", "2026-W60"], "does not exist"),
    (["request", "list", "--week", "2026-49"], "is not an ISO week"),
    (["counters", "show", "E001", "--week", "2027-W53"], "2027 has 52 ISO weeks"),
    (["pin", "--week", "x", "E001", "R1"], "is not an ISO week"),
    (["hours", "show", "--month", "9999-12"], "'9999-12': the year is not between 1900 and 2999"),
    (["hours", "show", "--month", "2026-13"], "'2026-13' is not a month like 2026-11"),
    (["hours", "show", "--month", "november"], "is not a month"),
    (["hours", "validate", "--member", "TOLERIE", "--month", "10000-01"], "is not a month"),
    (["bill", "--month", "9999-12"], "the year is not between"),
    (["odoo", "push", "invoices", "--month", "2026-00"], "is not a month"),
    (["odoo", "pull", "capacity", "--week", "2027-W99"], "does not exist"),
    (["ledger", "--year", "10000"], "'--year'"),
    (["ledger", "--year", "abc"], "'--year'"),
    (["capacity", "show", "--weeks", "0"], "1<=x<=104"),
    (["capacity", "show", "--weeks", "-3"], "1<=x<=104"),
    (["capacity", "show", "--weeks", "100000"], "1<=x<=104"),
    (["capacity", "show", "--from", "9999-W52"], "the year is not between"),
    (["capacity", "declare", "TOLERIE", "LASER-6KW", "--week", "9999-W52", "--hours", "3"], "the year is not between"),
    (["capacity", "declare", "TOLERIE", "LASER-6KW", "--week", "2027-W03", "--hours", "nan"], "'nan' is not a number"),
    (["capacity", "declare", "TOLERIE", "LASER-6KW", "--week", "2027-W03", "--hours", "35", "--overtime", "-1"],
     "-1 is not in the range [0, 168]"),
    (["tender", "check", TENDER, "--as-of", "9999-12-31"], "the year is not between"),
    (["hours", "record", "E001", "R1", "--day", "2026-02-30", "--absent"], "'--day'"),
    (["hours", "record", "E001", "R1", "--day", "2026-12-01", "--travel", "-1"], "'--travel'"),
    (["hours", "record", "E001", "R1", "--day", "2026-12-01", "--travel", "100000"], "'--travel'"),
    # amounts, counts and coordinates of new objects
    (_employee(cost="abc"), "'abc' is not an amount like 24.50"),
    (_employee(cost="NaN"), "not a finite amount"),
    (_employee(cost="-3"), "0<x<=9999.9999"),
    (_employee(cost="24.123456"), "more than 4 decimals"),
    (_employee(lat="nan"), "'--lat'"),
    (_employee("--weekly-hours", "inf"), "finite"),
    (_employee(start="10000-01-01"), "'--start'"),
    (_employee(first="x" * 300), "at most 200 characters"),
    (["member", "add", "NEWCO", "--name", "N", "--siret", "73282932000074", "--entitlement", "nan"], "finite"),
    (["member", "add", "NEWCO", "--name", "N", "--siret", "73282932000074", "--coefficient", "abc"], "amount"),
    (["member", "add", "NEWCO", "--name", "N", "--siret", "73282932000074", "--site", "S", "--lat", "95",
      "--lon", "0"], "-90<=x<=90"),
    (_request("--headcount", "0"), "1<=x<=100"),
    (_request("--headcount", "two"), "'--headcount'"),
    (_request("--level", "0"), "'--level'"),
    (_request("--min-chunk", "nan"), "finite"),
    (_request("--until", "9999-12-31"), "the year is not between"),
    # files to read
    (["import", "members", "{d}/missing.csv"], "does not exist"),
    (["import", "members", "{d}/folder.csv"], "is a directory"),
    (["import", "members", "{d}/binary.csv"], "binary.csv: not a CSV file (binary content)"),
    (["import", "members", "{d}/workbook-named.csv"], "an XLSX workbook named .csv?"),
    (["import", "members", "{d}/binary.xlsx"], "binary.xlsx: not a readable XLSX workbook"),
    (["import", "employees", "{d}/text.xlsx"], "text.xlsx: not a readable XLSX workbook"),
    (["import", "members", "{d}/notes.txt"], "unsupported file type .txt"),
    (["hours", "import", "{d}/binary.csv"], "not a CSV file"),
    (["hours", "import", "{d}/binary.xlsx"], "not a readable XLSX workbook"),
    (["hours", "import", "{d}/folder.csv"], "is a directory"),
    (["capacity", "import", "{d}/binary.csv"], "not a CSV file"),
    (["capacity", "import", "{d}/folder.csv"], "it is a folder, not a file"),
    (["capacity", "import", "{d}/missing.csv"], "no such file"),
    (["tender", "import", "{d}/latin1.yaml"], "latin1.yaml: not UTF-8 text (byte 0xc9 at offset 22; save it as UTF-8)"),
    (["tender", "import", "{d}/binary.yaml"], "binary.yaml: not a text file (binary content)"),
    (["tender", "import", "{d}/binary.xlsx"], "not a readable XLSX workbook"),
    (["tender", "import", "{d}/broken.json"], "broken.json: line 1: not valid JSON"),
    (["tender", "import", "{d}/folder.yaml"], "folder.yaml: it is a folder, not a file"),
    (["tender", "import", "{d}/missing.yaml"], "missing.yaml: no such file"),
    (["odoo", "pull", "capacity", "--mapping", "{d}/missing.yaml"], "does not exist"),
    # files and folders to write
    (["export", "members", "{d}/folder.csv"], "folder.csv is a folder, not a file"),
    (["export", "members", "{d}/a-file/members.csv"], "a-file is a file, not a folder"),
    (["export", "members", "{d}/members.txt"], "unsupported file type .txt"),
    (["template", "members", "{d}/folder.csv"], "is a folder, not a file"),
    (["bill", "--month", "2026-11", "--out", "{d}/a-file"], "a-file: it is a file, not a folder"),
    (["bill", "--month", "2026-11", "--out", "{d}/a-file/statements"], "statements: a part of the path is a file"),
    (["demo", "--out", "{d}/a-file"], "a-file is a file, not a folder"),
    # refused before the bid is made (20 s of solving), as a folder no file can be written into
    (["tender", "bid", TENDER, "--out", "{d}/a-file/bid"], "a-file/bid: {d}/a-file is a file, not a folder"),
    (["tender", "bid", TENDER, "--out", "{d}/a-file"], "a-file is a file, not a folder"),
]


def _dump(path) -> str:
    with sqlite3.connect(path) as connection:
        return "\n".join(connection.iterdump())


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """A database with the consortium demo, and a folder of files that are wrong in one way each."""
    d = tmp_path_factory.mktemp("bad")
    with open_store(f"sqlite:///{d / 'm.db'}") as store, store.session() as repo:
        load_demo(repo)
    (d / "folder.csv").mkdir()
    (d / "folder.yaml").mkdir()
    (d / "a-file").write_text("not a folder\n", encoding="utf-8")
    (d / "binary.csv").write_bytes(bytes(range(256)) * 8)
    (d / "workbook-named.csv").write_bytes(b"PK\x03\x04" + bytes(60))
    (d / "binary.xlsx").write_bytes(os.urandom(2048))
    (d / "text.xlsx").write_text("code,legal_name\nA,B\n", encoding="utf-8")
    (d / "notes.txt").write_text("hello\n", encoding="utf-8")
    (d / "latin1.yaml").write_bytes("code: AO-1\nbuyer: SOCI\u00c9T\u00c9\n".encode("latin-1"))
    (d / "binary.yaml").write_bytes(b"code: \x00\x01\x02\xff\n")
    (d / "broken.json").write_text("{", encoding="utf-8")
    return d


@pytest.mark.parametrize("args, fragment", CASES, ids=[" ".join(a)[:60] for a, _ in CASES])
def test_bad_input_is_one_line_and_changes_nothing(files, args, fragment):
    db = files / "m.db"
    before = _dump(db)
    result = CliRunner().invoke(main, ["--db", f"sqlite:///{db}", *[a.format(d=files) for a in args]])
    assert result.exit_code not in (0, None), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and fragment.format(d=files) in lines[0]
    assert "unexpected" not in result.output and "Traceback" not in result.output
    assert _dump(db) == before


def test_a_file_that_cannot_be_read_names_it(files, monkeypatch):
    """Tests run as root, where a chmod 000 file is still readable: the refusal is simulated."""
    from pathlib import Path

    sheet = files / "members-locked.csv"
    sheet.write_text("code,legal_name,siret\n", encoding="utf-8")
    real = Path.read_bytes

    def refuse(self):
        if self.name == sheet.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result = CliRunner().invoke(main, ["--db", f"sqlite:///{files / 'm.db'}", "import", "members", str(sheet)])
    assert result.exit_code == 1
    assert result.stderr == f"error: {sheet}: permission denied\n"


def test_a_file_that_cannot_be_written_names_it(files, monkeypatch, tmp_path):
    import pandas as pd

    def refuse(self, path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(pd.DataFrame, "to_csv", refuse)
    out = tmp_path / "members.csv"
    result = CliRunner().invoke(main, ["--db", f"sqlite:///{files / 'm.db'}", "export", "members", str(out)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {out}") and "permission denied" in result.stderr
    assert "unexpected" not in result.stderr and len(result.stderr.splitlines()) == 1


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_named(files, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = CliRunner().invoke(main, ["--db", f"sqlite:///{files / 'm.db'}", "export", "members",
                                           str(locked / "members.csv")])
    finally:
        locked.chmod(0o700)
    assert result.exit_code == 1 and "permission denied" in result.stderr and "unexpected" not in result.stderr


def test_out_creates_the_missing_parent_folders(files, tmp_path):
    out = tmp_path / "reports" / "2026" / "members.csv"
    result = CliRunner().invoke(main, ["--db", f"sqlite:///{files / 'm.db'}", "export", "members", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("code,legal_name")


def test_a_bid_into_a_path_through_a_file_is_refused_before_any_solving(files, monkeypatch):
    from integrations.services import tenders

    def never(*args, **kwargs):
        raise AssertionError("the tender was planned before the output folder was checked")

    monkeypatch.setattr(tenders, "plan_tender", never)
    result = CliRunner().invoke(main, ["--db", f"sqlite:///{files / 'm.db'}", "tender", "bid", TENDER,
                                       "--out", str(files / "a-file" / "bid")])
    assert result.exit_code == 2 and "a-file is a file, not a folder" in result.stderr
