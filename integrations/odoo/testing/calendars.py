"""Working calendars as Odoo 17 keeps them: lunch breaks as their own rows, hours in the calendar's zone.

The capture kept 20 of the 60 ``resource.calendar.attendance`` rows (calendar 1 whole, the first
five rows of calendar 2). Odoo 17's demo calendars all follow one pattern (``resource_demo.xml``,
``resource.calendar.default_get``): Monday to Friday, ``morning`` 8-12, ``lunch`` 12-13 (a break,
``duration_hours`` 0), ``afternoon`` 13 to 13 + (``hours_per_day`` - 4). :func:`install` rebuilds the
missing rows with the ids the calendars list, and makes ``create`` of a calendar without
attendances get Odoo's default week (40 h with lunch breaks) and, without ``tz``, the admin's zone.
"""

from __future__ import annotations

from typing import Any

__all__ = ["DAYS", "default_week", "install"]

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
ADMIN_TZ = "Europe/Brussels"  # user_context of the captured admin (version_info.json)


def default_week(hours_per_day: float = 8.0) -> list[dict[str, Any]]:
    """The 15 rows of Odoo's standard week: morning, lunch break, afternoon, Monday to Friday."""
    rows = []
    for day, name in enumerate(DAYS):
        for period, start, end in (("morning", 8.0, 12.0), ("lunch", 12.0, 13.0),
                                   ("afternoon", 13.0, round(13.0 + hours_per_day - 4, 2))):
            work = 0.0 if period == "lunch" else round(end - start, 2)
            rows.append({"name": f"{name} {'Lunch' if period == 'lunch' else period.title()}",
                         "dayofweek": str(day), "day_period": period, "hour_from": start, "hour_to": end,
                         "date_from": False, "date_to": False, "week_type": False, "display_type": False,
                         "resource_id": False, "duration_hours": work, "duration_days": 0.5 if work else 0.0,
                         "sequence": 10})
    return rows


def _complete_capture(db) -> None:
    attendances = db.table("resource.calendar.attendance")
    for calendar in list(db.table("resource.calendar").values()):
        ids = list(calendar.get("attendance_ids") or [])
        if len(ids) != 15 or all(i in attendances for i in ids):
            continue
        for rid, row in zip(ids, default_week(float(calendar.get("hours_per_day") or 8.0)), strict=False):
            if rid not in attendances:
                db.put("resource.calendar.attendance",
                       {**row, "id": rid, "calendar_id": [calendar["id"], calendar["name"]]})


def _calendar_defaults(db, row: dict) -> None:
    # resource.calendar.default_get: the standard week when no attendance is given; tz is required.
    if not row.get("tz"):
        row["tz"] = ADMIN_TZ
    if not row.get("attendance_ids"):
        row["attendance_ids"] = [db.insert("resource.calendar.attendance", {**vals, "calendar_id": row["id"]})
                                 for vals in _writable(default_week())]
    if not row.get("hours_per_day"):
        row["hours_per_day"] = 8.0


def _writable(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k not in ("duration_hours", "duration_days")} for r in rows]


def install(db) -> None:
    """Complete the captured calendars and give ``resource.calendar`` Odoo's defaults on create."""
    _complete_capture(db)
    db.after_create.setdefault("resource.calendar", []).append(_calendar_defaults)
