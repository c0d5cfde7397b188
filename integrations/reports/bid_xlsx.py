"""The joint bid's XLSX annex: split between members, delivery schedule, price build-up, commitments."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from consortium.bid import JointBid

from .bid_markdown import bid_heading

__all__ = ["write_bid_xlsx"]


def _sheet(wb: Workbook, title: str, headers: list[str], rows: list[list]) -> None:
    ws = wb.create_sheet(title)
    ws.append(headers)
    for row in rows:
        # Amounts and hours are written as numbers; text starting with '=' is never a formula here.
        ws.append([float(c) if hasattr(c, "as_tuple") else c for c in row])
    for i, header in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(10, len(header) + 2)
    ws.freeze_panes = "A2"


def write_bid_xlsx(bid: JointBid, path: str | Path) -> Path:
    path = Path(path)
    wb = Workbook()
    summary = wb.active
    summary.title = "bid"
    for line in bid_heading(bid):
        summary.append([line])
    summary.append(["total excl. VAT (EUR)", float(bid.total)])
    _sheet(wb, "split", ["member", "hours", "amount excl. VAT (EUR)", "share %"],
           [[s.member, s.hours, s.amount, s.share_pct] for s in bid.shares])
    _sheet(wb, "schedule", ["lot", "item", "week", "units", "cumulative", "due by then"],
           [[d.lot, d.item, d.week, d.units, d.cumulative, d.due] for d in bid.schedule])
    _sheet(wb, "price build-up", ["lot", "kind", "member", "resource", "description", "quantity", "unit price (EUR)",
                                  "amount (EUR)"],
           [[x.lot, x.kind, x.member, x.resource, x.description, x.quantity, x.unit_price, x.amount]
            for lot in bid.lots for x in lot.lines])
    _sheet(wb, "commitments", ["member", "resource", "process", "week", "hours"],
           [[c.member, c.resource, c.process, c.week, c.hours] for c in bid.commitments])
    wb.save(path)
    return path
