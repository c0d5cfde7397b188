"""The standard catalogue of a metalworking GE: trade skills and certification types, from YAML."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from importlib import resources

import yaml

from .employees import Certification
from .group import Catalogue

__all__ = ["standard_catalogue", "load_catalogue", "certification", "add_months"]


def load_catalogue(text: str) -> Catalogue:
    """A catalogue from YAML text with `skills` and `certification_types` lists."""
    return Catalogue.model_validate(yaml.safe_load(text) or {})


def standard_catalogue() -> Catalogue:
    """The catalogue shipped in `sharing/data/catalogue.yaml` (welding, machining, maintenance, CACES...)."""
    text = resources.files("sharing").joinpath("data", "catalogue.yaml").read_text(encoding="utf-8")
    return load_catalogue(text)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def certification(catalogue: Catalogue, kind: str, level: str, valid_from: date) -> Certification:
    """A certification obtained on `valid_from`, expiring the day before its validity runs out.

    A type without `validity_months` never expires.
    """
    cert_type = catalogue.certification_type(kind)
    months = cert_type.validity_months if cert_type else None
    valid_to = add_months(valid_from, months) - timedelta(days=1) if months else None
    return Certification(type=kind, level=level, valid_from=valid_from, valid_to=valid_to)
