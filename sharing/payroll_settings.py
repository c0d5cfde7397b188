"""The group's payroll settings: premium rates, night window, allowances, payroll variable codes.

Defaults follow the Code du travail where it sets a figure (overtime +25 % then +50 %, complementary
hours +10 % then +25 %) and common collective agreements elsewhere (night, Sunday, holiday rates); the
meal allowance and the employees' cars are the GE's to give (none by default). A GE sets its own in a
settings file. Every rate is a fraction of the employee's hourly cost (0.25 = +25 %).
"""

from __future__ import annotations

from datetime import time
from decimal import Decimal
from typing import Literal

from pydantic import Field, field_validator

from .base import Domain

__all__ = ["VARIABLES", "MILEAGE_RATES", "PayrollSettings"]

# Payroll variables (stable ids) and the codes a payroll software imports by default.
VARIABLES = {
    "worked": "HNORM", "travel": "HTRAJ", "idle": "HINACT", "adjustment": "HREGUL",
    "overtime_tier1": "HS25", "overtime_tier2": "HS50",
    "complementary_tier1": "HC10", "complementary_tier2": "HC25",
    "night": "HNUIT", "sunday": "HDIM", "holiday": "HFERIE",
    "meal": "PANIER", "mileage": "IKM",
    "absence_leave": "ABSCP", "absence_sickness": "ABSMAL", "absence_training": "ABSFORM",
    "absence_other": "ABSAUT", "absence_unplanned": "ABSINJ",
}

# Official per-km scale (barème kilométrique, cars, up to 5,000 km a year) by fiscal horsepower; 7 = 7 CV and more.
MILEAGE_RATES = {3: Decimal("0.529"), 4: Decimal("0.606"), 5: Decimal("0.636"), 6: Decimal("0.665"),
                 7: Decimal("0.697")}


class PayrollSettings(Domain):
    """How the GE turns hours worked into payroll variables and premiums (see docs/payroll.md)."""

    weekly_threshold_hours: Decimal = Field(Decimal("35"), gt=0, le=48)
    overtime_tier1_hours: Decimal = Field(Decimal("8"), ge=0, le=13)
    overtime_tier1_rate: Decimal = Field(Decimal("0.25"), ge=0, le=5)
    overtime_tier2_rate: Decimal = Field(Decimal("0.50"), ge=0, le=5)
    complementary_tier1_ratio: Decimal = Field(Decimal("0.10"), ge=0, le=1)
    complementary_tier1_rate: Decimal = Field(Decimal("0.10"), ge=0, le=5)
    complementary_tier2_rate: Decimal = Field(Decimal("0.25"), ge=0, le=5)
    night_start: time | None = Field(None, description="None: the group's labour rules' night window")
    night_end: time | None = None
    night_rate: Decimal = Field(Decimal("0.20"), ge=0, le=5)
    sunday_rate: Decimal = Field(Decimal("0.50"), ge=0, le=5)
    holiday_rate: Decimal = Field(Decimal("1.00"), ge=0, le=5)
    alsace_moselle: bool = False
    meal_times: list[time] = Field(default_factory=lambda: [time(12, 0), time(19, 0)])
    meal_allowance: Decimal = Field(Decimal("0"), ge=0, le=100, description="0: none (set by the agreement)")
    mileage_rates: dict[int, Decimal] = Field(default_factory=lambda: dict(MILEAGE_RATES))
    default_horsepower: int | None = Field(None, ge=1, le=50, description="None: only the employees listed")
    horsepower: dict[str, int] = Field(default_factory=dict, description="employee code -> fiscal horsepower")
    attribution: Literal["chronological", "pro_rata"] = "chronological"
    codes: dict[str, str] = Field(default_factory=dict, description="variable -> payroll software code")

    @field_validator("night_start", "night_end", "meal_times", mode="before")
    @classmethod
    def _times(cls, value):
        # YAML reads an unquoted 21:00 as the number 1260 (base 60): refuse it rather than read 00:21
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, (int, float)) and not isinstance(item, bool):
                raise ValueError(f"time {item!r} is not like '21:00' (write times in quotes)")
        return value

    @field_validator("codes")
    @classmethod
    def _codes(cls, value: dict[str, str]) -> dict[str, str]:
        for variable, code in value.items():
            if variable not in VARIABLES:
                raise ValueError(f"unknown variable code {variable!r}: use one of {', '.join(VARIABLES)}")
            if not str(code).strip():
                raise ValueError(f"variable {variable!r} has an empty payroll code")
        return value

    @field_validator("mileage_rates")
    @classmethod
    def _mileage(cls, value: dict[int, Decimal]) -> dict[int, Decimal]:
        for horsepower, rate in value.items():
            if horsepower < 1 or rate < 0:
                raise ValueError(f"mileage rate {rate} for {horsepower} CV: horsepower and rate must be positive")
        return value

    @field_validator("horsepower")
    @classmethod
    def _horsepower(cls, value: dict[str, int]) -> dict[str, int]:
        for employee, horsepower in value.items():
            if horsepower < 1:
                raise ValueError(f"employee {employee}: fiscal horsepower {horsepower} is not positive")
        return value

    def code(self, variable: str) -> str:
        """The payroll software's code for a variable (the settings' own, else the default)."""
        return self.codes.get(variable, VARIABLES[variable])

    def rate(self, variable: str) -> Decimal | None:
        """The premium rate of an hour variable (0.25 for +25 %); None for hours at plain cost and allowances."""
        name = {"overtime_tier1": "overtime_tier1_rate", "overtime_tier2": "overtime_tier2_rate",
                "complementary_tier1": "complementary_tier1_rate", "complementary_tier2": "complementary_tier2_rate",
                "night": "night_rate", "sunday": "sunday_rate", "holiday": "holiday_rate"}.get(variable)
        return None if name is None else getattr(self, name)

    def mileage_rate(self, employee: str) -> Decimal | None:
        """Euros per km for the employee's car (None: no allowance); above the scale, its top row."""
        horsepower = self.horsepower.get(employee, self.default_horsepower)
        if horsepower is None or not self.mileage_rates:
            return None
        known = [h for h in sorted(self.mileage_rates) if h <= horsepower]
        return self.mileage_rates[known[-1] if known else min(self.mileage_rates)]
