"""The group's skills forecast: unfilled person-hours added up by skill, site, member and week, each
split by the reason category the allocation's rules give, and what-if re-runs of past weeks with a
virtual hire or training, and recommendations of whom to hire or train (see docs/workforce.md)."""

from .reasons import (
    BUSY_RULES,
    CATEGORIES,
    CATEGORY_LABELS,
    REST_RULES,
    candidate_category,
    qualified,
    request_category,
)
from .bridges import Bridge, Candidate, Held, Match, load_bridges, match
from .courses import Course, load_courses
from .leads import lent_leads, request_leads
from .options import Option, Profile, Short
from .recommend import Estimate, Recommendation, recommend
from .shortage import DIMENSIONS, Shortage, ShortageLine, ShortageRow, week_range
from .whatif import (
    HIRE_CODE,
    ForecastParams,
    Hire,
    Training,
    WeekGain,
    WhatIf,
    apply_change,
    baseline,
    forecast_params,
    what_if,
)

__all__ = [
    "BUSY_RULES",
    "Bridge",
    "CATEGORIES",
    "CATEGORY_LABELS",
    "Candidate",
    "Course",
    "DIMENSIONS",
    "ForecastParams",
    "Estimate",
    "HIRE_CODE",
    "Held",
    "Match",
    "REST_RULES",
    "Hire",
    "Option",
    "Profile",
    "Recommendation",
    "Short",
    "Shortage",
    "ShortageLine",
    "ShortageRow",
    "Training",
    "WeekGain",
    "WhatIf",
    "apply_change",
    "baseline",
    "candidate_category",
    "forecast_params",
    "lent_leads",
    "load_bridges",
    "load_courses",
    "match",
    "qualified",
    "recommend",
    "request_category",
    "request_leads",
    "week_range",
    "what_if",
]
