"""A loan's documents as Word files (python-docx), from the same rendered HTML as the web pages.

The DOCX is read back from the HTML (:mod:`.lending_blocks`): one template per document and language,
outputs that cannot drift apart. The file is made byte-stable when written through :mod:`integrations.files`.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from .lending_blocks import Block, read_blocks, tidy

__all__ = ["write_docx"]


def _fill(paragraph, runs: list[tuple[str, bool]], bold: bool = False) -> None:
    for text, strong in tidy(runs):
        for index, line in enumerate(text.split("\n")):
            if index:
                paragraph.add_run().add_break()
            if line:
                paragraph.add_run(line).bold = strong or bold or None


def _table(document, block: Block) -> None:
    width = max(sum(cell.span for cell in row) for row in block.rows)
    table = document.add_table(rows=len(block.rows), cols=width)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if block.css not in ("parties", "sign"):
        table.style = "Table Grid"
    for row, cells in zip(table.rows, block.rows, strict=True):
        column = 0
        for cell in cells:
            target = row.cells[column]
            if cell.span > 1:
                target = target.merge(row.cells[column + cell.span - 1])
            paragraph = target.paragraphs[0]
            _fill(paragraph, cell.runs, cell.bold)
            if cell.figure:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            column += cell.span


def write_docx(html: str, path: Path) -> None:
    """Write the page ``html`` (a lending document) as a Word file at ``path``."""
    title, blocks = read_blocks(html)
    document = Document()
    document.core_properties.title = title
    document.core_properties.author = "mutualis"
    document.styles["Normal"].font.size = Pt(10)
    for block in blocks:
        if block.kind == "table":
            _table(document, block)
        elif block.kind in ("h1", "h2"):
            heading = document.add_heading(level=1 if block.kind == "h1" else 2)
            _fill(heading, block.runs)
            if block.kind == "h1":
                heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            paragraph = document.add_paragraph()
            _fill(paragraph, block.runs)
            if block.css == "sub":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.save(str(path))
