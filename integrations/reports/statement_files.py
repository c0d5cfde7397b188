"""A member's monthly statement as rows, as an XLSX workbook and (with statement_html) a web page."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd

from sharing.billing import MonthBill, Statement

from .statement_html import statement_html

__all__ = ["statement_rows", "write_statement_xlsx", "write_statements"]

KINDS = {"work": "hours worked", "travel": "travel between sites", "adjustment": "adjustment",
         "travel-adjustment": "travel adjustment", "idle": "idle contracted hours"}


def statement_rows(statement: Statement, names: dict[str, str]) -> list[dict]:
    """One row per line: what, who, when, hours, rate, coefficient and amount (Decimal euros)."""
    return [
        {
            "day": x.day.isoformat() if x.day else "",
            "employee": x.employee,
            "name": names.get(x.employee, ""),
            "request": x.request,
            "what": KINDS.get(x.kind, x.kind),
            "minutes": x.minutes,
            "hours": x.hours,
            "hourly_cost": x.hourly_cost,
            "coefficient": x.coefficient,
            "coefficient_from": x.coefficient_source,
            "amount": x.amount,
            "note": x.note,
        }
        for x in statement.lines
    ]


def write_statement_xlsx(statement: Statement, names: dict[str, str], title: str, path: Path) -> None:
    """The statement's lines, a per-employee summary and the total, as numbers Excel adds up the same way."""
    rows = statement_rows(statement, names)
    money = ["hours", "hourly_cost", "coefficient", "amount"]
    lines = pd.DataFrame(rows, columns=list(rows[0]) if rows else ["day"], dtype=object)
    for column in money:
        if column in lines:
            lines[column] = lines[column].map(float)
    summary = pd.DataFrame(
        [{"employee": code, "name": names.get(code, ""), "hours": float(Decimal(m) / 60), "amount": float(amount)}
         for code, (m, amount) in statement.by_employee().items()]
        + [{"employee": "TOTAL", "name": "", "hours": float(Decimal(statement.minutes) / 60),
            "amount": float(statement.total)}])
    head = pd.DataFrame([{"": title}, {"": f"statement of {statement.member} for {statement.month}"},
                         {"": f"total {statement.total} EUR (each line rounded to the cent; total = sum of lines)"}])
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        head.to_excel(writer, sheet_name="statement", index=False, header=False)
        summary.to_excel(writer, sheet_name="statement", index=False, startrow=4)
        lines.to_excel(writer, sheet_name="lines", index=False)


def write_statements(bill: MonthBill, members, employees, title: str, out_dir: Path) -> list[Path]:
    """`statement-MEMBER-YYYY-MM.xlsx` and `.html` per member billed, in `out_dir` (created)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    names = {e.code: e.name for e in employees}
    legal = {m.code: m.legal_name for m in members}
    files = []
    for s in bill.statements:
        xlsx = out_dir / f"statement-{s.member}-{bill.month}.xlsx"
        write_statement_xlsx(s, names, title, xlsx)
        html = xlsx.with_suffix(".html")
        html.write_text(statement_html(s, names, title, legal.get(s.member, s.member)), encoding="utf-8")
        files += [xlsx, html]
    return files
