"""The premiums a plan makes the GE pay as employer, priced in the weekly allocation's objective.

Overtime and complementary hours become the engine's weekly `overtime_steps` (rule `weekly_overtime`);
night, Sunday and public-holiday hours a cost per assignment (`premium_hours`). Both follow the payroll
rules (`sharing.payroll`) at the group's payroll settings (`group.settings.payroll`), as the bill does, and cost
`weights.overtime` / `weights.premium_hours` per euro of premium (hourly cost x rate x hours).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

from solver.roster import Cost

from ..employees import Employee
from ..group import Group
from ..payroll import PayrollSettings, day_minutes, public_holidays, week_bands, window_minutes
from ..requests import Request
from consortium.weeks import IsoWeek
from .weights import AllocationWeights

__all__ = ["Pricing"]


@dataclass(frozen=True)
class Pricing:
    """Prices the week's premiums for one allocation (see the module docstring)."""

    weights: AllocationWeights
    night: tuple[time, time]
    holidays: frozenset[date]
    settings: PayrollSettings

    @classmethod
    def of(cls, group: Group, week: IsoWeek, weights: AllocationWeights) -> Pricing:
        """The pricing of `week` for `group`: the payroll's night window, else the labour rules'."""
        settings, labour = group.settings.payroll, group.settings.labour
        night = (settings.night_start or labour.night_start, settings.night_end or labour.night_end)
        years = {week.monday.year, week.monday.year + 1}
        holidays = frozenset(d for y in years for d in public_holidays(y, settings.alsace_moselle))
        return cls(weights, night, holidays, settings)

    def overtime_steps(self, e: Employee) -> tuple[tuple[int, int], ...]:
        """The week's premium bands of the employee as (minute of the week, extra weight per hour past it).

        Each band is priced at the highest rate so far, so that the engine's price never falls (the
        law's rates only rise: +10 %, +25 % for complementary hours, then +25 %, +50 % for overtime).
        """
        if not self.weights.overtime:
            return ()
        steps: list[tuple[int, int]] = []
        priced, rate = 0, Decimal(0)
        for band in week_bands(e.contract.weekly_hours, self.settings):
            if band.end is not None and band.end <= band.start:
                continue
            rate = max(rate, band.rate)
            price = round(self.weights.overtime * e.hourly_cost * rate)
            if price > priced:
                steps.append((band.start, price - priced))
                priced = price
        return tuple(steps)

    def premium_costs(self, e: Employee, r: Request) -> list[Cost]:
        """The night, Sunday and public-holiday premiums the employee would earn on the request, priced."""
        if not self.weights.premium_hours:
            return []
        s, start, end = self.settings, *r.interval()
        sunday = day_minutes(start, end, lambda d: d.weekday() == 6 and d not in self.holidays)
        holiday = day_minutes(start, end, lambda d: d in self.holidays)
        minutes = window_minutes(start, end, *self.night) * s.night_rate + sunday * s.sunday_rate \
            + holiday * s.holiday_rate
        amount = round(self.weights.premium_hours * e.hourly_cost * minutes / 60)
        return [Cost(e.code, r.code, amount, "premium_hours", f"{e.code}:{r.code}")] if amount else []
