"""A month's premiums and allowances from the hours worked, each with the member who bears it.

Weekly premiums (overtime, complementary hours) belong to the month of their ISO week's Thursday (the
ISO rule the idle hours follow, so no week is paid twice); per-shift premiums and allowances to the
month of the shift. Travel between sites counts as work time for the weekly thresholds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from consortium.weeks import week_of

from ..billing import departing_members, travel_lines
from ..employees import Employee
from ..hours import WorkedLine, month_of
from .attribution import Segment, attribute
from .daily import crosses_meal_time, day_minutes, window_minutes
from .holidays import public_holidays
from .items import CENT, PayItem, hour_item
from ..payroll_settings import PayrollSettings
from .weekly import week_bands

__all__ = ["Place", "Distance", "month_premiums", "week_premiums", "shift_premiums"]

Place = tuple[str, str]  # (member, site)
Distance = Callable[[Place, Place], Decimal]  # road km between two sites


def _start(x: WorkedLine) -> datetime:
    return x.start or datetime.combine(x.day, time())


def week_premiums(lines: list[WorkedLine], employee: Employee, settings: PayrollSettings,
                  departing: Mapping, travel_policy: str) -> list[PayItem]:
    """Overtime or complementary hours of one employee's ISO week, attributed by the settings' rule."""
    segments = []
    for x in sorted(lines, key=_start):
        for payer, minutes in travel_lines(x, departing.get(x.key()), travel_policy):
            segments.append(Segment(payer, minutes, x.day, x.request))
        if x.minutes:
            segments.append(Segment(x.member, x.minutes, x.day, x.request))
    if not segments:
        return []
    week = week_of(segments[0].day)
    note = f"week {week}" + (", pro rata" if settings.attribution == "pro_rata" else "")
    bands = {b.variable: b for b in week_bands(employee.contract.weekly_hours, settings)}
    return [hour_item(employee.code, s.variable, s.payer, s.minutes, employee.hourly_cost * bands[s.variable].rate,
                      day=s.day, request=s.request, note=note)
            for s in attribute(segments, list(bands.values()), settings.attribution)]


def shift_premiums(x: WorkedLine, employee: Employee, settings: PayrollSettings, night: tuple[time, time],
                   holidays: Mapping[date, str]) -> list[PayItem]:
    """Night, Sunday and public-holiday hours of one shift, and its meal allowance."""
    if x.start is None or x.end is None or not x.minutes:
        return []
    start, end = x.start, x.end
    cost, items = employee.hourly_cost, []
    night_minutes = window_minutes(start, end, *night)
    holiday_minutes = day_minutes(start, end, lambda d: d in holidays)
    sunday_minutes = day_minutes(start, end, lambda d: d.weekday() == 6 and d not in holidays)
    for variable, minutes, rate in (("night", night_minutes, settings.night_rate),
                                    ("sunday", sunday_minutes, settings.sunday_rate),
                                    ("holiday", holiday_minutes, settings.holiday_rate)):
        if minutes and rate:
            note = ", ".join(holidays[d] for d in sorted(holidays) if start.date() <= d <= end.date()) \
                if variable == "holiday" else ""
            items.append(hour_item(employee.code, variable, x.member, minutes, cost * rate, note=note,
                                   day=x.day, request=x.request))
    if settings.meal_allowance and crosses_meal_time(start, end, settings.meal_times):
        items.append(PayItem(employee=employee.code, variable="meal", payer=x.member, quantity=Decimal(1), unit="meal",
                             rate=settings.meal_allowance, amount=settings.meal_allowance, day=x.day,
                             request=x.request))
    return items


def _mileage(x: WorkedLine, before: WorkedLine | None, departing: str | None, employee: Employee,
             settings: PayrollSettings, travel_policy: str, distance: Distance | None) -> list[PayItem]:
    """The mileage allowance of the drive from the shift before (same day) to this one, borne like the travel."""
    rate = settings.mileage_rate(employee.code)
    if not x.travel_minutes or before is None or distance is None or rate is None:
        return []
    km = Decimal(distance((before.member, before.site), (x.member, x.site))).quantize(Decimal("0.1"), ROUND_HALF_UP)
    payers = travel_lines(x, departing, travel_policy)
    if not km or not payers:
        return []
    return [PayItem(employee=employee.code, variable="mileage", payer=payers[-1][0], day=x.day, request=x.request,
                    quantity=km, unit="km", rate=rate, amount=(km * rate).quantize(CENT, ROUND_HALF_UP),
                    note=f"{before.member}/{before.site} -> {x.member}/{x.site}")]


def month_premiums(month: str, lines: Iterable[WorkedLine], employees: Mapping[str, Employee],
                   settings: PayrollSettings, *, night: tuple[time, time], travel_policy: str = "arriving",
                   distance: Distance | None = None) -> list[PayItem]:
    """Every premium and allowance of the month with its payer (give the lines of the month's ISO weeks too).

    `night` is the night window (the settings' own, else the group's); `distance` gives the road km
    between two sites for the mileage allowance (none without it).
    """
    lines = [x for x in lines if x.employee in employees]
    departing = departing_members(lines)
    years = {x.day.year for x in lines} | {x.day.year + 1 for x in lines}
    holidays = {d: n for y in years for d, n in public_holidays(y, settings.alsace_moselle).items()}
    by_week: dict[tuple[str, str], list[WorkedLine]] = defaultdict(list)
    for x in lines:
        by_week[(x.employee, str(week_of(x.day)))].append(x)
    items: list[PayItem] = []
    for (code, _week), week_lines in sorted(by_week.items()):
        if month_of(week_of(week_lines[0].day).monday + timedelta(days=3)) == month:
            items += week_premiums(week_lines, employees[code], settings, departing, travel_policy)
    previous: dict[tuple[str, date], WorkedLine] = {}
    for x in sorted(lines, key=lambda x: (x.employee, _start(x))):
        if x.month == month:
            employee = employees[x.employee]
            items += shift_premiums(x, employee, settings, night, holidays)
            items += _mileage(x, previous.get((x.employee, x.day)), departing.get(x.key()), employee, settings,
                              travel_policy, distance)
        if x.minutes:
            previous[(x.employee, x.day)] = x
    return items


