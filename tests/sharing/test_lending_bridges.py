"""Trade bridges and lent staff: an offer records the person's trade (a ROME code); the allocation places a lent
person only on the skills recorded on the offer, never through a bridge; `lent_leads` names the offered people
whose trade bridges to an unfilled request's skill, with the course."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pydantic import ValidationError

from sharing import Catalogue, Skill
from sharing.forecast import Bridge, lent_leads, load_bridges

from test_allocation_fixtures import MONDAY, SITES, employee, group, request
from test_lending_allocation import offer, on, run

MIG_MAG_2 = dict(skill="MIG-MAG", min_level=2)


def _group(*requests):
    g = group([employee("E1", members=["ACIER"])], list(requests))
    skills = [Skill(code="TIG", name="TIG welding"), Skill(code="MIG-MAG", name="MIG/MAG welding")]
    return g.model_copy(update={"catalogue": Catalogue(skills=skills,
                                                       certification_types=g.catalogue.certification_types)})


def test_the_catalogue_bridges_a_food_industry_line_operator_to_mig_mag_2():
    # the premise of the next test: without it, "never through a bridge" would prove nothing
    assert any(b.from_rome == "H2102" and b.skill == "MIG-MAG" and b.level >= 2 for b in load_bridges())


def test_a_bridge_alone_never_qualifies_a_lent_person():
    g = _group(request("R1", 0, "08:00", "12:00", member="FORGE", **MIG_MAG_2))
    result = run(g, [offer(trade="H2102", skills={"TIG": 1})])
    assert on(result, "R1") == []


def test_once_the_course_is_recorded_on_the_offer_the_lent_person_is_placed():
    g = _group(request("R1", 0, "08:00", "12:00", member="FORGE", **MIG_MAG_2))
    result = run(g, [offer(trade="H2102", skills={"TIG": 1, "MIG-MAG": 2})])
    assert on(result, "R1") == ["TOLE.P1"]


@pytest.mark.parametrize("trade", ["H21", "Z2102", "H2102X", "line operator"])
def test_a_trade_that_is_not_a_rome_code_is_refused_naming_it(trade):
    with pytest.raises(ValidationError, match=f"trade '{trade.upper()}' is not a ROME code"):
        offer(trade=trade)


def test_a_trade_is_upper_cased_and_may_be_left_out():
    assert (offer(trade=" h2102 ").trade, offer().trade) == ("H2102", "")


BRIDGES = [Bridge("H2102", "food-industry line operator", "MIG-MAG", 2, "dexterity", "MIG/MAG welder", 400),
           Bridge("H2102", "food-industry line operator", "MIG-MAG", 3, "dexterity", "Short MIG course", 280),
           Bridge("N1103", "warehouse staff", "MIG-MAG", 1, "handling", "MIG initiation", 210),
           Bridge("N1101", "forklift driver", "MIG-MAG", 2, "handling", "Long MIG course", 500)]
FORGE_SITE = SITES["FORGE"]


def _leads(*offers, **kw):
    r = request("R1", 1, "08:00", "12:00", member="FORGE", **{**MIG_MAG_2, **kw})
    return lent_leads(r, FORGE_SITE, list(offers), BRIDGES)


def test_an_offered_person_whose_trade_bridges_to_the_skill_is_named_with_the_shortest_course():
    assert _leads(offer(trade="H2102")) == [
        "TOLE's food-industry line operator TOLE.P1 Léa Roux (lent staff, ROME H2102) could after a 280 h course "
        "(Short MIG course), lives 1 km away; MIG-MAG:3 counts once recorded on the offer"]


def test_no_trade_no_bridge_to_the_level_the_skill_already_recorded_or_no_loan_possible_names_nobody():
    assert _leads(offer(), offer(trade="K2204"), offer(trade="N1103"), offer(trade="H2102", skills={"MIG-MAG": 2}),
                  offer(trade="H2102", member="FORGE"), offer(trade="H2102", excluded_members=["FORGE"]),
                  offer(trade="H2102", start=MONDAY + timedelta(days=2)),
                  offer(trade="H2102", withdrawn=True)) == []
    assert _leads(offer(trade="H2102"), min_level=4) == []


def test_lent_leads_come_shortest_course_first_then_nearest_and_at_most_three():
    far, near = dict(home_latitude=48.5, home_longitude=-0.7), dict(home_latitude=47.81, home_longitude=-0.7)
    people = [offer(person="P1", trade="H2102", **far), offer(person="P2", trade="H2102", **near),
              offer(person="P3", trade="N1101", home_latitude=FORGE_SITE[0], home_longitude=FORGE_SITE[1]),
              offer(person="P4", trade="H2102", **near)]
    assert [line.split()[4] for line in _leads(*people)] == ["TOLE.P2", "TOLE.P4", "TOLE.P1"]
