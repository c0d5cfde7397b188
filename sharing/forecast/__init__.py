"""The group's skills forecast: unfilled person-hours added up by skill, site, member and week, each
split by the reason category the allocation's rules give (see docs/workforce.md)."""

from .reasons import BUSY_RULES, CATEGORIES, CATEGORY_LABELS, REST_RULES, candidate_category, qualified, request_category
from .shortage import DIMENSIONS, Shortage, ShortageLine, ShortageRow, week_range

__all__ = [
    "BUSY_RULES", "CATEGORIES", "CATEGORY_LABELS", "DIMENSIONS", "REST_RULES", "Shortage", "ShortageLine", "ShortageRow",
    "candidate_category", "qualified", "request_category", "week_range",
]
