"""French public holidays (jours fériés), computed for any year.

Easter Sunday comes from the Gregorian computus (the anonymous algorithm of Meeus/Jones/Butcher); the
movable feasts follow it. Alsace-Moselle adds Good Friday and 26 December (Code du travail, L3134-13).
"""

from __future__ import annotations

from datetime import date, timedelta

__all__ = ["easter", "public_holidays"]


def easter(year: int) -> date:
    """Easter Sunday of a Gregorian year (computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def public_holidays(year: int, alsace_moselle: bool = False) -> dict[date, str]:
    """The public holidays of a year (Code du travail, L3133-1), date -> French name, in date order."""
    sunday = easter(year)
    days = {
        date(year, 1, 1): "Jour de l'an",
        sunday + timedelta(days=1): "Lundi de Pâques",
        date(year, 5, 1): "Fête du travail",
        date(year, 5, 8): "Victoire 1945",
        sunday + timedelta(days=39): "Ascension",
        sunday + timedelta(days=50): "Lundi de Pentecôte",
        date(year, 7, 14): "Fête nationale",
        date(year, 8, 15): "Assomption",
        date(year, 11, 1): "Toussaint",
        date(year, 11, 11): "Armistice 1918",
        date(year, 12, 25): "Noël",
    }
    if alsace_moselle:
        days[sunday - timedelta(days=2)] = "Vendredi saint"
        days[date(year, 12, 26)] = "Saint Étienne"
    return dict(sorted(days.items()))
