"""The internal joint bid as Markdown: heading, then the sections of `bid_tables` (French by default)."""

from __future__ import annotations

from pathlib import Path

from consortium.bid import JointBid

from ..files import write_text
from .bid_tables import Section, bid_heading, bid_sections, cell_text
from .language import Language, language

__all__ = ["bid_markdown", "write_bid_markdown", "markdown_table"]


def markdown_table(section: Section, lang: Language) -> list[str]:
    """A section as a Markdown table (numbers right-aligned), with its heading."""
    align = ["---:" if kind != "text" else "---" for kind in section.kinds]
    lines = [f"{'#' * section.level} {section.title}", "", "| " + " | ".join(section.headers) + " |",
             "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(cell_text(c, k, lang) for c, k in zip(row, section.kinds, strict=False)) + " |"
              for row in section.rows]
    return lines + [""]


def bid_markdown(bid: JointBid, lang: str | None = None) -> str:
    words = language(lang)
    _ = words.gettext
    head = bid_heading(bid, words)
    out = [f"# {head[0]}", "", *[f"- {line}" for line in head[1:]],
           f"- **{_('Total excl. VAT: {amount}', amount=words.money(bid.total))}**", ""]
    if bid.missing:
        out += [f"## {_('Shortfall')}", "", *[f"- {_('missing')} {m}" for m in bid.missing], ""]
    for section in bid_sections(bid, words):
        out += markdown_table(section, words)
    return "\n".join(out)


def write_bid_markdown(bid: JointBid, path: str | Path, lang: str | None = None) -> Path:
    return write_text(path, bid_markdown(bid, lang))
