"""Invoice lines: one per employee and kind of a member's month statement, named by their label.

A line's external id is its invoice's plus the head of its label (``invoice_2026-11_ACME_E012_work``
for ``2026-11 E012 work: 14.00 h``): it survives a change of hours, and a line that a cut left
without external id is recognised by its label (:class:`LineMarker`), with no technical mark on
the invoice a member receives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from collections.abc import Mapping, Sequence

__all__ = ["CENT", "InvoiceLine", "LineMarker", "bill_invoices", "line_name", "statement_lines"]

CENT = Decimal("0.01")


@dataclass(frozen=True)
class InvoiceLine:
    """One invoice line: label, hours, price per hour (euros, excluding tax)."""

    label: str
    quantity: Decimal
    price_unit: Decimal

    def amount(self) -> Decimal:
        """Quantity times price, rounded to the cent as Odoo rounds the line's subtotal."""
        return (Decimal(str(self.quantity)) * Decimal(str(self.price_unit))).quantize(CENT)


def statement_lines(statement) -> list[InvoiceLine]:
    """A member's month statement (``sharing.billing.Statement``) as one line per employee and kind.

    Each line is quantity 1 at the exact amount, its hours in the label, so that the Odoo invoice totals
    the statement to the cent (hours times a rounded hourly price would not).
    """
    grouped: dict[tuple[str, str], list] = {}
    for line in statement.lines:
        acc = grouped.setdefault((line.employee, line.kind), [0, Decimal("0.00")])
        acc[0] += line.minutes
        acc[1] += line.amount
    out = []
    for (employee, kind), (minutes, amount) in sorted(grouped.items()):
        hours = (Decimal(minutes) / 60).quantize(Decimal("0.01"))
        out.append(InvoiceLine(f"{statement.month} {employee} {kind}: {hours} h", Decimal(1), amount))
    return out


def bill_invoices(bill) -> list[tuple[str, list[InvoiceLine]]]:
    """A month's bill (``sharing.billing.MonthBill``) as (member, invoice lines) of each member billed."""
    return [(s.member, statement_lines(s)) for s in bill.statements if s.lines]


def line_name(move: str, month: str, label: str) -> str:
    """The external id of the line labelled ``label`` on invoice ``move``: ``<move>_E012_work``.

    The label's head (before ``:``, without the month) names the item, so that a line whose hours
    change keeps its id, and a line left without id by a cut is recognised by its label.
    """
    head = str(label or "").split(":", 1)[0].strip()
    if head.startswith(f"{month} "):
        head = head[len(month) + 1:]
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
