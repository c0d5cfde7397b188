"""The group's settings: labour rules of its collective agreement, billing, travel assumptions."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from pydantic import Field, model_validator

from .base import Domain
from consortium.members import WEEKDAYS
from consortium.weeks import DEFAULT_TZ, week_of

from .payroll_settings import PayrollSettings

__all__ = ["LabourRules", "Travel", "Billing", "RequestCutoff", "GroupSettings"]


class LabourRules(Domain):
    """Limits from the French Code du travail, adjustable to the group's collective agreement."""

    max_daily_hours: float = Field(10, gt=0, le=24)
    max_weekly_hours: float = Field(48, gt=0, le=72)
    max_average_weekly_hours: float = Field(44, gt=0, le=72)
    average_weeks: int = Field(12, ge=1, le=52)
    daily_rest_hours: float = Field(11, ge=0, le=24)
    weekly_rest_hours: float = Field(35, ge=0, le=72)
    max_days_per_week: int = Field(6, ge=1, le=7)
    max_consecutive_days: int = Field(6, ge=1, le=13)
    part_time_min_weekly_hours: float = Field(24, ge=0)
    complementary_hours_ratio: float = Field(0.10, ge=0, le=1 / 3)
    part_time_max_interruptions: int = Field(1, ge=0)
    night_start: time = time(21, 0)
    night_end: time = time(6, 0)
    notice_days: int = Field(7, ge=0)

    @model_validator(mode="after")
    def _coherent(self):
        if self.max_average_weekly_hours > self.max_weekly_hours:
            raise ValueError(
                f"max_average_weekly_hours {self.max_average_weekly_hours} is above "
                f"max_weekly_hours {self.max_weekly_hours}"
            )
        return self


class Travel(Domain):
    """How travel time between two sites is estimated from their coordinates."""

    speed_kmh: float = Field(50, gt=0, le=130)
    road_factor: float = Field(1.3, ge=1, le=3)


class Billing(Domain):
    """Members pay hours at cost times a coefficient that covers the GE's own costs.

    Invoices are in ``currency`` (ISO code) with the sales tax of ``sale_tax_percent`` (amounts are
    excluding tax) and, when set, the payment term named ``payment_term`` in the accounting.
    """

    coefficient: Decimal = Field(Decimal("1.08"), gt=0)
    coefficient_by_contract: dict[str, Decimal] = Field(default_factory=dict)
    travel_policy: str = Field("arriving", pattern="^(arriving|departing|split|ge)$")
    currency: str = Field("EUR", pattern="^[A-Z]{3}$")
    sale_tax_percent: Decimal = Field(Decimal("20"), ge=0, le=100)
    payment_term: str | None = None


class RequestCutoff(Domain):
    """The weekly deadline for the next week's requests: `weekday` (mon..sun) at `at`, the group's local time.

    A request filed after the deadline of its week (on the week before) is late: stored and flagged to
    the GE manager, never refused.
    """

    weekday: str = Field("wed", description="mon, tue, ..., sun: the day of the week before")
    at: time = time(12, 0)

    @model_validator(mode="after")
    def _weekday(self):
        if self.weekday not in WEEKDAYS:
            raise ValueError(f"request_cutoff: field weekday: {self.weekday!r} is not one of {', '.join(WEEKDAYS)}")
        return self

    def deadline(self, day: date) -> datetime:
        """The last moment (local, naive) to file a request for `day`: the cut-off in the week before its week."""
        monday = week_of(day).monday - timedelta(days=7)
        return datetime.combine(monday + timedelta(days=WEEKDAYS.index(self.weekday)), self.at)

    def is_late(self, day: date, filed_at: datetime) -> bool:
        """True when a request for `day` filed at `filed_at` (local, naive) comes after the deadline."""
        return filed_at > self.deadline(day)

    def __str__(self) -> str:
        return f"{self.weekday} {self.at:%H:%M} of the week before"


class GroupSettings(Domain):
    """Everything about the group that is not a member, an employee or a request.

    `today`, when set, freezes the group's planning date (the demo's database keeps its tour working
    whatever the real date); None means the real date. See docs/allocation.md, "Past and closed days".
    `request_cutoff`, when set, is the weekly deadline for requests (see docs/access.md); None: none.
    `candidate_retention_months`, when set, is how long a candidate's consent lasts (docs/workforce.md);
    None: the CNIL's two years (`sharing.forecast.consent.RETENTION_MONTHS`).
    """

    name: str = "Groupement d'employeurs"
    timezone: str = DEFAULT_TZ
    labour: LabourRules = LabourRules()
    travel: Travel = Travel()
    billing: Billing = Billing()
    today: date | None = None
    request_cutoff: RequestCutoff | None = None
    # the payroll's rates and allowances (docs/payroll.md), stored with the rest: `mutualis payroll settings`
    payroll: PayrollSettings = PayrollSettings()
    # how long a candidate's consent lasts, in months: `mutualis candidate retention`
    candidate_retention_months: int | None = Field(default=None, ge=1, le=120)
