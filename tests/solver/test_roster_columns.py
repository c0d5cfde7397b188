"""Column generation over whole employee schedules (`Phases.columns`): a valid, tight bound and a plan."""
import time
from dataclasses import replace

import pytest
from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model
from test_roster_helpers import shift

from benchmarks.curtois import to_problem
from benchmarks.curtois_format import curtois_dir, read_instance
from benchmarks.curtois_score import score
from solver.roster import (
    Balance, Consistency, CpSatParams, Demand, Employee, Group, Phases, Problem, Request, Rules, SolveParams, solve,
)
from solver.roster.build import build
from solver.roster.search import columns, pricing
from solver.roster.search.run import price
from solver.roster.search.columns import column_plan, separable

ONE = SolveParams(time_limit=20, cp_sat=CpSatParams(workers=1))


def _ward(days: int = 7, people: int = 4, **kw) -> Problem:
    """Two shift types a day, each wanted by 1 or 2 people; runs, weekends and wishes per employee."""
    shifts = tuple(shift(f"{t}d{d}", d, 6 + 8 * t, 14 + 8 * t, type=t) for d in range(days) for t in range(2))
    rules = Rules(max_shifts_per_day=1, max_consecutive_days=3, min_consecutive_days_off=2, max_weekends=1,
                  max_total_minutes=4 * 480, min_total_minutes=2 * 480, forbidden_successions=((1, 0),))
    emps = tuple(Employee(f"E{i}", rules) for i in range(people))
    demands = tuple(Demand(s.id, (s.id,), 1 + (s.day % 3 == 0), 50, 3) for s in shifts)
    requests = (Request("E0", ("0d2", "1d2"), 7, on=False), Request("E1", ("0d4",), 5))
    return Problem(days, shifts, emps, demands, requests=requests, **kw)


def _optimum(p: Problem) -> float:
    exact = solve(p, SolveParams(time_limit=30, cp_sat=CpSatParams(workers=2), runs="automaton"))
    assert exact.status == "OPTIMAL"
    return exact.objective


def test_the_bound_never_passes_the_proved_optimum_and_the_dive_plan_is_feasible():
    for people in (3, 4, 5):
        p = _ward(people=people)
        found = column_plan(p, ONE, time.monotonic() + 20)
        best = _optimum(p)
        assert found.bound is not None and found.bound <= best
        assert found.lp <= best + 1e-6
        priced = solve(p, SolveParams(time_limit=5, cp_sat=CpSatParams(workers=1), phases=Phases(lns=1.0)),
                       hint=found.plan)
        assert priced.is_feasible() and priced.objective >= best


def test_the_bound_on_curtois_instance3_is_its_proved_optimum():
    inst = read_instance(curtois_dir() / "Instance3.txt")
    found = column_plan(to_problem(inst), ONE, time.monotonic() + 30)
    # 1001 is proved optimal; CP-SAT's compact model starts far below it (its LP bound)
    assert found.bound == 1001
    cost, bad = score(inst, dict(((e, int(s.split(":")[0])), s.split(":")[1]) for e, s in found.plan))
    assert not bad and cost >= 1001


def test_the_phase_gives_its_bound_to_the_result_and_the_search_stops_at_it():
    inst = read_instance(curtois_dir() / "Instance2.txt")
    params = SolveParams(time_limit=120, cp_sat=CpSatParams(workers=2), phases=Phases(columns=0.3, lns=1.0))
    result = solve(to_problem(inst), params)
    assert result.best_bound == 828 and result.objective == 828 and result.status == "OPTIMAL"
    # stopped at the proof: without it the search runs to the limit (the phase alone is given 36 s)
    assert result.runtime < 0.3 * params.time_limit
    without = solve(to_problem(inst), replace(params, time_limit=3, phases=Phases(lns=1.0)))
    assert without.best_bound is None or without.best_bound < 828


def test_a_hard_minimum_of_cover_is_met_by_the_dive():
    p = _ward(people=5)
    p = replace(p, demands=tuple(replace(d, hard_min=True) if d.id == "0d1" else d for d in p.demands))
    found = column_plan(p, ONE, time.monotonic() + 20)
    assert sum(1 for _, s in found.plan if s == "0d1") >= 1
    assert found.bound <= _optimum(p)


def test_no_bound_is_claimed_when_one_employee_has_no_pricing_bound(monkeypatch):
    real = columns.Pricer.solve

    def blind(self, price, time_limit, seed=0):
        got = real(self, price, time_limit, seed)
        return replace(got, bound=None) if self.m.problem.employees[0].id == "E0" else got

    monkeypatch.setattr(columns.Pricer, "solve", blind)
    found = column_plan(_ward(), ONE, time.monotonic() + 20)
    assert found.bound is None and found.plan


