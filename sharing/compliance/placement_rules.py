"""Rules on each assignment alone: who may be placed on what, where and when."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from collections.abc import Iterator

from ..group import requirement_met
from .context import Context, Placed, local
from .violations import Finding, at_text, day_text

__all__ = [
    "unknown_reference", "within_request", "skill_level", "certification", "contract_member",
    "site_authorisation", "absence", "opening_hours", "night_work", "headcount",
]


def _found(p: Placed, message: str) -> Finding:
    return Finding(message, p.employee.code, p.request.code, p.day, p.start)


def _days(p: Placed) -> list[date]:
    """Every calendar day the assignment touches (a night shift touches two)."""
    last = (p.end - timedelta(minutes=1)).date()
    return [p.day + timedelta(days=i) for i in range((last - p.day).days + 1)]


def _when(p: Placed) -> str:
    return f"{at_text(p.start)}-{p.end:%H:%M}"


def unknown_reference(ctx: Context) -> Iterator[Finding]:
    for a, problems in ctx.unresolved:
        start = local(a.start, ctx.group.settings.timezone)
        yield Finding(
            f"{a.employee} on {a.request} at {at_text(start)}: {'; '.join(problems)}",
            a.employee, a.request, start.date(), start,
        )


def within_request(ctx: Context) -> Iterator[Finding]:
    for p in ctx.placed:
        r = p.request
        lo, hi = r.interval()
        who = f"{p.employee.code} on {r.code} {_when(p)}"
        if (p.member.code, p.site.code) != (r.member, r.site):
            yield _found(p, f"{who} is placed at {p.place}, but the request is at {r.member}/{r.site}")
        if p.start < lo or p.end > hi:
            yield _found(p, f"{who} lies outside the request's {at_text(lo)}-{hi:%H:%M}")
        shortest = min(r.min_chunk_hours * 60, r.minutes)
        if p.minutes < shortest:
            yield _found(p, f"{who} lasts {p.minutes} min, below the request's minimum of {r.min_chunk_hours:g} h")


def skill_level(ctx: Context) -> Iterator[Finding]:
    for p in ctx.placed:
        r = p.request
        held = p.employee.skills.get(r.skill, 0)
        if held < r.min_level:
            has = f"has {r.skill} level {held}" if held else f"lacks skill {r.skill}"
            yield _found(p, f"{p.employee.code} {has} on {day_text(p.day)}, {r.code} needs level {r.min_level}")


def certification(ctx: Context) -> Iterator[Finding]:
    catalogue = ctx.group.catalogue
    for p in ctx.placed:
        for req in p.request.certifications:
            missing = [d for d in _days(p) if not requirement_met(p.employee.certifications, req, catalogue, d)]
            if missing:
                yield _found(p, f"{p.employee.code} has no valid {req} on {day_text(missing[0])} for {p.request.code}")


def contract_member(ctx: Context) -> Iterator[Finding]:
    for p in ctx.placed:
        e = p.employee
        if not e.may_work_at(p.member.code, p.site.code):
            yield _found(p, f"{e.code}'s contract does not list {p.place} ({p.request.code} on {day_text(p.day)})")
        inactive = [d for d in _days(p) if not e.contract.is_active(d)]
        if inactive:
            yield _found(p, f"{e.code}'s contract is not active on {day_text(inactive[0])} ({p.request.code})")


def site_authorisation(ctx: Context) -> Iterator[Finding]:
    for p in ctx.placed:
        skill = p.request.skill
        if skill not in p.site.authorisation_required_for:
            continue
        missing = [d for d in _days(p) if not p.employee.has_authorisation(p.member.code, p.site.code, skill, d)]
        if missing:
            yield _found(p, f"{p.employee.code} has no valid {skill} authorisation at {p.place} "
                            f"on {day_text(missing[0])}")


def absence(ctx: Context) -> Iterator[Finding]:
    tz = ctx.group.settings.timezone
    absences = [a for a in ctx.group.absences if a.employee in ctx.by_employee]
    for p in ctx.placed:
        for a in absences:
            start, end = local(a.start, tz), local(a.end, tz)
            if a.employee == p.employee.code and start < p.end and p.start < end:
                yield _found(p, f"{p.employee.code} is on {a.kind} {at_text(start)} to {at_text(end)} "
                                f"but placed on {p.request.code} {_when(p)}")


def opening_hours(ctx: Context) -> Iterator[Finding]:
    for p in ctx.placed:
        first = p.start.hour * 60 + p.start.minute
        if not p.site.is_open(p.start.weekday(), first, first + p.minutes):
            yield _found(p, f"{p.employee.code} is placed at {p.place} {_when(p)}, outside its opening hours")


def _night_minutes(start: datetime, end: datetime, night_start, night_end) -> int:
    """Minutes of [start, end) inside the night window of any day it touches."""
    total = 0
    day = start.date() - timedelta(days=1)
    while day <= end.date():
        lo = datetime.combine(day, night_start)
        hi = datetime.combine(day + timedelta(days=1 if night_end <= night_start else 0), night_end)
        total += max(0, int((min(end, hi) - max(start, lo)).total_seconds() // 60))
        day += timedelta(days=1)
    return total


def night_work(ctx: Context) -> Iterator[Finding]:
    rules = ctx.rules
    window = f"{rules.night_start:%H:%M}-{rules.night_end:%H:%M}"
    for p in ctx.placed:
        e, who = p.employee, f"{p.employee.code} works"
        night = _night_minutes(p.start, p.end, rules.night_start, rules.night_end)
        if night and e.minor:
            yield _found(p, f"{who} {night} min at night ({window}) on {day_text(p.day)} but is a minor")
        elif night and not e.night_worker:
            yield _found(p, f"{who} {night} min at night ({window}) on {day_text(p.day)} but is not a night worker")
        if night and not p.site.night_work_allowed:
            yield _found(p, f"{who} {night} min at night on {day_text(p.day)} at {p.place}, which allows no night work")
        sundays = [d for d in _days(p) if d.weekday() == 6]
        if sundays and not p.site.sunday_work_allowed:
            yield _found(p, f"{who} on Sunday {sundays[0]} at {p.place}, which allows no Sunday work")


def headcount(ctx: Context) -> Iterator[Finding]:
    by_request: dict[str, list[Placed]] = {}
    for p in ctx.placed:
        by_request.setdefault(p.request.code, []).append(p)
    for code, items in by_request.items():
        limit = ctx.requests[code].headcount
        # Ends sort before starts at the same instant: back-to-back shifts do not overlap.
        events = sorted([(p.start, 1, p) for p in items] + [(p.end, 0, p) for p in items], key=lambda e: e[:2])
        present: list[Placed] = []
        reported = False
        for moment, is_start, p in events:
            if not is_start:
                present.remove(p)
                reported = False
                continue
            present.append(p)
            if len(present) > limit and not reported:
                reported = True
                names = ", ".join(sorted(q.employee.code for q in present))
                yield Finding(f"{code} has {len(present)} people at {at_text(moment)} ({names}), headcount {limit}",
                              None, code, moment.date(), moment)
