"""The tender benchmark's independent scorer: the engine's cost, and broken rules found."""
from dataclasses import replace

from benchmarks.tender_score import score
from solver.tender import PlanParams, plan_tender, random_problem, tiny_problem

PARAMS = PlanParams(stage_time_limits=(1.0, 1.0, 0.5), workers=1, diagnose=False)


def test_the_scorer_finds_the_engines_cost_and_flags_only_what_the_engine_reports_short():
    for problem in (tiny_problem(quantity=20, coordination_cents=1000),
                    random_problem(3, members=8, items=2, weeks=8, processes=3, load=0.6)):
        result = plan_tender(problem, PARAMS)
        scored = score(problem, result)
        assert abs(scored.cents - result.costs.total_cents) <= 5  # the engine rounds each cost to the cent
        assert (scored.violations == ()) == result.is_feasible()
        assert all("units made of" in v or "units by week" in v for v in scored.violations)


def test_the_scorer_names_a_week_over_capacity_and_units_not_made():
    problem = tiny_problem(quantity=20)
    result = plan_tender(problem, PARAMS)
    first = result.allocations[0]
    doubled = replace(first, units=first.units + 100)
    tampered = replace(result, allocations=(doubled,) + result.allocations[1:])
    lines = score(problem, tampered).violations
    assert any(f"{first.resource} week {first.week}: load" in v for v in lines)
    assert any(f"{first.step}: {20 + 100} units made of 20" in v for v in lines)
