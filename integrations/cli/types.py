"""Click parameter types that check a value's form and range before a command runs.

A bad value stops the command before it opens the database or writes anything (but the missing folders of
an `--out` path), with one line naming the option and the value, exit code 2. The ranges show in `--help`
(click prints `[x>=1]`, `[0<x<=86400]`...). Weeks, months and days pass on in their canonical text or
datetime, so a command body reads them as it read the raw text.

>>> @click.option("--time-limit", type=SECONDS, default=30, show_default=True)
>>> @click.option("--month", type=Month(), required=True)
"""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import click

__all__ = [
    "FiniteFloat", "Amount", "Month", "Week", "Day", "OutPath", "MIN_YEAR", "MAX_YEAR", "YEAR", "SECONDS",
    "WORKERS", "SEED", "LEVEL", "HEADCOUNT", "TRAVEL_MINUTES", "LATITUDE", "LONGITUDE", "HOURS_PER_WEEK",
    "HOURS_PER_DAY", "HOURS_PER_WEEK_UNIT", "MONEY", "Number", "MARGIN", "SOLVE_SECONDS", "COMMITTED_HOURS",
]

# Dates outside these years are typing mistakes; inside them every calendar step (next month, next week,
# a year's ISO weeks) stays a valid date, unlike year 9999 + 1 month.
MIN_YEAR = 1900
MAX_YEAR = 2999


class FiniteFloat(click.FloatRange):
    """A float in a range that is never NaN or infinite (click's FloatRange lets `nan` through)."""

    name = "number"

    def convert(self, value, param, ctx):
        if isinstance(value, str):
            value = value.strip().replace(",", ".") if value.count(",") == 1 and "." not in value else value.strip()
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number", param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        return super().convert(number, param, ctx)


class Amount(click.ParamType):
    """A Decimal amount (euros, a coefficient) in [low, high], at most `places` decimals; `24,50` reads as 24.50."""

    name = "amount"

    def __init__(self, low: Decimal | str, high: Decimal | str, places: int = 4, low_open: bool = False):
        self.low, self.high, self.places, self.low_open = Decimal(low), Decimal(high), places, low_open

    def convert(self, value, param, ctx):
        if isinstance(value, Decimal):
            amount = value
        else:
            text = str(value).strip().replace(" ", "").replace("\u202f", "").replace("€", "")
            if text.count(",") == 1 and "." not in text:
                text = text.replace(",", ".")
            try:
                amount = Decimal(text)
            except InvalidOperation:
                self.fail(f"{value!r} is not an amount like 24.50", param, ctx)
        if not amount.is_finite():
            self.fail(f"{value!r} is not a finite amount", param, ctx)
        if amount < self.low or (self.low_open and amount == self.low) or amount > self.high:
            self.fail(f"{value} is not in the range {self._range()}", param, ctx)
        if -amount.as_tuple().exponent > self.places:
            self.fail(f"{value} has more than {self.places} decimals", param, ctx)
        return amount

    def _range(self) -> str:
        return f"{self.low}{'<' if self.low_open else '<='}x<={self.high}"

    def get_metavar(self, param, ctx=None):
        return "AMOUNT"

    def get_help_extra(self, ctx):  # shown in --help like click's own ranges
        return {"range": self._range()}


class Month(click.ParamType):
    """A month `YYYY-MM` (years MIN_YEAR..MAX_YEAR), passed on as that text."""

    name = "month"
    _FORM = re.compile(r"^(\d{4})-(\d{1,2})$")

    def convert(self, value, param, ctx):
        match = self._FORM.match(str(value).strip())
        if not match or not 1 <= int(match.group(2)) <= 12:
            self.fail(f"{value!r} is not a month like 2026-11", param, ctx)
        _year(int(match.group(1)), value, self, param, ctx)
        return f"{int(match.group(1)):04d}-{int(match.group(2)):02d}"

    def get_metavar(self, param, ctx=None):
        return "YYYY-MM"


class Week(click.ParamType):
    """An ISO week `YYYY-Www` that exists (years MIN_YEAR..MAX_YEAR), passed on as that text.

    `2026w49` and `2026W49` are read too and passed on as `2026-W49`.
    """

    name = "week"
    _FORM = re.compile(r"^(\d{4})-?[Ww](\d{1,2})$")

    def convert(self, value, param, ctx):
        match = self._FORM.match(str(value).strip())
        if not match:
            self.fail(f"{value!r} is not an ISO week like 2026-W49", param, ctx)
        year, week = int(match.group(1)), int(match.group(2))
        _year(year, value, self, param, ctx)
        try:
            date.fromisocalendar(year, week, 1)
        except ValueError:
            self.fail(f"week {year}-W{week:02d} does not exist ({year} has "
                      f"{date(year, 12, 28).isocalendar()[1]} ISO weeks)", param, ctx)
        return f"{year:04d}-W{week:02d}"

    def get_metavar(self, param, ctx=None):
        return "YYYY-Www"


