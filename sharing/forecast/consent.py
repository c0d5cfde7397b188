"""How long a candidate's consent lasts: the retention period the group's settings name.

The CNIL's recommendation for recruitment files is two years after the last contact with the person
(référentiel « recrutement », 2023): `RETENTION_MONTHS`, unless `GroupSettings.candidate_retention_months`
says otherwise. A consent given on day C is expired on day T when C is before T minus the period;
`candidate forget --expired` erases those, `candidate list` flags them and `candidate match` leaves them out.
"""

from __future__ import annotations

import calendar
from datetime import date

__all__ = ["RETENTION_MONTHS", "consent_expired", "consent_limit", "months_after", "retention_months"]

RETENTION_MONTHS = 24


def retention_months(settings) -> int:
    """The group's retention period in months: its setting, else the CNIL's two years."""
    return settings.candidate_retention_months or RETENTION_MONTHS


def _shift(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def months_after(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter): when a consent expires."""
    return _shift(day, months)


def consent_limit(today: date, months: int) -> date:
    """The first consent day still valid on `today`: consents given before it have expired."""
    return _shift(today, -months)


def consent_expired(consent: date | None, today: date, months: int) -> bool:
    """Whether a consent given on `consent` has expired on `today` (no consent recorded: expired)."""
    return consent is None or consent < consent_limit(today, months)
