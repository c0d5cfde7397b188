"""Each hard rule of the tender model alone, on tiny cases where the rule binds."""
from dataclasses import replace

import pytest
from ortools.graph.python import max_flow

from solver.tender import (
    Item, Lot, PlanParams, Resource, ResourceWeek, Step, TeamRules, TenderInputError, TenderProblem,
    plan_tender, precheck, random_problem, tiny_problem,
)

FAST = PlanParams(stage_time_limits=(5.0, 5.0, 5.0), workers=1)


def test_a_tiny_tender_is_feasible_and_whole():
    result = plan_tender(tiny_problem(), FAST)
    assert result.is_feasible()
    assert sum(a.units for a in result.allocations if a.step == "weld") == 10
    assert [s.status for s in result.stages] == ["OPTIMAL"] * 3
    last = result.stages[-1]
    assert (result.objective, result.bound, result.gap) == (last.objective, last.bound, 0)


def test_a_step_of_an_unknown_item_is_a_tender_input_error():
    problem = tiny_problem()
    bad = replace(problem, steps=problem.steps + (Step("paint", "I9", "paint", 10),))
    with pytest.raises(TenderInputError, match="Step paint: unknown item 'I9'"):
        plan_tender(bad, FAST)


def test_capacity_and_overtime_limits_hold():
    result = plan_tender(tiny_problem(quantity=30, capacity=600, overtime=120), FAST)
    assert result.loads
    for load in result.loads:
        assert load.load_minutes <= load.regular_capacity + load.overtime_capacity
    # Two steps that each fit a week share it: the cheap resource could cut all 10 units in its 600
    # minutes, or weld them, not both (the bound of one step alone is already in its variables).
    cheap = Resource("X1", "X", frozenset({"cut", "weld"}), rate_cents=1000)
    dear = Resource("Y1", "Y", frozenset({"cut", "weld"}), rate_cents=9000)
    steps = (Step("cut", "I1", "cut", 60), Step("weld", "I1", "weld", 60, predecessors=("cut",)))
    problem = TenderProblem(1, (cheap, dear), (ResourceWeek("X1", 0, 600), ResourceWeek("Y1", 0, 600)),
                            (Lot("L1", 0, 0),), (Item("I1", "L1", 10),), steps)
    result = plan_tender(problem, FAST)
    assert result.is_feasible()
    assert {load.resource: load.load_minutes for load in result.loads} == {"X1": 600, "Y1": 600}


def _one_step(capacities: dict, quantity: int = 8, **step) -> TenderProblem:
    """One item of 60-minute units through one step, due in week 0. ``capacities`` maps ``member/resource``
    to its minutes in week 0, or to a tuple of minutes per week.

    Rates rise with the member's letter (A cheapest), so that the cost stage fills A first.
    """
    weekly = {key: m if isinstance(m, tuple) else (m,) for key, m in capacities.items()}
    resources = tuple(Resource(key, key.split("/")[0], frozenset({"cut"}), rate_cents=1000 * (1 + ord(key[0]) - 65))
                      for key in weekly)
    caps = tuple(ResourceWeek(key, w, m) for key, ms in weekly.items() for w, m in enumerate(ms) if m)
    return TenderProblem(max(map(len, weekly.values())), resources, caps, (Lot("L1", 0, 0),),
                         (Item("I1", "L1", quantity),), (Step("cut", "I1", "cut", 60, **step),))


def _units_by(result, field: str) -> dict[str, int]:
    assert result.is_feasible()
    out: dict[str, int] = {}
    for a in result.allocations:
        out[getattr(a, field)] = out.get(getattr(a, field), 0) + a.units
    return out


def test_units_never_made_are_counted_as_missing_hours_in_the_service_stage():
    # 30 units in two weeks: welding (90 minutes a unit, one week after cutting elsewhere) cannot keep up.
    result = plan_tender(tiny_problem(quantity=30, weeks=2, due=1), FAST)
    welded = sum(a.units for a in result.allocations if a.step == "weld")
    missing = {subject: value for stage, rule, subject, _, value in result.explanation if rule == "missing_hours"}
    assert 0 < welded < 30 and result.lots[0].missing_units == 30 - welded
    assert missing.get("weld") == 30 - welded


def test_a_resource_week_pays_its_setup_and_makes_at_least_the_minimum_batch():
    # Alone, the cheap resource A/1 makes 5 of the 8 units in its 300 minutes and B/1 the other 3.
    capacities = {"A/1": 300, "B/1": 600}
    assert _units_by(plan_tender(_one_step(capacities), FAST), "resource") == {"A/1": 5, "B/1": 3}
    # A 60-minute setup leaves A/1 room for 4 units; a minimum batch of 4 forbids B/1's 3.
    assert _units_by(plan_tender(_one_step(capacities, setup_minutes=60), FAST), "resource") == {"A/1": 4, "B/1": 4}
    assert _units_by(plan_tender(_one_step(capacities, min_batch=4), FAST), "resource") == {"A/1": 4, "B/1": 4}


def test_units_are_delivered_by_the_due_week_even_when_later_weeks_are_cheaper():
    # A/1 (cheap) is free only in week 1, after the due week; B/1 (dear) in week 0.
    result = plan_tender(_one_step({"A/1": (0, 600), "B/1": (600, 0)}), FAST)
    assert _units_by(result, "resource") == {"B/1": 8}
    assert {a.week for a in result.allocations} == {0}


