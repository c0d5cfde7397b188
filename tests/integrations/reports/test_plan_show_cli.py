"""`plan show` and `bill` through the command line: the format follows --out's suffix, --by, --member,
--per-member and --lang honoured, --out creates missing folders, and every bad --out is one clear line."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

import report_samples as samples
from cli import main
from integrations.store import open_store


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("plan") / "m.db"
    store = open_store(f"sqlite:///{path}")
    with store.session() as repo:
        samples.save(repo)
    store.close()
    return f"sqlite:///{path}"


def run(db, *args):
    return CliRunner().invoke(main, ["--db", db, *args])


def show(db, *args):
    return run(db, "plan", "show", "--week", samples.WEEK, *args)


def one_error_line(result) -> str:
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "unexpected" not in lines[0] and "Traceback" not in result.output
    return lines[0]


def test_xlsx_asked_into_an_html_file_is_refused_and_nothing_written(db, tmp_path):
    line = one_error_line(show(db, "--format", "xlsx", "--out", str(tmp_path / "plan.html")))
    assert line == f"error: --format xlsx does not match {tmp_path / 'plan.html'}: name it *.xlsx or drop --format"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name,magic", [("plan.xlsx", b"PK\x03\x04"), ("plan.csv", b"member,site,employee"),
                                        ("plan.html", b"<!doctype html>"), ("plan.json", b"{")])
def test_without_format_the_suffix_decides(db, tmp_path, name, magic):
    out = tmp_path / "missing" / "folders" / name
    result = show(db, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(magic) and stat.S_IMODE(out.stat().st_mode) == 0o600


def test_a_folder_gets_calendars(db, tmp_path):
    result = show(db, "--out", str(tmp_path / "cal"))
    assert result.output == f"3 calendars written to {tmp_path / 'cal'}\n"
    assert sorted(p.name for p in (tmp_path / "cal").iterdir()) == ["E001.ics", "E002.ics", "E003.ics"]


def test_the_page_honours_by_lang_and_member(db, tmp_path):
    show(db, "--out", str(tmp_path / "fr.html"), "--by", "site")
    page = (tmp_path / "fr.html").read_text(encoding="utf-8")
    assert "lundi 30 novembre" in page and "<b>ACIER</b> Atelier nord</th>" in page
    show(db, "--out", str(tmp_path / "en.html"), "--lang", "en")
    english = (tmp_path / "en.html").read_text(encoding="utf-8")
    assert "Monday 30 November" in english and "<b>E003</b> Jessica Bigot</th>" in english
    show(db, "--out", str(tmp_path / "bois.html"), "--member", "bois")
    bois = (tmp_path / "bois.html").read_text(encoding="utf-8")
    assert "Menuiserie du Bocage SARL" in bois and "ACIER" not in bois and "VOLAILLE" not in bois
    assert one_error_line(show(db, "--member", "NOPE")) == "error: unknown member 'NOPE'"


def test_per_member_pages_go_into_one_folder(db, tmp_path):
    result = show(db, "--per-member", "--out", str(tmp_path / "pages"))
    assert result.output == f"3 member pages written to {tmp_path / 'pages'}\n"
    names = sorted(p.name for p in (tmp_path / "pages").iterdir())
    assert names == ["plan-2026-W49-ACIER.html", "plan-2026-W49-BOIS.html", "plan-2026-W49-VOLAILLE.html"]
    volaille = (tmp_path / "pages" / names[2]).read_text(encoding="utf-8")
    assert "Abattoir de Bazouges" in volaille and "Bocage" not in volaille


def test_tables_on_screen_by_site(db):
    result = show(db, "--by", "site")
    assert result.exit_code == 0, result.output
    lines = [line.split()[:2] for line in result.output.splitlines()[3:15]]
    assert lines[:5] == [["ACIER", "MAIN"], ["ACIER", "MAIN"], ["ACIER", "MAIN"], ["ACIER", "NORD"], ["BOIS", "MAIN"]]


def test_out_where_a_folder_is_a_file_or_a_file_is_a_folder_is_one_line(db, tmp_path):
    a_file = tmp_path / "a_file"
    a_file.write_text("x")
    (tmp_path / "a_folder.html").mkdir()
    assert one_error_line(show(db, "--format", "ics", "--out", str(a_file))) == (
        f"error: {a_file}: it is a file, not a folder")
    assert one_error_line(show(db, "--out", str(tmp_path / "a_folder.html"))) == (
        f"error: {tmp_path / 'a_folder.html'}: it is a folder, not a file")
    assert one_error_line(show(db, "--out", str(a_file / "plan.html"))) == (
        f"error: {a_file / 'plan.html'}: {a_file} is a file, not a folder")
    assert one_error_line(run(db, "bill", "--month", "2026-12", "--out", str(a_file))).startswith(
        f"error: {a_file}: ")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders; see the next test")
def test_out_in_a_read_only_folder_is_one_line(db, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    assert one_error_line(show(db, "--out", str(locked / "plan.html"))) == (
        f"error: {locked / 'plan.html'}: permission denied")
    assert one_error_line(run(db, "bill", "--month", "2026-12", "--out", str(locked / "bills"))) == (
        f"error: {locked / 'bills'}: permission denied")


def test_a_refused_write_is_one_line_naming_the_path(db, tmp_path, monkeypatch):
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    assert one_error_line(show(db, "--out", str(tmp_path / "plan.html"))) == (
        f"error: {tmp_path / 'plan.html'}: permission denied")
    assert one_error_line(show(db, "--out", str(tmp_path / "cal"))) == f"error: {tmp_path / 'cal'}: permission denied"
    assert one_error_line(run(db, "bill", "--month", "2026-12", "--out", str(tmp_path / "bills"))) == (
        f"error: {tmp_path / 'bills'}: permission denied")


def test_bill_writes_french_statements_and_english_on_request(db, tmp_path):
    result = run(db, "bill", "--month", "2026-12", "--out", str(tmp_path / "fr" / "bills"))
    assert result.exit_code == 0, result.output
    page = next((tmp_path / "fr" / "bills").glob("statement-BOIS-*.html")).read_text(encoding="utf-8")
    assert "Relevé de Menuiserie du Bocage SARL (BOIS) pour décembre 2026" in page and "mardi 1er décembre" in page
    run(db, "bill", "--month", "2026-12", "--out", str(tmp_path / "en"), "--lang", "en")
    english = Path(tmp_path / "en" / "statement-BOIS-2026-12.html").read_text(encoding="utf-8")
    assert "Statement of Menuiserie du Bocage SARL (BOIS) for December 2026" in english
