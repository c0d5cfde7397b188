"""The premiums and allowances of a month with the members who pay them, and the group's payroll settings.

The payroll settings are stored with the group's settings (`GroupSettings.payroll`); every consumer (bill,
ledger, statements, payroll export, Odoo invoices, the allocation's pricing) reads the stored ones.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import yaml
from pydantic import ValidationError

from consortium.errors import InvalidInput
from consortium.tender_file import read_text_file
from consortium.weeks import month_bounds
from integrations.services.hours_compliance import weeks_between, worked_between
from integrations.store import Repository
from sharing.base import describe_validation_error
from sharing.geo import distance_km
from sharing.hours import month_of
from sharing.payroll import PayItem, PayrollSettings, month_premiums

__all__ = ["load_settings", "premiums_of", "store_settings"]


def load_settings(path: str | Path | None) -> PayrollSettings:
    """The payroll settings in a YAML or JSON file (defaults when None); one line naming the file and field."""
    if path is None:
        return PayrollSettings()
    path = Path(path)
    try:
        data = yaml.safe_load(read_text_file(path)) or {}
    except yaml.YAMLError as exc:
        raise InvalidInput(f"{path}: not YAML or JSON ({str(exc).splitlines()[0]})") from None
    if not isinstance(data, dict):
        raise InvalidInput(f"{path}: expected 'setting: value' lines")
    try:
        return PayrollSettings(**data)
    except ValidationError as exc:
        raise InvalidInput("; ".join(describe_validation_error(exc, f"{path}"))) from None


def store_settings(repo: Repository, path: str | Path) -> PayrollSettings:
    """Read the payroll settings file and store it as the group's payroll settings (replacing the old ones)."""
    settings = load_settings(path)
    group = repo.people.get_settings()
    repo.people.save_settings(group.model_copy(update={"payroll": settings}))
    return settings


def premiums_of(repo: Repository, month: str, settings: PayrollSettings | None = None) -> list[PayItem]:
    """The month's premiums and allowances with their payers, from the validated hours of its ISO weeks
    (with `settings`, else the group's stored payroll settings)."""
    group = repo.people.get_settings()
    settings = settings or group.payroll
    first, nxt = month_bounds(month)
    month = f"{first:%Y-%m}"
    weeks = [w for w in weeks_between(first - timedelta(days=3), nxt + timedelta(days=3))
             if month_of(w.monday + timedelta(days=3)) == month]
    lo, hi = min(first, weeks[0].monday), max(nxt, weeks[-1].monday + timedelta(days=7))
    lines = worked_between(repo, lo, hi, include_adjustments=False)
    night = (settings.night_start or group.labour.night_start, settings.night_end or group.labour.night_end)
    sites = {(m.code, s.code): s for m in repo.people.list_members() for s in m.sites}

    def road_km(a, b) -> Decimal:
        if a not in sites or b not in sites:
            return Decimal(0)
        km = distance_km(sites[a].latitude, sites[a].longitude, sites[b].latitude, sites[b].longitude)
        return Decimal(str(round(km * group.travel.road_factor, 3)))

    return month_premiums(month, lines, {e.code: e for e in repo.people.list_employees()}, settings, night=night,
                          travel_policy=group.billing.travel_policy, distance=road_km)
