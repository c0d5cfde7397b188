"""The shortage report as one self-contained page for the board meeting: figures, charts, tables.

Stacked weekly bars of the missing person-hours by skill, a map of the sites (bubbles placed by
latitude and longitude, sized by the hours missing there) beside their table, then the hours per
skill, member and priority split by reason. Inline SVG and CSS only: no scripts, fonts or files.
"""

from __future__ import annotations

from html import escape

from sharing.forecast import CATEGORIES, CATEGORY_LABELS, Shortage, ShortageRow

from .language import Language, language
from .plan_html import PALETTE

__all__ = ["PRIORITY_LABELS", "shortage_html"]

PRIORITY_LABELS = {"critical": "critical", "normal": "normal", "optional": "optional"}
# from the far end of the palette, so that no reason shares a colour with one of the skills' bars
CATEGORY_COLOURS = dict(zip(CATEGORIES, ("#882d17", "#e68fac", "#604e97", "#00a3a3", "#8db600", "#dcd300", "#848482"),
                            strict=False))
MAX_SKILLS = 8  # skills drawn one by one in the weekly bars; the others are stacked together

_CSS = """
*{box-sizing:border-box;-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:16px;color:#111;font-size:12px;max-width:1300px}
h1{font-size:19px;margin:0 0 2px}h2{font-size:14px;margin:16px 0 4px}.sub{margin:0 0 8px;color:#333}
.kpi{display:flex;gap:18px;margin:8px 0}.kpi div{border:1px solid #ccc;border-radius:4px;padding:6px 10px}
.kpi b{display:block;font-size:18px}
.row{display:flex;gap:16px;align-items:flex-start;flex-wrap:wrap}
table.t{border-collapse:collapse;font-size:11px}.t td,.t th{padding:2px 7px;border-bottom:1px solid #ddd;
text-align:left;vertical-align:top}.t th{background:#eee}.t .n{text-align:right;white-space:nowrap}
.legend{display:flex;flex-wrap:wrap;gap:2px 14px;margin:2px 0 6px;font-size:10.5px}
.sw{display:inline-block;width:11px;height:11px;border:1px solid #0005;vertical-align:-1px;margin-right:3px}
.none{color:#555}.note{font-size:10.5px;color:#444}
@page{size:A4 landscape;margin:8mm}
@media print{body{margin:0;font-size:9px}.t{font-size:8.5px}h2{break-after:avoid}.after{break-before:page}}
"""


def _legend(items: list[tuple[str, str]]) -> str:
    spans = "".join(f'<span><span class="sw" style="background:{c}"></span>{escape(label)}</span>'
                    for label, c in items)
    return f'<div class="legend">{spans}</div>'


def _weekly_bars(shortage: Shortage, lang: Language) -> str:
    """Stacked bars, one per week, one colour per skill (the largest skills first, the rest together)."""
    totals = {row.key: row.total for row in shortage.by("skill")}
    named = list(totals)[:MAX_SKILLS]
    rest = lang.gettext("other skills")
    colours = {skill: PALETTE[i] for i, skill in enumerate(named)} | {rest: "#bbbbbb"}
    weekly = shortage.weekly("skill")
    stacks = {week: [(s if s in named else rest, h) for s, h in sorted(cells.items(), key=lambda kv: named.index(kv[0])
                     if kv[0] in named else len(named))] for week, cells in weekly.items()}
    top = max([sum(h for _, h in stack) for stack in stacks.values()] + [1.0])
    step = 10 ** max(0, len(str(int(top))) - 1)
    scale_top = step * (int(top // step) + 1)
    width, height, left, bottom = 760, 260, 44, 34
    bar = (width - left - 10) / max(1, len(stacks))
    label = lang.gettext("Missing person-hours per week and skill")
    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
              f'aria-label="{escape(label)}">')]
    for k in range(6):  # the hour scale
        value = scale_top * k / 5
        y = height - bottom - (height - bottom - 10) * k / 5
        parts.append(f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
                     f'<text x="{left - 4}" y="{y + 3:.1f}" font-size="9" text-anchor="end">{value:g}</text>')
    for i, (week, stack) in enumerate(stacks.items()):
        x, y = left + i * bar + bar * 0.15, height - bottom
        for skill, hours in stack:
            h = (height - bottom - 10) * hours / scale_top
            y -= h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar * 0.7:.1f}" height="{h:.1f}" '
                         f'fill="{colours[skill]}"><title>{escape(week)} {escape(skill)}: {hours:g} h</title></rect>')
        total = sum(h for _, h in stack)
        if total:
            parts.append(f'<text x="{x + bar * 0.35:.1f}" y="{y - 3:.1f}" font-size="9" text-anchor="middle">'
                         f'{total:g}</text>')
        parts.append(f'<text x="{x + bar * 0.35:.1f}" y="{height - bottom + 13}" font-size="9" '
                     f'text-anchor="middle">{escape(week[5:])}</text>')
    parts.append("</svg>")
    present = [s for s in named if totals.get(s)] + ([rest] if len(totals) > len(named) else [])
    return "".join(parts) + _legend([(s, colours[s]) for s in present])


