"""The independent checker counts the hours lent staff still work at their home firm: a plan that keeps
the 10 h day, the 48 h week or the 11 h rest only when those hours are forgotten is refused.

Each case is binding: the same plan passes when the home hours are not given to the checker.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sharing.compliance import check_plan
from sharing.lending import CostBasis, Offer, as_employee, parse_home_hours
from sharing.plans import Assignment, Plan

from test_allocation_fixtures import MONDAY, WEEK, at, group, request


def offer(home: str, hours_per_week: float = 21) -> Offer:
    return Offer(member="TOLE", person="P1", first_name="Léa", last_name="Roux", skills={"TIG": 2}, start=MONDAY,
                 end=MONDAY + timedelta(days=6), hours_per_week=hours_per_week,
                 cost=CostBasis(salary=Decimal("14.20"), charges=Decimal("6.10"), expenses=Decimal("1.00")),
                 consent_date=date(2026, 11, 20), home_latitude=47.8, home_longitude=-0.7,
                 home_hours=parse_home_hours(home))


def rules_broken(o: Offer, shifts: list[tuple[int, str, str]]) -> tuple[list[str], list[str]]:
    """The rules the plan of `shifts` (day, start, end at FORGE) breaks without, then with the home hours."""
    requests = [request(f"R{i}", day, start, end, member="FORGE") for i, (day, start, end) in enumerate(shifts)]
    lent = as_employee(o, ["ACIER", "FORGE", "TOLE"])
    assert lent is not None
    g = group([lent], requests)
    plan = Plan(week=str(WEEK), assignments=[
        Assignment(employee=o.code, request=r.code, member="FORGE", site="MAIN", start=at(day, start),
                   end=at(day, end) + timedelta(days=int(end <= start)))
        for r, (day, start, end) in zip(requests, shifts, strict=True)])
    without = check_plan(plan, g)
    home = {o.code: o.home_intervals(MONDAY)}
    return sorted({v.rule for v in without}), sorted({v.rule for v in check_plan(plan, g, elsewhere=home)})


def test_hours_at_the_home_firm_count_in_the_10_hour_day():
    assert rules_broken(offer("Mon 06:00-11:00"), [(0, "12:00", "18:00")]) == ([], ["max_daily_hours"])


def test_hours_at_the_home_firm_count_in_the_48_hour_week():
    home = ",".join(f"{d} 06:00-12:00" for d in ("Mon", "Tue", "Wed", "Thu", "Fri"))
    shifts = [*((day, "13:00", "17:00") for day in range(4)), (5, "08:00", "11:00")]  # 19 h lent, 30 h home
    assert rules_broken(offer(home, hours_per_week=18), shifts) == ([], ["max_weekly_hours"])


def test_hours_at_the_home_firm_count_in_the_11_hour_rest():
    assert rules_broken(offer("Tue 06:00-12:00"), [(0, "12:00", "20:00")]) == ([], ["daily_rest"])


def test_hours_at_the_home_firm_count_in_the_weekly_rest():
    home = ",".join(f"{d} 08:00-12:00" for d in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat"))
    assert rules_broken(offer(home), [(6, "08:00", "12:00")]) == ([], ["weekly_rest"])


def test_hours_at_the_home_firm_within_the_limits_break_nothing():
    assert rules_broken(offer("Mon 06:00-10:00,Tue 09:00-12:00"), [(0, "11:00", "16:00")]) == ([], [])
