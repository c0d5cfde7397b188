"""`lend statement --out --lang en` writes the loan's statement in English; French stays the default."""

from __future__ import annotations

from test_lending_commands import _allocate_with_a_loan


def test_lang_en_writes_the_statement_page_in_english_and_french_is_the_default(mutualis, tmp_path):
    _allocate_with_a_loan(mutualis)
    english, french = tmp_path / "statement.html", tmp_path / "releve.html"
    result = mutualis("lend", "statement", "FORGE", "ACIER", "--month", "2026-12", "--out", str(english),
                      "--lang", "en")
    assert result.stderr == f"wrote {english}\n"
    assert result.stdout.splitlines()[-1] == "total 63.90 EUR for 3.00 h"
    page = english.read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Staff lending statement — December 2026" in page
    assert "<td class=\"n\">3.00</td><td class=\"n\">€21.30</td><td class=\"n\">€63.90</td>" in page
    assert "Relevé" not in page and "décembre" not in page
    mutualis("lend", "statement", "FORGE", "ACIER", "--month", "2026-12", "--out", str(french))
    page = french.read_text(encoding="utf-8")
    assert '<html lang="fr">' in page and "Relevé de mise à disposition de personnel — décembre 2026" in page
    assert "<td class=\"n\">3,00</td><td class=\"n\">21,30\u00a0€</td><td class=\"n\">63,90\u00a0€</td>" in page


def test_an_unknown_language_is_refused_before_anything_runs(mutualis):
    result = mutualis("lend", "statement", "FORGE", "ACIER", "--month", "2026-12", "--lang", "de", code=2)
    assert "Invalid value for '--lang'" in result.output
