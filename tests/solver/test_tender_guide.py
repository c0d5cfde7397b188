"""The cost stage's LP guidance: the MIP reading of the model, the proven bound and the restricted plan."""
import pytest
from ortools.sat.python import cp_model

from solver.tender import PlanParams, mip_yardstick, plan_tender, random_problem, tiny_problem
from solver.tender.greedy import greedy_units
from solver.tender.guide import lp_bound
from solver.tender.index import build_index
from solver.tender.model import TenderModel
from solver.tender.mip import NotLinear, as_mip, solve_mip
from solver.tender.objectives import cost_terms
from solver.tender.stages import _complete_hint, _keep, solve_stages

EXACT = PlanParams(stages=(1, 2), stage_time_limits=(10.0, 20.0, 0.0), workers=1)


def _cost_stage(problem):
    """The cost stage's model after stage 1, as ``solve_stages`` builds it."""
    ix = build_index(problem)
    solved = solve_stages(ix, PlanParams(stages=(1,), stage_time_limits=(10.0, 0.0, 0.0), workers=1))
    tm = solved.model
    _keep(tm, solved.terms[1], int(round(solved.solver.objective_value)), 1, EXACT)
    tm.m.minimize(cost_terms(tm, EXACT).expr())
    return ix, tm


@pytest.mark.parametrize("problem", [tiny_problem(quantity=20, coordination_cents=1000),
                                     tiny_problem(quantity=30, capacity=900, overtime=120, lag=0)],
                         ids=["coordination", "overtime"])
def test_the_mip_reading_has_the_same_optimum_as_cp_sat_and_the_lp_bounds_it(problem):
    _, tm = _cost_stage(problem)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(tm.m) == cp_model.OPTIMAL
    mip = solve_mip(as_mip(tm.m.proto), 20.0)
    assert mip.reason == "OPTIMAL" and mip.objective == pytest.approx(solver.objective_value)
    bound, _ = lp_bound(tm)
    assert bound is not None and bound <= solver.objective_value


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_links_and_cuts_accept_every_plan_the_rules_allow(seed):
    # The greedy plan is built from the rules alone (capacity, release, batches, lags): the model, with its
    # tightened links and its team and hand-off cuts, must accept it.
    ix = build_index(random_problem(seed, members=10, items=3, weeks=8, processes=4, load=0.5))
    tm = TenderModel(ix, True)
    tm.m.minimize(cost_terms(tm, EXACT).expr())
    units = greedy_units(ix)
    assert len({ix.member_of(r) for (_, r, _) in units}) > 2  # hand-offs between members, a team
    assert _complete_hint(tm, units, 10.0, EXACT)


def test_the_cost_stage_reports_the_lp_bound_and_a_plan_at_least_as_dear():
    problem = random_problem(2, members=10, items=3, weeks=8, processes=4, load=0.5)
    params = PlanParams(stages=(1, 2), stage_time_limits=(2.0, 1.0, 0.0), workers=1, diagnose=False)
    _, tm = _cost_stage(problem)
    bound, _ = lp_bound(tm)
    cost = plan_tender(problem, params).stages[1]
    assert cost.bound is not None and cost.objective is not None
    assert bound / 60 <= cost.bound <= cost.objective


def test_without_the_guide_the_cost_stage_still_solves_small_cases_exactly():
    guided = plan_tender(tiny_problem(quantity=20), EXACT)
    plain = plan_tender(tiny_problem(quantity=20), PlanParams(stages=(1, 2), stage_time_limits=(10.0, 20.0, 0.0),
                                                               workers=1, lp_guide=False))
    assert [s.status for s in guided.stages] == [s.status for s in plain.stages] == ["OPTIMAL"] * 2
    assert guided.stages[1].objective == plain.stages[1].objective


def test_a_model_with_an_enforced_constraint_is_not_read_as_a_mip():
    m = cp_model.CpModel()
    x, b = m.new_int_var(0, 5, "x"), m.new_bool_var("b")
    m.add(x >= 3).only_enforce_if(b)
    with pytest.raises(NotLinear, match="enforced"):
        as_mip(m.proto)


def test_the_yardstick_solves_the_cost_stage_of_a_tiny_tender_to_the_engines_optimum():
    problem = tiny_problem(quantity=20, coordination_cents=1000)
    y = mip_yardstick(problem, 20.0, EXACT)
    assert y is not None and y.reason == "OPTIMAL"
    assert y.lp_cents is not None and y.lp_cents <= y.mip_cents == plan_tender(problem, EXACT).stages[1].objective
    assert sum(a.units for a in y.allocations if a.step == "weld") == 20
