"""What-if re-runs: a hire near a planted shortage fills it lawfully, an unrelated one gains nothing,
a hire never takes filled hours away, and the same inputs give the same answer."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_allocation_fixtures import SITES, WEEK, employee, group, request

from consortium.errors import InvalidInput, NotFound
from sharing.allocation import AllocationParams
from sharing.forecast.whatif import HIRE_CODE, Hire, Training, apply_change, forecast_params, what_if

PARAMS = AllocationParams(time_limit=1, seed=0, workers=1, deterministic=True)
WEEKS = [WEEK.shift(-2), WEEK.shift(-1), WEEK]


def _week(k: int, extra=()):
    """Week k of WEEKS: critical TIG:2 requests at ACIER and at TOLE (40 km away) on Monday to Wednesday;
    E1, the only welder, lives near ACIER and can be in one place only."""
    offset = 7 * (k - 2)
    requests = [request(f"R-{place}-{k}{d}", offset + d, "08:00", "16:00", member=place, priority="critical")
                for place in ("ACIER", "TOLE") for d in range(3)]
    return WEEKS[k], group([employee("E1"), *extra], [*requests])


def _hire(skill: str, near: str = "TOLE") -> Hire:
    lat, lon = SITES[near]
    return Hire({skill: 2 if skill == "TIG" else 1}, (), lat, lon, 35, Decimal(20))


@pytest.fixture(scope="module")
def tig_hire():
    return what_if([_week(k) for k in range(3)], _hire("TIG"), PARAMS)


def test_a_tig_hire_near_the_short_site_fills_at_least_80_percent_of_its_critical_hours(tig_hire):
    planted = 3 * 3 * 8  # three weeks, Monday to Wednesday, 8 h at TOLE
    assert [w.baseline["critical"] for w in tig_hire.weeks] == [24, 24, 24]  # E1 covers one site only
    assert tig_hire.extra()["critical"] >= 0.8 * planted
    assert tig_hire.violations() == 0


def test_the_hire_reports_utilisation_and_money_at_cost(tig_hire):
    hours = sum(w.person_hours for w in tig_hire.weeks)
    assert hours == tig_hire.extra()["critical"]
    assert tig_hire.utilisation() == pytest.approx(hours / (3 * 35))
    assert tig_hire.billable() == Decimal(str(hours)) * 20 and tig_hire.employment_cost() == Decimal("2100.00")


def test_a_hire_of_an_unrelated_skill_gains_nothing():
    result = what_if([_week(k) for k in range(3)], _hire("FORKLIFT"), PARAMS)
    assert result.extra() == {"critical": 0, "normal": 0, "optional": 0}
    assert sum(w.person_hours for w in result.weeks) == 0


def test_a_hire_never_reduces_the_filled_hours_of_any_week():
    # a busier group: two welders, one part-time, and requests they compete for every week
    extra = [employee("E2", weekly_hours=20, skills={"TIG": 2})]
    result = what_if([_week(k, extra) for k in range(3)], _hire("TIG", near="ACIER"), PARAMS)
    assert len(result.weeks) == 3
    for week in result.weeks:
        assert sum(week.variant.values()) >= sum(week.baseline.values())


def test_the_same_inputs_give_the_same_answer(tig_hire):
    assert what_if([_week(k) for k in range(3)], _hire("TIG"), PARAMS) == tig_hire


def test_training_the_welder_elsewhere_counts_only_his_extra_hours():
    weeks = [_week(k, [employee("E2", skills={"FORKLIFT": 1})]) for k in range(1)]
    result = what_if(weeks, Training("E2", {"TIG": 2}, ()), PARAMS)
    assert result.weeks[0].person_hours == result.extra()["critical"] == 24
    assert result.employment_cost() == 0 and result.violations() == 0


def test_an_unknown_skill_or_employee_is_refused():
    _, g = _week(0)
    with pytest.raises(InvalidInput, match="unknown skill 'WELD'"):
        apply_change(g, Hire({"WELD": 1}, (), 47.8, -0.7, 35, Decimal(20)), WEEKS[0].monday)
    with pytest.raises(NotFound, match="employee E9"):
        apply_change(g, Training("E9", {"TIG": 1}, ()), WEEKS[0].monday)
    assert HIRE_CODE not in {e.code for e in g.employees}


def test_the_forecast_params_keep_the_deterministic_budget_with_a_wide_wall_clock_stop():
    engine = forecast_params(seed=3).engine()
    assert engine.time_limit == 600 and engine.seed == 3 and engine.cp_sat.workers == 1
    assert ("max_deterministic_time", 1.0) in engine.cp_sat.extra
    # the same plan as the allocation's deterministic parameters when the machine is not overloaded
    week = _week(0)
    assert what_if([week], _hire("TIG"), forecast_params()) == what_if([week], _hire("TIG"), PARAMS)
