"""The shortage report outside the page: rows for a screen table, CSV or XLSX, and a JSON document."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from consortium.errors import InvalidInput
from sharing.forecast import CATEGORIES, Shortage

from ..files import write_text, written

__all__ = ["FORMATS", "shortage_document", "shortage_format", "shortage_rows", "shortage_table", "write_shortage"]

FORMATS = ("table", "csv", "xlsx", "html", "json")
_SUFFIXES = {".csv": "csv", ".xlsx": "xlsx", ".html": "html", ".htm": "html", ".json": "json"}


def shortage_format(fmt: str | None, out: Path | None) -> str:
    """The format to write: ``fmt``, else the one ``out``'s suffix names, else a table on the screen."""
    if out is None:
        fmt = fmt or "table"
        if fmt in ("xlsx", "html"):
            raise InvalidInput(f"--format {fmt} writes a file: give --out")
        return fmt
    named = _SUFFIXES.get(Path(out).suffix.lower())
    if fmt == "table":
        raise InvalidInput("--format table prints on the screen: drop --out, or write csv, xlsx, html or json")
    if fmt is None:
        if named is None:
            raise InvalidInput(f"{out}: cannot tell the format from the suffix: use .csv, .xlsx, .html or .json")
        return named
    if named != fmt:
        raise InvalidInput(f"--format {fmt} does not match {out}: name it *.{fmt} or drop --format")
    return fmt


def shortage_rows(shortage: Shortage, by: str) -> list[dict]:
    """One row per value of ``by``: its short requests, hours per reason category and the total."""
    return [{by: row.key, "requests": row.requests, **{f"{c}_h": round(row.hours[c], 2) for c in CATEGORIES},
             "total_h": round(row.total, 2)} for row in shortage.by(by)]


def shortage_table(shortage: Shortage, by: str) -> str:
    """The rows as aligned text, a total line last, and the weeks that had no plan."""
    rows = shortage_rows(shortage, by)
    headers = [by, "requests", *CATEGORIES, "total"]
    cells = [[str(r[by] or "-"), str(r["requests"]), *(f"{r[f'{c}_h']:g}" for c in CATEGORIES), f"{r['total_h']:g}"]
             for r in rows]
    split = shortage.by_category()
    cells.append(["total", str(len(shortage.lines)), *(f"{round(split[c], 2):g}" for c in CATEGORIES),
                  f"{round(shortage.total(), 2):g}"])
    widths = [max(len(h), *(len(row[i]) for row in cells)) for i, h in enumerate(headers)]
    lines = [f"unfilled person-hours {shortage.weeks[0]}..{shortage.weeks[-1]} by {by}",
             "  ".join(h.ljust(w) if i == 0 else h.rjust(w)
                       for i, (h, w) in enumerate(zip(headers, widths, strict=False)))]
    lines += ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=False)))
              for row in cells]
    if shortage.weeks_without_plan:
        lines.append(f"no stored plan for {', '.join(shortage.weeks_without_plan)}")
    return "\n".join(lines)


def shortage_document(shortage: Shortage, by: str) -> dict:
    """Everything as plain data: the range, the totals per category, the rows of ``by`` and every short request."""
    return {
        "from": shortage.weeks[0], "to": shortage.weeks[-1], "weeks_without_plan": shortage.weeks_without_plan,
        "total_h": round(shortage.total(), 2),
        "by_category_h": {c: round(h, 2) for c, h in shortage.by_category().items()},
        "by": by, "rows": shortage_rows(shortage, by),
        "requests": [{"week": x.week, "request": x.request, "member": x.member, "site": x.site, "skill": x.skill,
                      "certificate": x.certificate, "priority": x.priority,
                      "missing_h": round(x.missing_hours, 2), "category": x.category} for x in shortage.lines],
    }


def write_shortage(fmt: str, out: Path, shortage: Shortage, by: str, group_name: str = "",
                   lang: str | None = None) -> Path:
    """Write the report to ``out`` in ``fmt`` (csv, xlsx, html or json), complete or not at all."""
    from .shortage_html import shortage_html

    if fmt == "html":
        return write_text(out, shortage_html(shortage, group_name, lang))
    if fmt == "json":
        return write_text(out, json.dumps(shortage_document(shortage, by), indent=2, ensure_ascii=False) + "\n")
    frame = pd.DataFrame(shortage_rows(shortage, by), columns=[by, "requests", *(f"{c}_h" for c in CATEGORIES),
                                                               "total_h"])
    with written(out) as tmp:
        if fmt == "xlsx":
            frame.to_excel(tmp, index=False, sheet_name="shortage", engine="openpyxl")
        else:
            frame.to_csv(tmp, index=False)
    return Path(out)
