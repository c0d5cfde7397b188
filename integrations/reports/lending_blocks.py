"""The blocks of a rendered lending page (headings, paragraphs of bold or plain runs, tables), read back from
its HTML so that the Word and PDF files say what the web page says.

The lending templates use a handful of elements only (``h1``, ``h2``, ``p``, ``b``, ``br`` and tables with
``th``/``td``, ``colspan`` and the ``n`` class for figures).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = ["Block", "Cell", "read_blocks", "tidy"]

_BLOCKS = ("h1", "h2", "p", "title")
_SPACE = re.compile(r"\s+")


@dataclass
class Cell:
    runs: list[tuple[str, bool]] = field(default_factory=list)
    span: int = 1
    figure: bool = False
    bold: bool = False


@dataclass
class Block:
    kind: str
    css: str = ""
    runs: list[tuple[str, bool]] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)


class _Reader(HTMLParser):
    """The page's blocks in order: headings, paragraphs (runs of text, bold or not) and tables."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.title = ""
        self._block: Block | None = None
        self._table: Block | None = None
        self._cell: Cell | None = None
        self._bold = 0
        self._foot = False

    def handle_starttag(self, tag, attrs):
        css = dict(attrs).get("class") or ""
        if tag in _BLOCKS:
            self._block = Block(tag, css)
        elif tag == "table":
            self._table = Block("table", css)
        elif tag == "tfoot":
            self._foot = True
        elif tag == "tr" and self._table is not None:
            self._table.rows.append([])
        elif tag in ("td", "th") and self._table is not None and self._table.rows:
            span = int(dict(attrs).get("colspan") or 1)
            self._cell = Cell(span=span, figure="n" in css.split(), bold=tag == "th" or self._foot)
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


def tidy(runs: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
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


def read_blocks(html: str) -> tuple[str, list[Block]]:
    """The page's title and its blocks in order."""
    reader = _Reader()
    reader.feed(html)
    return reader.title, reader.blocks
