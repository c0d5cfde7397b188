"""A member's monthly statement as one self-contained web page (no scripts, fonts or external files).

French by default (``70 682,32 €``, ``lundi 30 novembre``); ``lang="en"`` for English.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from sharing.billing import Statement

from .dates import day_month, month_name
from .language import Language, language
from .payroll_html import LABELS

__all__ = ["KINDS", "SOURCES", "statement_html"]

# msgids of the line kinds and of where a coefficient comes from (sharing.billing's codes)
KINDS = {"work": "hours worked", "travel": "travel between sites", "adjustment": "adjustment",
         "travel-adjustment": "travel adjustment", "idle": "idle contracted hours", "premium": "premium",
         "allowance": "allowance"}
SOURCES = {"member": "member's own", "contract": "contract kind", "group": "group default", "at cost": "at cost"}

_CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:24px;color:#222}h1{font-size:20px}
h2{font-size:16px;margin-top:24px}
table{border-collapse:collapse;font-size:13px}td,th{padding:3px 8px;border-bottom:1px solid #ddd;text-align:left}
td.n,th.n{text-align:right;white-space:nowrap}tfoot td{font-weight:bold;border-top:2px solid #444}
.note{color:#666;font-size:12px}
@page{size:A4 portrait;margin:12mm}@media print{body{margin:0}tr{break-inside:avoid}}
"""


def _digits(value) -> int:
    """Decimals to show a coefficient exactly (at least two): 1,08 and 1,085."""
    return max(2, -value.as_tuple().exponent)


def statement_html(statement: Statement, names: dict[str, str], title: str, legal_name: str,
                   lang: str | Language | None = None) -> str:
    """The statement page: a summary per employee, then every line with its formula's parts."""
    lang = lang if isinstance(lang, Language) else language(lang)
    _ = lang.gettext
    s = statement
    who = f"{legal_name} ({s.member})"
    heading = _("Statement of {member} for {month}", member=who, month=month_name(s.month, lang))
    note = _("Each line is hours × hourly cost × coefficient, rounded to the cent; "
             "the total is the sum of the lines.")
    parts = [f"<!doctype html><html lang='{lang.code}'><head><meta charset='utf-8'><title>{escape(title)}: "
             f"{escape(s.member)} {s.month}</title><style>{_CSS}</style></head><body>",
             f"<h1>{escape(title)}: {escape(heading)}</h1>",
             f"<p class='note'>{escape(note)}</p>",
             f"<h2>{escape(_('By employee'))}</h2><table><thead><tr><th>{escape(_('Employee'))}</th>"
             f"<th>{escape(_('Name'))}</th><th class='n'>{escape(_('Hours'))}</th>"
             f"<th class='n'>{escape(_('Amount'))}</th></tr></thead><tbody>"]
    for code, (minutes, amount) in s.by_employee().items():
        parts.append(f"<tr><td>{escape(code)}</td><td>{escape(names.get(code, ''))}</td>"
                     f"<td class='n'>{lang.hours(minutes)}</td><td class='n'>{lang.money(amount)}</td></tr>")
    parts.append(f"</tbody><tfoot><tr><td colspan='2'>{escape(_('Total'))}</td>"
                 f"<td class='n'>{lang.hours(s.minutes)}</td><td class='n'>{lang.money(s.total)}</td>"
                 "</tr></tfoot></table>")
    heads = [_("Day"), _("Employee"), _("Request"), _("What"), _("Hours"), _("Hourly cost"), _("Coefficient"),
             _("Amount"), _("Note")]
    parts.append(f"<h2>{escape(_('Lines'))}</h2><table><thead><tr>"
                 + "".join(f"<th{' class=n' if 4 <= i <= 7 else ''}>{escape(h)}</th>" for i, h in enumerate(heads))
                 + "</tr></thead><tbody>")
    for x in (x for x in s.lines if x.is_time):
        day = day_month(x.day, lang) if x.day else ""
        source = _(SOURCES[x.coefficient_source]) if x.coefficient_source in SOURCES else x.coefficient_source
        parts.append(f"<tr><td>{escape(day)}</td><td>{escape(x.employee)}</td><td>{escape(x.request)}</td>"
                     f"<td>{escape(_(KINDS.get(x.kind, x.kind)))}</td><td class='n'>{lang.hours(x.minutes)}</td>"
                     f"<td class='n'>{lang.money(x.hourly_cost)}</td>"
                     f"<td class='n'>{lang.number(x.coefficient, _digits(x.coefficient))} ({escape(source)})</td>"
                     f"<td class='n'>{lang.money(x.amount)}</td><td>{escape(x.note)}</td></tr>")
    hours_total = sum((x.amount for x in s.lines if x.is_time), Decimal("0.00"))
    parts.append(f"</tbody><tfoot><tr><td colspan='7'>{escape(_('Total'))}</td>"
                 f"<td class='n'>{lang.money(hours_total)}</td>"
                 "<td></td></tr></tfoot></table>")
    parts += _premiums(s, lang)
    parts.append("</body></html>")
    return "\n".join(parts)


def _premiums(s: Statement, lang: Language) -> list[str]:
    """The premiums and allowances the GE paid for this member's hours, at cost, in a table apart."""
    _ = lang.gettext
    lines = [x for x in s.lines if not x.is_time]
    if not lines:
        return []
    heads = [_("Day"), _("Employee"), _("Request"), _("What"), _("Quantity"), _("Rate"), _("Amount"), _("Note")]
    parts = [f"<h2>{escape(_('Premiums and allowances, at cost'))}</h2><table><thead><tr>"
             + "".join(f"<th{' class=n' if 4 <= i <= 6 else ''}>{escape(h)}</th>" for i, h in enumerate(heads))
             + "</tr></thead><tbody>"]
    for x in lines:
        day = day_month(x.day, lang) if x.day else ""
        quantity = lang.hours(x.minutes) if x.kind == "premium" else lang.number(x.quantity)
        parts.append(f"<tr><td>{escape(day)}</td><td>{escape(x.employee)}</td><td>{escape(x.request)}</td>"
                     f"<td>{escape(_(LABELS.get(x.variable, x.variable)))}</td><td class='n'>{quantity}</td>"
                     f"<td class='n'>{lang.money(x.hourly_cost)}</td><td class='n'>{lang.money(x.amount)}</td>"
                     f"<td>{escape(x.note)}</td></tr>")
    total = sum((x.amount for x in lines), Decimal("0.00"))
    parts.append(f"</tbody><tfoot><tr><td colspan='6'>{escape(_('Total'))}</td><td class='n'>{lang.money(total)}</td>"
                 "<td></td></tr></tfoot></table>")
    return parts
