"""The joint bid as Markdown: summary, price build-up per lot, split between members, schedule, capacity."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from consortium.bid import JointBid

__all__ = ["bid_markdown", "write_bid_markdown", "euros", "bid_heading"]


def euros(value: Decimal | None) -> str:
    """`12 345.67 €` (thin grouping that never looks like a rate)."""
    return "" if value is None else f"{value:,.2f} €".replace(",", " ")


def _num(value) -> str:
    return "" if value is None else f"{value}"


def bid_heading(bid: JointBid) -> list[str]:
    who = f"version for member {bid.audience} (other members' rates withheld)" if bid.audience else \
        "full version for the mandataire (confidential rates)"
    return [f"Joint bid {bid.tender}: {bid.title}", f"Buyer: {bid.buyer}; offer valid until {bid.valid_until}",
            f"Mandataire: {bid.mandataire or '-'}; team: {', '.join(bid.team)}; plan: {bid.status}", who]


def _table(headers: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines + [""]


def bid_markdown(bid: JointBid) -> str:
    head = bid_heading(bid)
    out = [f"# {head[0]}", "", *[f"- {line}" for line in head[1:]], f"- **Total excl. VAT: {euros(bid.total)}**", ""]
    if bid.missing:
        out += ["## Shortfall", "", *[f"- missing {m}" for m in bid.missing], ""]
    out += ["## Price per lot", ""]
    out += _table(["lot", "title", "feasible", "total"],
                  [[lot.lot, lot.title, "yes" if lot.feasible else "NO", euros(lot.total)] for lot in bid.lots])
    for lot in bid.lots:
        out += [f"### Lot {lot.lot}: price build-up", ""]
        out += _table(["kind", "member", "resource", "description", "quantity", "unit price", "amount"],
                      [[x.kind, x.member or "", x.resource or "", x.description, _num(x.quantity),
                        euros(x.unit_price), euros(x.amount)] for x in lot.lines])
    out += ["## Split between members", ""]
    out += _table(["member", "hours", "amount excl. VAT", "share %"],
                  [[s.member, s.hours, euros(s.amount), s.share_pct] for s in bid.shares])
    out += ["## Delivery schedule", ""]
    out += _table(["lot", "item", "week", "units", "cumulative", "due by then"],
                  [[d.lot, d.item, d.week, d.units, d.cumulative, d.due] for d in bid.schedule])
    out += ["## Capacity committed per member and week (hours)", ""]
    weeks = sorted({c.week for c in bid.commitments})
    load = defaultdict(Decimal)
    for c in bid.commitments:
        load[c.member, c.week] += c.hours
    members = sorted({c.member for c in bid.commitments})
    out += _table(["member", *weeks], [[m, *[load.get((m, w), "") for w in weeks]] for m in members])
    return "\n".join(out)


def write_bid_markdown(bid: JointBid, path: str | Path) -> Path:
    path = Path(path)
    path.write_text(bid_markdown(bid), encoding="utf-8")
    return path
