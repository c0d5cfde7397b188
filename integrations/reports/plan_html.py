"""The week's plan as one self-contained page to print on A4 landscape and pin up.

A grid of seven day columns and one row per employee, member or site (``by``); each block gives the
time, the member and the site (or the employee), in the member's colour, and never spills out of its
cell: a night shift sits in the day it starts, marked ``+1``. A legend names every member in full.
No scripts, fonts or external files, so the page prints the same anywhere.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from html import escape

from babel.dates import format_date

from sharing.group import Group
from sharing.plans import Plan
from consortium.weeks import parse_week

from .dates import day_month
from .language import Language, language

__all__ = ["member_colours", "plan_html"]

# Kelly's colours of maximum contrast, then a few more far from them: fixed, so a member keeps its
# colour from week to week (members take them in code order), and distinct on paper as well as on screen.
PALETTE = ("#0067a5", "#be0032", "#f3c300", "#008856", "#875692", "#f38400", "#a1caf1", "#c2b280", "#848482",
           "#e68fac", "#604e97", "#f6a600", "#b3446c", "#dcd300", "#882d17", "#8db600", "#654522", "#e25822",
           "#222222", "#00a3a3", "#f99379", "#d4a5ff", "#7fd4c1", "#ff2fa0", "#1b3a6b", "#5c5c00")

_CSS = """
*{box-sizing:border-box;-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:16px;color:#111;font-size:12px}
h1{font-size:19px;margin:0 0 2px}h2{font-size:14px;margin:14px 0 4px}.sub{margin:0 0 8px;color:#333}
.legend{display:flex;flex-wrap:wrap;gap:2px 14px;margin:0 0 8px;font-size:10.5px}
.legend span{white-space:nowrap}.sw{display:inline-block;width:11px;height:11px;border:1px solid #0005;
vertical-align:-1px;margin-right:3px}
table.grid{width:100%;border-collapse:collapse;table-layout:fixed}
.grid th,.grid td{border:1px solid #bbb;padding:2px;vertical-align:top}
.grid thead th{background:#eee;font-size:11px;text-align:center}.grid th.who{width:13%;text-align:left}
.grid tbody th{font-size:10.5px;font-weight:normal;text-align:left;overflow-wrap:anywhere}
.grid td.we{background:#f6f6f6}
.b{border-radius:3px;border:1px solid #0003;padding:1px 3px;margin:1px 0;font-size:9.5px;line-height:1.2;
overflow-wrap:anywhere;break-inside:avoid}.b b{font-size:10px}
table.t{border-collapse:collapse;font-size:11px}.t td,.t th{padding:2px 7px;border-bottom:1px solid #ddd;
text-align:left;vertical-align:top}.t .n{text-align:right;white-space:nowrap}
.bar{height:9px;display:inline-block}.got{background:#2a7}.req{background:#ccc}.unf{color:#a22}
.why{font-size:10px;color:#444}.none{color:#555;font-size:11px}
@page{size:A4 landscape;margin:8mm}
@media print{body{margin:0;font-size:9px}h1{font-size:15px}.legend{font-size:8.5px;margin-bottom:4px}
.grid th.who{width:11%}.grid tbody th{font-size:8.5px}.grid thead th{font-size:9px}.grid td{padding:1px}
.b{font-size:7.5px;padding:0 2px}.b b{font-size:8px}.grid tr{break-inside:avoid}thead{display:table-header-group}
h2{break-after:avoid}.after{break-before:page}}
"""


def _counted(lang: Language, one: str, many: str, count: int, **values) -> str:
    """``one`` or ``many`` by ``count`` (French counts 0 and 1 as one), with ``count`` and ``values`` filled."""
    single = count <= 1 if lang.code == "fr" else count == 1
    return lang.gettext(one if single else many, count=count, **values)


def member_colours(group: Group) -> dict[str, str]:
    """Each member's colour: the palette in member-code order (repeating past its length)."""
    return {code: PALETTE[i % len(PALETTE)] for i, code in enumerate(sorted(m.code for m in group.members))}


def _ink(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (relative luminance)."""
    r, g, b = (int(background[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return "#111" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.5 else "#fff"


def plan_html(plan: Plan, group: Group, requests: list, unfilled: list, *, by: str = "employee",
              lang: str | Language | None = None, member: str | None = None) -> str:
    """The week's page as a string; ``member`` makes the page of one member (its rows, legend and coverage)."""
    lang = lang if isinstance(lang, Language) else language(lang)
    _ = lang.gettext
    week = parse_week(plan.week)
    days = [week.monday + timedelta(days=d) for d in range(7)]
    colours = member_colours(group)
    members = {m.code: m for m in group.members}
    shown = sorted({a.member for a in plan.assignments} | {r.member for r in requests}
                   | ({member} if member else set()))
    title = (_("Plan of {member} for week {week}", member=members[member].legal_name, week=week.week)
             if member else _("Plan for week {week}", week=week.week))
    hours = sum(a.minutes for a in plan.assignments)
    status = _("published") if plan.status == "published" else _("draft")
    parts = [f"<!doctype html><html lang='{lang.code}'><head><meta charset='utf-8'>",
             f"<title>{escape(group.settings.name)}: {escape(title)}</title><style>{_CSS}</style></head><body>",
             f"<h1>{escape(group.settings.name)}: {escape(title)}</h1>",
             "<p class='sub'>" + escape(_("{first} to {last}", first=lang.day(days[0]), last=lang.day(days[-1])))
             + f" · {escape(status)} · "
             + escape(_counted(lang, "{count} assignment, {hours}", "{count} assignments, {hours}",
                               len(plan.assignments), hours=lang.hours(hours)))
             + " · " + escape(_counted(lang, "{count} request not or partly filled",
                                       "{count} requests not or partly filled", len(unfilled))) + "</p>",
             "<div class='legend'>"]
    parts += [f"<span><i class='sw' style='background:{colours[code]}'></i><b>{escape(code)}</b> "
              f"{escape(members[code].legal_name if code in members else '')}</span>" for code in shown]
    parts.append("</div>")
    parts.append(_grid(plan, group, days, by, lang, colours))
    if by == "employee" and member is None:
        idle = sorted({e.code for e in group.employees} - {a.employee for a in plan.assignments})
        if idle:
            names = {e.code: e.name for e in group.employees}
            parts.append(f"<p class='none'>{escape(_('No assignment this week'))}: "
                         + ", ".join(f"{escape(c)} {escape(names[c])}" for c in idle) + "</p>")
    parts.append("<div class='after'>" + _coverage(plan, requests, members, lang))
    if unfilled:
        # a member's page leaves out why: the reasons name other members' requests and sites
        parts.append(_unfilled(unfilled, requests, lang, reasons=member is None))
    parts.append("</div></body></html>")
    return "\n".join(parts)


def _rows(plan: Plan, group: Group, by: str) -> list[tuple[str, str, list]]:
    """(key, row heading as HTML, assignments) per row, in code order."""
    members = {m.code: m for m in group.members}
    rows: dict[str, list] = defaultdict(list)
    for a in plan.assignments:
        rows[{"employee": a.employee, "member": a.member, "site": f"{a.member}/{a.site}"}[by]].append(a)
    names = {e.code: e.name for e in group.employees}
    out = []
    for key in sorted(rows):
        if by == "employee":
            head = f"<b>{escape(key)}</b> {escape(names.get(key, ''))}"
        elif by == "member":
            head = f"<b>{escape(key)}</b> {escape(members[key].legal_name if key in members else '')}"
        else:
            code, site = key.split("/", 1)
            place = next((s for s in members[code].sites if s.code == site), None) if code in members else None
            head = f"<b>{escape(code)}</b> {escape(place.name if place else site)}"
        out.append((key, head, rows[key]))
    return out


def _block(a, by: str, group: Group, lang: Language, colours: dict[str, str]) -> str:
    _ = lang.gettext
    members = {m.code: m for m in group.members}
    member = members.get(a.member)
    site = next((s for s in member.sites if s.code == a.site), None) if member else None
    site_name = site.name if site else a.site
    when = f"{lang.time(a.start.time())}–{lang.time(a.end.time())}"
    if a.end.date() > a.start.date():
        when += f" (+{(a.end.date() - a.start.date()).days})"
    names = {e.code: e.name for e in group.employees}
    if by == "employee":
        head, detail = a.member, site_name
    else:
        head, detail = a.employee, names.get(a.employee, "")
        if by == "member" and member is not None and len(member.sites) > 1:
            detail += f" ({site_name})"
    extra = []
    if a.travel_minutes_before:
        extra.append(_("travel {minutes} min before", minutes=a.travel_minutes_before))
    if a.pinned:
        extra.append(_("pinned"))
    tip = f"{a.request} · {lang.day(a.start.date())} {when}"
    colour = colours.get(a.member, "#555555")
    return (f"<div class='b' style='background:{colour};color:{_ink(colour)}' title='{escape(tip)}'>"
            f"<b>{when} {escape(head)}</b><br><span class='s'>{escape(detail)}</span>"
            + (f"<br><i>{escape(', '.join(extra))}</i>" if extra else "") + "</div>")


def _grid(plan: Plan, group: Group, days: list, by: str, lang: Language, colours: dict[str, str]) -> str:
    heading = {"employee": lang.gettext("Employee"), "member": lang.gettext("Member"), "site": lang.gettext("Site")}[by]
    parts = [f"<table class='grid'><thead><tr><th class='who'>{escape(heading)}</th>"]
    parts += [f"<th>{escape(format_date(d, 'EEEE', locale=lang.locale))}<br>"
              f"{escape(day_month(d, lang, 'd MMMM'))}</th>" for d in days]
    parts.append("</tr></thead><tbody>")
    for _key, head, assignments in _rows(plan, group, by):
        per_day: dict = defaultdict(list)
        for a in sorted(assignments, key=lambda a: (a.start, a.employee)):
            per_day[a.start.date()].append(a)
        parts.append(f"<tr><th>{head}</th>")
        for day in days:
            weekend = " class='we'" if day.weekday() >= 5 else ""
            blocks = "".join(_block(a, by, group, lang, colours) for a in per_day.get(day, []))
            parts.append(f"<td{weekend}>{blocks}</td>")
        parts.append("</tr>")
    if not plan.assignments:
        parts.append(f"<tr><td colspan='8' class='none'>{escape(lang.gettext('No assignment this week'))}</td></tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def _coverage(plan: Plan, requests: list, members: dict, lang: Language) -> str:
    _ = lang.gettext
    asked: dict[str, int] = defaultdict(int)
    for r in requests:
        asked[r.member] += r.minutes * r.headcount
    got: dict[str, int] = defaultdict(int)
    for a in plan.assignments:
        got[a.member] += a.minutes
    top = max(list(asked.values()) + list(got.values()) + [1])
    rows = [f"<h2>{escape(_('Coverage per member'))}</h2><table class='t'><tr><th>{escape(_('Member'))}</th>"
            f"<th class='n'>{escape(_('requested'))}</th><th class='n'>{escape(_('granted'))}</th>"
            f"<th class='n'>{escape(_('shortfall'))}</th><th></th></tr>"]
    for code in sorted(set(asked) | set(got)):
        a, g = asked[code], got[code]
        short = max(0, a - g)
        name = members[code].legal_name if code in members else ""
        rows.append(f"<tr><td><b>{escape(code)}</b> {escape(name)}</td><td class='n'>{lang.hours(a)}</td>"
                    f"<td class='n'>{lang.hours(g)}</td><td class='n'>{lang.hours(short)}</td>"
                    f"<td><span class='bar got' style='width:{min(g, a or g) / top * 260:.0f}px'></span>"
                    f"<span class='bar req' style='width:{short / top * 260:.0f}px'></span></td></tr>")
    rows.append("</table>")
    return "".join(rows)


def _unfilled(unfilled: list, requests: list, lang: Language, reasons: bool = True) -> str:
    _ = lang.gettext
    by_code = {r.code: r for r in requests}
    heads = [_("Request"), _("Member"), _("When"), _("missing")] + ([_("Why (first reasons)")] if reasons else [])
    parts = [f"<h2>{escape(_('Not filled'))}</h2><table class='t'><tr>"
             + "".join(f"<th{' class=n' if i == 3 else ''}>{escape(h)}</th>" for i, h in enumerate(heads)) + "</tr>"]
    for u in unfilled:
        r = by_code.get(u.request)
        when = f"{lang.short_day(r.day)} {lang.time(r.start)}–{lang.time(r.end)}" if r is not None else ""
        parts.append(f"<tr><td>{escape(u.request)}</td><td>{escape(u.member)}</td><td>{escape(when)}</td>"
                     f"<td class='n unf'>{lang.hours(round(u.missing_hours * 60))}</td>")
        if reasons:
            why = "<br>".join(escape(x) for x in u.reasons[:3])
            if len(u.reasons) > 3:
                why += "<br>" + escape(_("and {count} more", count=len(u.reasons) - 3))
            parts.append(f"<td class='why'>{why}</td>")
        parts.append("</tr>")
    parts.append("</table>")
    return "".join(parts)
