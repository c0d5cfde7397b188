"""An offer of lent staff: its cost is the sum of its parts, and bad offers are refused naming the field."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from pydantic import ValidationError

from sharing.lending import CostBasis, Offer, parse_home_hours


def offer(**kw) -> Offer:
    data = dict(member="chaumay", person="p01", first_name="Jeanne", last_name="Martin", skills={"tig": 2},
                start=date(2026, 12, 1), end=date(2026, 12, 31), hours_per_week=20,
                cost=CostBasis(salary=Decimal("14.20"), charges=Decimal("6.10"), expenses=Decimal("1.00")),
                home_hours=parse_home_hours("Mon 08:00-12:00,tue 13:00-17:30"), consent_date=date(2026, 11, 20))
    return Offer(**{**data, **kw})


def test_the_cost_per_hour_is_salary_plus_charges_plus_expenses():
    assert offer().cost.total == Decimal("21.30")


def test_codes_are_upper_cased_and_the_offer_code_joins_member_and_person():
    o = offer()
    assert (o.code, o.skills, o.home_week_hours) == ("CHAUMAY.P01", {"TIG": 2}, 8.5)


def test_home_hours_give_the_busy_intervals_of_a_week():
    assert offer().home_intervals(date(2026, 11, 30)) == [
        (datetime(2026, 11, 30, 8), datetime(2026, 11, 30, 12)),
        (datetime(2026, 12, 1, 13), datetime(2026, 12, 1, 17, 30))]


@pytest.mark.parametrize("change, message", [
    ({"end": date(2026, 11, 30)}, "offer ends on 2026-11-30, before it starts on 2026-12-01"),
    ({"consent_date": date(2026, 12, 2)}, "consent date 2026-12-02 is after the start"),
    ({"hours_per_week": 44}, "8.5 h at the home firm plus 44 h lent is 52.5 h, above the legal week of 48 h"),
    ({"hours_per_week": 50}, "less than or equal to 48"),
    ({"excluded_members": ["CHAUMAY"]}, "member CHAUMAY lends the person: it cannot also be excluded"),
    ({"member": "bad code!"}, "member code 'bad code!' must be"),
    ({"cost": {"salary": "0", "charges": "1", "expenses": "0"}}, "salary"),
    ({"cost": {"salary": "10", "charges": "-1", "expenses": "0"}}, "charges"),
])
def test_a_bad_offer_is_refused_naming_what_is_wrong(change, message):
    with pytest.raises(ValidationError, match=message):
        offer(**change)


def test_home_hours_not_like_a_day_and_a_range_are_refused():
    with pytest.raises(ValueError, match="home hours 'Mon 8h-12h' are not like 'Mon 08:00-12:00'"):
        parse_home_hours("Mon 8h-12h")
