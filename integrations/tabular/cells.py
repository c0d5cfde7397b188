"""How one spreadsheet cell is read from text and written back: numbers, booleans, dates, lists.

Every cell arrives as a stripped string (never empty: empty cells mean the field's default) and a parser
returns the value handed to the domain model, or raises `ValueError` with a message about that cell.
Formatters are the exact inverse, so that writing, reading and writing again gives the same bytes.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from collections.abc import Callable

from pydantic import ValidationError

from consortium.members import WEEKDAYS, TimeRange, parse_opening_hours

__all__ = ["Cell", "CELLS", "format_float", "format_hours"]


@dataclass(frozen=True)
class Cell:
    """A cell format: its parser, its formatter, whether XLSX stores it as a number, and how it reads."""

    name: str
    parse: Callable[[str], Any]
    format: Callable[[Any], str]
    numeric: bool = False
    shape: str = ""


_TRUE = {"true", "yes", "oui", "vrai", "1", "y", "o"}
_FALSE = {"false", "no", "non", "faux", "0", "n"}
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?\d*,\d+")
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})(?:[T ]00:00(?::00)?)?")
_DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?")
_SLASH_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")


def _number_text(text: str) -> str:
    # A decimal comma (`25,50`) is how French spreadsheets write numbers; there are no thousands separators.
    if _DECIMAL_COMMA.fullmatch(text):
        text = text.replace(",", ".")
    if not _NUMBER.fullmatch(text):
        raise ValueError(f"{text!r} is not a number")
    return text


def _int(text: str) -> int:
    number = _number_text(text)
    value = float(number)
    if not value.is_integer():
        raise ValueError(f"{text!r} is not a whole number")
    return int(value)


def _float(text: str) -> float:
    value = float(_number_text(text))
    if not math.isfinite(value):
        raise ValueError(f"{text!r} is too large")
    return value


def format_float(value: float) -> str:
    """Shortest text that reads back as the same float, without a spurious `.0`."""
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = repr(value)
    if "e" in text:
        text = format(Decimal(text), "f")
    return text


def _money(text: str) -> Decimal:
    return Decimal(_number_text(text))


def _format_money(value: Decimal) -> str:
    return format(Decimal(value), "f")


def _bool(text: str) -> bool:
    lowered = text.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ValueError(f"{text!r} is not true or false (also yes/no, oui/non, 1/0)")


def _day(text: str) -> date:
    """ISO `2025-02-03`, or a slash date read day first as French files write it: `03/02/2025` is 3 February."""
    slash = _SLASH_DATE.fullmatch(text)
    if slash:
        day, month, year = (int(g) for g in slash.groups())
        return date(year, month, day)
    return date.fromisoformat(text)


def _date(text: str) -> date:
    match = _DATE.fullmatch(text)
    try:
        if match:
            return _day(match.group(1))
    except ValueError:
        pass
    raise ValueError(f"{text!r} is not a date like 2026-12-01 (or 01/12/2026, day first)")


def _format_date(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def _datetime(text: str) -> datetime:
    match = _DATETIME.fullmatch(text)
    try:
        if match:
            day, hour, minute, second = match.groups()
            return datetime.combine(_day(day), time(int(hour), int(minute), int(second or 0)))
    except ValueError:
        pass
    raise ValueError(f"{text!r} is not a local date and time like 2026-12-01T08:00")


def _format_datetime(value: datetime) -> str:
    return value.isoformat(timespec="seconds" if value.second else "minutes")


def _time(text: str) -> time:
    match = _TIME.fullmatch(text)
    try:
        if match:
            hour, minute, second = match.groups()
            return time(int(hour), int(minute), int(second or 0))
    except ValueError:
        pass
    raise ValueError(f"{text!r} is not a time like 08:00")


def _format_time(value: time) -> str:
    return value.isoformat(timespec="seconds" if value.second else "minutes")


def _items(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;,]", text) if part.strip()]


def _codes(text: str) -> list[str]:
    return _items(text)


def _format_codes(values: list[str]) -> str:
    return ";".join(values)


def _skills(text: str) -> dict[str, int]:
    result: dict[str, int] = {}
    for item in _items(text):
        code, sep, level = item.partition(":")
        if not sep or not code.strip() or not level.strip():
            raise ValueError(f"skill {item!r} is not like TIG:2")
        code = code.strip().upper()
        if code in result:
            raise ValueError(f"skill {code} appears twice")
        try:
            result[code] = _int(level.strip())
        except ValueError:
            raise ValueError(f"level {level.strip()!r} of skill {code} is not a whole number") from None
    return result


def _format_skills(values: dict[str, int]) -> str:
    return ";".join(f"{code}:{level}" for code, level in values.items())


def _certifications(text: str) -> list[dict]:
    result = []
    for item in (p.strip() for p in text.split(";")):
        if not item:
            continue
        parts = [p.strip() for p in item.split(":")]
        if len(parts) == 3:
            parts.append("")
        if len(parts) != 4 or not all(parts[:3]):
            raise ValueError(f"certification {item!r} is not like HAB-ELEC:BR:2025-01-15:2028-01-14")
        cert = {"type": parts[0], "level": parts[1], "valid_from": _date(parts[2])}
        if parts[3]:
            cert["valid_to"] = _date(parts[3])
        result.append(cert)
    return result


def _format_certifications(values) -> str:
    return ";".join(f"{c.type}:{c.level}:{c.valid_from.isoformat()}:{_format_date(c.valid_to)}" for c in values)


def _requirements(text: str) -> list[dict]:
    result = []
    for item in _items(text):
        kind, sep, level = (p.strip() for p in item.partition(":"))
        if not sep or not kind or not level:
            raise ValueError(f"certification {item!r} is not like HAB-ELEC:BR")
        result.append({"type": kind, "level": level})
    return result


def _format_requirements(values) -> str:
    return ";".join(str(r) for r in values)


def _authorisations(text: str) -> list[dict]:
    result = []
    for item in (p.strip() for p in text.split(";")):
        if not item:
            continue
        where, _, valid_to = (p.strip() for p in item.partition(":"))
        parts = [p.strip() for p in where.split("/")]
        if len(parts) != 3 or not all(parts):
            raise ValueError(f"site authorisation {item!r} is not like ACIER/MAIN/FORKLIFT:2027-06-30")
        auth = dict(zip(("member", "site", "skill"), parts, strict=False))
        if valid_to:
            auth["valid_to"] = _date(valid_to)
        result.append(auth)
    return result


def _format_authorisations(values) -> str:
    return ";".join(
        f"{a.member}/{a.site}/{a.skill}" + (f":{a.valid_to.isoformat()}" if a.valid_to else "") for a in values
    )


def _hours(text: str) -> dict[str, list[TimeRange]]:
    try:
        return parse_opening_hours(text)
    except ValidationError as exc:
        raise ValueError(f"opening hours {text!r}: {exc.errors()[0]['msg'].removeprefix('Value error, ')}") from None


def _format_ranges(ranges: list[TimeRange]) -> str:
    return ",".join("24h" if r.start == r.end == time(0) else str(r) for r in ranges)


def format_hours(hours: dict[str, list[TimeRange]]) -> str:
    """Opening hours with runs of weekdays that share their ranges written once: `mon-fri 06:00-20:00`."""
    parts = []
    runs: list[tuple[list[str], str]] = []
    for day in WEEKDAYS:
        if not hours.get(day):
            continue
        ranges = _format_ranges(hours[day])
        previous = runs[-1][0][-1] if runs else None
        if runs and runs[-1][1] == ranges and WEEKDAYS.index(previous) == WEEKDAYS.index(day) - 1:
            runs[-1][0].append(day)
        else:
            runs.append(([day], ranges))
    for days, ranges in runs:
        label = days[0] if len(days) == 1 else f"{days[0]}-{days[-1]}"
        parts.append(f"{label} {ranges}")
    return "; ".join(parts)


def _text(text: str) -> str:
    return text


def _format_text(value) -> str:
    return "" if value is None else str(value)


def _format_int(value) -> str:
    return "" if value is None else str(int(value))


def _format_optional(formatter):
    return lambda value: "" if value is None else formatter(value)


CELLS = {
    "text": Cell("text", _text, _format_text, shape="text"),
    "code": Cell("code", _text, _format_text, shape="code"),
    "int": Cell("int", _int, _format_int, numeric=True, shape="whole number"),
    "float": Cell("float", _float, _format_optional(format_float), numeric=True, shape="number"),
    "money": Cell("money", _money, _format_optional(_format_money), numeric=True, shape="decimal"),
    "bool": Cell("bool", _bool, lambda v: "true" if v else "false", shape="true/false"),
    "date": Cell("date", _date, _format_date, shape="date"),
    "datetime": Cell("datetime", _datetime, _format_datetime, shape="date-time"),
    "time": Cell("time", _time, _format_time, shape="time"),
    "codes": Cell("codes", _codes, _format_codes, shape="list of codes"),
    "skills": Cell("skills", _skills, _format_skills, shape="`SKILL:LEVEL;...`"),
    "certifications": Cell(
        "certifications", _certifications, _format_certifications, shape="`TYPE:LEVEL:FROM:TO;...`"
    ),
    "requirements": Cell("requirements", _requirements, _format_requirements, shape="`TYPE:LEVEL;...`"),
    "authorisations": Cell(
        "authorisations", _authorisations, _format_authorisations, shape="`MEMBER/SITE/SKILL[:TO];...`"
    ),
    "hours": Cell("hours", _hours, format_hours, shape="opening hours"),
}
