"""A week's plan as one JSON document, as rows (CSV/XLSX), and as one calendar per employee (ICS).

Files go through :mod:`integrations.files` (complete or absent, owner-only); :func:`output_format` says
which format a ``--out`` path asks for, so that the content always matches the file's suffix.
"""

from __future__ import annotations

import json
from datetime import date, datetime, UTC
from pathlib import Path

import pandas as pd
from icalendar import Calendar, Event

from consortium.errors import InvalidInput
from sharing.group import Group
from sharing.plans import Plan
from consortium.weeks import parse_week

from ..files import write_text, written, written_folder
from .language import Language, language

__all__ = ["for_member", "output_format", "plan_document", "plan_rows", "plan_summaries", "write_ics",
           "write_json", "write_member_pages", "write_plan",
           "write_table"]

_SUFFIXES = {".csv": "csv", ".xlsx": "xlsx", ".html": "html", ".htm": "html", ".json": "json"}
_TO_SCREEN = ("table", "csv", "json")  # formats that can be printed instead of written


def output_format(fmt: str | None, out: Path | None, folder: bool = False) -> str:
    """The format to write: ``fmt`` when given, else the one ``out``'s suffix names (no suffix: a folder of
    calendars, or of pages when ``folder``); a format that does not match the suffix is refused."""
    if out is None:
        if folder:
            raise InvalidInput("--per-member writes a folder of web pages: give --out")
        fmt = fmt or "table"
        if fmt not in _TO_SCREEN:
            raise InvalidInput(f"--format {fmt} writes files: give --out")
        return fmt
    out = Path(out)
    named = _SUFFIXES.get(out.suffix.lower())
    if folder:
        if named is not None or (fmt or "html") != "html":
            raise InvalidInput(f"--per-member writes a folder of web pages: give a folder, not {out}"
                               if named is not None else "--per-member writes web pages: use --format html")
        return "html"
    if fmt is None:
        if named is not None:
            return named
        if out.suffix:
            raise InvalidInput(f"{out}: cannot tell the format from the suffix {out.suffix!r}: "
                               "use .csv, .xlsx, .html, .json, a folder for calendars, or --format")
        return "ics"
    if fmt == "table":
        raise InvalidInput("--format table prints on the screen: drop --out, or write csv, xlsx, html, ics or json")
    if fmt == "ics":
        if named is not None:
            raise InvalidInput(f"--format ics writes a folder of calendars, but {out} is named like a {named} file")
        return fmt
    if named != fmt:
        raise InvalidInput(f"--format {fmt} does not match {out}: name it *.{fmt} or drop --format")
    return fmt


def for_member(plan: Plan, group: Group, requests: list, unfilled: list, member: str) -> tuple[Plan, list, list]:
    """The plan, requests and unfilled requests of one member only (an unknown code is an error naming it)."""
    code = member.upper()
    if code not in {m.code for m in group.members}:
        raise InvalidInput(f"unknown member {member!r}")
    mine = plan.model_copy(update={"assignments": [a for a in plan.assignments if a.member == code]})
    return mine, [r for r in requests if r.member == code], [u for u in unfilled if u.member == code]


def plan_document(plan: Plan, unfilled) -> dict:
    """The `plan show --format json` object: assignments and unfilled requests, local ISO date-times."""
    return {
        "week": plan.week,
        "assignments": [
            {
                "employee": a.employee,
                "member": a.member,
                "site": a.site,
                "request": a.request,
                "start": a.start.isoformat(timespec="minutes"),
                "end": a.end.isoformat(timespec="minutes"),
                "travel_minutes_before": a.travel_minutes_before,
            }
            for a in sorted(plan.assignments, key=lambda a: (a.start, a.employee))
        ],
        "unfilled": [
            {"request": u.request, "member": u.member, "missing_hours": round(u.missing_hours, 2),
             "reasons": list(u.reasons)}
            for u in unfilled
        ],
    }


