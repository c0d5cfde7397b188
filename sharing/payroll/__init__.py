"""Payroll of the GE's shared staff: pay categories from hours worked, premiums and who bears them.

See docs/payroll.md for each rule and its article of the Code du travail.
"""

from .attribution import Segment, Share, attribute
from .daily import crosses_meal_time, day_minutes, window_minutes
from .export import PayrollRow, absence_items, bill_items, payroll_rows
from .holidays import easter, public_holidays
from .items import PayItem, hour_item, hours
from .month import month_premiums, shift_premiums, week_premiums
from ..payroll_settings import MILEAGE_RATES, VARIABLES, PayrollSettings
from .weekly import Band, band_minutes, week_bands

__all__ = [
    "Band", "MILEAGE_RATES", "PayItem", "PayrollRow", "PayrollSettings", "Segment", "Share", "VARIABLES",
    "absence_items", "attribute", "band_minutes", "bill_items", "payroll_rows", "crosses_meal_time", "day_minutes",
    "easter", "hour_item", "hours", "month_premiums",
    "public_holidays", "shift_premiums", "week_premiums", "week_bands", "window_minutes",
]
