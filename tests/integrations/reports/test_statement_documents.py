"""Member statements in French by default (numbers, money, dates, words; the XLSX's headers too), in
English on request; the figures on the page add up to the statement's total; a folder complete or absent."""

from __future__ import annotations

import re
import stat
from datetime import datetime
from decimal import Decimal
from html import unescape

import openpyxl
import pytest

import report_samples as samples
from integrations.files import FileProblem
from integrations.reports import statement_files
from integrations.reports.statement_files import write_statement_xlsx, write_statements
from integrations.reports.statement_html import statement_html

NAMES = {e.code: e.name for e in samples.EMPLOYEES}


def french_money(value: Decimal) -> str:
    """70768.33 -> '70 768,33 €' with the narrow no-break space and no-break space French uses."""
    units, cents = f"{value:.2f}".split(".")
    groups = []
    while units:
        groups.insert(0, units[-3:])
        units = units[:-3]
    return "\u202f".join(groups) + "," + cents + "\u00a0€"


def read_french_money(text: str) -> Decimal:
    return Decimal(text.replace("\u202f", "").replace("\u00a0€", "").replace(",", "."))


def test_the_french_statement_shows_french_money_dates_and_words_and_its_lines_add_up():
    s = samples.statement()
    html = statement_html(s, NAMES, "GE Sud-Mayenne", "Aciéries de la Mayenne SA")
    assert "<html lang='fr'>" in html
    assert "Relevé de Aciéries de la Mayenne SA (ACIER) pour novembre 2026" in unescape(html)
    assert "lundi 30 novembre" in html and "mercredi 2 décembre" in html and "mardi 1er décembre" in html
    assert french_money(s.total) in html and french_money(s.total) == "70\u202f768,33\u00a0€"
    lines = html.split("<h2>Lignes</h2>", 1)[1].split("<tfoot>", 1)[0]
    amounts = [read_french_money(m) for m in re.findall(r"<td class='n'>([\d\u202f]+,\d\d\u00a0€)</td><td>", lines)]
    assert len(amounts) == len(s.lines) and sum(amounts) == s.total  # each line shown, total = sum of lines
    for x in s.lines:
        hours = f"{Decimal(x.minutes) / 60:,.2f}".replace(",", "\u202f").replace(".", ",")
        assert f"<td class='n'>{hours} h</td>" in html
    for word in ("heures travaillées", "trajet entre sites", "régularisation", "régularisation de trajet",
                 "défaut du groupement", "propre à l'adhérent", "type de contrat", "à prix coûtant"):
        assert word in unescape(html)
    assert "1,085 (propre à l&#x27;adhérent)" in html  # a coefficient shown with all its decimals


def test_the_english_statement_on_request():
    s = samples.statement()
    html = unescape(statement_html(s, NAMES, "GE", "Aciéries de la Mayenne SA", lang="en"))
    assert "Statement of Aciéries de la Mayenne SA (ACIER) for November 2026" in html
    assert "Monday 30 November" in html and "€70,768.33" in html and "hours worked" in html
    assert "lundi" not in html and "Relevé" not in html


def test_the_xlsx_has_french_headers_numbers_that_add_up_and_the_same_bytes_each_time(tmp_path):
    s = samples.statement()
    write_statement_xlsx(s, NAMES, "GE", tmp_path / "a.xlsx")
    write_statement_xlsx(s, NAMES, "GE", tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    book = openpyxl.load_workbook(tmp_path / "a.xlsx")
    assert book.sheetnames == ["relevé", "lignes"]
    sheet = book["lignes"]
    header = [c.value for c in sheet[1]]
    assert header == ["Jour", "Salarié", "Nom", "Demande", "Nature", "Minutes", "Heures", "Coût horaire",
                      "Coefficient", "Origine du coefficient", "Montant", "Note"]
    rows = [dict(zip(header, (c.value for c in row), strict=False)) for row in sheet.iter_rows(min_row=2)]
    assert sum(Decimal(str(r["Montant"])) for r in rows) == s.total
    assert rows[0]["Jour"] == datetime(2026, 11, 30) and sheet["A2"].number_format == "dd/mm/yyyy"
    assert rows[0]["Nature"] == "heures travaillées" and sheet["K2"].number_format == '#,##0.00 "€"'
    head = [c.value for c in book["relevé"]["A"][:3]]
    assert head[1] == "Relevé de ACIER pour novembre 2026" and french_money(s.total) in head[2]
    assert book.properties.created == datetime(2026, 12, 1)  # the month billed is over, not the clock
    english = tmp_path / "en.xlsx"
    write_statement_xlsx(s, NAMES, "GE", english, lang="en")
    assert [c.value for c in openpyxl.load_workbook(english)["lines"][1]][:3] == ["Day", "Employee", "Name"]


def test_a_folder_of_statements_is_complete_owner_only_or_absent(tmp_path, monkeypatch):
    bill = samples.month_bill().model_copy(update={"statements": [
        samples.statement(), samples.statement().model_copy(update={"member": "BOIS"})]})
    files = write_statements(bill, samples.MEMBERS, samples.EMPLOYEES, "GE", tmp_path / "new" / "bills")
    assert sorted(p.name for p in (tmp_path / "new" / "bills").iterdir()) == sorted(p.name for p in files) == [
        "statement-ACIER-2026-11.html", "statement-ACIER-2026-11.xlsx",
        "statement-BOIS-2026-11.html", "statement-BOIS-2026-11.xlsx"]
    assert {stat.S_IMODE(p.stat().st_mode) for p in files} == {0o600}
    assert stat.S_IMODE((tmp_path / "new" / "bills").stat().st_mode) == 0o700

    calls = []

    def second_fails(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return "<html></html>"

    monkeypatch.setattr(statement_files, "statement_html", second_fails)
    with pytest.raises(FileProblem, match="half: No space left on device$"):
        write_statements(bill, samples.MEMBERS, samples.EMPLOYEES, "GE", tmp_path / "half")
    assert list((tmp_path / "half").iterdir()) == []
