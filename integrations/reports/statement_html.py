"""A member's monthly statement as one self-contained web page (no scripts, fonts or external files)."""

from __future__ import annotations

from html import escape

from sharing.billing import Statement

__all__ = ["statement_html"]

_CSS = """
body{font-family:system-ui,sans-serif;margin:24px;color:#222}h1{font-size:20px}h2{font-size:16px;margin-top:24px}
table{border-collapse:collapse;font-size:13px}td,th{padding:3px 8px;border-bottom:1px solid #ddd;text-align:left}
td.n,th.n{text-align:right}tfoot td{font-weight:bold;border-top:2px solid #444}.note{color:#666;font-size:12px}
"""


def _money(value) -> str:
    return f"{value:,.2f}".replace(",", "\u202f") + "\u00a0€"


def statement_html(statement: Statement, names: dict[str, str], title: str, legal_name: str) -> str:
    """The statement page: a summary per employee, then every line with its formula's parts."""
    s = statement
    parts = [f"<!doctype html><html lang='fr'><head><meta charset='utf-8'><title>{escape(title)}: "
             f"{escape(s.member)} {s.month}</title><style>{_CSS}</style></head><body>",
             f"<h1>{escape(title)}: statement for {escape(legal_name)} ({escape(s.member)}), {s.month}</h1>",
             "<p class='note'>Each line is hours × hourly cost × coefficient, rounded to the cent; "
             "the total is the sum of the lines.</p>",
             "<h2>By employee</h2><table><thead><tr><th>employee</th><th>name</th><th class='n'>hours</th>"
             "<th class='n'>amount</th></tr></thead><tbody>"]
    for code, (minutes, amount) in s.by_employee().items():
        parts.append(f"<tr><td>{escape(code)}</td><td>{escape(names.get(code, ''))}</td>"
                     f"<td class='n'>{minutes / 60:.2f}</td><td class='n'>{_money(amount)}</td></tr>")
    parts.append(f"</tbody><tfoot><tr><td colspan='2'>total</td><td class='n'>{s.minutes / 60:.2f}</td>"
                 f"<td class='n'>{_money(s.total)}</td></tr></tfoot></table>")
    parts.append("<h2>Lines</h2><table><thead><tr><th>day</th><th>employee</th><th>request</th><th>what</th>"
                 "<th class='n'>hours</th><th class='n'>hourly cost</th><th class='n'>coefficient</th>"
                 "<th class='n'>amount</th><th>note</th></tr></thead><tbody>")
    for x in s.lines:
        parts.append(f"<tr><td>{x.day or ''}</td><td>{escape(x.employee)}</td><td>{escape(x.request)}</td>"
                     f"<td>{escape(x.kind)}</td><td class='n'>{x.hours}</td><td class='n'>{_money(x.hourly_cost)}</td>"
                     f"<td class='n'>{x.coefficient} ({escape(x.coefficient_source)})</td>"
                     f"<td class='n'>{_money(x.amount)}</td><td>{escape(x.note)}</td></tr>")
    parts.append(f"</tbody><tfoot><tr><td colspan='7'>total</td><td class='n'>{_money(s.total)}</td><td></td></tr>"
                 "</tfoot></table></body></html>")
    return "\n".join(parts)
