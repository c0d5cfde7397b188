"""A loan's documents and statements as PDF files (fpdf2), from the same rendered HTML as the web pages.

Like the Word files (:mod:`.lending_docx`), the PDF is read back from the page (:mod:`.lending_blocks`), so
the two cannot drift apart. The text is set in DejaVu Serif, embedded (subset), which has every letter and
sign of the French and English documents (œ, €, the narrow spaces of French numbers); the fonts come from
the system (Debian's fonts-dejavu-core, or `MUTUALIS_FONT_DIR`). The same page gives the same bytes: the
creation date is fixed.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF, FontFace

from consortium.errors import InvalidInput

from .lending_blocks import Block, read_blocks, tidy

__all__ = ["FONT_DIRS", "pdf_bytes"]

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF")
_FACES = {"": "DejaVuSerif.ttf", "B": "DejaVuSerif-Bold.ttf"}
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)  # a fixed creation date: same page, same bytes
_SIZE = 10
_MARKERS = ("\\", "**", "__", "--", "~~")  # fpdf2's markdown: bold, italics, underline, strikethrough


def _font_dir() -> Path:
    dirs = [os.environ["MUTUALIS_FONT_DIR"]] if os.environ.get("MUTUALIS_FONT_DIR") else list(FONT_DIRS)
    for folder in map(Path, dirs):
        if all((folder / name).is_file() for name in _FACES.values()):
            return folder
    raise InvalidInput(f"PDF needs the DejaVu Serif fonts ({', '.join(_FACES.values())}), not found in "
                       f"{', '.join(dirs)}: install fonts-dejavu-core or set MUTUALIS_FONT_DIR")


def _markdown(runs: list[tuple[str, bool]], bold: bool = False) -> str:
    """Runs as fpdf2's markdown (`**bold**`), the text's own markers escaped."""
    out = []
    for text, strong in tidy(runs):
        escaped = text
        for marker in _MARKERS:
            escaped = escaped.replace(marker, "\\" + marker)
        out.append(f"**{escaped}**" if (strong and not bold) else escaped)
    return "".join(out)


def _paragraph(pdf: FPDF, block: Block) -> None:
    size, align, style = {"h1": (14, "C", "B"), "h2": (12, "L", "B")}.get(block.kind, (_SIZE, "J", ""))
    if block.css == "sub":
        align = "C"
    if block.kind == "h2":
        pdf.ln(2)
    pdf.set_font("DejaVu", style, size)
    pdf.multi_cell(0, size * 0.5, _markdown(block.runs, bold=style == "B"), align=align, markdown=True,
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def _table(pdf: FPDF, block: Block) -> None:
    plain = block.css in ("parties", "sign")
    pdf.set_font("DejaVu", "", _SIZE - 1)
    with pdf.table(borders_layout="NONE" if plain else "SINGLE_TOP_LINE", first_row_as_headings=False,
                   markdown=True, text_align="LEFT", line_height=4.6, padding=1.2, v_align="TOP",
                   min_row_height=22 if block.css == "sign" else None) as table:
        for cells in block.rows:
            row = table.row()
            for cell in cells:
                text = _markdown(cell.runs, bold=cell.bold)
                row.cell(text, colspan=cell.span, align="RIGHT" if cell.figure else "LEFT",
                         style=FontFace(emphasis="BOLD") if cell.bold else None)
    pdf.ln(2)


def pdf_bytes(html: str) -> bytes:
    """The page ``html`` (a lending document or statement) as an A4 PDF."""
    title, blocks = read_blocks(html)
    folder = _font_dir()
    pdf = FPDF(format="A4")
    for style, name in _FACES.items():
        pdf.add_font("DejaVu", style, str(folder / name))
    pdf.set_creation_date(_EPOCH)
    pdf.set_title(title)
    pdf.set_author("mutualis")
    pdf.set_margins(18, 15, 18)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    for block in blocks:
        if block.kind == "table":
            _table(pdf, block)
        else:
            _paragraph(pdf, block)
    return bytes(pdf.output())
