"""The internal joint bid's XLSX annex: one sheet per section of `bid_tables`, numbers as numbers.

The file is byte-identical for the same bid: its document dates are the bid's date and its zip entries
carry that date too (openpyxl would stamp the time of writing).
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from consortium.bid import JointBid

from ..files import write_bytes
from .bid_tables import bid_heading, bid_sections
from .language import language

__all__ = ["write_bid_xlsx", "reproducible_xlsx"]


def _value(cell):
    # Amounts and hours are numbers; text is written as text (openpyxl never makes a formula of a str here).
    return float(cell) if isinstance(cell, Decimal) else cell


def reproducible_xlsx(wb: Workbook, moment: datetime) -> bytes:
    """The workbook's bytes, stamped `moment` in its properties and zip entries (same input, same bytes)."""
    wb.properties.created = wb.properties.modified = moment
    raw = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
    out = io.BytesIO()
    stamp = moment.timetuple()[:6]
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl writes the time of saving: put the bid's date
                data = _core_dates(data, moment)
            dst.writestr(zipfile.ZipInfo(info.filename, stamp), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _core_dates(xml: bytes, moment: datetime) -> bytes:
    iso = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>" + iso + rb"\g<2>", xml)


def write_bid_xlsx(bid: JointBid, path: str | Path, lang: str | None = None) -> Path:
    words = language(lang)
    wb = Workbook()
    summary = wb.active
    summary.title = words.gettext("bid")
    for line in bid_heading(bid, words):
        summary.append([line])
    summary.append([words.gettext("Total excl. VAT") + " (EUR)", float(bid.total)])
    for n, section in enumerate(bid_sections(bid, words), start=1):
        ws = wb.create_sheet(f"{n} {section.title}"[:31].replace("/", "-").replace(":", ""))
        ws.append(list(section.headers))
        for row in section.rows:
            ws.append([_value(c) for c in row])
        for i, (header, kind) in enumerate(zip(section.headers, section.kinds, strict=False), start=1):
            ws.column_dimensions[get_column_letter(i)].width = max(10, len(header) + 2)
            fmt = {"money": "#,##0.00", "hours": "0.00", "pct": "0.0%"}.get(kind)
            if fmt:
                for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                    cell.number_format = fmt
        ws.freeze_panes = "A2"
    return write_bytes(path, reproducible_xlsx(wb, datetime.combine(bid.made_on, datetime.min.time())))
