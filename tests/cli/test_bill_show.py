"""Billing a month stores each member's statement; `bill show` prints them back to the cent (#14, item 3).

On the tiny group's week (tests/cli/conftest.py), with an extra Saturday shift at FORGE so that two members
are billed. The figures compared with the database's are read from the statement files `bill --out` wrote.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pandas as pd
import pytest


@pytest.fixture
def billed(mutualis, monkeypatch, tmp_path):
    """The week published; a FORGE request worked on Saturday 5 December; December billed into `tmp_path/out`."""
    mutualis("publish", "--week", "2026-W49")
    mutualis("request", "add", "RF", "--member", "FORGE", "--site", "MAIN", "--skill", "TIG", "--day", "2026-12-05",
             "--start", "08:00", "--end", "11:30")
    monkeypatch.setenv("MUTUALIS_TODAY", "2026-12-10")
    mutualis("hours", "record", "E1", "RF", "--day", "2026-12-05", "--start", "08:00", "--end", "11:30",
             "--note", "Saturday")
    mutualis("bill", "--month", "2026-12", "--out", str(tmp_path / "out"))
    return mutualis, tmp_path / "out"


def _from_files(folder, member: str) -> tuple[list[Decimal], Decimal]:
    """The line amounts and the total of a member's statement as its XLSX says (French sheets)."""
    book = folder / f"statement-{member}-2026-12.xlsx"
    lines = pd.read_excel(book, sheet_name="lignes")
    summary = pd.read_excel(book, sheet_name="relevé", header=None)
    total = summary[summary[0] == "Total"].iloc[0, 3]
    return [Decimal(str(round(x, 2))).quantize(Decimal("0.01")) for x in lines["Montant"]], \
        Decimal(str(round(total, 2))).quantize(Decimal("0.01"))


def test_bill_show_gives_back_each_members_statement_as_the_files_show_it(billed):
    mutualis, folder = billed
    shown = json.loads(mutualis("bill", "show", "--month", "2026-12", "--json").output)
    assert [s["member"] for s in shown] == ["ACIER", "FORGE"]
    for statement in shown:
        amounts, total = _from_files(folder, statement["member"])
        assert [Decimal(x["amount"]) for x in statement["lines"]] == amounts
        assert Decimal(statement["amount"]) == total == sum(amounts)
        assert statement["status"] == "provisional"
    forge = shown[1]
    assert [(x["employee"], x["request"], x["kind"], x["minutes"]) for x in forge["lines"]] == [
        ("E1", "RF", "work", 210)]
    assert forge["lines"][0]["amount"] == "75.60"  # 3.5 h x 20.00 x 1.08
    billed_total = Decimal(json.loads(mutualis("bill", "--month", "2026-12", "--json").output)["members_total"])
    assert sum(Decimal(s["amount"]) for s in shown) == billed_total
    ledger = json.loads(mutualis("ledger", "--year", "2026", "--json").output)
    assert {r["member"]: Decimal(r["amount"]) for r in ledger if r["period"] == "2026-12"} == {
        s["member"]: Decimal(s["amount"]) for s in shown}


def test_bill_show_prints_one_member_in_english_and_the_whole_month_in_french(billed):
    mutualis, _ = billed
    forge = mutualis("bill", "show", "--month", "2026-12", "--member", "forge", "--lang", "en").output.splitlines()
    assert forge[0].startswith("Statement of FORGE for December 2026: 3.50 h billed, €75.60 excluding tax; billed on ")
    assert forge[0].endswith(", provisional (hours not validated yet)")
    assert forge[1].split() == ["Day", "Employee", "Request", "What", "Hours", "Rate", "Coefficient", "Amount", "Note"]
    assert forge[3].split() == ["05/12/2026", "E1", "RF", "hours", "worked", "3.50", "h", "€20.00", "1.08", "€75.60",
                                "Saturday"]
    assert len(forge) == 4
    month = mutualis("bill", "show", "--month", "2026-12").output
    assert month.count("Relevé de ") == 2 and month.splitlines()[-1].startswith("2 relevés, ")


def test_billing_a_month_again_replaces_its_statements(billed):
    mutualis, _ = billed
    mutualis("hours", "record", "E1", "RF", "--day", "2026-12-05", "--start", "08:00", "--end", "10:00")
    mutualis("hours", "validate", "--member", "FORGE", "--month", "2026-12", "--early")
    mutualis("bill", "--month", "2026-12")
    shown = json.loads(mutualis("bill", "show", "--month", "2026-12", "--member", "FORGE", "--json").output)
    assert [(s["amount"], s["status"], len(s["lines"])) for s in shown] == [("43.20", "validated", 1)]


def test_bill_show_of_a_month_not_billed_says_so_in_one_line(mutualis):
    shown = mutualis("bill", "show", "--month", "2026-11", code=1)
    assert shown.output == "error: no statements for 2026-11: the GE manager has not billed it yet\n"
    assert mutualis("bill", "show", "--month", "2026-11", "--member", "NOPE", code=1).output == (
        "error: no member 'NOPE'\n")


def test_a_bill_whose_files_cannot_be_written_stores_nothing_and_keeps_the_earlier_statements(mutualis, tmp_path,
                                                                                               monkeypatch):
    mutualis("publish", "--week", "2026-W49")
    taken = tmp_path / "a-file"
    taken.write_text("not a folder", encoding="utf-8")
    failed = mutualis("bill", "--month", "2026-12", "--out", str(taken), code=1)
    assert len(failed.output.splitlines()) == 1
    assert "has not billed it yet" in mutualis("bill", "show", "--month", "2026-12", code=1).output
    mutualis("bill", "--month", "2026-12")
    before = mutualis("bill", "show", "--month", "2026-12", "--json").output
    monkeypatch.setenv("MUTUALIS_TODAY", "2026-12-10")
    mutualis("hours", "record", "E1", "R1", "--day", "2026-12-01", "--start", "08:00", "--end", "12:00")
    assert mutualis("bill", "show", "--month", "2026-12", "--json").output == before  # stored, not recomputed
    mutualis("bill", "--month", "2026-12", "--out", str(taken), code=1)
    assert mutualis("bill", "show", "--month", "2026-12", "--json").output == before
    mutualis("bill", "--month", "2026-12")  # the change the failed bill would have stored
    assert mutualis("bill", "show", "--month", "2026-12", "--json").output != before
    assert mutualis("bill", "--month", code=2).output.endswith("Error: Option '--month' requires an argument.\n")
    assert "Missing option '--month'" in mutualis("bill", code=2).output
    assert mutualis("bill", "--month", "2026-12", "show", "--month", "2026-12", code=2).output.endswith(
        "Error: give the options after `bill show`\n")
