"""The registry of hard rules: stable ids (tests, CLI flags, explanations) and labels a GE manager reads."""

from __future__ import annotations

from .placement_rules import (
    absence, certification, contract_member, headcount, night_work, opening_hours, site_authorisation,
    skill_level, unknown_reference, within_request,
)
from .time_rules import (
    average_weekly_hours, daily_rest, max_consecutive_days, max_daily_hours, max_days_per_week,
    max_weekly_hours, no_overlap_travel, part_time_interruptions, weekly_rest,
)
from .violations import Rule

__all__ = ["HARD_RULES", "RULE_IDS", "rule"]

HARD_RULES: tuple[Rule, ...] = (
    Rule("unknown_reference", "Assignment names a known employee, request, member and site", unknown_reference),
    Rule("within_request", "Inside the request's time window, place and minimum length", within_request),
    Rule("skill_level", "Skill at the level the request needs", skill_level),
    Rule("certification", "Required certifications held and valid on the day", certification),
    Rule("contract_member", "Member and site listed in an active contract", contract_member),
    Rule("site_authorisation", "Site authorisation held where the site requires one", site_authorisation),
    Rule("absence", "Not placed during an absence", absence),
    Rule("opening_hours", "Within the site's opening hours", opening_hours),
    Rule("night_work", "Night work only for night workers at night sites, never minors; Sunday only where allowed",
         night_work),
    Rule("headcount", "No more people on a request than it asks for", headcount),
    Rule("no_overlap_travel", "No two places at once, and time to travel between sites", no_overlap_travel),
    Rule("max_daily_hours", "10 h a day at most, travel between sites included", max_daily_hours),
    Rule("max_weekly_hours", "48 h a week at most (part time: contract plus complementary hours)", max_weekly_hours),
    Rule("average_weekly_hours", "44 h a week at most on average over 12 weeks", average_weekly_hours),
    Rule("daily_rest", "11 h daily rest", daily_rest),
    Rule("weekly_rest", "35 h uninterrupted weekly rest", weekly_rest),
    Rule("max_days_per_week", "6 worked days a week at most", max_days_per_week),
    Rule("max_consecutive_days", "No more consecutive worked days than allowed", max_consecutive_days),
    Rule("part_time_interruptions", "Part time: at most one interruption a day", part_time_interruptions),
)

RULE_IDS: tuple[str, ...] = tuple(r.id for r in HARD_RULES)


def rule(rule_id: str) -> Rule:
    """The hard rule with this id (KeyError naming the known ids otherwise)."""
    for item in HARD_RULES:
        if item.id == rule_id:
            return item
    raise KeyError(f"unknown rule {rule_id!r}; known: {', '.join(RULE_IDS)}")
