"""An employee's month of pay variables as one self-contained web page (French by default)."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from sharing.payroll import PayrollRow

from .dates import month_name
from .language import Language, language

__all__ = ["LABELS", "UNITS", "payroll_html"]

# msgids of the payroll variables (sharing.payroll.VARIABLES) and of their units
LABELS = {
    "worked": "hours worked", "travel": "travel between sites", "idle": "idle contracted hours",
    "adjustment": "adjustment", "overtime_tier1": "overtime, first tier", "overtime_tier2": "overtime, second tier",
    "complementary_tier1": "complementary hours, first tier", "complementary_tier2": "complementary hours, second tier",
    "night": "night hours", "sunday": "Sunday hours", "holiday": "public holiday hours", "meal": "meal allowance",
    "mileage": "mileage allowance", "absence_leave": "paid leave", "absence_sickness": "sick leave",
    "absence_training": "training", "absence_other": "other absence", "absence_unplanned": "planned shift missed",
}
UNITS = {"h": "h", "km": "km", "meal": "meals", "day": "days"}
_NOTE = "Premiums and allowances are paid by the GE and billed at cost to the member whose hours caused them."

_CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:24px;color:#222}h1{font-size:20px}
table{border-collapse:collapse;font-size:13px}td,th{padding:3px 8px;border-bottom:1px solid #ddd;text-align:left}
td.n,th.n{text-align:right;white-space:nowrap}tfoot td{font-weight:bold;border-top:2px solid #444}
.note{color:#666;font-size:12px}@page{size:A4 portrait;margin:12mm}
"""


def payroll_html(employee: str, name: str, rows: list[PayrollRow], title: str, month: str,
                 lang: str | Language | None = None) -> str:
    """The page: one line per variable (label, payroll code, quantity, rate, amount) and the total."""
    lang = lang if isinstance(lang, Language) else language(lang)
    _ = lang.gettext
    who = f"{name} ({employee})" if name else employee
    heading = _("Pay variables of {employee} for {month}", employee=who, month=month_name(month, lang))
    heads = [_("Variable"), _("Code"), _("Quantity"), _("Rate"), _("Amount")]
    parts = [f"<!doctype html><html lang='{lang.code}'><head><meta charset='utf-8'><title>{escape(title)}: "
             f"{escape(employee)} {month}</title><style>{_CSS}</style></head><body>",
             f"<h1>{escape(title)}: {escape(heading)}</h1>",
             f"<p class='note'>{escape(_(_NOTE))}</p>",
             "<table><thead><tr>" + "".join(f"<th{' class=n' if i >= 2 else ''}>{escape(h)}</th>"
                                            for i, h in enumerate(heads)) + "</tr></thead><tbody>"]
    for r in rows:
        rate = lang.money(r.rate) if r.rate is not None and r.amount else ""
        parts.append(f"<tr><td>{escape(_(LABELS.get(r.variable, r.variable)))}</td><td>{escape(r.code)}</td>"
                     f"<td class='n'>{lang.number(r.quantity)} {escape(_(UNITS[r.unit]))}</td>"
                     f"<td class='n'>{rate}</td><td class='n'>{lang.money(r.amount)}</td></tr>")
    total = sum((r.amount for r in rows), Decimal("0.00"))
    parts.append(f"</tbody><tfoot><tr><td colspan='4'>{escape(_('Total'))}</td>"
                 f"<td class='n'>{lang.money(total)}</td></tr></tfoot></table></body></html>")
    return "\n".join(parts)
