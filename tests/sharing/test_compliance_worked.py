"""Hours worked are checked by the very rules that check plans: every planted plan case, read as hours."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sharing.compliance import WORKED_RULE_IDS, check_worked, exception_key, split_declared, worked_plans
from sharing.hours import WorkedLine
from consortium.weeks import parse_week

from test_compliance import CASES, GROUP, make_group

# Rules whose planted case needs a history the plan-only case supplies by hand: hours carry their own
# past instead (the earlier weeks' lines), tested below.
_WITH_HISTORY = {"average_weekly_hours", "max_consecutive_days"}


def _lines(plan) -> list[WorkedLine]:
    return [WorkedLine(employee=a.employee, request=a.request, member=a.member, site=a.site, day=a.start.date(),
                       start=a.start, end=a.end, travel_minutes=a.travel_minutes_before) for a in plan.assignments]


@pytest.mark.parametrize("rule_id", sorted(set(WORKED_RULE_IDS) - _WITH_HISTORY))
def test_hours_worked_break_the_same_rule_as_the_plan_would(rule_id):
    plan, _, labour, (employee, day) = CASES[rule_id]
    group = make_group(**labour) if labour else GROUP
    found = check_worked(_lines(plan), group, [parse_week(plan.week)])
    assert {v.rule for v in found} == {rule_id}, [str(v) for v in found]
    assert any(employee in v.message and f"{day:%Y-%m-%d}" in v.message for v in found)


def test_placement_rules_a_real_day_may_break_are_not_applied_to_hours():
    for rule_id in ("within_request", "headcount", "skill_level", "opening_hours"):
        plan, _, _, _ = CASES[rule_id]
        assert check_worked(_lines(plan), GROUP, [parse_week(plan.week)]) == [], rule_id


def test_earlier_weeks_of_hours_are_the_history_of_the_rules_spanning_weeks():
    plan, _, _, (employee, day) = CASES["max_consecutive_days"]
    lines = _lines(plan)
    # The three days before Monday, worked: a streak carried in from the hours, not from a hand-made history.
    for back in (1, 2, 3):
        first = lines[0]
        lines.append(first.model_copy(update={"day": first.day - timedelta(days=back),
                                              "start": first.start - timedelta(days=back),
                                              "end": first.end - timedelta(days=back)}))
    week = parse_week(plan.week)
    assert set(worked_plans(lines)) == {week.shift(-1), week}
    found = check_worked(lines, GROUP, [week])
    assert {v.rule for v in found} == {"max_consecutive_days"} and f"{day:%Y-%m-%d}" in found[0].message


def test_two_places_at_once_is_never_declared_a_longer_day_may_be():
    plan, _, _, _ = CASES["no_overlap_travel"]
    overlapping = plan.model_copy(update={"assignments": [
        plan.assignments[0], plan.assignments[1].model_copy(update={"start": plan.assignments[0].start
                                                                    + timedelta(hours=1)})]})
    [overlap] = [v for v in check_worked(_lines(overlapping), GROUP, [parse_week(plan.week)])
                 if v.rule == "no_overlap_travel"]
    assert overlap.absolute and "twice at once" in overlap.message
    declared = {exception_key(overlap.rule, overlap.employee, overlap.day): "reason"}
    assert split_declared([overlap], declared) == ([overlap], [])
    long_day, *_ = check_worked(_lines(CASES["max_daily_hours"][0]), GROUP, [parse_week(plan.week)])
    declared = {exception_key(long_day.rule, long_day.employee, long_day.day): "reason"}
    assert not long_day.absolute and split_declared([long_day], declared) == ([], [long_day])
