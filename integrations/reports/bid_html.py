"""The joint bid as one self-contained HTML page: tables and a weekly load chart per member and process
in inline SVG and CSS (no external file, script or font)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from html import escape
from pathlib import Path

from consortium.bid import JointBid

from .bid_markdown import bid_heading, euros

__all__ = ["bid_html", "write_bid_html", "load_chart_svg"]

PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
           "#bab0ac", "#86bcb6", "#d37295", "#8cd17d", "#499894", "#fabfd2", "#79706e")
CSS = """body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}
td,th{border:1px solid #ccc;padding:.2em .5em;font-size:.9em}td.n{text-align:right}th{background:#f3f3f3}
.no{color:#b00;font-weight:bold}.legend span{display:inline-block;margin-right:1em;font-size:.85em}
.legend i{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:middle}"""


def _table(headers: list[str], rows: list[list], numeric: set[int] = frozenset()) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td{' class=n' if i in numeric else ''}>{escape(str(c))}</td>"
                                    for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def load_chart_svg(bid: JointBid, member: str, weeks: list[str], colours: dict[str, str]) -> str:
    """Stacked bars of a member's committed hours per week, one colour per process."""
    load = defaultdict(Decimal)
    for c in bid.commitments:
        if c.member == member:
            load[c.week, c.process] += c.hours
    top = max([sum(v for (w, _), v in load.items() if w == week) for week in weeks] + [Decimal(1)])
    bar, gap, height = 26, 6, 120
    width = len(weeks) * (bar + gap) + 40
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 40}" role="img" '
             f'aria-label="weekly load of {escape(member)}">',
             f'<text x="0" y="12" font-size="11">{escape(member)}: max {top:.0f} h/week</text>']
    for i, week in enumerate(weeks):
        x, y = 30 + i * (bar + gap), height + 18
        for process in sorted(colours):
            hours = load.get((week, process), 0)
            if hours:
                h = float(hours) / float(top) * (height - 10)
                y -= h
                parts.append(f'<rect x="{x}" y="{y:.1f}" width="{bar}" height="{h:.1f}" fill="{colours[process]}">'
                             f'<title>{escape(week)} {escape(process)}: {hours} h</title></rect>')
        parts.append(f'<text x="{x}" y="{height + 32}" font-size="8">{escape(week[-3:])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def bid_html(bid: JointBid) -> str:
    head = bid_heading(bid)
    html = [f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>{escape(head[0])}</title>"
            f"<style>{CSS}</style></head><body><h1>{escape(head[0])}</h1>",
            "<ul>" + "".join(f"<li>{escape(x)}</li>" for x in head[1:]) + f"<li><b>Total excl. VAT: "
            f"{escape(euros(bid.total))}</b></li></ul>"]
    if bid.missing:
        html.append("<h2 class=no>Shortfall</h2><ul>" + "".join(f"<li>missing {escape(m)}</li>" for m in bid.missing)
                    + "</ul>")
    html.append("<h2>Price per lot</h2>" + _table(
        ["lot", "title", "feasible", "total"],
        [[lot.lot, lot.title, "yes" if lot.feasible else "NO", euros(lot.total)] for lot in bid.lots], {3}))
    for lot in bid.lots:
        html.append(f"<h3>Lot {escape(lot.lot)}: price build-up</h3>" + _table(
            ["kind", "member", "resource", "description", "quantity", "unit price", "amount"],
            [[x.kind, x.member or "", x.resource or "", x.description, "" if x.quantity is None else x.quantity,
              euros(x.unit_price), euros(x.amount)] for x in lot.lines], {4, 5, 6}))
    html.append("<h2>Split between members</h2>" + _table(
        ["member", "hours", "amount excl. VAT", "share %"],
        [[s.member, s.hours, euros(s.amount), s.share_pct] for s in bid.shares], {1, 2, 3}))
    html.append("<h2>Delivery schedule</h2>" + _table(
        ["lot", "item", "week", "units", "cumulative", "due by then"],
        [[d.lot, d.item, d.week, d.units, d.cumulative, d.due] for d in bid.schedule], {3, 4, 5}))
    weeks = sorted({c.week for c in bid.commitments})
    processes = sorted({c.process for c in bid.commitments})
    colours = {p: PALETTE[i % len(PALETTE)] for i, p in enumerate(processes)}
    html.append("<h2>Weekly load per member and process</h2><div class=legend>" + "".join(
        f'<span><i style="background:{c}"></i>{escape(p)}</span>' for p, c in colours.items()) + "</div>")
    for member in sorted({c.member for c in bid.commitments}):
        html.append(f"<div>{load_chart_svg(bid, member, weeks, colours)}</div>")
    html.append("</body></html>")
    return "\n".join(html)


def write_bid_html(bid: JointBid, path: str | Path) -> Path:
    path = Path(path)
    path.write_text(bid_html(bid), encoding="utf-8")
    return path
