"""Trade bridges and lent staff: an offer records the person's trade (a ROME code); the allocation places a lent
person only on the skills recorded on the offer, never through a bridge."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from sharing import Catalogue, Skill
from sharing.forecast import load_bridges

from test_allocation_fixtures import employee, group, request
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
