"""Recommendations: a planted TIG:2 shortage at one site gets a TIG:2 hire living there, verified by a
what-if of the chosen options together; trainings come from the catalogue; the budget and counts hold."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_allocation_fixtures import SITES, WEEK, employee, group, request

from consortium.errors import InvalidInput
from sharing.allocation import AllocationParams
from sharing.forecast.courses import load_courses
from sharing.forecast.recommend import recommend
from sharing.forecast.whatif import Hire, Training

PARAMS = AllocationParams(time_limit=1, seed=0, workers=1, deterministic=True)
WEEKS = [WEEK.shift(-2), WEEK.shift(-1), WEEK]


def _weeks(extra=()):
    """Three weeks of critical TIG:2 requests at TOLE and TIG:1 at ACIER, 40 km apart, Monday to Wednesday;
    E1, the only welder, lives near ACIER and his contract does not list TOLE: TOLE stays short."""
    out = []
    for k, week in enumerate(WEEKS):
        offset = 7 * (k - 2)
        requests = [request(f"R-{place}-{k}{d}", offset + d, "08:00", "16:00", member=place, priority="critical",
                            min_level=2 if place == "TOLE" else 1)
                    for place in ("ACIER", "TOLE") for d in range(3)]
        out.append((week, group([employee("E1", members=("ACIER", "FORGE")), *extra], requests)))
    return out


@pytest.fixture(scope="module")
def one_hire():
    return recommend(_weeks(), hires=1, trainings=0, params=PARAMS)


def test_the_planted_shortage_is_the_demand(one_hire):
    assert one_hire.short_hours() == {"critical": 72, "normal": 0, "optional": 0}
    assert {s.site for s in one_hire.shorts} == {"MAIN"} and {s.member for s in one_hire.shorts} == {"TOLE"}


def test_one_hire_is_a_tig_2_profile_living_near_the_short_site(one_hire):
    assert len(one_hire.chosen) == 1
    change = one_hire.chosen[0].option.change
    assert isinstance(change, Hire)
    assert change.skills == {"TIG": 2} and (change.latitude, change.longitude) == SITES["TOLE"]


def test_the_verified_what_if_fills_at_least_80_percent_of_the_planted_hours_lawfully(one_hire):
    assert one_hire.verified is not None
    assert one_hire.verified.extra()["critical"] >= 0.8 * 72
    assert one_hire.verified.violations() == 0
    assert one_hire.estimated["critical"] >= 0.8 * 72
    assert one_hire.error() == pytest.approx(one_hire.verified.extra()["critical"] - one_hire.estimated["critical"])


def test_a_forklift_driver_is_trained_in_tig_only_through_the_catalogue_prerequisites():
    # E2 drives forklifts (no welding: TIG:2 needs TIG:1 or MIG-MAG:2 first); E3 has TIG:1, works for TOLE only
    extra = [employee("E2", skills={"FORKLIFT": 1}), employee("E3", skills={"TIG": 1}, members=("TOLE",))]
    result = recommend(_weeks(extra), hires=0, trainings=1, params=PARAMS)
    trained = {e.option.change.employee for e in result.estimates if isinstance(e.option.change, Training)}
    assert "E3" in trained and "E2" not in trained
    chosen = result.chosen[0]
    assert chosen.option.change == Training("E3", {"TIG": 2}, ())
    course = next(c for c in load_courses() if (c.kind, c.code, c.level) == ("skill", "TIG", "2"))
    assert chosen.cost == course.cost + Decimal(str(course.hours)) * Decimal(20)
    assert result.verified is not None and result.verified.extra()["critical"] > 0


def test_a_budget_below_every_training_chooses_nothing():
    extra = [employee("E3", skills={"TIG": 1}, members=("TOLE",))]
    result = recommend(_weeks(extra), hires=0, trainings=1, params=PARAMS, budget=Decimal(100))
    assert result.estimates and result.chosen == [] and result.verified is None


def test_a_negative_count_is_refused():
    with pytest.raises(InvalidInput, match="must not be negative"):
        recommend(_weeks(), hires=-1, trainings=0, params=PARAMS)
