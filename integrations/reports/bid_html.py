"""The internal joint bid as one self-contained HTML page: the sections of `bid_tables` and a weekly load
chart per member in inline SVG (no external file, script or font), all charts on one scale with the
hours on the vertical axis and the weeks under the bars."""

from __future__ import annotations

from decimal import Decimal
from html import escape
from pathlib import Path

from consortium.bid import JointBid
from consortium.weeks import parse_week

from ..files import write_text
from .bid_tables import Section, bid_heading, bid_sections, cell_text
from .language import Language, language

__all__ = ["bid_html", "write_bid_html", "load_chart_svg", "html_table", "CSS", "nice_step"]

PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
           "#bab0ac", "#86bcb6", "#d37295", "#8cd17d", "#499894", "#fabfd2", "#79706e")
CSS = """body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}
td,th{border:1px solid #ccc;padding:.2em .5em;font-size:.9em}td.n{text-align:right}th{background:#f3f3f3}
.no{color:#b00;font-weight:bold}.legend span{display:inline-block;margin-right:1em;font-size:.85em}
.legend i{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:middle}
@media print{body{margin:1cm}h2,h3{break-after:avoid}table,svg{break-inside:avoid}}"""


def html_table(section: Section, lang: Language) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in section.headers)
    body = "".join("<tr>" + "".join(f"<td{'' if k == 'text' else ' class=n'}>{escape(cell_text(c, k, lang))}</td>"
                                    for c, k in zip(row, section.kinds, strict=False)) + "</tr>"
                   for row in section.rows)
    return f"<h{section.level}>{escape(section.title)}</h{section.level}><table><tr>{head}</tr>{body}</table>"


def nice_step(top: Decimal) -> int:
    """A round tick step giving 3 to 6 ticks up to `top` hours."""
    for step in (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if top / step <= 5:
            return step
    return 2000


def load_chart_svg(bid: JointBid, member: str, weeks: list[str], colours: dict[str, str], top: Decimal,
                   lang: Language) -> str:
    """Stacked bars of a member's committed hours per week, one colour per process, on the scale `top`."""
    load: dict[tuple[str, str], Decimal] = {}
    for c in bid.commitments:
        if c.member == member:
            load[c.week, c.process] = load.get((c.week, c.process), Decimal(0)) + c.hours
    step = nice_step(top)
    scale = Decimal(-(-int(top) // step) * step or step)  # the axis ends on a tick
    bar, gap, height, left, base = 26, 6, 120, 44, 150
    width = left + len(weeks) * (bar + gap) + 10
    label = lang.gettext("{member}: hours committed per week", member=member)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{base + 30}" role="img" '
             f'aria-label="{escape(label)}">', f'<text x="0" y="12" font-size="11">{escape(label)}</text>']
    for tick in range(0, int(scale) + 1, step):
        y = base - float(tick) / float(scale) * height
        parts.append(f'<line x1="{left - 4}" y1="{y:.1f}" x2="{width - 10}" y2="{y:.1f}" stroke="#ddd"/>'
                     f'<text x="{left - 6}" y="{y + 3:.1f}" font-size="9" text-anchor="end">{tick} h</text>')
    for i, week in enumerate(weeks):
        x, y = left + i * (bar + gap), float(base)
        for process in sorted(colours):
            hours = load.get((week, process), 0)
            if hours:
                h = float(hours) / float(scale) * height
                y -= h
                parts.append(f'<rect x="{x}" y="{y:.1f}" width="{bar}" height="{h:.1f}" fill="{colours[process]}">'
                             f'<title>{escape(week)} {escape(process)}: {escape(lang.number(hours))} h</title></rect>')
        parts.append(f'<text x="{x + bar / 2}" y="{base + 14}" font-size="9" text-anchor="middle">'
                     f'{escape(week[-3:])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def week_span(weeks: set[str]) -> list[str]:
    """Every ISO week from the first to the last of `weeks`, so that a week without work shows as a gap."""
    if not weeks:
        return []
    first, last = min(map(parse_week, weeks)), max(map(parse_week, weeks))
    out = [first]
    while out[-1] < last:
        out.append(out[-1].shift(1))
    return [str(w) for w in out]


def bid_html(bid: JointBid, lang: str | None = None) -> str:
    words = language(lang)
    _ = words.gettext
    head = bid_heading(bid, words)
    html = [f"<!DOCTYPE html><html lang={words.code}><head><meta charset=utf-8><title>{escape(head[0])}</title>"
            f"<style>{CSS}</style></head><body><h1>{escape(head[0])}</h1>",
            "<ul>" + "".join(f"<li>{escape(x)}</li>" for x in head[1:])
            + f"<li><b>{escape(_('Total excl. VAT: {amount}', amount=words.money(bid.total)))}</b></li></ul>"]
    if bid.missing:
        html.append(f"<h2 class=no>{escape(_('Shortfall'))}</h2><ul>" + "".join(
            f"<li>{escape(_('missing'))} {escape(m)}</li>" for m in bid.missing) + "</ul>")
    html += [html_table(section, words) for section in bid_sections(bid, words)]
    weeks = week_span({c.week for c in bid.commitments})
    processes = sorted({c.process for c in bid.commitments})
    colours = {p: PALETTE[i % len(PALETTE)] for i, p in enumerate(processes)}
    totals: dict[tuple[str, str], Decimal] = {}
    for c in bid.commitments:
        totals[c.member, c.week] = totals.get((c.member, c.week), Decimal(0)) + c.hours
    top = max(totals.values(), default=Decimal(1))
    html.append(f"<h2>{escape(_('Weekly load per member and process'))}</h2><div class=legend>" + "".join(
        f'<span><i style="background:{c}"></i>{escape(p)}</span>' for p, c in colours.items()) + "</div>")
    for member in sorted({c.member for c in bid.commitments}):
        html.append(f"<div>{load_chart_svg(bid, member, weeks, colours, top, words)}</div>")
    html.append("</body></html>")
    return "\n".join(html)


def write_bid_html(bid: JointBid, path: str | Path, lang: str | None = None) -> Path:
    return write_text(path, bid_html(bid, lang))
