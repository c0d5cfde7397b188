"""The month's payroll as files: one table for the payroll software (CSV or XLSX) and a page per employee.

The table has one row per employee and variable with the columns payroll software imports: employee,
code, quantity, rate, amount, period (numbers with a dot, amounts to the cent).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from sharing.payroll import PayrollRow

from ..files import written_folder
from .language import Language, language
from .payroll_html import payroll_html

__all__ = ["COLUMNS", "payroll_table", "write_payroll_files"]

COLUMNS = ["employee", "code", "quantity", "rate", "amount", "period"]


def payroll_table(rows: list[PayrollRow]) -> list[list[str]]:
    """The export's rows as text cells (rate empty when the variable's items had several)."""
    return [[r.employee, r.code, str(r.quantity), "" if r.rate is None else str(r.rate), str(r.amount), r.period]
            for r in rows]


def write_payroll_files(rows: list[PayrollRow], names: dict[str, str], title: str,
                        out_dir: Path, fmt: str = "csv", lang: str | Language | None = None) -> list[Path]:
    """`payroll-YYYY-MM.csv` (or `.xlsx`) and `payroll-YYYY-MM-EMPLOYEE.html` per employee in `out_dir`:
    every file written, owner-readable only, or none."""
    lang = lang if isinstance(lang, Language) else language(lang)
    month = rows[0].period if rows else ""
    out_dir, files = Path(out_dir), []
    with written_folder(out_dir) as staging:
        table = staging / f"payroll-{month}.{fmt}"
        if fmt == "xlsx":
            frame = pd.DataFrame([[r.employee, r.code, float(r.quantity), None if r.rate is None else float(r.rate),
                                   float(r.amount), r.period] for r in rows], columns=COLUMNS)
            frame.to_excel(table, index=False, sheet_name="payroll")
        else:
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            writer.writerow(COLUMNS)
            writer.writerows(payroll_table(rows))
            table.write_text(buffer.getvalue(), encoding="utf-8")
        files.append(out_dir / table.name)
        for employee in sorted({r.employee for r in rows}):
            name = f"payroll-{month}-{employee}.html"
            page = payroll_html(employee, names.get(employee, ""), [r for r in rows if r.employee == employee], title,
                                month, lang)
            (staging / name).write_text(page, encoding="utf-8")
            files.append(out_dir / name)
    return files
