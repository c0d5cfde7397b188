"""Estimates on the changed people alone (sharing.forecast.focused): the same gains as the full what-if
on a planted shortage, weeks without a place the option brings are not solved (and lose nothing by it),
a training counts only the places it opens, and the same inputs give the same answer."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_allocation_fixtures import SITES, WEEK, employee, group, request

from consortium.errors import InvalidInput
from sharing.allocation import AllocationParams
from sharing.forecast import focused
from sharing.forecast.focused import estimate
from sharing.forecast.whatif import Hire, Training, baseline, what_if
from sharing.plans import Plan

PARAMS = AllocationParams(time_limit=1, seed=0, workers=1, deterministic=True)
WEEKS = [WEEK.shift(-2), WEEK.shift(-1), WEEK]


def _week(k: int, extra=(), tole=(0, 2)):
    """Critical TIG requests at ACIER every week and at TOLE (40 km away) in the weeks `tole`, Monday
    to Wednesday; E1, the only welder, lives near ACIER and can be in one place only."""
    offset = 7 * (k - 2)
    places = ("ACIER", "TOLE") if k in tole else ("ACIER",)
    requests = [request(f"R-{place}-{k}{d}", offset + d, "08:00", "16:00", member=place, priority="critical")
                for place in places for d in range(3)]
    return WEEKS[k], group([employee("E1"), *extra], requests)


def _hire(skill: str, near: str = "TOLE", code: str = "NEW01") -> Hire:
    lat, lon = SITES[near]
    return Hire({skill: 2 if skill == "TIG" else 1}, (), lat, lon, 35, Decimal(20), code=code)


@pytest.fixture
def solves(monkeypatch):
    """The weeks the estimate solved."""
    seen: list[str] = []

    def counting(group, week, **kw):
        seen.append(str(week))
        return real(group, week, **kw)

    real = focused.allocate_week
    monkeypatch.setattr(focused, "allocate_week", counting)
    return seen


def test_a_hire_near_the_short_site_gains_what_the_full_what_if_measures():
    weeks = [_week(k) for k in range(3)]
    base = baseline(weeks, PARAMS)
    alone = estimate(weeks, _hire("TIG"), PARAMS, base_plans=base)
    full = what_if(weeks, _hire("TIG"), PARAMS, base_plans=base)
    assert alone.extra()["critical"] == full.extra()["critical"] == 48
    assert [w.extra_by_request for w in alone.weeks] == [w.extra_by_request for w in full.weeks]
    assert alone.violations() == 0 and alone.billable() == full.billable()


def test_a_week_without_a_place_the_option_brings_is_not_solved(solves):
    # week 1 asks nothing at TOLE: E1 fills ACIER, nothing is open, so the hire cannot gain there
    weeks = [_week(k) for k in range(3)]
    result = estimate(weeks, _hire("TIG"), PARAMS)
    assert solves == [str(WEEKS[0]), str(WEEKS[2])]
    assert result.weeks[1].extra == {"critical": 0, "normal": 0, "optional": 0}
    assert [w.extra for w in result.weeks] == [w.extra for w in what_if(weeks, _hire("TIG"), PARAMS).weeks]


def test_a_hire_of_an_unrelated_skill_is_never_solved_and_gains_nothing(solves):
    result = estimate([_week(k) for k in range(3)], _hire("FORKLIFT"), PARAMS)
    assert solves == [] and result.extra() == {"critical": 0, "normal": 0, "optional": 0}
    assert sum(w.person_hours for w in result.weeks) == 0 and result.employment_cost() == Decimal("2100.00")


def test_a_training_counts_only_the_places_it_opens():
    # with an empty baseline every place is open; E3 (TIG:1, TOLE only) could already take the TIG:1
    # request: only the TIG:2 ones are the training's gain
    e3 = employee("E3", skills={"TIG": 1}, members=("TOLE",), near="TOLE")
    requests = [request("R-TIG1", 0, "08:00", "16:00", member="TOLE", min_level=1, priority="critical"),
                request("R-TIG2", 1, "08:00", "16:00", member="TOLE", min_level=2, priority="critical")]
    weeks = [(WEEK, group([e3], requests))]
    empty = [Plan(week=str(WEEK))]
    result = estimate(weeks, Training("E3", {"TIG": 2}, ()), PARAMS, base_plans=empty)
    assert result.weeks[0].extra_by_request == {"R-TIG2": 8}
    assert result.weeks[0].person_hours == 8 and result.violations() == 0


def test_a_hire_never_reduces_the_filled_hours_and_the_same_inputs_give_the_same_answer():
    extra = [employee("E2", weekly_hours=20, skills={"TIG": 2})]
    weeks = [_week(k, extra, tole=(0, 1, 2)) for k in range(3)]
    two = (_hire("TIG", near="ACIER"), _hire("TIG", code="NEW02"))
    first = estimate(weeks, two, PARAMS)
    assert all(sum(w.variant.values()) >= sum(w.baseline.values()) for w in first.weeks)
    assert estimate(weeks, two, PARAMS) == first


def test_the_same_person_twice_is_refused():
    with pytest.raises(InvalidInput, match="distinct"):
        estimate([_week(0)], (_hire("TIG"), _hire("TIG", near="ACIER")), PARAMS)


def test_after_a_week_that_gained_a_trainees_pins_are_checked_even_without_a_new_place(solves):
    # week 0: a TIG:2 place E3 fills once trained; week 1: only a TIG:1 request, E3's in the baseline
    e3 = employee("E3", skills={"TIG": 1}, members=("TOLE",), near="TOLE")
    first = [request("R-A", -7, "08:00", "16:00", member="TOLE", min_level=2, priority="critical")]
    second = [request("R-B", 0, "08:00", "16:00", member="TOLE", min_level=1, priority="critical")]
    weeks = [(WEEKS[1], group([e3], first)), (WEEKS[2], group([e3], second))]
    result = estimate(weeks, Training("E3", {"TIG": 2}, ()), PARAMS)
    assert solves == [str(WEEKS[1]), str(WEEKS[2])]
    assert result.weeks[0].extra_by_request == {"R-A": 8} and result.weeks[1].extra_by_request == {}
    assert result.weeks[1].variant == result.weeks[1].baseline and result.violations() == 0
