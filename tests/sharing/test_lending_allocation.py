"""Lent staff in the weekly allocation: they fill what GE staff cannot, under every rule, both employers' hours
counted; never at the lender or an excluded member, only within the offer's window and hours.

Each case is tiny and binding: remove the rule and the plan would differ.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sharing.allocation import allocate_week
from sharing.lending import CostBasis, Offer, parse_home_hours

from test_allocation_fixtures import FAST, MONDAY, WEEK, employee, group, request


def offer(member: str = "TOLE", **kw) -> Offer:
    data = dict(member=member, person="P1", first_name="Léa", last_name="Roux", skills={"TIG": 2},
                start=MONDAY, end=MONDAY + timedelta(days=6), hours_per_week=35,
                cost=CostBasis(salary=Decimal("14.20"), charges=Decimal("6.10"), expenses=Decimal("1.00")),
                consent_date=date(2026, 11, 20), home_latitude=47.8, home_longitude=-0.7)
    return Offer(**{**data, **kw})


def run(g, offers):
    result = allocate_week(g, WEEK, params=FAST, lent=offers)
    assert result.is_feasible() and result.violations == []
    return result


def on(result, code: str) -> list[str]:
    return sorted(a.employee for a in result.plan.assignments if a.request == code)


def why(result, code: str) -> str:
    [u] = [u for u in result.unfilled if u.request == code]
    return " | ".join(u.reasons).lower()


def only_acier():
    return [employee("E1", members=["ACIER"])]


def test_a_lent_person_fills_a_request_ge_staff_cannot():
    g = group(only_acier(), [request("R1", 0, "08:00", "12:00", member="FORGE")])
    result = run(g, [offer()])
    assert on(result, "R1") == ["TOLE.P1"]
    assert result.unfilled == []


def test_without_the_offer_the_request_stays_unfilled():
    g = group(only_acier(), [request("R1", 0, "08:00", "12:00", member="FORGE")])
    assert on(run(g, []), "R1") == []


def test_a_lent_person_is_never_placed_at_the_lender():
    g = group(only_acier(), [request("R1", 0, "08:00", "12:00", member="FORGE")])
    result = run(g, [offer(member="FORGE")])
    assert on(result, "R1") == []
    assert "forge.p1 léa roux (lent by forge): never placed at the lender forge" in why(result, "R1")


def test_a_lent_person_is_never_placed_at_a_member_the_offer_excludes():
    g = group(only_acier(), [request("R1", 0, "08:00", "12:00", member="FORGE")])
    result = run(g, [offer(excluded_members=["FORGE"])])
    assert on(result, "R1") == []
    assert "the offer of tole excludes forge" in why(result, "R1")


def test_the_offers_window_is_respected():
    g = group(only_acier(), [request("R0", 0, "08:00", "12:00", member="FORGE"),
                             request("R2", 2, "08:00", "12:00", member="FORGE")])
    result = run(g, [offer(start=MONDAY + timedelta(days=2))])
    assert (on(result, "R0"), on(result, "R2")) == ([], ["TOLE.P1"])
    assert "outside the loan offer (2026-12-02 to 2026-12-06)" in why(result, "R0")


def test_the_offers_weekly_hours_are_respected():
    g = group(only_acier(), [request(f"R{d}", d, "08:00", "16:00", member="FORGE") for d in range(3)])
    result = run(g, [offer(hours_per_week=20)])
    assert sum(len(on(result, f"R{d}")) for d in range(3)) == 2


def test_hours_at_the_home_firm_count_in_the_10_hour_day():
    g = group(only_acier(), [request("R1", 0, "13:00", "18:00", member="FORGE")])
    assert on(run(g, [offer()]), "R1") == ["TOLE.P1"]
    result = run(g, [offer(home_hours=parse_home_hours("Mon 06:00-12:00"))])
    assert on(result, "R1") == []
    assert "would exceed 10 h on monday (travel between sites and hours at the home firm included)" in why(result, "R1")


def test_hours_at_the_home_firm_count_in_the_11_hour_rest():
    g = group(only_acier(), [request("R1", 0, "12:00", "20:30", member="FORGE")])
    assert on(run(g, [offer(home_hours=parse_home_hours("Tue 08:00-12:00"))]), "R1") == ["TOLE.P1"]
    result = run(g, [offer(home_hours=parse_home_hours("Tue 07:00-12:00"))])
    assert on(result, "R1") == []
    assert "11 h rest before working at tole (home firm) tue 07:00-12:00" in why(result, "R1")


def test_days_at_the_home_firm_count_in_the_weekly_rest_and_the_six_day_week():
    home = parse_home_hours(",".join(f"{d} 08:00-13:00" for d in ("Mon", "Tue", "Wed", "Thu", "Fri")))
    g = group(only_acier(), [request("R1", 5, "08:00", "13:00", member="FORGE", ),
                             request("R2", 6, "08:00", "13:00", member="FORGE")])
    result = run(g, [offer(home_hours=home, hours_per_week=10)])
    assert len(on(result, "R1") + on(result, "R2")) == 1


def test_ge_staff_come_first_when_both_can_fill_a_request():
    g = group([employee("E1", near="TOLE")], [request("R1", 0, "08:00", "12:00", member="FORGE")])
    result = run(g, [offer()])
    assert on(result, "R1") == ["E1"]
    assert any(p.rule == "lent_staff" for p in result.penalties) is False


def test_without_home_coordinates_a_lent_person_lives_at_the_lenders_site():
    g = group(only_acier(), [request("R1", 0, "08:00", "12:00", member="FORGE")])
    result = run(g, [offer(member="ACIER", home_latitude=None, home_longitude=None)])
    assert on(result, "R1") == ["ACIER.P1"]
    [travel] = [p for p in result.penalties if p.rule == "travel"]
    assert travel.amount <= 5  # ACIER/MAIN to FORGE/MAIN, about 2 min (not from latitude 0, longitude 0)


def test_last_sundays_hours_at_the_home_firm_count_in_mondays_rest():
    g = group(only_acier(), [request("R1", 0, "06:00", "10:00", member="FORGE")])
    assert on(run(g, [offer(home_hours=parse_home_hours("Sun 08:00-18:00"))]), "R1") == ["TOLE.P1"]
    result = run(g, [offer(home_hours=parse_home_hours("Sun 14:00-22:00"))])
    assert on(result, "R1") == []
    assert "11 h rest after last week's last shift" in why(result, "R1")
