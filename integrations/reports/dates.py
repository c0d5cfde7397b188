"""Dates as the documents write them: a day without its year, a month by name, French ordinals."""

from __future__ import annotations

import re
from datetime import date

from babel.dates import format_date

from .language import Language

__all__ = ["day_month", "month_name"]


def day_month(value: date, lang: Language, pattern: str = "EEEE d MMMM") -> str:
    """``mardi 1er décembre``, ``lundi 30 novembre`` (``Tuesday 1 December`` in English)."""
    text = format_date(value, pattern, locale=lang.locale)
    if lang.code == "fr" and value.day == 1:  # French writes the first of the month as an ordinal
        text = re.sub(r"(?<!\d)1 ", "1er ", text, count=1)
    return text


def month_name(month: str, lang: Language) -> str:
    """``novembre 2026`` (``November 2026`` in English) for ``2026-11``."""
    year, number = (int(x) for x in month.split("-"))
    return format_date(date(year, number, 1), "LLLL y", locale=lang.locale)
