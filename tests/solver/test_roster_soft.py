"""Soft rules, the penalty collector, determinism, stability, fairness, hints and parameters."""
import json

import pytest

from test_roster_helpers import FAST, daily, one, run, shift, taken, wanted

from solver.roster import (
    Consistency, CpSatParams, Demand, Employee, Group, LnsParams, Phases, Problem, Request, Rules, SolveParams, solve,
)


def _week_problem(n_emp: int = 6, days: int = 7) -> Problem:
    shifts = tuple(
        shift(f"{k}{d}", d, h, h + 8, type=t) for d in range(days) for t, (k, h) in enumerate((("m", 6), ("e", 14)))
    )
    rules = Rules(max_shifts_per_day=1, max_consecutive_days=4, min_consecutive_days_off=2,
                  edge_runs_exempt=True, min_daily_rest=660, forbidden_successions=((1, 0),))
    emps = tuple(Employee(f"E{i}", rules) for i in range(n_emp))
    demands = tuple(Demand(s.id, (s.id,), 2, 10 + s.day, 3) for s in shifts)
    requests = tuple(Request(f"E{i}", (f"m{i}",), 4, on=bool(i % 2)) for i in range(n_emp))
    return Problem(days, shifts, emps, demands, requests=requests)


def test_collector_penalties_add_up_to_the_objective():
    result = solve(_week_problem(), FAST)
    assert result.is_feasible()
    assert sum(result.penalties.values()) == result.objective
    assert set(result.by_rule()) <= {"cover_under", "cover_over", "shift_on_request", "shift_off_request"}


def test_same_seed_and_one_worker_give_the_same_plan():
    params = SolveParams(time_limit=2, seed=3, cp_sat=CpSatParams(workers=1))
    first = solve(_week_problem(), params)
    second = solve(_week_problem(), params)
    assert first.assignments == second.assignments


def test_on_and_off_requests_are_penalised_by_their_weight():
    shifts = daily(2)
    demands = wanted(shifts, under=10)
    reqs = (Request("A", ("s0",), 30, on=False), Request("A", ("s1",), 7, on=False))
    result = run(shifts, one(), demands=demands, requests=reqs)
    assert taken(result) == ["s1"]
    assert result.penalties == {("cover_under", "s0"): 10, ("shift_off_request", "A:s1"): 7}


def test_stability_keeps_the_published_plan_unless_it_is_worth_changing():
    shifts = daily(1)
    people = (Employee("A"), Employee("B"))
    prefer_b = (Request("B", ("s0",), 5),)
    one_only = wanted(shifts, over_weight=50)
    kept = run(shifts, people, one_only, requests=prefer_b, reference=(("A", "s0"),), stability_weight=20)
    assert kept.assignments == (("A", "s0"),)
    moved = run(shifts, people, one_only, requests=prefer_b, reference=(("A", "s0"),), stability_weight=2)
    assert moved.assignments == (("B", "s0"),)
    assert moved.penalties == {("stability", "A:s0"): 2}


def test_fairness_splits_a_shortage_by_entitlement():
    shifts = tuple(shift(f"{g}{i}", 0, 8, 16, group=g) for g in (0, 1) for i in range(3))
    people = tuple(Employee(f"E{i}") for i in range(3))
    demands = tuple(Demand(s.id, (s.id,), 1, 100, group=s.group) for s in shifts)
    groups = (Group(0, 2 / 3), Group(1, 1 / 3))
    result = run(shifts, people, demands=demands, groups=groups, fairness_weight=1)
    got = [sum(1 for _, s in result.assignments if s.startswith(str(g))) for g in (0, 1)]
    assert got == [2, 1]
    carried = (Group(0, 1 / 3), Group(1, 2 / 3, carried_deficit=1.0))
    result = run(shifts, people, demands=demands, groups=carried, fairness_weight=1)
    assert sum(1 for _, s in result.assignments if s.startswith("1")) == 2


def test_consistency_prefers_one_person_for_the_whole_request():
    shifts = daily(3)
    people = (Employee("A"), Employee("B"))
    same = (Consistency("req", tuple(s.id for s in shifts), 5),)
    bias = (Request("A", ("s0",), 1), Request("B", ("s1",), 1), Request("A", ("s2",), 1))
    result = run(shifts, people, requests=bias, consistency=same)
    assert len({e for e, _ in result.assignments}) == 1


def test_idle_contracted_hours_are_penalised_per_chunk():
    shifts = daily(2)
    idle = wanted(shifts, under=0, requirement=0, over_weight=1)
    rules = Rules(min_week_minutes=16 * 60, idle_weight=3, idle_chunk=60)
    result = run(shifts, one(rules), demands=idle)
    assert len(taken(result)) == 2 and result.objective == 2
    result = run(shifts, one(Rules(min_week_minutes=16 * 60, idle_weight=0)), demands=idle)
    assert taken(result) == []


def test_progress_callback_and_hint():
    seen = []
    problem = _week_problem()
    first = solve(problem, FAST)
    again = solve(problem, FAST, hint=first.assignments, on_progress=lambda *a: seen.append(a))
    assert seen and again.objective == first.objective


def test_params_load_from_a_json_file(tmp_path):
    path = tmp_path / "params.json"
    path.write_text(json.dumps({"time_limit": 3, "seed": 7,
                                "cp_sat": {"workers": 1, "extra": {"linearization_level": 2}},
                                "phases": {"lns": 0.5}, "lns": {"round": 0.5}}))
    assert SolveParams.from_file(path) == SolveParams(
        time_limit=3, seed=7, cp_sat=CpSatParams(workers=1, extra=(("linearization_level", 2),)),
        phases=Phases(lns=0.5), lns=LnsParams(round=0.5))


@pytest.mark.parametrize("data, field", [
    ({"time_limit": 0}, "time_limit"),
    ({"cp_sat": {"workers": 0}}, "workers"),
    ({"phases": {"lns": 1.5}}, "lns"),
    ({"phases": {"lns": 0.6, "primal": 0.6}}, "primal \\+ lns"),
    ({"lns": {"round": 0}}, "round"),
    ({"phases": {"cover": 0.1}}, "unknown keys"),
])
def test_params_out_of_range_or_unknown_are_refused_naming_the_field(data, field):
    with pytest.raises(ValueError, match=field):
        SolveParams.from_dict(data)


def test_result_summary_names_rules():
    result = solve(_week_problem(n_emp=2), FAST)
    assert "cover_under" in result.summary()
    assert result.explain()[0][3] == max(result.penalties.values())


def test_first_plan_and_neighbourhood_search_keep_the_collector_in_step():
    params = SolveParams(time_limit=3, seed=1, cp_sat=CpSatParams(workers=1), phases=Phases(lns=0.5, construct=0.2))
    result = solve(_week_problem(n_emp=4, days=14), params)
    assert result.is_feasible()
    assert sum(result.penalties.values()) == result.objective


def test_cover_only_first_phase_is_priced_and_hinted():
    params = SolveParams(time_limit=3, seed=1, cp_sat=CpSatParams(workers=2), phases=Phases(relax=0.3))
    result = solve(_week_problem(n_emp=4, days=14), params)
    assert result.is_feasible()
    assert sum(result.penalties.values()) == result.objective


def test_primal_phase_keeps_bound_and_collector_in_step():
    params = SolveParams(time_limit=3, seed=1, cp_sat=CpSatParams(workers=2), phases=Phases(primal=0.5))
    result = solve(_week_problem(n_emp=4, days=14), params)
    assert result.is_feasible()
    assert sum(result.penalties.values()) == result.objective
    assert result.best_bound is None or result.best_bound <= result.objective
