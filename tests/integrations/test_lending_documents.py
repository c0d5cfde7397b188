"""A loan's agreement and amendment name both firms, the person, the period, the place, the hours and the cost
basis, with the legal mentions of L8241-2."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from html.parser import HTMLParser

import pytest

from consortium.members import Member, Site
from integrations.reports.lending_documents import agreement_html, amendment_html, loan_files
from sharing.lending import CostBasis, Offer, Placement, loans_of, parse_home_hours

LENDER = Member(code="BISCUIT", legal_name="Biscuiterie des Trois Moulins SAS", siret="73282932000074",
                sites=[Site(code="SABLE", name="Usine", address="1 rue du Moulin, 72300 Sablé", latitude=47.8,
                            longitude=-0.3)])
BORROWER = Member(code="ACIER", legal_name="Aciers du Maine SAS", siret="00000010000016",
                  sites=[Site(code="MAIN", name="Atelier", address="ZA Nord, 53000 Laval", latitude=48.07,
                              longitude=-0.77)])
OFFER = Offer(member="BISCUIT", person="OP1", first_name="Léa", last_name="Roux", qualification="Conductrice de ligne",
              skills={"LINE": 1}, start=date(2026, 12, 1), end=date(2026, 12, 31), hours_per_week=20,
              cost=CostBasis(salary=Decimal("14.20"), charges=Decimal("6.10"), expenses=Decimal("1.00")),
              home_hours=parse_home_hours("Mon 08:00-12:00"), consent_date=date(2026, 11, 20))


def _placement(day: int, start: int, end: int) -> Placement:
    return Placement(offer="BISCUIT.OP1", lender="BISCUIT", member="ACIER", site="MAIN", request=f"R{day}",
                     start=datetime(2026, 12, day, start), end=datetime(2026, 12, day, end), hours=Decimal(end - start))


[LOAN] = loans_of([_placement(3, 8, 15), _placement(2, 13, 18)])


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def text_of(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


@pytest.mark.parametrize("render", [agreement_html, amendment_html])
def test_both_documents_name_the_firms_the_person_the_period_the_place_and_the_hours(render):
    text = text_of(render(LOAN, OFFER, LENDER, BORROWER, date(2026, 11, 25)))
    for needle in ("Biscuiterie des Trois Moulins SAS", "Aciers du Maine SAS", "Léa Roux", "Conductrice de ligne",
                   "Du 2 décembre 2026 au 3 décembre 2026 inclus", "12,00 h", "Atelier, ZA Nord, 53000 Laval",
                   "mercredi 2 décembre 2026 13:00–18:00", "jeudi 3 décembre 2026 08:00–15:00",
                   "20 novembre 2026", "comité social et économique", "le lundi de 08:00 à 12:00"):
        assert needle in text, needle


def test_the_agreement_states_the_cost_basis_and_the_amount_at_cost():
    text = text_of(agreement_html(LOAN, OFFER, LENDER, BORROWER, date(2026, 11, 25)))
    for needle in ("Salaire brut horaire 14,20 €", "Charges sociales patronales par heure 6,10 €",
                   "Frais professionnels par heure 1,00 €", "Coût horaire facturé 21,30 €",
                   "12,00 h × 21,30 € = 255,60 €", "sans aucune marge ni coefficient", "L8241-2"):
        assert needle in text, needle


def test_the_files_are_named_after_the_person_the_borrower_and_the_first_day():
    assert loan_files(LOAN) == ("convention-PRET-BISCUIT.OP1-ACIER-2026-12-02.html",
                                "avenant-PRET-BISCUIT.OP1-ACIER-2026-12-02.html")


def test_names_are_escaped():
    other = OFFER.model_copy(update={"last_name": "<b>Roux</b>"})
    assert "&lt;b&gt;Roux&lt;/b&gt;" in agreement_html(LOAN, other, LENDER, BORROWER, date(2026, 11, 25))


def test_french_is_the_default_and_english_is_given_on_request():
    default = text_of(agreement_html(LOAN, OFFER, LENDER, BORROWER, date(2026, 11, 25)))
    english = text_of(agreement_html(LOAN, OFFER, LENDER, BORROWER, date(2026, 11, 25), "en"))
    assert "Convention de mise à disposition de personnel" in default
    for needle in ("Staff lending agreement", "From 2 December 2026 to 3 December 2026 inclusive",
                   "Wednesday 2 December 2026 13:00–18:00", "on Monday from 08:00 to 12:00", "LINE (level 1)",
                   "Gross hourly salary €14.20", "12.00 h × €21.30 = €255.60", "L8241-2",
                   "social and economic committee"):
        assert needle in english, needle
    assert "Avenant" not in text_of(amendment_html(LOAN, OFFER, LENDER, BORROWER, date(2026, 11, 25), "en"))


def _docx_text(path) -> str:
    from docx import Document

    document = Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join(" ".join([*(p.text for p in document.paragraphs), *cells]).split())


@pytest.mark.parametrize("render", [agreement_html, amendment_html])
def test_the_word_file_carries_the_legal_mentions_and_the_same_bytes_each_time(render, tmp_path):
    from integrations.files import written
    from integrations.reports.lending_docx import write_docx

    html = render(LOAN, OFFER, LENDER, BORROWER, date(2026, 11, 25))
    files = []
    for name in ("a.docx", "b.docx"):
        with written(tmp_path / name) as tmp:
            write_docx(html, tmp)
        files.append((tmp_path / name).read_bytes())
    assert files[0] == files[1]
    text = _docx_text(tmp_path / "a.docx")
    for needle in ("L8241-2", "Biscuiterie des Trois Moulins SAS", "Aciers du Maine SAS", "Léa Roux",
                   "Du 2 décembre 2026 au 3 décembre 2026 inclus", "Atelier, ZA Nord, 53000 Laval",
                   "20 novembre 2026", "comité social et économique", "le lundi de 08:00 à 12:00"):
        assert needle in text, needle


def test_the_word_agreement_states_the_cost_basis_in_its_tables(tmp_path):
    from docx import Document

    from integrations.reports.lending_docx import write_docx

    write_docx(agreement_html(LOAN, OFFER, LENDER, BORROWER, date(2026, 11, 25)), tmp_path / "c.docx")
    document = Document(str(tmp_path / "c.docx"))
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert ["Coût horaire facturé", "21,30 €"] in rows
    assert ["Salaire brut horaire", "14,20 €"] in rows
    assert document.paragraphs[0].text == "Convention de mise à disposition de personnel"