class _StoppedAtOnce(cp_model.CpSolver):
    """CP-SAT stopped before its search begins (a pricing solve started at the phase's deadline)."""

    def solve(self, model, callback=None):
        self.parameters.max_time_in_seconds = 1e-9
        return super().solve(model, callback)


def test_a_pricing_stopped_before_its_search_claims_no_bound_above_the_best_schedule(monkeypatch):
    # at these prices every schedule's reduced cost is below 0; CP-SAT stopped at once reports a bound of
    # 0 (its response's default), which lifted the Lagrangian bound of Curtois Instance8 to 3927 against
    # an LP of 1301 once, and would have been added to the model as a cut
    p = _ward()
    prices = {si: 5 * pricing.SCALE for si in range(len(p.shifts))}
    best = pricing.Pricer(p, 0).solve(prices, 10.0)
    assert best.found and best.bound is not None and best.bound < 0
    assert best.bound == min(cost * pricing.SCALE - sum(prices[si] for si in col) for col, cost in best.found)
    monkeypatch.setattr(pricing.cp_model, "CpSolver", _StoppedAtOnce)
    stopped = pricing.Pricer(p, 0).solve(prices, 10.0)
    assert not stopped.found and stopped.bound is not None and stopped.bound <= best.bound


def test_a_run_stopped_before_its_search_reports_a_bound_no_higher_than_the_optimum(monkeypatch):
    from solver.roster import Cost
    from solver.roster.search import run

    p = _ward(costs=tuple(Cost(f"E{i}", s.id, -20) for i in range(4) for s in _ward().shifts))
    best = solve(p, SolveParams(time_limit=20, cp_sat=CpSatParams(workers=2)))
    assert best.status == "OPTIMAL" and best.objective < 0
    monkeypatch.setattr(run.cp_model, "CpSolver", _StoppedAtOnce)
    stopped = solve(p, SolveParams(time_limit=20, cp_sat=CpSatParams(workers=2)))
    assert stopped.status == "UNKNOWN" and stopped.best_bound is not None and stopped.best_bound <= best.objective


@pytest.mark.parametrize("coupling, reason", [
    ({"consistency": (Consistency("c", ("0d0", "0d1"), 3),)}, "consistency"),
    ({"groups": (Group(0, 1.0),), "fairness_weight": 5}, "fairness"),
    ({"balance": Balance(weight=2)}, "balance"),
])
def test_problems_whose_employees_meet_beyond_the_demands_are_not_split(coupling, reason):
    p = _ward(**coupling)
    assert reason in separable(p)
    assert column_plan(p, ONE, time.monotonic() + 5) is None
    assert separable(_ward()) is None


def test_a_master_lp_glop_fails_once_is_solved_again_and_one_it_always_fails_drops_the_phase(monkeypatch):
    real = pywraplp.Solver.Solve
    calls = []

    def flaky(self, *args):
        calls.append(1)
        return pywraplp.Solver.ABNORMAL if len(calls) == 1 else real(self, *args)

    monkeypatch.setattr(pywraplp.Solver, "Solve", flaky)
    found = column_plan(_ward(), ONE, time.monotonic() + 20)
    assert found is not None and found.bound is not None and len(calls) > 2
    monkeypatch.setattr(pywraplp.Solver, "Solve", lambda self, *args: pywraplp.Solver.ABNORMAL)
    assert column_plan(_ward(), ONE, time.monotonic() + 5) is None
    result = solve(_ward(), SolveParams(time_limit=4, cp_sat=CpSatParams(workers=1),
                                        phases=Phases(columns=0.3, lns=0.5)))
    assert result.is_feasible()


def test_a_choice_of_schedules_costs_what_the_engine_prices_and_the_integer_master_never_hands_on_worse():
    p = _ward(people=5)
    master = columns.Master(p)
    pricers = [columns.Pricer(p, ei) for ei in range(len(p.employees))]
    columns._generate(master, pricers, ONE, time.monotonic() + 10)
    _, dive = columns._dive(master)
    first = {ei: 0 for ei, cols in enumerate(master.columns) if cols}
    m = build(p)
    for chosen in (dive, first):
        plan = [(p.employees[ei].id, p.shifts[si].id) for ei, ci in chosen.items() for si in master.columns[ei][ci][0]]
        assert columns._cost(master, chosen) == price(m, plan, 5.0, 0, time.monotonic()).objective
    for start in (dive, first):
        chosen = columns._integer_master(master, start, ONE, time.monotonic() + 0.5)
        assert columns._cost(master, chosen) <= columns._cost(master, start)
