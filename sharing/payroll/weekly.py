"""Weekly pay bands: which hours of an employee's ISO week are overtime or complementary hours.

Hours count from the first minute of the week; a band is a range of those minutes with its variable.
Full time: from the weekly threshold (35 h), overtime tier 1 (+25 %) for 8 h (the 36th to the 43rd
hour), tier 2 (+50 %) beyond (Code du travail, L3121-27, L3121-36). Part time: above the contract,
complementary hours at +10 % within a tenth of the contract, +25 % beyond (L3123-8, L3123-21, L3123-29).
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from ..payroll_settings import PayrollSettings

__all__ = ["Band", "week_bands", "band_minutes"]


class Band(NamedTuple):
    """Minutes [start, end) of a week (end None: no end) paid as `variable` at `rate` of the hourly cost."""

    variable: str
    start: int
    end: int | None
    rate: Decimal


def _minutes(value: Decimal | float) -> int:
    return int((Decimal(str(value)) * 60).to_integral_value())


def week_bands(contract_weekly_hours: float, settings: PayrollSettings) -> list[Band]:
    """The premium bands of a week for a contract of that many hours."""
    threshold = _minutes(settings.weekly_threshold_hours)
    tier1_end = threshold + _minutes(settings.overtime_tier1_hours)
    overtime = [Band("overtime_tier1", threshold, tier1_end, settings.overtime_tier1_rate),
                Band("overtime_tier2", tier1_end, None, settings.overtime_tier2_rate)]
    contract = _minutes(contract_weekly_hours)
    if contract >= threshold:
        return overtime
    within = _minutes(Decimal(str(contract_weekly_hours)) * settings.complementary_tier1_ratio)
    tenth = min(contract + within, threshold)
    return [Band("complementary_tier1", contract, tenth, settings.complementary_tier1_rate),
            Band("complementary_tier2", tenth, threshold, settings.complementary_tier2_rate)] + overtime


def band_minutes(band: Band, start: int, end: int) -> int:
    """Minutes of [start, end) inside the band."""
    top = end if band.end is None else min(end, band.end)
    return max(0, top - max(start, band.start))
