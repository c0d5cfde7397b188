"""Free hours of a member's Odoo work centres per ISO week, declared as capacity (source ``erp``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from collections.abc import Callable, Mapping, Sequence

from consortium.errors import MutualisError

from .gateway import OdooGateway
from .mapping import slug, utc_to_local
from .pull import PullReport
from .work_hours import ATTENDANCE_FIELDS, LEAVE_FIELDS, work_hours
from .yaml_files import read_yaml_mapping

__all__ = ["WorkcenterWeek", "load_process_mapping", "workcenter_capacity", "pull_capacity"]

WORKCENTER_FIELDS = ("name", "code", "resource_id", "resource_calendar_id", "company_id", "time_efficiency",
                     "costs_hour", "tag_ids")


@dataclass(frozen=True)
class WorkcenterWeek:
    """Free hours of one work centre in one ISO week, the resource they map to, and its hourly rate."""

    workcenter: str
    resource: str
    week: str
    hours: float
    rate: float


def load_process_mapping(path) -> dict[str, str]:
    """A YAML file ``{workcenter name or code: resource code}``."""
    data = read_yaml_mapping(path, "workcenter: RESOURCE")
    return {str(k): str(v).upper() for k, v in data.items()}


def _id(value) -> int | None:
    return int(value[0]) if isinstance(value, (list, tuple)) and value else None


def _resource(wc: Mapping, mapping: Mapping[str, str], tags: Mapping[int, str]) -> str:
    key = wc.get("code") or wc["name"]
    resource = mapping.get(key) or mapping.get(wc["name"])
    if not resource and wc.get("tag_ids"):
        resource = slug(tags.get(wc["tag_ids"][0], ""))
    return resource or slug(key)


def workcenter_capacity(workcenters: Sequence[Mapping], calendars: Sequence[Mapping], attendances: Sequence[Mapping],
                        calendar_leaves: Sequence[Mapping], workorders: Sequence[Mapping], weeks: Sequence[str],
                        mapping: Mapping[str, str] | None = None, tags: Mapping[int, str] | None = None
                        ) -> list[WorkcenterWeek]:
    """Hours per ISO week of each ``mrp.workcenter``, as Odoo's ``_work_intervals_batch`` counts them.

    The calendar's working hours of the week in its own time zone (lunch breaks are not work), minus
    its global leaves and the work centre's own, times ``time_efficiency``/100, minus the expected
    duration of open work orders starting that week (unscheduled open ones weigh on the first week).
    The resource is ``mapping[code or name]``, else the first tag (``tags``: id -> name), else the
    slugged code/name.
    """
    mapping, tags = mapping or {}, tags or {}
    by_id = {c["id"]: c for c in calendars}
    rows_of: dict[int, list[Mapping]] = {}
    for a in attendances:
        rows_of.setdefault(_id(a["calendar_id"]), []).append(a)
    out = []
    for wc in workcenters:
        cal = _id(wc.get("resource_calendar_id"))
        calendar = by_id.get(cal, {})
        tz = wc.get("tz") or calendar.get("tz") or "UTC"
        resource = _resource(wc, mapping, tags)
        orders = [o for o in workorders if _id(o.get("workcenter_id")) == wc["id"]
                  and o.get("state") not in ("done", "cancel")]
        for n, week in enumerate(weeks):
            year, num = int(str(week)[:4]), int(str(week)[6:])
            monday = date.fromisocalendar(year, num, 1)
            hours = work_hours(rows_of.get(cal, []), calendar_leaves, tz, monday, monday + timedelta(days=7),
                               calendar=cal, two_weeks=bool(calendar.get("two_weeks_calendar")),
                               resource=_id(wc.get("resource_id")), company=_id(wc.get("company_id")))
            hours *= float(wc.get("time_efficiency") or 100) / 100
            for o in orders:
                planned = o.get("date_start")
                if planned:
                    if utc_to_local(planned, tz).isocalendar()[:2] != (year, num):
                        continue
                elif n:
                    continue
                hours -= float(o.get("duration_expected") or 0) / 60
            out.append(WorkcenterWeek(wc["name"], resource, f"{year}-W{num:02d}", round(max(hours, 0.0), 2),
                                      float(wc.get("costs_hour") or 0)))
    return out


def pull_capacity(repo, gateway: OdooGateway, member: str, weeks, mapping=None, *,
                  declare: Callable[..., object], dry_run: bool = False) -> tuple[list[WorkcenterWeek], PullReport]:
    """Read a member's work centres and declare their free hours (source ``erp``) unless ``dry_run``.

    ``declare(repo, member, resource, week, hours, source="erp")`` stores one week's hours
    (``integrations.services.capacity.declare_capacity``); a MutualisError it raises is a problem.
    """
    report = PullReport("capacity", dry_run=dry_run)
    wc_fields = [f for f in (*WORKCENTER_FIELDS, "tz") if f in gateway.fields_get("mrp.workcenter")]
    wcs = gateway.search_read("mrp.workcenter", [], wc_fields)
    cal_ids = sorted({_id(w["resource_calendar_id"]) for w in wcs if w.get("resource_calendar_id")})
    calendars = gateway.read("resource.calendar", cal_ids, ["tz", "two_weeks_calendar"])
    att = gateway.search_read("resource.calendar.attendance", [("calendar_id", "in", cal_ids)], list(ATTENDANCE_FIELDS))
    resources = sorted({_id(w["resource_id"]) for w in wcs if w.get("resource_id")})
    leaves = gateway.search_read("resource.calendar.leaves", [("calendar_id", "in", [False, *cal_ids]),
                                                              ("resource_id", "in", [False, *resources]),
                                                              ("time_type", "=", "leave")], list(LEAVE_FIELDS))
    orders = gateway.search_read("mrp.workorder", [("workcenter_id", "in", [w["id"] for w in wcs])],
                                 ["workcenter_id", "state", "date_start", "duration_expected"])
    tag_ids = sorted({t for w in wcs for t in w.get("tag_ids") or []})
    tags = ({t["id"]: t["name"] for t in gateway.execute("mrp.workcenter.tag", "read", tag_ids, ["name"])}
            if tag_ids else {})
    rows = workcenter_capacity(wcs, calendars, att, leaves, orders, weeks, mapping, tags)
    for row in rows:
        report.created += 1
        report.diff.append(f"+ {member}/{row.resource} {row.week} {row.hours:g} h at {row.rate:g} €/h"
                           f" ({row.workcenter})")
        if not dry_run:
            try:
                declare(repo, member, row.resource, row.week, row.hours, source="erp")
            except MutualisError as exc:
                report.created -= 1
                report.problems.append(f"{row.workcenter}: {exc}")
    return rows, report
