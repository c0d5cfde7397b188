"""Invoice lines: one per employee and kind of a member's month statement, named by their label.

Hours are one line per employee and kind (``2026-11 E012 work: 14.00 h``); premiums and allowances the
GE paid, billed at cost, one per employee and premium, labelled in French with their rate and quantity
(``2026-12 E012 majoration heures supplémentaires 25 % – 7,00 h``, ``2026-12 E012 indemnité repas x 3``).

A line's external id is its invoice's plus the head of its label, before ``:``, `` – `` or `` x <n>``
(``invoice_2026-11_ACME_E012_work``, ``invoice_2026-12_ACME_E012_majoration_heures_supplementaires_25``):
it survives a change of hours, and a line that a cut left without external id is recognised by its
label (:class:`LineMarker`), with no technical mark on the invoice a member receives.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from collections.abc import Mapping, Sequence

from sharing.payroll import PayrollSettings

__all__ = ["CENT", "PREMIUM_LABELS", "InvoiceLine", "LineMarker", "bill_invoices", "label_head", "line_name",
           "statement_lines"]

CENT = Decimal("0.01")
# French labels of the premium and allowance lines (sharing.payroll variables); the rate follows an hour premium
PREMIUM_LABELS = {
    "overtime_tier1": "majoration heures supplémentaires", "overtime_tier2": "majoration heures supplémentaires",
    "complementary_tier1": "majoration heures complémentaires",
    "complementary_tier2": "majoration heures complémentaires",
    "night": "majoration heures de nuit", "sunday": "majoration heures du dimanche",
    "holiday": "majoration heures de jour férié", "meal": "indemnité repas", "mileage": "indemnités kilométriques",
}
# where a label's head ends: before its hours (": 14.00 h", " – 7,00 h") or its count (" x 3")
_HEAD_END = re.compile(r":| – | x \d")


@dataclass(frozen=True)
class InvoiceLine:
    """One invoice line: label, hours, price per hour (euros, excluding tax)."""

    label: str
    quantity: Decimal
    price_unit: Decimal

    def amount(self) -> Decimal:
        """Quantity times price, rounded to the cent as Odoo rounds the line's subtotal."""
        return (Decimal(str(self.quantity)) * Decimal(str(self.price_unit))).quantize(CENT)


def statement_lines(statement, payroll: PayrollSettings | None = None) -> list[InvoiceLine]:
    """A member's month statement (``sharing.billing.Statement``) as one line per employee and kind of hours,
    then one per employee and premium or allowance (rates from `payroll`, the default settings if None).

    Each line is quantity 1 at the exact amount, its hours (or count, or km) in the label, so that the Odoo
    invoice totals the statement to the cent (hours times a rounded hourly price would not). Premiums with
    the same label (two tiers at the same rate) make one line.
    """
    payroll = payroll or PayrollSettings()
    grouped: dict[tuple[str, str], list] = {}
    for line in statement.lines:
        what = line.kind if line.is_time else _premium_label(line.variable, payroll)
        acc = grouped.setdefault((line.employee, what), [line, 0, Decimal(0), Decimal("0.00")])
        acc[1] += line.minutes
        acc[2] += line.quantity or 0
        acc[3] += line.amount
    out = []
    for (employee, what), (first, minutes, quantity, amount) in sorted(grouped.items(), key=_time_first):
        if first.is_time:
            tail = f": {_hours(minutes)} h"
        elif first.kind == "premium":
            tail = f" – {_french(_hours(minutes))} h"
        elif first.variable == "mileage":
            tail = f" – {_french(quantity.quantize(CENT))} km"
        else:
            tail = f" x {_french(quantity.normalize())}"
        out.append(InvoiceLine(f"{statement.month} {employee} {what}{tail}", Decimal(1), amount))
    return out


def _time_first(item) -> tuple:
    (employee, what), (first, *_rest) = item
    return employee, not first.is_time, what


def _premium_label(variable: str, payroll: PayrollSettings) -> str:
    rate = payroll.rate(variable)
    label = PREMIUM_LABELS.get(variable, variable)
    return label if rate is None else f"{label} {_french((rate * 100).normalize())} %"


def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(CENT)


def _french(number: Decimal) -> str:
    return format(number, "f").replace(".", ",")


def bill_invoices(bill, payroll: PayrollSettings) -> list[tuple[str, list[InvoiceLine]]]:
    """A month's bill (``sharing.billing.MonthBill``) as (member, invoice lines) of each member billed,
    premiums labelled with the rates of the `payroll` settings the bill was computed with."""
    return [(s.member, statement_lines(s, payroll)) for s in bill.statements if s.lines]


def label_head(month: str, label: str) -> str:
    """What a line's label names, without the month and its hours: ``E012 work``."""
    head = _HEAD_END.split(str(label or ""), maxsplit=1)[0].strip()
    return head[len(month) + 1:] if head.startswith(f"{month} ") else head


def line_name(move: str, month: str, label: str) -> str:
    """The external id of the line labelled ``label`` on invoice ``move``: ``<move>_E012_work``.

    The label's head (:func:`label_head`, accents dropped) names the item, so that a line whose hours
    change keeps its id, and a line left without id by a cut is recognised by its label.
    """
    head = unicodedata.normalize("NFKD", label_head(month, label)).encode("ascii", "ignore").decode()
    return f"{move}_{re.sub(r'[^A-Za-z0-9_.-]+', '_', head).strip('_')}"


@dataclass(frozen=True)
class LineMarker:
    """Invoice lines recognised by their label within mutualis's own draft invoices."""

    month: str
    moves: Mapping[int, str]  # Odoo id -> external id name of the draft invoices being pushed

    def fields(self) -> Sequence[str]:
        return ("name", "move_id")

    def domain(self) -> list:
        return [("move_id", "in", sorted(self.moves)), ("display_type", "=", "product")]

    def name_of(self, record: Mapping[str, Any]) -> str | None:
        move = record.get("move_id")
        move_id = move[0] if isinstance(move, list) else move
        if move_id not in self.moves:
            return None
        return line_name(self.moves[move_id], self.month, record.get("name") or "")

    def vals(self, name: str) -> dict[str, Any]:
        return {}  # the label is the mark

    def check(self, model: str, name: str, vals: Mapping[str, Any]) -> None:
        return None
