"""A member's monthly statement as rows, as an XLSX workbook and (with statement_html) a web page.

French by default: the workbook's headers and words, the page's words, numbers and dates; the XLSX
cells stay numbers (Excel shows them with the reader's separators), formatted to the cent.
"""

from __future__ import annotations

import re
import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pandas as pd

from sharing.billing import MonthBill, Statement

from ..files import written_folder
from .language import Language, language
from .dates import month_name
from .statement_html import KINDS, SOURCES, statement_html

__all__ = ["COLUMNS", "statement_rows", "write_statement_xlsx", "write_statements"]

# the lines sheet's columns and their headers (msgids)
COLUMNS = {"day": "Day", "employee": "Employee", "name": "Name", "request": "Request", "what": "What",
           "minutes": "Minutes", "hours": "Hours", "hourly_cost": "Hourly cost", "coefficient": "Coefficient",
           "coefficient_from": "Coefficient from", "amount": "Amount", "note": "Note"}
_MONEY = '#,##0.00 "€"'
_NUMBERS = {"hours": "0.00", "hourly_cost": _MONEY, "coefficient": "0.00##", "amount": _MONEY}
_FORMATS = _NUMBERS | {"day": "dd/mm/yyyy"}


def statement_rows(statement: Statement, names: dict[str, str], lang: str | Language | None = None) -> list[dict]:
    """One row per line: what, who, when (a date), hours, rate, coefficient and amount (Decimal euros)."""
    lang = lang if isinstance(lang, Language) else language(lang)
    return [
        {
            "day": x.day or "",
            "employee": x.employee,
            "name": names.get(x.employee, ""),
            "request": x.request,
            "what": lang.gettext(KINDS.get(x.kind, x.kind)),
            "minutes": x.minutes,
            "hours": x.hours,
            "hourly_cost": x.hourly_cost,
            "coefficient": x.coefficient,
            "coefficient_from": lang.gettext(SOURCES.get(x.coefficient_source, x.coefficient_source)),
            "amount": x.amount,
            "note": x.note,
        }
        for x in statement.lines
    ]


def write_statement_xlsx(statement: Statement, names: dict[str, str], title: str, path: Path,
                         lang: str | Language | None = None) -> None:
    """The statement's lines, a per-employee summary and the total, as numbers Excel adds up the same way."""
    lang = lang if isinstance(lang, Language) else language(lang)
    _ = lang.gettext
    rows = statement_rows(statement, names, lang)
    lines = pd.DataFrame(rows, columns=list(COLUMNS), dtype=object)
    for column in _NUMBERS:
        lines[column] = lines[column].map(float)
    summary = pd.DataFrame(
        [{"employee": code, "name": names.get(code, ""), "hours": float(Decimal(m) / 60), "amount": float(amount)}
         for code, (m, amount) in statement.by_employee().items()]
        + [{"employee": _("Total"), "name": "", "hours": float(Decimal(statement.minutes) / 60),
            "amount": float(statement.total)}], columns=["employee", "name", "hours", "amount"])
    head = pd.DataFrame([{"": title},
                         {"": _("Statement of {member} for {month}", member=statement.member,
                                month=month_name(statement.month, lang))},
                         {"": _("Total {amount} (each line rounded to the cent; total = sum of lines)",
                                amount=lang.money(statement.total))}])
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        head.to_excel(writer, sheet_name=_("statement"), index=False, header=False)
        summary.rename(columns={c: _(COLUMNS[c]) for c in summary}).to_excel(
            writer, sheet_name=_("statement"), index=False, startrow=4)
        lines.rename(columns={c: _(COLUMNS[c]) for c in lines}).to_excel(writer, sheet_name=_("lines"), index=False)
        _number_formats(writer.sheets[_("statement")], ["hours", "amount"], list(summary), first_row=6)
        _number_formats(writer.sheets[_("lines")], list(_FORMATS), list(COLUMNS), first_row=2)
    year, month = (int(x) for x in statement.month.split("-"))
    _dated(path, datetime(year + month // 12, month % 12 + 1, 1))  # issued when the month is over


def _dated(path: Path, moment: datetime) -> None:
    """Give the workbook's properties and zip entries the time ``moment`` instead of the clock's, so that
    the same statement gives the same bytes (openpyxl stamps both with the time of writing)."""
    with zipfile.ZipFile(path) as archive:
        items = [(info.filename, archive.read(info)) for info in archive.infolist()]
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in items:
            stamped = (re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
                       if name == "docProps/core.xml" else data)
            archive.writestr(zipfile.ZipInfo(name, date_time=moment.timetuple()[:6]), stamped, zipfile.ZIP_DEFLATED)


def _number_formats(sheet, columns: list[str], order: list[str], first_row: int) -> None:
    for column in columns:
        index = order.index(column) + 1
        for (cell,) in sheet.iter_rows(min_row=first_row, min_col=index, max_col=index):
            cell.number_format = _FORMATS[column]


def write_statements(bill: MonthBill, members, employees, title: str, out_dir: Path,
                     lang: str | Language | None = None) -> list[Path]:
    """`statement-MEMBER-YYYY-MM.xlsx` and `.html` per member billed, in `out_dir` (created): every file
    written, owner-readable only, or none (a folder of statements is complete or absent)."""
    lang = lang if isinstance(lang, Language) else language(lang)
    names = {e.code: e.name for e in employees}
    legal = {m.code: m.legal_name for m in members}
    out_dir = Path(out_dir)
    files = []
    with written_folder(out_dir) as staging:
        for s in bill.statements:
            name = f"statement-{s.member}-{bill.month}"
            write_statement_xlsx(s, names, title, staging / f"{name}.xlsx", lang)
            (staging / f"{name}.html").write_text(statement_html(s, names, title, legal.get(s.member, s.member), lang),
                                                  encoding="utf-8")
            files += [out_dir / f"{name}.xlsx", out_dir / f"{name}.html"]
    return files
