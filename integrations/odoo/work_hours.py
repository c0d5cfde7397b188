"""Working hours of an Odoo 17 calendar, computed on the client as ``_work_intervals_batch`` does.

Odoo cannot run its calendar helpers over RPC, so the pull reads the rows and redoes the sum:

* attendances (``resource.calendar.attendance``) without ``display_type`` (section lines) and whose
  ``day_period`` is not ``lunch`` (Odoo 17 stores the lunch break as its own row: a break, not work);
  rows of another resource are skipped; ``date_from``/``date_to`` bound a row; two-week calendars
  take the rows of the day's ``week_type`` (Odoo's parity: ``floor((ordinal - 1) / 7) % 2``);
* the hours ``hour_from``-``hour_to`` are wall-clock hours in the calendar's time zone
  (``resource.calendar.tz``, or the resource's own); 24.0 is the end of the day;
* leaves (``resource.calendar.leaves``) of type ``leave`` of this calendar or of none, global
  (``resource_id`` False, same company) or of the resource itself, are stored as naive UTC and are
  converted to that zone before they are taken off (overlapping leaves count once).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, UTC
from typing import Any
from collections.abc import Iterable, Mapping, Sequence
from zoneinfo import ZoneInfo

__all__ = ["ATTENDANCE_FIELDS", "LEAVE_FIELDS", "week_type", "attendance_intervals", "leave_intervals",
           "work_hours"]

ATTENDANCE_FIELDS = ("calendar_id", "dayofweek", "day_period", "hour_from", "hour_to", "week_type", "date_from",
                     "date_to", "display_type", "resource_id")
LEAVE_FIELDS = ("calendar_id", "resource_id", "company_id", "date_from", "date_to", "time_type")

Interval = tuple[datetime, datetime]


def _id(value: Any) -> int | None:
    if isinstance(value, (list, tuple)) and value:
        return int(value[0])
    return value if isinstance(value, int) and not isinstance(value, bool) and value else None


def week_type(day: date) -> int:
    """Odoo's week parity for two-week calendars (0 first week, 1 second)."""
    return (day.toordinal() - 1) // 7 % 2


def _clock(day: date, hours: float, zone: ZoneInfo) -> datetime:
    # Odoo's float_to_time: 24.0 is the last instant of the day, minutes rounded like Odoo.
    if hours >= 24:
        return datetime.combine(day + timedelta(days=1), time(0), zone)
    minutes = round(float(hours) * 60)
    return datetime.combine(day, time(minutes // 60, minutes % 60), zone)


def attendance_intervals(attendances: Iterable[Mapping], tz: str, start: date, end: date, *,
                         two_weeks: bool = False, resource: int | None = None) -> list[Interval]:
    """Work intervals (aware, UTC) of the local days ``start`` to ``end`` (exclusive) in zone ``tz``, no lunch."""
    zone = ZoneInfo(tz)
    rows = [a for a in attendances if not a.get("display_type") and a.get("day_period") != "lunch"
            and _id(a.get("resource_id")) in (None, resource)]
    out: list[Interval] = []
    day = start
    while day < end:
        parity = str(week_type(day))
        for a in rows:
            if int(a["dayofweek"]) != day.weekday():
                continue
            if two_weeks and str(a.get("week_type")) != parity:
                continue
            if (a.get("date_from") and str(day) < str(a["date_from"])) or (
                    a.get("date_to") and str(a["date_to"]) < str(day)):
                continue
            begin, finish = _clock(day, a["hour_from"], zone), _clock(day, a["hour_to"], zone)
            if finish > begin:  # in UTC, so that a day with a clock change counts its real hours
                out.append((begin.astimezone(UTC), finish.astimezone(UTC)))
        day += timedelta(days=1)
    return out


def _utc(text: str) -> datetime:
    return datetime.strptime(str(text)[:19], "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)


def leave_intervals(leaves: Iterable[Mapping], calendar: int | None, *, resource: int | None = None,
                    company: int | None = None) -> list[Interval]:
    """Aware (UTC) intervals of the leaves that apply to ``resource`` on ``calendar``, merged."""
    spans = []
    for lv in leaves:
        if lv.get("time_type", "leave") not in ("leave", None, False):
            continue
        if _id(lv.get("calendar_id")) not in (None, calendar):
            continue
        owner = _id(lv.get("resource_id"))
        if owner is not None and owner != resource:
            continue
        if owner is None and company and _id(lv.get("company_id")) not in (None, company):
            continue
        spans.append((_utc(lv["date_from"]), _utc(lv["date_to"])))
    merged: list[Interval] = []
    for begin, finish in sorted(spans):
        if merged and begin <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], finish))
        else:
            merged.append((begin, finish))
    return merged


def work_hours(attendances: Sequence[Mapping], leaves: Sequence[Mapping], tz: str, start: date, end: date, *,
               calendar: int | None = None, two_weeks: bool = False, resource: int | None = None,
               company: int | None = None) -> float:
    """Hours of work from ``start`` to ``end`` (exclusive dates, local to ``tz``) minus the leaves."""
    off = leave_intervals(leaves, calendar, resource=resource, company=company)
    seconds = 0.0
    for begin, finish in attendance_intervals(attendances, tz, start, end, two_weeks=two_weeks, resource=resource):
        seconds += (finish - begin).total_seconds()
        for l0, l1 in off:
            overlap = (min(finish, l1) - max(begin, l0)).total_seconds()
            seconds -= max(overlap, 0.0)
    return seconds / 3600
