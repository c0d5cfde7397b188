"""More capacity never hurts; fewer certificates never help (on cases solved to optimality)."""
from dataclasses import replace

import pytest

from solver.tender import PlanParams, ResourceWeek, plan_tender, random_problem, tiny_problem

PARAMS = PlanParams(stages=(1, 2), stage_time_limits=(10.0, 10.0, 0.0), workers=1)


def _more_capacity(problem, minutes):
    return replace(problem, capacities=tuple(
        ResourceWeek(c.resource, c.week, c.available_minutes + minutes, c.max_overtime_minutes,
                     c.committed_minutes) for c in problem.capacities))


def _solve(problem):
    result = plan_tender(problem, PARAMS)
    assert all(s.status == "OPTIMAL" for s in result.stages)
    return result


@pytest.mark.parametrize("problem", [
    tiny_problem(quantity=30, due=2, capacity=600, overtime=60),
    tiny_problem(quantity=12, due=3, capacity=400),
    random_problem(4, members=4, items=2, weeks=6, processes=2, load=0.2),
], ids=["tight", "loose", "random"])
def test_adding_capacity_never_increases_missing_hours_or_cost(problem):
    base, more = _solve(problem), _solve(_more_capacity(problem, 300))
    assert more.stages[0].objective <= base.stages[0].objective
    assert more.missing_minutes() <= base.missing_minutes() or more.stages[0].objective < base.stages[0].objective
    if more.stages[0].objective == base.stages[0].objective:
        assert more.stages[1].objective <= base.stages[1].objective


def test_removing_a_certificate_never_decreases_missing_hours():
    problem = tiny_problem(quantity=40, due=3, capacity=900, weld_certificate=True)
    fewer = replace(problem, certificates=tuple(c for c in problem.certificates if c.member != "C"))
    base, less = _solve(problem), _solve(fewer)
    assert less.stages[0].objective >= base.stages[0].objective
    assert less.missing_minutes() >= base.missing_minutes()
    assert less.missing_minutes() > 0
