"""The two encodings of the run rules (clauses and automaton) agree, history and edges included."""
import random
from dataclasses import replace

import pytest
from test_roster_helpers import FAST, daily, one, run, taken, wanted

from solver.roster import (CpSatParams, Demand, Employee, History, Problem, Request, Rules, SolveParams, check_employee,
                           solve)

ENCODINGS = ("clauses", "automaton")


@pytest.mark.parametrize("runs", ENCODINGS)
def test_no_run_longer_than_the_maximum_in_either_encoding(runs):
    result = run(daily(7), one(Rules(max_consecutive_days=3)), params=replace(FAST, runs=runs))
    assert taken(result) == ["s0", "s1", "s2", "s4", "s5", "s6"]


@pytest.mark.parametrize("runs", ENCODINGS)
def test_history_run_counts_against_the_maximum_in_either_encoding(runs):
    emp = one(Rules(max_consecutive_days=3), history=History(days_worked_before=2))
    assert taken(run(daily(3), emp, params=replace(FAST, runs=runs))) in (["s0", "s2"], ["s1", "s2"])


@pytest.mark.parametrize("runs", ENCODINGS)
def test_working_runs_reach_the_minimum_in_either_encoding(runs):
    shifts = daily(5)
    demands = tuple(d if d.id != "s2" else Demand("s2", ("s2",), 1, 100)
                    for d in wanted(shifts, under=0, requirement=0, over_weight=1))
    emp = one(Rules(min_consecutive_days=2), history=History(days_off_before=3))
    result = run(shifts, emp, demands=demands, params=replace(FAST, runs=runs))
    assert len(taken(result)) == 2 and "s2" in taken(result)


@pytest.mark.parametrize("runs", ENCODINGS)
def test_days_off_runs_reach_the_minimum_in_either_encoding(runs):
    shifts = daily(5)
    demands = tuple(d if d.id != "s2" else Demand("s2", ("s2",), 0, 0, 1000) for d in wanted(shifts))
    emp = one(Rules(min_consecutive_days_off=2, edge_runs_exempt=True))
    assert len(taken(run(shifts, emp, demands=demands, params=replace(FAST, runs=runs)))) == 3


def _random_problem(seed: int) -> Problem:
    """One employee, random run rules, history, edge exemption and per-day wishes."""
    rng = random.Random(seed)
    days = rng.randint(6, 12)
    exempt = rng.random() < 0.5
    rules = Rules(
        max_shifts_per_day=1,
        max_consecutive_days=rng.choice([None, 2, 3, 4, 5]),
        min_consecutive_days=rng.choice([None, 2, 3]),
        min_consecutive_days_off=rng.choice([None, 2, 3]),
        edge_runs_exempt=exempt,
    )
    worked, off = rng.choice([(0, 0), (rng.randint(1, 4), 0), (0, rng.randint(1, 3))])
    history = History(days_worked_before=worked, days_off_before=off)
    shifts = daily(days)
    demands = tuple(Demand(s.id, (s.id,), 1, rng.randint(0, 9), rng.randint(0, 9)) for s in shifts)
    requests = tuple(Request("A", (s.id,), rng.randint(1, 9), on=rng.random() < 0.5)
                     for s in shifts if rng.random() < 0.3)
    return Problem(days, shifts, (Employee("A", rules, history),), demands, requests=requests)


@pytest.mark.parametrize("seed", [*range(60), 169, 225])  # 169, 225: contradictory minimum and maximum
def test_both_encodings_find_the_same_optimum_and_a_compliant_plan(seed):
    problem = _random_problem(seed)
    results = [solve(problem, SolveParams(time_limit=5, runs=runs, cp_sat=CpSatParams(workers=1)))
               for runs in ENCODINGS]
    statuses = {r.status for r in results}
    assert statuses in ({"OPTIMAL"}, {"INFEASIBLE"}), [r.summary() for r in results]
    if statuses == {"OPTIMAL"}:
        clauses, automaton = results
        assert round(clauses.objective) == round(automaton.objective)
        for r in results:
            assert check_employee(problem, "A", [s for _, s in r.assignments]) == []


def test_an_unknown_run_encoding_is_refused():
    with pytest.raises(ValueError, match="runs must be"):
        solve(_random_problem(0), SolveParams(time_limit=1, runs="sequence", cp_sat=CpSatParams(workers=1)))
