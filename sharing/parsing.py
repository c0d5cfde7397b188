"""Reading the short texts people type (`TIG:2`, `HAB-ELEC:BR:2025-01-15`, `mon,wed`, `acier`) into domain values.

Each parser raises `InvalidInput` with one line naming the subject and the field, so that a command line or a
form shows it as it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pydantic import ValidationError

from consortium.errors import InvalidInput
from consortium.members import WEEKDAYS

from .base import describe_validation_error
from .employees import Certification
from .requests import RecurringRequest, Request
from .skills import parse_cert_requirements

__all__ = ["human_code", "split_list", "parse_skill_levels", "parse_certifications", "parse_weekdays",
           "build", "requests_for"]


def human_code(text: str) -> str:
    """A member, employee or request code as stored: `acier` -> `ACIER`."""
    return text.upper()


def split_list(text: str | None) -> list[str]:
    """`ACIER, FORGE;TOLERIE` -> `['ACIER', 'FORGE', 'TOLERIE']` (empty items dropped)."""
    return [v.strip() for v in (text or "").replace(";", ",").split(",") if v.strip()]


def build(model, subject: str, **fields):
    """A domain object built from typed fields; a ValidationError becomes one line naming the subject."""
    try:
        return model(**fields)
    except ValidationError as exc:
        raise InvalidInput("; ".join(describe_validation_error(exc, subject))) from None


def parse_skill_levels(items: Iterable[str], subject: str) -> dict[str, int]:
    """`['TIG:2', 'MIG:1']` -> `{'TIG': 2, 'MIG': 1}`."""
    levels = {}
    for item in items:
        name, sep, level = item.partition(":")
        if not sep or not level.strip().isdigit():
            raise InvalidInput(f"{subject}: field skills: {item!r} is not like TIG:2")
        levels[name] = int(level)
    return levels


def parse_certifications(items: Iterable[str], subject: str) -> list[Certification]:
    """`['HAB-ELEC:BR:2025-01-15:2028-01-14', 'SST:1:2026-01-01']` -> certifications (`TYPE:LEVEL:FROM[:TO]`)."""
    certifications = []
    for item in items:
        parts = item.split(":")
        if len(parts) not in (3, 4):
            raise InvalidInput(f"{subject}: field certifications: {item!r} "
                               "is not like HAB-ELEC:BR:2025-01-15:2028-01-14")
        certifications.append(build(Certification, subject, type=parts[0], level=parts[1], valid_from=parts[2],
                                    valid_to=(parts[3] or None) if len(parts) == 4 else None))
    return certifications


def parse_weekdays(text: str | None, subject: str = "weekdays") -> list[int]:
    """`mon-fri`, `mon,wed`, `tue-thu,sat` -> weekday numbers (0 = Monday) in the order given; none means mon-fri."""
    days: list[int] = []
    for raw in (text or "mon-fri").lower().split(","):
        part = raw.strip()
        first, dash, last = part.partition("-")
        if dash and (first.strip() not in WEEKDAYS or last.strip() not in WEEKDAYS):
            raise InvalidInput(f"{subject}: days {part!r} are not like mon-fri")
        if not dash and part not in WEEKDAYS:
            raise InvalidInput(f"{subject}: day {part!r} is not one of {', '.join(WEEKDAYS)}")
        lo, hi = WEEKDAYS.index(first.strip()), WEEKDAYS.index((last if dash else first).strip())
        days.extend(d for d in range(lo, hi + 1) if d not in days)
    return days


def requests_for(subject: str, day: date, until: date | None, weekdays: str | None, certifications: str,
                 **fields) -> list[Request]:
    """The requests of one filing: one on `day`, or with `until` a recurring series expanded on `weekdays`
    (`certifications` as `HAB-ELEC:BR;CACES-R489:3`)."""
    try:
        needed = parse_cert_requirements(certifications)
    except ValueError as exc:
        raise InvalidInput(f"{subject}: {exc}") from None
    days = parse_weekdays(weekdays, subject)
    if until is None:
        return [build(Request, subject, day=day, certifications=needed, **fields)]
    series = build(RecurringRequest, subject, weekdays=days, first_day=day, last_day=until, certifications=needed,
                   **fields)
    return series.expand()
