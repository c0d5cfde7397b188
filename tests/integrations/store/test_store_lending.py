"""Offers and placements of lent staff come back as stored, on both databases; bad references are refused."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from consortium.errors import AlreadyExists, InvalidInput, NotFound
from sharing.lending import CostBasis, Offer, Placement, parse_home_hours


def _offer(**kw) -> Offer:
    data = dict(member="BOIS", person="P01", first_name="Jeanne", last_name="Martin", qualification="Soudeuse",
                skills={"TIG": 2}, start=date(2026, 12, 1), end=date(2026, 12, 31), hours_per_week=20,
                cost=CostBasis(salary=Decimal("14.20"), charges=Decimal("6.10"), expenses=Decimal("1.00")),
                home_postcode="69001", contract_hours=35, home_hours=parse_home_hours("Mon 08:00-12:00"),
                consent_date=date(2026, 11, 20))
    return Offer(**{**data, **kw})


def test_an_offer_comes_back_equal_and_a_withdrawn_one_is_listed_only_on_request(seeded):
    with seeded.session() as repo:
        repo.lending.add_offer(_offer())
    with seeded.session() as repo:
        assert repo.lending.offers() == [_offer()]
        assert repo.lending.offers_between(date(2027, 1, 1), date(2027, 1, 7)) == []
        repo.lending.withdraw("bois.p01")
    with seeded.session() as repo:
        assert repo.lending.offers() == []
        assert repo.lending.offers(withdrawn=True) == [_offer(withdrawn=True)]


@pytest.mark.parametrize("change, message", [
    ({"skills": {"WELD": 1}}, "offer BOIS.P01: field skills: unknown skill 'WELD'"),
    ({"excluded_members": ["NOPE"]}, "offer BOIS.P01: field excluded_members: unknown member 'NOPE'"),
])
def test_an_offer_naming_what_the_group_does_not_know_is_refused_and_nothing_stored(seeded, change, message):
    with pytest.raises(InvalidInput, match=message), seeded.session() as repo:
        repo.lending.add_offer(_offer(**change))
    with seeded.session() as repo:
        assert repo.lending.offers() == []


def test_an_offers_trade_comes_back_and_its_qualifications_are_replaced_the_rest_kept(seeded):
    with seeded.session() as repo:
        repo.lending.add_offer(_offer(trade="H2102"))
    with seeded.session() as repo:
        repo.lending.set_qualifications(_offer(trade="H2102", skills={"TIG": 3}, first_name="ignored"))
    with seeded.session() as repo:
        assert repo.lending.get_offer("BOIS.P01") == _offer(trade="H2102", skills={"TIG": 3})
    with pytest.raises(InvalidInput, match="unknown skill 'WELD'"), seeded.session() as repo:
        repo.lending.set_qualifications(_offer(skills={"WELD": 1}))
    with seeded.session() as repo:
        assert repo.lending.get_offer("BOIS.P01").skills == {"TIG": 3}


def test_an_offer_twice_or_of_an_unknown_member_is_refused(seeded):
    with seeded.session() as repo:
        repo.lending.add_offer(_offer())
    with pytest.raises(AlreadyExists, match="offer BOIS.P01 already exists"), seeded.session() as repo:
        repo.lending.add_offer(_offer())
    with pytest.raises(NotFound, match="no member 'ZINC'"), seeded.session() as repo:
        repo.lending.add_offer(_offer(member="ZINC"))


def test_a_weeks_placements_replace_the_previous_ones(seeded):
    p = Placement(offer="BOIS.P01", lender="BOIS", member="ACIER", site="MAIN", request="R-ACIER-0001",
                  start=datetime(2026, 12, 1, 22), end=datetime(2026, 12, 2, 6), hours=Decimal(8))
    with seeded.session() as repo:
        repo.lending.add_offer(_offer())
        repo.lending.save_placements("2026-W49", [p])
    with seeded.session() as repo:
        assert repo.lending.placements(date(2026, 12, 1), date(2026, 12, 7)) == [p]
        repo.lending.save_placements("2026-W49", [])
    with seeded.session() as repo:
        assert repo.lending.placements(date(2026, 12, 1), date(2026, 12, 7)) == []


def test_hours_recorded_on_a_placement_replace_the_planned_ones(seeded):
    p = Placement(offer="BOIS.P01", lender="BOIS", member="ACIER", site="MAIN", request="R-ACIER-0001",
                  start=datetime(2026, 12, 1, 22), end=datetime(2026, 12, 2, 6), hours=Decimal(8))
    with seeded.session() as repo:
        repo.lending.add_offer(_offer())
        repo.lending.save_placements("2026-W49", [p])
        assert repo.lending.record_hours("bois.p01", "r-acier-0001", Decimal("6.75")).hours == Decimal("6.75")
    with seeded.session() as repo:
        [stored] = repo.lending.placements(date(2026, 12, 1), date(2026, 12, 1))
        assert stored.hours == Decimal("6.75")
        with pytest.raises(NotFound, match="BOIS.P01 is not placed on R-NONE"):
            repo.lending.record_hours("BOIS.P01", "R-NONE", Decimal(1))