def test_unsplittable_steps_stay_on_one_resource():
    # The cheap resource makes 5 units a week: 8 units split 5 + 3, unless the step is unsplittable.
    capacities = {"A/1": 300, "B/1": 600}
    assert _units_by(plan_tender(_one_step(capacities), FAST), "resource") == {"A/1": 5, "B/1": 3}
    assert _units_by(plan_tender(_one_step(capacities, splittable=False), FAST), "resource") == {"B/1": 8}


def test_a_step_is_shared_by_no_more_members_than_it_allows():
    # A member may use several of its resources: B's two make the 8 units that A and B would share.
    capacities = {"A/1": 300, "B/1": 300, "B/2": 300}
    assert _units_by(plan_tender(_one_step(capacities), FAST), "member") == {"A": 5, "B": 3}
    result = plan_tender(_one_step(capacities, max_members=1), FAST)
    assert _units_by(result, "member") == {"B": 8}
    assert _units_by(result, "resource").keys() == {"B/1", "B/2"}


def test_max_team_size_and_mandataire_are_respected():
    rules = TeamRules(max_size=2, mandataire="D")
    result = plan_tender(tiny_problem(team=rules), FAST)
    assert "D" in result.team and len(result.team) <= 2
    assert result.allocations and {a.member for a in result.allocations} <= set(result.team)


def test_excluded_members_do_no_work():
    result = plan_tender(tiny_problem(team=TeamRules(excluded=frozenset({"A", "C"}))), FAST)
    assert result.is_feasible()  # B (or D) cuts and welds instead
    assert not {a.member for a in result.allocations} & {"A", "C"}


def test_coordination_cost_keeps_the_team_small():
    result = plan_tender(tiny_problem(coordination_cents=10_000_000), FAST)
    assert len(result.team) == 1  # B or D can do both steps alone


def test_an_expired_certificate_does_not_count_that_week():
    # C, the cheaper welder, holds EN1090 to week 1: it welds until then, and D after.
    result = plan_tender(tiny_problem(weld_certificate=True, certificate_last_week=1), FAST)
    weeks_of = {m: {a.week for a in result.allocations if a.member == m and a.step == "weld"} for m in "CD"}
    assert weeks_of["C"] and weeks_of["D"] and max(weeks_of["C"]) <= 1 < min(weeks_of["D"])
    assert result.is_feasible()


def test_precheck_reports_a_step_without_eligible_resource():
    problem = tiny_problem(weld_certificate=True, certificate_last_week=0,
                           team=TeamRules(excluded=frozenset({"D"})))
    issues = precheck(problem)
    assert any(i.check == "process_hours" and i.subject == "weld" for i in issues)


def _hand_offs_fit(result, s, t, lag):
    """Max flow: every unit of t (member q, week w) matched to a unit of s at q by w or elsewhere by w - lag."""
    supply = [(a.member, a.week, a.units) for a in result.allocations if a.step == s]
    demand = [(a.member, a.week, a.units) for a in result.allocations if a.step == t]
    flow = max_flow.SimpleMaxFlow()
    source, sink = 0, 1 + len(supply) + len(demand)
    for i, (p, w1, n) in enumerate(supply):
        flow.add_arc_with_capacity(source, 1 + i, n)
        for j, (q, w2, _) in enumerate(demand):
            if w1 <= w2 - (0 if p == q else lag):
                flow.add_arc_with_capacity(1 + i, 1 + len(supply) + j, n)
    for j, (_, _, n) in enumerate(demand):
        flow.add_arc_with_capacity(1 + len(supply) + j, sink, n)
    assert flow.solve(source, sink) == max_flow.SimpleMaxFlow.OPTIMAL
    return flow.optimal_flow() == sum(n for _, _, n in demand)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_precedence_and_transfer_lags_hold_in_every_plan(seed):
    problem = random_problem(seed, members=5, items=2, weeks=8, processes=3)
    result = plan_tender(problem, PlanParams(stages=(1, 2), stage_time_limits=(2.0, 1.0, 0.0)))
    steps = {s.id: s for s in problem.steps}
    arcs = [(s, t.id, steps[s].transfer_lag_weeks) for t in problem.steps for s in t.predecessors]
    assert any(lag for _, _, lag in arcs) and result.allocations
    for s, t, lag in arcs:
        assert _hand_offs_fit(result, s, t, lag), (s, t)


def test_a_two_week_lag_delays_the_hand_off():
    result = plan_tender(tiny_problem(quantity=5, lag=2, weeks=6, due=5), FAST)
    cut_weeks = {a.member: a.week for a in result.allocations if a.step == "cut"}
    welds = [a for a in result.allocations if a.step == "weld"]
    assert cut_weeks and welds
    for a in welds:
        assert any(a.week >= w + (0 if m == a.member else 2) for m, w in cut_weeks.items())


def test_params_load_from_a_json_file(tmp_path):
    path = tmp_path / "params.json"
    path.write_text('{"stage_time_limits": [1, 2, 3], "workers": 2, "solver_parameters": [["linearization_level", 2]]}')
    params = PlanParams.from_file(path)
    assert params.stage_time_limits == (1, 2, 3) and params.workers == 2
    assert params.solver_parameters == (("linearization_level", 2),)


def test_the_explanation_reads_the_cost_terms_back():
    result = plan_tender(tiny_problem(coordination_cents=1000), FAST)
    rules = {rule for stage, rule, *_ in result.explanation if stage == 2}
    assert {"labour", "setup", "coordination"} <= rules
    assert result.stages[1].objective == result.costs.total_cents