class Day(click.DateTime):
    """A day `YYYY-MM-DD` (years MIN_YEAR..MAX_YEAR), as click.DateTime gives it (a datetime at midnight)."""

    name = "day"

    def __init__(self):
        super().__init__(["%Y-%m-%d"])

    def convert(self, value, param, ctx):
        day = super().convert(value, param, ctx)
        _year(day.year, value, self, param, ctx)
        return day

    def get_metavar(self, param, ctx=None):
        return "YYYY-MM-DD"


def _year(year: int, value, kind: click.ParamType, param, ctx) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        kind.fail(f"{value!r}: the year is not between {MIN_YEAR} and {MAX_YEAR}", param, ctx)


class OutPath(click.Path):
    """A file (`folder=False`), a folder (`True`) or either (`None`) to write.

    Refused when a file stands where a folder must be (or the reverse).

    Missing parent folders are created: a user who types `--out reports/2026/plan.html` means them.
    """

    def __init__(self, folder: bool | None = False):
        super().__init__(path_type=Path)  # the kind is checked below, with a clearer message than click's
        self.folder = folder

    def convert(self, value, param, ctx):
        path = Path(super().convert(value, param, ctx)).expanduser()
        if self.folder is not None and path.exists() and path.is_dir() != self.folder:
            self.fail(f"{path} is {'a file, not a folder' if self.folder else 'a folder, not a file'}", param, ctx)
        missing = []
        for parent in path.parents:
            if parent.exists():
                if not parent.is_dir():
                    self.fail(f"{path}: {parent} is a file, not a folder", param, ctx)
                break
            missing.append(parent)
        if missing and not (ctx is not None and ctx.resilient_parsing):
            try:
                missing[0].mkdir(parents=True, exist_ok=True)
            except OSError as error:
                self.fail(f"{path}: cannot create the folder {missing[0]} ({error.strerror or error})", param, ctx)
        return path


SECONDS = FiniteFloat(min=0, max=86400, min_open=True)
WORKERS = click.IntRange(1, 256)
SEED = click.IntRange(0, 2**31 - 1)
YEAR = click.IntRange(MIN_YEAR, MAX_YEAR)
LEVEL = click.IntRange(1, 10)
HEADCOUNT = click.IntRange(1, 100)
TRAVEL_MINUTES = click.IntRange(0, 600)  # travel before a shift, as the domain allows
LATITUDE = FiniteFloat(min=-90, max=90)
LONGITUDE = FiniteFloat(min=-180, max=180)
HOURS_PER_WEEK = FiniteFloat(min=0, max=48, min_open=True)
HOURS_PER_DAY = FiniteFloat(min=0, max=24)
MONEY = Amount("0", "9999.9999", places=4, low_open=True)  # an hourly cost; the store keeps 4 decimals


class Number(click.ParamType):
    """A finite decimal number in [low, high] (`open_high`: below high); a decimal comma is read too;
    `percent` also reads `12%` as 0.12."""

    name = "number"

    def __init__(self, low: float, high: float, open_high: bool = False, percent: bool = False,
                 low_open: bool = False):
        self.low, self.high, self.open_high, self.percent, self.low_open = low, high, open_high, percent, low_open

    def convert(self, value, param, ctx):
        if isinstance(value, (Decimal, float, int)):
            return Decimal(str(value))
        text = str(value).strip().replace(",", ".")
        ratio = self.percent and text.endswith("%")
        try:
            number = Decimal(text.removesuffix("%").strip()) / (100 if ratio else 1)
        except ArithmeticError:
            number = None
        if number is None or not number.is_finite():
            self.fail(f"{value!r} is not a number{' (e.g. 0.12 or 12%)' if self.percent else ''}", param, ctx)
        below = number <= self.low if self.low_open else number < self.low
        above = number >= self.high if self.open_high else number > self.high
        if below or above:
            lo, hi = "(" if self.low_open else "[", ")" if self.open_high else "]"
            self.fail(f"{value} is not in the range {lo}{self.low:g}, {self.high:g}{hi}", param, ctx)
        return number


MARGIN = Number(0, 1, open_high=True, percent=True)
HOURS_PER_WEEK_UNIT = Number(0, 168)  # a machine's or team's hours in one week, decimal comma read
COMMITTED_HOURS = Number(0, 10000)  # hours already sold, for the whole resource
SOLVE_SECONDS = Number(0, 3600, low_open=True)