def _site_map(shortage: Shortage, rows: list[ShortageRow]) -> str:
    """The sites placed by latitude and longitude, each a bubble whose area is the hours missing there."""
    points = [(row, shortage.places[row.key]) for row in rows if row.key in shortage.places]
    if not points:
        return ""
    lats = [p[1] for _, p in points]
    lons = [p[2] for _, p in points]
    lat_lo, lat_hi = min(lats) - 0.05, max(lats) + 0.05
    lon_lo, lon_hi = min(lons) - 0.08, max(lons) + 0.08
    width, height = 420, 340
    biggest = max(row.total for row, _ in points) or 1.0
    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
              f'style="border:1px solid #ccc;background:#fafaf5">')]
    for row, (name, lat, lon) in sorted(points, key=lambda p: -p[0].total):  # big bubbles under small ones
        x = 10 + (width - 20) * (lon - lon_lo) / (lon_hi - lon_lo)
        y = 10 + (height - 20) * (lat_hi - lat) / (lat_hi - lat_lo)
        r = 4 + 22 * (row.total / biggest) ** 0.5
        main = max(CATEGORIES, key=lambda c: row.hours[c])
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{CATEGORY_COLOURS[main]}" '
                     f'fill-opacity="0.6" stroke="#333"><title>{escape(row.key)} {escape(name)}: '
                     f'{row.total:g} h</title></circle>'
                     f'<text x="{x:.1f}" y="{y - r - 2:.1f}" font-size="9" text-anchor="middle">'
                     f'{escape(row.key)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _table(lang: Language, heading: str, rows: list[ShortageRow], labels: dict[str, str] | None = None) -> str:
    if not rows:
        nothing = lang.gettext("Nothing is missing.")
        return f'<p class="none">{escape(nothing)}</p>'
    used = [c for c in CATEGORIES if any(row.hours[c] for row in rows)]
    head = "".join(f'<th class="n"><span class="sw" style="background:{CATEGORY_COLOURS[c]}"></span>'
                   f'{escape(lang.gettext(CATEGORY_LABELS[c]))}</th>' for c in used)
    body = []
    for row in rows:
        key = lang.gettext(labels[row.key]) if labels and row.key in labels else row.key
        cells = "".join(f'<td class="n">{_h(lang, row.hours[c])}</td>' for c in used)
        body.append(f'<tr><td>{escape(key)}</td><td class="n">{row.requests}</td>{cells}'
                    f'<td class="n"><b>{_h(lang, row.total)}</b></td></tr>')
    requests, total = lang.gettext("requests"), lang.gettext("total")
    return (f'<table class="t"><thead><tr><th>{escape(heading)}</th><th class="n">{escape(requests)}</th>{head}'
            f'<th class="n">{escape(total)}</th></tr></thead><tbody>{"".join(body)}</tbody></table>')


def _h2(text: str, page_break: bool = False) -> str:
    return ('<h2 class="after">' if page_break else "<h2>") + escape(text) + "</h2>"


def _h(lang: Language, hours: float) -> str:
    return f"{lang.number(hours, 1)} h" if hours else ""


def shortage_html(shortage: Shortage, group_name: str = "", lang: str | Language | None = None) -> str:
    """The whole page (see the module docstring), in ``lang`` (French by default)."""
    lang = lang if isinstance(lang, Language) else language(lang)
    first, last = shortage.weeks[0], shortage.weeks[-1]
    title = lang.gettext("Unfilled hours from {first} to {last}", first=first, last=last)
    split = shortage.by_category()
    critical = sum(line.missing_hours for line in shortage.lines if line.priority == "critical")
    kpis = [(lang.gettext("missing person-hours"), _h(lang, shortage.total()) or "0 h"),
            (lang.gettext("of which critical"), _h(lang, critical) or "0 h"),
            (lang.gettext("requests not or partly filled"), str(len(shortage.lines)))]
    sites = shortage.by("site")
    parts = [
        (f'<!DOCTYPE html><html lang="{lang.code}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
         f'<style>{_CSS}</style></head><body>'),
        f"<h1>{escape(title)}</h1>",
        f'<p class="sub">{escape(group_name)}</p>' if group_name else "",
        '<div class="kpi">' + "".join(f"<div>{escape(k)}<b>{escape(v)}</b></div>" for k, v in kpis) + "</div>",
        _legend([(f"{lang.gettext(CATEGORY_LABELS[c])} {_h(lang, split[c])}", CATEGORY_COLOURS[c])
                       for c in CATEGORIES if split[c]]),
    ]
    if shortage.weeks_without_plan:
        without = lang.gettext("Weeks without a stored plan: {weeks}", weeks=", ".join(shortage.weeks_without_plan))
        parts.append(f'<p class="note">{escape(without)}</p>')
    note = lang.gettext("Each request counts once, under its bottleneck: the first rule that nobody in the group "
                        "passes, else the reason of the nearest qualified employee.")
    site_table = _table(lang, lang.gettext("site"), sites)
    parts += [
        _h2(lang.gettext("Missing person-hours per week and skill")), _weekly_bars(shortage, lang),
        _h2(lang.gettext("Sites")),
        f'<div class="row"><div>{_site_map(shortage, sites)}</div><div>{site_table}</div></div>',
        _h2(lang.gettext("By skill and level"), page_break=True),
        _table(lang, lang.gettext("skill"), shortage.by("skill")),
        _h2(lang.gettext("By certificate")),
        _table(lang, lang.gettext("certificate"), [r for r in shortage.by("certificate") if r.key]),
        _h2(lang.gettext("By member")), _table(lang, lang.gettext("member"), shortage.by("member")),
        _h2(lang.gettext("By priority")),
        _table(lang, lang.gettext("priority"), shortage.by("priority"), PRIORITY_LABELS),
        f'<p class="note">{escape(note)}</p>',
        "</body></html>\n",
    ]
    return "".join(parts)
