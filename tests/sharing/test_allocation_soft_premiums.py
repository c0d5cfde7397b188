"""The allocation knows the price: overtime and premium hours cost their euros in the objective."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from consortium.weeks import parse_week
from sharing.allocation import AllocationWeights
from sharing.allocation.pricing import Pricing

from test_allocation_fixtures import FAST, allocate, employee, group, request

ALONE = replace(FAST, weights=AllocationWeights(idle=0))  # idle hours would already spread the work
WEEK_HOURS = [request(f"R{d}", d, "08:00", "16:00") for d in range(5)]  # 40 h at ACIER, Monday to Friday


def _two(weights: AllocationWeights):
    """E1 lives at ACIER, E2 two minutes away: without a price on overtime E1 takes all 40 h."""
    g = group([employee("E1"), employee("E2", near="FORGE")], WEEK_HOURS)
    return allocate(g, replace(ALONE, weights=weights))


def _hours(result) -> dict[str, float]:
    return {r.employee: r.hours for r in result.employee_summary()}


def test_the_allocation_prefers_the_plan_without_overtime():
    result = _two(ALONE.weights)
    assert _hours(result) == {"E1": 32, "E2": 8}
    assert not [p for p in result.penalties if p.rule == "weekly_overtime"]


def test_with_overtime_weight_0_the_nearer_employee_works_overtime():
    result = _two(replace(ALONE.weights, overtime=0))
    assert _hours(result)["E1"] == 40


def test_overtime_is_priced_in_euros_of_premium_and_explained():
    # one employee, 46 h: 8 h at +25 % and 3 h at +50 % of 20 EUR an hour = 40 + 30 = 70 EUR
    asks = WEEK_HOURS + [request("R5", 5, "06:00", "12:00")]
    result = allocate(group([employee("E1")], asks), ALONE)
    penalties = [p for p in result.penalties if p.rule == "weekly_overtime"]
    assert [(p.subject, p.amount) for p in penalties] == [("E1:week0", 70)]
    assert "overtime" in penalties[0].label


def test_a_part_timers_complementary_hours_are_priced_from_the_contract():
    # 24 h contract: 2.4 h at +10 % then +25 % up to 35 h, then overtime at +25 %, +50 % past 43 h
    pricing = Pricing.of(group([], []), parse_week("2026-W49"), AllocationWeights(overtime=10))
    steps = pricing.overtime_steps(employee("E1", weekly_hours=24))
    assert steps == ((24 * 60, 20), (round(26.4 * 60), 30), (43 * 60, 50))


def test_the_cheaper_employee_takes_the_sunday_shift():
    staff = [employee("E1", hourly_cost=Decimal("30")), employee("E2", near="FORGE")]
    sunday = [request("RS", 6, "08:00", "16:00")]
    assert _placed(allocate(group(staff, sunday), ALONE)) == ["E2"]
    no_price = replace(ALONE, weights=AllocationWeights(idle=0, premium_hours=0))
    assert _placed(allocate(group(staff, sunday), no_price)) == ["E1"]


def test_night_sunday_and_public_holiday_premiums_are_priced_per_assignment():
    christmas = parse_week("2026-W52")  # Friday 25 December
    pricing = Pricing.of(group([], []), christmas, AllocationWeights())
    e = employee("E1", hourly_cost=Decimal("20"), night_worker=True)
    holiday_night = request("RH", 0, "21:00", "05:00").model_copy(update={"day": christmas.monday + timedelta(days=3)})
    # 24 Dec 21:00 to 25 Dec 05:00: 8 h of night (+20 %) and 5 h of holiday (+100 %) at 20 EUR
    assert [c.amount for c in pricing.premium_costs(e, holiday_night)] == [32 + 100]
    weekday = request("RW", 1, "08:00", "16:00")
    assert pricing.premium_costs(e, weekday) == []


def test_coverage_outweighs_the_premiums_of_an_optional_sunday_in_overtime():
    asks = WEEK_HOURS + [request("RS", 6, "08:00", "16:00", priority="optional")]
    result = allocate(group([employee("E1")], asks), FAST)
    assert "RS" in {a.request for a in result.plan.assignments}
    assert {p.rule for p in result.penalties} >= {"weekly_overtime", "premium_hours"}


def _placed(result) -> list[str]:
    return [a.employee for a in result.plan.assignments]
