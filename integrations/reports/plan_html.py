"""One self-contained web page for a week: a timeline per employee and a coverage chart per member."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape

from sharing.group import Group
from sharing.plans import Plan
from sharing.weeks import parse_week

__all__ = ["plan_html"]

_CSS = """
body{font-family:system-ui,sans-serif;margin:24px;color:#222}
h1{font-size:22px}h2{font-size:17px;margin-top:28px}
.tl{position:relative;height:22px;background:#f4f4f4;border-bottom:1px solid #fff}
.row{display:flex;align-items:center}.who{width:190px;font-size:12px;white-space:nowrap;overflow:hidden}
.track{flex:1;position:relative}
.a{position:absolute;top:2px;height:18px;font-size:10px;color:#fff;overflow:hidden;border-radius:3px;padding:0 2px}
.tv{position:absolute;top:2px;height:18px;background:repeating-linear-gradient(45deg,#999,#999 2px,#ccc 2px,#ccc 4px)}
.days{display:flex;margin-left:190px;font-size:11px;color:#555}.days div{flex:1;border-left:1px solid #ccc;padding-left:3px}
table{border-collapse:collapse;font-size:13px}td,th{padding:3px 8px;border-bottom:1px solid #ddd;text-align:left}
.bar{height:12px;display:inline-block}.req{background:#ddd}.got{background:#2a7}
.unf{color:#a22}
"""
_PALETTE = ["#3366cc", "#dc3912", "#ff9900", "#109618", "#990099", "#0099c6", "#dd4477", "#66aa00", "#b82e2e",
            "#316395", "#994499", "#22aa99", "#aaaa11", "#6633cc", "#e67300", "#8b0707", "#651067", "#329262"]


def plan_html(plan: Plan, group: Group, requests: list, unfilled: list) -> str:
    """The week's page as a string (no external files, scripts or fonts)."""
    week = parse_week(plan.week)
    start = datetime.combine(week.monday, datetime.min.time())
    colour = {m.code: _PALETTE[i % len(_PALETTE)] for i, m in enumerate(group.members)}
    names = {e.code: e.name for e in group.employees}
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{escape(group.settings.name)} "
             f"{plan.week}</title><style>{_CSS}</style></head><body>",
             f"<h1>{escape(group.settings.name)}: plan for {plan.week} ({plan.status})</h1>",
             f"<p>{len(plan.assignments)} assignments, {len(unfilled)} requests not or partly filled.</p>",
             "<h2>Timeline per employee</h2><div class='days'>"]
    parts += [f"<div>{(week.monday + timedelta(days=d)):%a %d %b}</div>" for d in range(7)]
    parts.append("</div>")
    by_employee: dict[str, list] = {}
    for a in plan.assignments:
        by_employee.setdefault(a.employee, []).append(a)
    for code in sorted(by_employee):
        parts.append(f"<div class='row'><div class='who'>{escape(code)} {escape(names.get(code, ''))}</div>"
                     "<div class='track tl'>")
        for a in sorted(by_employee[code], key=lambda a: a.start):
            left = (a.start - start).total_seconds() / 60 / (7 * 1440) * 100
            width = a.minutes / (7 * 1440) * 100
            if a.travel_minutes_before:
                tw = a.travel_minutes_before / (7 * 1440) * 100
                parts.append(f"<div class='tv' style='left:{left - tw:.3f}%;width:{tw:.3f}%' "
                             f"title='{a.travel_minutes_before} min travel'></div>")
            parts.append(f"<div class='a' style='left:{left:.3f}%;width:{width:.3f}%;background:{colour.get(a.member, '#555')}' "
                         f"title='{escape(a.member)}/{escape(a.site)} {a.start:%a %H:%M}-{a.end:%H:%M} {escape(a.request)}'>"
                         f"{escape(a.member)}</div>")
        parts.append("</div></div>")
    parts.append(_coverage(plan, group, requests))
    if unfilled:
        parts.append("<h2>Not filled</h2><table><tr><th>request</th><th>member</th><th>missing h</th><th>why</th></tr>")
        for u in unfilled:
            reasons = "<br>".join(escape(r) for r in u.reasons)
            parts.append(f"<tr><td>{escape(u.request)}</td><td>{escape(u.member)}</td>"
                         f"<td class='unf'>{u.missing_hours:.1f}</td><td>{reasons}</td></tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)


def _coverage(plan: Plan, group: Group, requests: list) -> str:
    asked: dict[str, float] = {}
    for r in requests:
        asked[r.member] = asked.get(r.member, 0) + r.hours
    got: dict[str, float] = {}
    for a in plan.assignments:
        got[a.member] = got.get(a.member, 0) + a.minutes / 60
    top = max(list(asked.values()) + list(got.values()) + [1])
    rows = ["<h2>Coverage per member</h2><table><tr><th>member</th><th>requested h</th><th>granted h</th>"
            "<th>shortfall h</th><th></th></tr>"]
    for member in sorted(set(asked) | set(got)):
        a, g = asked.get(member, 0), got.get(member, 0)
        rows.append(f"<tr><td>{escape(member)}</td><td>{a:.1f}</td><td>{g:.1f}</td><td>{max(0, a - g):.1f}</td>"
                    f"<td><span class='bar got' style='width:{g / top * 300:.0f}px'></span>"
                    f"<span class='bar req' style='width:{max(0, a - g) / top * 300:.0f}px'></span></td></tr>")
    rows.append("</table>")
    return "".join(rows)
