"""A loan's documents as Word files (python-docx), from the same rendered HTML as the web pages.

The lending templates use a handful of elements only (``h1``, ``h2``, ``p``, ``b``, ``br`` and tables with
``th``/``td``, ``colspan`` and the ``n`` class for figures), so the DOCX is read back from the HTML: one
template per document and language, two outputs that cannot drift apart. The file is made byte-stable
when written through :mod:`integrations.files`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

__all__ = ["write_docx"]

_BLOCKS = ("h1", "h2", "p", "title")
_SPACE = re.compile(r"\s+")


@dataclass
class _Cell:
    runs: list[tuple[str, bool]] = field(default_factory=list)
    span: int = 1
    figure: bool = False
    bold: bool = False


@dataclass
class _Block:
    kind: str
    css: str = ""
    runs: list[tuple[str, bool]] = field(default_factory=list)
    rows: list[list[_Cell]] = field(default_factory=list)


class _Reader(HTMLParser):
    """The page's blocks in order: headings, paragraphs (runs of text, bold or not) and tables."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[_Block] = []
        self.title = ""
        self._block: _Block | None = None
        self._table: _Block | None = None
        self._cell: _Cell | None = None
        self._bold = 0
        self._foot = False

    def handle_starttag(self, tag, attrs):
        css = dict(attrs).get("class") or ""
        if tag in _BLOCKS:
            self._block = _Block(tag, css)
        elif tag == "table":
            self._table = _Block("table", css)
        elif tag == "tfoot":
            self._foot = True
        elif tag == "tr" and self._table is not None:
            self._table.rows.append([])
        elif tag in ("td", "th") and self._table is not None and self._table.rows:
            span = int(dict(attrs).get("colspan") or 1)
            self._cell = _Cell(span=span, figure="n" in css.split(), bold=tag == "th" or self._foot)
            self._table.rows[-1].append(self._cell)
        elif tag == "b":
            self._bold += 1
        elif tag == "br":
            self._add("\n")

    def handle_endtag(self, tag):
        if tag == "title" and self._block is not None:
            self.title = "".join(text for text, _ in self._block.runs).strip()
            self._block = None
        elif tag in _BLOCKS and self._block is not None:
            self.blocks.append(self._block)
            self._block = None
        elif tag == "table" and self._table is not None:
            self.blocks.append(self._table)
            self._table = None
        elif tag == "tfoot":
            self._foot = False
        elif tag in ("td", "th"):
            self._cell = None
        elif tag == "b":
            self._bold -= 1

    def handle_data(self, data):
        self._add(_SPACE.sub(" ", data))

    def _add(self, text: str) -> None:
        target = self._cell if self._cell is not None else self._block
        if target is not None and text:
            target.runs.append((text, self._bold > 0))


def _tidy(runs: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Runs with the spaces HTML would not show removed: at the ends and around line breaks."""
    text = "".join(t for t, _ in runs)
    out, position = [], 0
    for chunk, bold in runs:
        start, position = position, position + len(chunk)
        before, after = text[:start], text[position:]
        kept = chunk
        if not before.strip() or before.rstrip(" ").endswith("\n"):
            kept = kept.lstrip(" ")
        if not after.strip() or after.lstrip(" ").startswith("\n"):
            kept = kept.rstrip(" ")
        kept = re.sub(r" *\n *", "\n", kept)
        if kept:
            out.append((kept, bold))
    return out


def _fill(paragraph, runs: list[tuple[str, bool]], bold: bool = False) -> None:
    for text, strong in _tidy(runs):
        for index, line in enumerate(text.split("\n")):
            if index:
                paragraph.add_run().add_break()
            if line:
                paragraph.add_run(line).bold = strong or bold or None


def _table(document, block: _Block) -> None:
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
    reader = _Reader()
    reader.feed(html)
    document = Document()
    document.core_properties.title = reader.title
    document.core_properties.author = "mutualis"
    document.styles["Normal"].font.size = Pt(10)
    for block in reader.blocks:
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
