"""The loan's documents and the lending statement as PDF files, read back from the same pages: they name
both firms, the person, the period, the place, the hours and the cost basis; the same page gives the same
bytes; the text's own markdown markers stay as typed; without the fonts, one line."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from consortium.errors import InvalidInput
from integrations.reports.lending_documents import agreement_html, amendment_html
from integrations.reports.lending_pdf import pdf_bytes

from test_lending_documents import BORROWER, LENDER, LOAN, OFFER
from test_lending_statement_page import page as statement_page


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def test_the_agreement_pdf_names_the_firms_the_person_the_period_the_place_the_hours_and_the_cost():
    text = pdf_text(pdf_bytes(agreement_html(LOAN, OFFER, LENDER, BORROWER, date(2026, 11, 25))))
    for needle in ("Convention de mise à disposition de personnel", "Biscuiterie des Trois Moulins SAS",
                   "Aciers du Maine SAS", "Léa Roux", "Du 2 décembre 2026 au 3 décembre 2026 inclus",
                   "Atelier, ZA Nord, 53000 Laval", "mercredi 2 décembre 2026 13:00–18:00",
                   "Salaire brut horaire 14,20 €", "Coût horaire facturé 21,30 €", "12,00 h × 21,30 € = 255,60 €"):
        assert needle in text, needle


def test_the_amendment_and_the_english_statement_read_as_their_pages():
    amendment = pdf_text(pdf_bytes(amendment_html(LOAN, OFFER, LENDER, BORROWER, date(2026, 11, 25), "en")))
    assert "Léa Roux" in amendment and "Aciers du Maine SAS" in amendment and "December 2026" in amendment
    statement = pdf_text(pdf_bytes(statement_page("en")))
    for needle in ("Staff lending statement — December 2026", "02/12/2026 Léa Roux R2 5.00 €21.30 €106.50",
                   "Total 12.00 €255.60", "Léa Roux €14.20 €6.10 €1.00 €21.30"):
        assert needle in statement, needle


def test_the_same_page_gives_the_same_bytes():
    html = agreement_html(LOAN, OFFER, LENDER, BORROWER, date(2026, 11, 25))
    assert pdf_bytes(html) == pdf_bytes(html)
    assert pdf_bytes(html).startswith(b"%PDF-")


def test_markdown_markers_in_the_text_are_printed_as_typed():
    other = OFFER.model_copy(update={"qualification": "Soudeuse **TIG** -- __niveau__ ~~2~~"})
    text = pdf_text(pdf_bytes(agreement_html(LOAN, other, LENDER, BORROWER, date(2026, 11, 25))))
    assert "Soudeuse **TIG** -- __niveau__ ~~2~~" in text


def test_without_the_fonts_a_pdf_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("MUTUALIS_FONT_DIR", str(tmp_path))
    with pytest.raises(InvalidInput, match=f"PDF needs the DejaVu Serif fonts .* not found in {tmp_path}: install "
                                           "fonts-dejavu-core or set MUTUALIS_FONT_DIR"):
        pdf_bytes(statement_page())
