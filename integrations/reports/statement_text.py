"""A stored statement as `mutualis bill show` prints it (lines of text) and as its `--json` document.

The words and formats are the statement files' (French by default, ``lang="en"`` for English): the same
lines, hours, rates, coefficients and amounts to the cent, read back from the database.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sharing.billing import Statement

from .dates import month_name
from .documents import text_table
from .language import Language, language
from .payroll_html import LABELS
from .statement_html import KINDS

__all__ = ["statement_text", "statements_total_text", "statement_document"]


def _what(kind: str, variable: str, lang: Language) -> str:
    return lang.gettext(LABELS.get(variable, variable) if kind in ("premium", "allowance") else KINDS.get(kind, kind))


def statement_text(statement: Statement, billed_at: datetime, status: str, lang: str | Language | None = None) -> str:
    """A heading (member, month, hours, amount excluding tax, when billed and whether the hours were validated),
    then one row per line: day, employee, request, what, hours (or quantity), rate, coefficient, amount, note."""
    lang = lang if isinstance(lang, Language) else language(lang)
    _ = lang.gettext
    s = statement
    when = lang.moment(billed_at)
    state = (_("billed on {when}, hours validated", when=when) if status == "validated"
             else _("billed on {when}, provisional (hours not validated yet)", when=when))
    heading = (_("Statement of {member} for {month}", member=s.member, month=month_name(s.month, lang)) + ": "
               + _("{hours} billed, {amount} excluding tax", hours=lang.hours(s.minutes), amount=lang.money(s.total))
               + f"; {state}")
    if not s.lines:
        return heading
    rows = [[lang.date(x.day) if x.day else "", x.employee, x.request, _what(x.kind, x.variable, lang),
             lang.number(x.quantity) if x.kind == "allowance" and x.quantity is not None else lang.hours(x.minutes),
             lang.money(x.hourly_cost), lang.number(x.coefficient, max(2, -int(x.coefficient.as_tuple().exponent))),
             lang.money(x.amount), x.note] for x in s.lines]
    heads = [_("Day"), _("Employee"), _("Request"), _("What"), _("Hours"), _("Rate"), _("Coefficient"), _("Amount"),
             _("Note")]
    return heading + "\n" + text_table(heads, rows)


def statements_total_text(statements: list[Statement], lang: str | Language | None = None) -> str:
    """`3 statements, 12 345,67 € excluding tax in all` for the GE office's view of a month."""
    lang = lang if isinstance(lang, Language) else language(lang)
    total = sum((s.total for s in statements), Decimal("0.00"))
    return lang.gettext("{count} statements, {amount} excluding tax in all", count=len(statements),
                        amount=lang.money(total))


def statement_document(statement: Statement, billed_at: datetime, status: str) -> dict:
    """The stored statement for `--json`: its totals and every line, amounts as exact decimal strings."""
    s = statement
    return {"member": s.member, "month": s.month, "status": status, "billed_at": billed_at,
            "minutes": s.minutes, "hours": (Decimal(s.minutes) / 60).quantize(Decimal("0.01")), "amount": s.total,
            "lines": [{"kind": x.kind, "variable": x.variable, "employee": x.employee, "request": x.request,
                       "day": x.day, "minutes": x.minutes, "hours": x.hours, "quantity": x.quantity,
                       "hourly_cost": x.hourly_cost, "coefficient": x.coefficient,
                       "coefficient_source": x.coefficient_source, "amount": x.amount, "note": x.note}
                      for x in s.lines]}
