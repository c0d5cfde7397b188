"""A week's plan as one JSON document, as rows (CSV/XLSX), and as one calendar per employee (ICS)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
from icalendar import Calendar, Event

from sharing.group import Group
from sharing.plans import Plan

__all__ = ["plan_document", "plan_rows", "plan_summaries", "write_table", "write_ics"]


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
    first = "member" if by == "member" else "employee"
    rows.sort(key=lambda r: (r[first], r["day"][4:], r["start"], r["employee"] if first == "member" else r["member"]))
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


def write_table(rows: list[dict], path: Path) -> None:
    """Rows to CSV or XLSX by the file's suffix."""
    frame = pd.DataFrame(rows)
    if Path(path).suffix.lower() == ".xlsx":
        frame.to_excel(path, index=False, sheet_name="plan")
    else:
        frame.to_csv(path, index=False)


def write_ics(plan: Plan, group: Group, folder: Path) -> list[Path]:
    """One calendar file per employee (`E012.ics`) with an event per assignment; returns the files."""
    tz = ZoneInfo(group.settings.timezone)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    members = {m.code: m for m in group.members}
    by_employee: dict[str, list] = {}
    for a in plan.assignments:
        by_employee.setdefault(a.employee, []).append(a)
    written = []
    for code, assignments in sorted(by_employee.items()):
        cal = Calendar()
        cal.add("prodid", "-//mutualis//weekly plan//EN")
        cal.add("version", "2.0")
        cal.add("x-wr-calname", f"{code} {plan.week}")
        for a in sorted(assignments, key=lambda a: a.start):
            member = members.get(a.member)
            site = next((s for s in member.sites if s.code == a.site), None) if member else None
            event = Event()
            event.add("uid", f"{plan.week}-{a.employee}-{a.request}-{a.start:%Y%m%dT%H%M}@mutualis")
            event.add("summary", f"{member.legal_name if member else a.member} ({a.request})")
            event.add("dtstart", a.start.replace(tzinfo=tz))
            event.add("dtend", a.end.replace(tzinfo=tz))
            event.add("dtstamp", datetime(2000, 1, 1, tzinfo=ZoneInfo("UTC")))
            if site is not None:
                event.add("location", f"{site.name}, {site.address}".strip(", "))
                event.add("geo", (site.latitude, site.longitude))
            if a.travel_minutes_before:
                event.add("description", f"{a.travel_minutes_before} min travel from the previous site")
            cal.add_component(event)
        path = folder / f"{code}.ics"
        path.write_bytes(cal.to_ical())
        written.append(path)
    return written
