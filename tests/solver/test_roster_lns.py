"""The engine's neighbourhood search: neighbourhoods, and plans that improve and stay compliant."""
import random

import pytest

from test_roster_helpers import shift

from solver.roster import (
    CpSatParams, Demand, Employee, LnsParams, Phases, Problem, Request, Rules, SolveParams, check_employee, solve,
)
from solver.roster.build import build
from solver.roster.search.lns import Neighbourhoods


def _month(n_emp: int = 6, days: int = 14) -> Problem:
    """A small Curtois-like fortnight: two shift types, run rules, totals, cover and wishes."""
    shifts = tuple(shift(f"{k}{d}", d, h, h + 8, type=t)
                   for d in range(days) for t, (k, h) in enumerate((("m", 6), ("e", 14))))
    rules = Rules(max_shifts_per_day=1, max_consecutive_days=4, min_consecutive_days=2,
                  min_consecutive_days_off=2, edge_runs_exempt=True, forbidden_successions=((1, 0),),
                  min_total_minutes=6 * 480, max_total_minutes=9 * 480, max_weekends=1)
    emps = tuple(Employee(f"E{i}", rules, days_off=frozenset({(3 * i) % days})) for i in range(n_emp))
    rng = random.Random(7)
    demands = tuple(Demand(s.id, (s.id,), rng.randint(1, 3), 100, 1) for s in shifts)
    requests = tuple(Request(f"E{i}", (f"m{d}",), rng.randint(1, 3), on=rng.random() < 0.5)
                     for i in range(n_emp) for d in rng.sample(range(days), 3))
    return Problem(days, shifts, emps, demands, requests=requests)


def test_neighbourhoods_free_whole_employees_or_whole_days():
    m = build(_month())
    hood = Neighbourhoods(m)
    rng = random.Random(0)
    values = [0] * len(m.cp.Proto().variables)
    emps = set(hood.emp[hood.free("employees", 2, rng, values)])
    assert len(emps) == 2
    assert hood.free("employees", 2, random.Random(0), values).sum() == sum(hood.emp == e for e in emps).sum()
    days = sorted(set(hood.day[hood.free("days", 3, rng, values)]))
    assert len(days) == 3 and days == list(range(days[0], days[0] + 3))
    assert set(hood.emp[hood.free("days", 3, rng, values)]) == set(range(6))


def test_neighbourhood_search_alone_reaches_the_optimum_of_a_small_problem():
    problem = _month()
    exact = solve(problem, SolveParams(time_limit=20, cp_sat=CpSatParams(workers=2)))
    assert exact.status == "OPTIMAL"
    # lns_share=1: the first run only finds a first plan, then neighbourhoods do all the work
    found = solve(problem, SolveParams(time_limit=6, seed=3, cp_sat=CpSatParams(workers=2), phases=Phases(lns=1.0),
                                       lns=LnsParams(round=0.3)))
    assert found.is_feasible()
    assert found.objective == exact.objective
    assert sum(found.penalties.values()) == found.objective
    for e in problem.employees:
        assert check_employee(problem, e.id, [s for who, s in found.assignments if who == e.id]) == []


def test_neighbourhood_search_after_an_automaton_run_keeps_its_bound():
    problem = _month(n_emp=8)
    result = solve(problem, SolveParams(time_limit=4, runs="automaton", cp_sat=CpSatParams(workers=2),
                                        phases=Phases(lns=0.5)))
    assert result.is_feasible()
    assert result.best_bound is not None and result.best_bound <= result.objective
    assert sum(result.penalties.values()) == result.objective


def test_an_error_in_a_round_reaches_the_caller(monkeypatch):
    from solver.roster.search import lns

    def broken(self, kind, size, rng, values):
        raise RuntimeError("neighbourhood broke")

    monkeypatch.setattr(lns.Neighbourhoods, "free", broken)
    with pytest.raises(RuntimeError, match="neighbourhood broke"):
        solve(_month(), SolveParams(time_limit=3, cp_sat=CpSatParams(workers=2), phases=Phases(lns=1.0)))