def plan_rows(plan: Plan, group: Group, by: str = "member") -> list[dict]:
    """One row per assignment, sorted by member or by employee, with names a person reads."""
    names = {e.code: e.name for e in group.employees}
    rows = [
        {
            "member": a.member,
            "site": a.site,
            "employee": a.employee,
            "name": names.get(a.employee, ""),
            "request": a.request,
            "day": f"{a.start:%a %Y-%m-%d}",
            "start": f"{a.start:%H:%M}",
            "end": f"{a.end:%H:%M}",
            "hours": round(a.minutes / 60, 2),
            "travel_min": a.travel_minutes_before,
            "pinned": "yes" if a.pinned else "",
        }
        for a in plan.assignments
    ]
    if by == "employee":
        rows.sort(key=lambda r: (r["employee"], r["day"][4:], r["start"], r["member"]))
    else:
        rows.sort(key=lambda r: (r["member"], r["site"] if by == "site" else "", r["day"][4:], r["start"],
                                 r["employee"]))
    return rows


def plan_summaries(plan: Plan, group: Group, requests: list) -> tuple[list[dict], list[dict]]:
    """Per member: requested, granted and shortfall hours; per employee: hours against contract, travel."""
    asked: dict[str, float] = {}
    for r in requests:
        asked[r.member] = asked.get(r.member, 0.0) + r.hours
    granted: dict[str, float] = {}
    worked: dict[str, int] = {}
    travel: dict[str, int] = {}
    for a in plan.assignments:
        granted[a.member] = granted.get(a.member, 0.0) + a.minutes / 60
        worked[a.employee] = worked.get(a.employee, 0) + a.minutes
        travel[a.employee] = travel.get(a.employee, 0) + a.travel_minutes_before
    members = [
        {"member": code, "requested_h": round(asked.get(code, 0), 2), "granted_h": round(granted.get(code, 0), 2),
         "shortfall_h": round(max(0.0, asked.get(code, 0) - granted.get(code, 0)), 2)}
        for code in sorted(set(asked) | set(granted))
    ]
    employees = [
        {"employee": e.code, "name": e.name, "hours": round(worked.get(e.code, 0) / 60, 2),
         "contract_h": e.contract.weekly_hours, "travel_min": travel.get(e.code, 0),
         "idle_h": round(max(0.0, e.contract.weekly_hours - worked.get(e.code, 0) / 60), 2)}
        for e in sorted(group.employees, key=lambda e: e.code)
    ]
    return members, employees


def write_table(rows: list[dict], path: Path) -> Path:
    """Rows to CSV or XLSX by the file's suffix, written complete or not at all."""
    frame = pd.DataFrame(rows)
    with written(path) as tmp:
        if Path(path).suffix.lower() == ".xlsx":
            frame.to_excel(tmp, index=False, sheet_name="plan", engine="openpyxl")
        else:
            frame.to_csv(tmp, index=False)
    return Path(path)


