"""The lending statement page: French by default, English on request (words from the gettext catalogue,
numbers, money and dates as the other English documents write them); the amounts are the cost basis times
the hours, to the cent, in both."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_python
from babel.messages.pofile import read_po

from integrations.reports import lending_statement
from integrations.reports.lending_statement import lending_statement_html
from sharing.lending import lending_statement as statement_of

from test_lending_documents import BORROWER, LENDER, OFFER, _placement, text_of

PO = Path(lending_statement.__file__).resolve().parent / "locales" / "fr" / "LC_MESSAGES" / "mutualis.po"
# 12 h at 21.30 EUR/h = 255.60 EUR (7 h on the 3rd: 149.10 EUR, 5 h on the 2nd: 106.50 EUR)
STATEMENT = statement_of("BISCUIT", "ACIER", "2026-12", [_placement(3, 8, 15), _placement(2, 13, 18)],
                         {OFFER.code: OFFER})
FRENCH_WORDS = ("Relevé", "Salarié", "entreprise", "Base de coût", "Charges sociales", "Chaque ligne", "décembre")


def page(lang: str | None = None) -> str:
    return lending_statement_html(STATEMENT, {OFFER.code: OFFER}, LENDER, BORROWER, lang)


def test_the_statement_is_french_by_default():
    text = text_of(page())
    for needle in ("Relevé de mise à disposition de personnel — décembre 2026",
                   "De : Biscuiterie des Trois Moulins SAS", "À : Aciers du Maine SAS",
                   "02/12/2026 Léa Roux R2 5,00 21,30 € 106,50 €",
                   "03/12/2026 Léa Roux R3 7,00 21,30 € 149,10 €", "Total 12,00 255,60 €",
                   "Léa Roux 14,20 € 6,10 € 1,00 € 21,30 €", "Aucun coefficient, aucune marge"):
        assert needle in text, needle
    assert '<html lang="fr">' in page()


def test_lang_en_writes_the_statement_in_english_with_english_numbers_and_dates():
    html = page("en")
    text = text_of(html)
    for needle in ("Staff lending statement — December 2026", "article L8241-1 of the French Labour Code",
                   "From: Biscuiterie des Trois Moulins SAS", "lending firm", "To: Aciers du Maine SAS",
                   "borrowing firm", "Day Employee Request Hours Hourly cost Amount",
                   "02/12/2026 Léa Roux R2 5.00 €21.30 €106.50", "03/12/2026 Léa Roux R3 7.00 €21.30 €149.10",
                   "Total 12.00 €255.60", "Declared cost basis", "Salary Social charges Professional expenses",
                   "Léa Roux €14.20 €6.10 €1.00 €21.30", "No coefficient, margin or management fee is applied"):
        assert needle in text, needle
    assert '<html lang="en">' in html
    assert "<title>Lending statement BISCUIT to ACIER, December 2026</title>" in html
    assert [word for word in FRENCH_WORDS if word in text] == []


def test_an_unknown_language_is_one_line():
    with pytest.raises(Exception, match="unknown document language 'de': use one of fr, en"):
        page("de")


def test_every_word_of_the_statement_has_a_french_translation_with_the_same_fields():
    with PO.open("rb") as handle:
        catalogue = read_po(handle, locale="fr")
    with Path(lending_statement.__file__).open("rb") as handle:
        used = {m for _line, _function, message, _comments in extract_python(handle, ["_", "gettext"], [], {})
                for m in (message if isinstance(message, tuple) else (message,)) if isinstance(m, str)}
    assert len(used) >= 19
    assert sorted(m for m in used if not (catalogue.get(m) and catalogue.get(m).string)) == []
    for message in used:
        assert set(re.findall(r"{(\w+)}", catalogue.get(message).string)) == set(re.findall(r"{(\w+)}", message))
