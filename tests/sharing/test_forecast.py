"""The skills forecast's domain: each request's reason category from structured facts, and the sums."""

from __future__ import annotations

from datetime import date

import pytest
from test_allocation_fixtures import employee, group, request

from consortium.errors import InvalidInput
from sharing.employees import Certification
from sharing.forecast import (
    Shortage,
    ShortageLine,
    candidate_category,
    qualified,
    request_category,
    week_range,
)
from sharing.skills import CertRequirement

BR = [CertRequirement(type="HAB-ELEC", level="BR")]


def test_nobody_with_the_level_is_a_skill_shortage():
    g = group([employee("E1", skills={"TIG": 1})], [request("R1", 0, "08:00", "16:00", min_level=2)])
    assert qualified(g, g.requests[0]) == ("skill", [])


def test_too_few_qualified_for_the_headcount_names_the_stage_that_left_too_few():
    g = group([employee("E1"), employee("E2", members=("FORGE",))], [request("R1", 0, "08:00", "16:00", headcount=2)])
    category, people = qualified(g, g.requests[0], enough=2)
    assert category == "contract" and [e.code for e in people] == ["E1"]


def test_a_certificate_expired_before_the_day_is_a_certificate_shortage():
    expired = [Certification(type="HAB-ELEC", level="BR", valid_from=date(2020, 1, 1), valid_to=date(2026, 11, 1))]
    g = group([employee("E1", certifications=expired)], [request("R1", 0, "08:00", "16:00", certifications=BR)])
    assert qualified(g, g.requests[0]) == ("certificate", [])


def test_a_contract_that_does_not_list_the_member_is_a_contract_shortage():
    g = group([employee("E1", members=("FORGE",))], [request("R1", 0, "08:00", "16:00")])
    assert qualified(g, g.requests[0]) == ("contract", [])


def test_a_night_request_nobody_may_work_is_other():
    g = group([employee("E1")], [request("R1", 0, "21:00", "05:00")])
    assert qualified(g, g.requests[0]) == ("other", [])


def test_the_qualified_employees_pass_every_stage():
    valid = [Certification(type="HAB-ELEC", level="BR", valid_from=date(2020, 1, 1))]
    g = group([employee("E1", certifications=valid), employee("E2"), employee("E3", skills={"TIG": 1})],
              [request("R1", 0, "08:00", "16:00", certifications=BR)])
    category, people = qualified(g, g.requests[0])
    assert category is None and [e.code for e in people] == ["E1"]


@pytest.mark.parametrize("rules, over, expected", [
    ({"no_overlap_travel"}, False, "busy"),
    ({"absence", "daily_rest"}, False, "busy"),
    ({"max_week_minutes"}, True, "busy"),
    ({"daily_rest", "weekly_rest"}, False, "rest"),
    ({"rolling_average"}, True, "rest"),
    (set(), True, "distance"),
    (set(), False, "other"),
    ({"eligibility"}, False, "other"),
])
def test_a_candidate_category_comes_from_rule_ids(rules, over, expected):
    assert candidate_category(rules, over) == expected


def test_the_request_takes_its_most_fixable_candidate_category():
    assert request_category(["busy", "rest", "other"]) == "rest"
    assert request_category(["busy", "distance"]) == "distance"
    assert request_category(["other", "busy"]) == "busy"
    assert request_category([]) == "other"


def _line(week, request, skill, hours, category, member="ACIER", priority="normal", certificate=""):
    return ShortageLine(week=week, request=request, member=member, site="MAIN", skill=skill, certificate=certificate,
                        priority=priority, missing_hours=hours, category=category)


SHORT = Shortage(["2026-W48", "2026-W49", "2026-W50"], [
    _line("2026-W48", "R1", "TIG:2", 8, "busy", priority="critical"),
    _line("2026-W48", "R2", "TIG:2", 7, "skill"),
    _line("2026-W49", "R3", "MIG:1", 3.5, "busy", member="FORGE"),
    _line("2026-W49", "R4", "TIG:2", 8, "rest", priority="critical", certificate="HAB-ELEC:BR"),
], ["2026-W50"])


def test_hours_add_up_by_skill_with_the_split_by_reason():
    rows = SHORT.by("skill")
    assert [(r.key, r.total, r.requests) for r in rows] == [("TIG:2", 23, 3), ("MIG:1", 3.5, 1)]
    assert rows[0].hours == {"skill": 7, "certificate": 0, "contract": 0, "distance": 0, "busy": 8, "rest": 8,
                             "other": 0}
    assert SHORT.total() == 26.5 and SHORT.by_category()["busy"] == 11.5


def test_weeks_and_priorities_keep_their_order_and_sites_name_the_member():
    assert [(r.key, r.total) for r in SHORT.by("week")] == [("2026-W48", 15), ("2026-W49", 11.5)]
    assert [(r.key, r.total) for r in SHORT.by("priority")] == [("critical", 16), ("normal", 10.5)]
    assert [r.key for r in SHORT.by("site")] == ["ACIER/MAIN", "FORGE/MAIN"]


def test_the_weekly_split_names_every_week_of_the_range():
    assert SHORT.weekly() == {"2026-W48": {"TIG:2": 15}, "2026-W49": {"MIG:1": 3.5, "TIG:2": 8}, "2026-W50": {}}


def test_a_backwards_week_range_is_refused_in_one_line():
    with pytest.raises(InvalidInput, match="runs backwards"):
        week_range("2026-W49", "2026-W40")
    assert [str(w) for w in week_range("2026-W52", "2027-W02")] == ["2026-W52", "2026-W53", "2027-W01", "2027-W02"]


def test_an_unknown_dimension_or_category_is_refused():
    with pytest.raises(InvalidInput, match="unknown dimension"):
        SHORT.by("colour")
    with pytest.raises(InvalidInput, match="unknown category"):
        _line("2026-W48", "R9", "TIG:2", 1, "weather")