def write_json(document: dict, path: Path) -> Path:
    """The :func:`plan_document` as a JSON file."""
    return write_text(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def write_plan(fmt: str, out: Path, plan: Plan, group: Group, requests: list, unfilled: list, *,
               by: str | None = None, lang: str | Language | None = None, member: str | None = None,
               saved_at: datetime | None = None) -> list[Path]:
    """Write the plan to ``out`` in ``fmt`` (from :func:`output_format`); the files written.

    ``by`` orders rows (employee, member or site; the page defaults to employee, tables to member).
    """
    from .plan_html import plan_html

    if fmt in ("csv", "xlsx"):
        return [write_table(plan_rows(plan, group, by or "member"), out)]
    if fmt == "json":
        return [write_json(plan_document(plan, unfilled), out)]
    if fmt == "ics":
        return write_ics(plan, group, out, saved_at=saved_at, lang=lang)
    return [write_text(out, plan_html(plan, group, requests, unfilled, by=by or "employee", lang=lang, member=member))]


def write_member_pages(plan: Plan, group: Group, requests: list, unfilled: list, folder: Path, *,
                       by: str = "employee", lang: str | Language | None = None) -> list[Path]:
    """One page per member with assignments or requests in the week (`plan-2026-W49-ACIER.html`), each
    showing only that member's rows and coverage; the folder is complete or absent."""
    from .plan_html import plan_html

    codes = sorted({a.member for a in plan.assignments} | {r.member for r in requests})
    names = []
    with written_folder(folder) as staging:
        for code in codes:
            mine, asked, left = for_member(plan, group, requests, unfilled, code)
            name = f"plan-{plan.week}-{code}.html"
            page = plan_html(mine, group, asked, left, by=by, lang=lang, member=code)
            (staging / name).write_text(page, encoding="utf-8")
            names.append(name)
    return [Path(folder) / name for name in names]


def plan_stamp(plan: Plan, saved_at: datetime | None) -> datetime:
    """The calendars' DTSTAMP: when the stored plan was saved; for a plan never stored, its week's Monday
    00:00 UTC (never the clock, so that the same data gives the same file)."""
    if saved_at is not None:
        return saved_at.astimezone(UTC)
    return datetime.combine(parse_week(plan.week).monday, datetime.min.time(), tzinfo=UTC)


def write_ics(plan: Plan, group: Group, folder: Path, saved_at: datetime | None = None,
              lang: str | Language | None = None) -> list[Path]:
    """One calendar file per employee (`E012.ics`): an event per assignment in the group's time zone,
    whose VTIMEZONE the file carries, stamped with the plan's save time; the folder is complete or absent."""
    from zoneinfo import ZoneInfo

    lang = lang if isinstance(lang, Language) else language(lang)
    tz = ZoneInfo(group.settings.timezone)
    stamp = plan_stamp(plan, saved_at)
    monday = parse_week(plan.week).monday
    members = {m.code: m for m in group.members}
    by_employee: dict[str, list] = {}
    for a in plan.assignments:
        by_employee.setdefault(a.employee, []).append(a)
    names = []
    with written_folder(folder) as staging:
        for code, assignments in sorted(by_employee.items()):
            cal = Calendar()
            cal.add("prodid", "-//mutualis//weekly plan//EN")
            cal.add("version", "2.0")
            cal.add("x-wr-calname", f"{code} {plan.week}")
            cal.add("x-wr-timezone", group.settings.timezone)
            for a in sorted(assignments, key=lambda a: a.start):
                cal.add_component(_event(a, members.get(a.member), plan.week, tz, stamp, lang))
            # the transitions of the plan's year and the next (a week may end in January), not 1970-2038
            cal.add_missing_timezones(first_date=date(monday.year, 1, 1), last_date=date(monday.year + 1, 12, 31))
            (staging / f"{code}.ics").write_bytes(cal.to_ical())
            names.append(f"{code}.ics")
    return [Path(folder) / name for name in names]


def _event(a, member, week: str, tz, stamp: datetime, lang: Language) -> Event:
    site = next((s for s in member.sites if s.code == a.site), None) if member else None
    event = Event()
    event.add("uid", f"{week}-{a.employee}-{a.request}-{a.start:%Y%m%dT%H%M}@mutualis")
    event.add("summary", f"{member.legal_name if member else a.member} ({a.request})")
    event.add("dtstart", a.start.replace(tzinfo=tz))
    event.add("dtend", a.end.replace(tzinfo=tz))
    event.add("dtstamp", stamp)
    if site is not None:
        event.add("location", f"{site.name}, {site.address}".strip(", "))
        event.add("geo", (site.latitude, site.longitude))
    if a.travel_minutes_before:
        event.add("description", lang.gettext("travel {minutes} min before", minutes=a.travel_minutes_before))
    return event
