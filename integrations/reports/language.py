"""Languages of the documents people read: French by default, English on request.

Numbers, money and dates are formatted by Babel (``70 682,32 €``, ``lundi 30 novembre 2026``); words go
through a gettext catalogue (``locales/<lang>/LC_MESSAGES/mutualis.po``, English message ids) read
with Babel at run time, so no compiled file needs to ship. Use :func:`language` once per document::

    lang = language("fr")
    lang.gettext("Week plan"), lang.money(Decimal("70682.32")), lang.day(date(2026, 11, 30))
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_datetime, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal, format_percent
from babel.support import NullTranslations, Translations

from consortium.errors import InvalidInput

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "Language", "language"]

DEFAULT_LANGUAGE = "fr"
LANGUAGES = ("fr", "en")
_LOCALES = {"fr": "fr_FR", "en": "en_GB"}
_CATALOGUES = Path(__file__).resolve().parent / "locales"


@functools.cache
def _translations(lang: str) -> NullTranslations:
    po = _CATALOGUES / lang / "LC_MESSAGES" / "mutualis.po"
    if not po.exists():
        return NullTranslations()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


@dataclass(frozen=True)
class Language:
    """Words and formats of one document language."""

    code: str

    @property
    def locale(self) -> Locale:
        """The Babel locale (``fr_FR`` or ``en_GB``)."""
        return Locale.parse(_LOCALES[self.code])

    def gettext(self, message: str, **values: object) -> str:
        """``message`` in this language, with ``{name}`` fields filled from ``values``."""
        text = _translations(self.code).gettext(message)
        return text.format(**values) if values else text

    def money(self, amount: Decimal | float | int, currency: str = "EUR") -> str:
        """``70 682,32 €`` in French, ``€70,682.32`` in English."""
        return format_currency(Decimal(amount), currency, locale=self.locale)

    def number(self, value: Decimal | float | int, digits: int = 2) -> str:
        """A number with exactly ``digits`` decimals: ``1 143,70``."""
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return format_decimal(Decimal(value), format=pattern, locale=self.locale)

    def hours(self, minutes: int) -> str:
        """Minutes as hours with two decimals and the unit: ``7,50 h``."""
        return f"{self.number(Decimal(minutes) / 60)} h"

    def percent(self, ratio: Decimal | float, digits: int = 1) -> str:
        """``12,0 %`` for 0.12."""
        pattern = "#,##0" + ("." + "0" * digits if digits else "") + " %"
        return format_percent(ratio, format=pattern, locale=self.locale)

    def day(self, value: date, weekday: bool = True) -> str:
        """``lundi 30 novembre 2026``, ``mardi 1er décembre 2026`` (``weekday=False``: ``30 novembre 2026``)."""
        text = format_date(value, "EEEE d MMMM y" if weekday else "d MMMM y", locale=self.locale)
        if self.code == "fr" and value.day == 1:  # French writes the first of the month as an ordinal
            text = re.sub(r"(?<!\d)1 ", "1er ", text, count=1)
        return text

    def short_day(self, value: date) -> str:
        """``lun. 30/11`` in French, ``Mon 30/11`` in English."""
        return format_date(value, "EEE dd/MM", locale=self.locale)

    def date(self, value: date) -> str:
        """``30/11/2026``."""
        return format_date(value, "dd/MM/y", locale=self.locale)

    def time(self, value: time) -> str:
        """``08:00``."""
        return format_time(value, "HH:mm", locale=self.locale)

    def moment(self, value: datetime) -> str:
        """``30/11/2026 08:00``."""
        return format_datetime(value, "dd/MM/y HH:mm", locale=self.locale)


def language(code: str | None = None) -> Language:
    """The :class:`Language` for ``code`` (``fr`` when None); InvalidInput names an unknown code."""
    code = (code or DEFAULT_LANGUAGE).lower()
    if code not in LANGUAGES:
        raise InvalidInput(f"unknown document language {code!r}: use one of {', '.join(LANGUAGES)}")
    return Language(code)
