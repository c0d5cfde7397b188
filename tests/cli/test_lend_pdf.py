"""`lend agreements --format pdf|all` and `lend statement --out FILE.pdf` write PDF files of the loan's papers."""

from __future__ import annotations

import io

from pypdf import PdfReader

from test_lending_commands import _allocate_with_a_loan

REF = "PRET-FORGE.OP1-ACIER-2026-12-02"


def _text(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages).split())


def test_agreements_as_pdf_and_all_three_formats(mutualis, tmp_path):
    _allocate_with_a_loan(mutualis)
    out = mutualis("lend", "agreements", "--week", "2026-W49", "--out", str(tmp_path / "pdf"), "--format", "pdf",
                   "--as-of", "2026-11-25").output
    folder = tmp_path / "pdf"
    assert out == f"wrote {folder / f'convention-{REF}.pdf'}\nwrote {folder / f'avenant-{REF}.pdf'}\n"
    text = _text(tmp_path / "pdf" / f"convention-{REF}.pdf")
    assert "FORGE SA" in text and "ACIER SA" in text and "Léa Roux" in text and "21,30 €" in text
    mutualis("lend", "agreements", "--week", "2026-W49", "--out", str(tmp_path / "all"), "--format", "all")
    assert sorted(p.suffix for p in (tmp_path / "all").iterdir()) == [".docx", ".docx", ".html", ".html", ".pdf",
                                                                      ".pdf"]


def test_a_statement_written_to_a_pdf_file_is_a_pdf_in_the_language_asked(mutualis, tmp_path):
    _allocate_with_a_loan(mutualis)
    mutualis("lend", "statement", "FORGE", "ACIER", "--month", "2026-12", "--out", str(tmp_path / "s.pdf"),
             "--lang", "en")
    text = _text(tmp_path / "s.pdf")
    assert "Staff lending statement — December 2026" in text and "€63.90" in text
