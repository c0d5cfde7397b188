"""The group's skills forecast: unfilled person-hours added up by skill, site, member and week, each
split by the reason category the allocation's rules give, and what-if re-runs of past weeks with a
virtual hire or training (see docs/workforce.md)."""

from .reasons import (
    BUSY_RULES,
    CATEGORIES,
    CATEGORY_LABELS,
    REST_RULES,
    candidate_category,
    qualified,
    request_category,
)
from .shortage import DIMENSIONS, Shortage, ShortageLine, ShortageRow, week_range
from .whatif import HIRE_CODE, Hire, Training, WeekGain, WhatIf, apply_change, what_if

__all__ = [
    "BUSY_RULES",
    "CATEGORIES",
    "CATEGORY_LABELS",
    "DIMENSIONS",
    "HIRE_CODE",
    "REST_RULES",
    "Hire",
    "Shortage",
    "ShortageLine",
    "ShortageRow",
    "Training",
    "WeekGain",
    "WhatIf",
    "apply_change",
    "candidate_category",
    "qualified",
    "request_category",
    "week_range",
    "what_if",
]
