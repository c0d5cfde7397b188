"""The engine's neighbourhood search: neighbourhoods, and plans that improve and stay compliant."""
import random
import time

import pytest

from test_roster_helpers import shift

from solver.roster import (
    CpSatParams, Demand, Employee, LnsParams, Phases, Problem, Request, Rules, SolveParams, check_employee, solve,
)
from solver.roster.build import build
from solver.roster.search.lns import Neighbourhoods, improve


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


def _search(lns: LnsParams):
    from solver.roster.search.lns import _Search

    m = build(_month())
    values = [0] * len(m.cp.Proto().variables)
    return _Search(m, values, 100.0, None, SolveParams(lns=lns), deadline=0.0, on_progress=None, started=0.0)


def test_round_limit_doubles_after_stalls_up_to_its_maximum_and_falls_back_on_a_better_plan():
    search = _search(LnsParams(round=0.5, stall=2, round_max=1.5))
    limits = []
    for better in (False, False, False, False, False, False, True):
        search._escalate(better)
        limits.append(search.round_limit)
    assert limits == [0.5, 1.0, 1.0, 1.5, 1.5, 1.5, 0.5]
    assert search.escalations == 2


def test_without_stall_the_round_limit_never_moves():
    search = _search(LnsParams(round=0.5))
    for _ in range(10):
        search._escalate(False)
    assert search.round_limit == 0.5 and search.escalations == 0


def test_deterministic_rounds_limit_the_work_of_each_neighbourhood(monkeypatch):
    from solver.roster.search import lns

    seen = []
    real = lns.cp_model.CpSolver.solve

    def spy(self, model, *args, **kwargs):
        seen.append((self.parameters.max_deterministic_time, self.parameters.max_time_in_seconds))
        return real(self, model, *args, **kwargs)

    problem = _month()
    monkeypatch.setattr(lns.cp_model.CpSolver, "solve", spy)
    found = solve(problem, SolveParams(time_limit=4, seed=3, cp_sat=CpSatParams(workers=2), phases=Phases(lns=1.0),
                                       lns=LnsParams(round=0.25, deterministic=True)))
    rounds = [s for s in seen if s[0] == 0.25]
    assert rounds, seen
    assert all(wall > 0.25 for _, wall in rounds[:1])  # the wall limit is only the search's end
    assert found.is_feasible() and sum(found.penalties.values()) == found.objective


@pytest.mark.parametrize("lns, field", [
    ({"stall": -1}, "stall"),
    ({"round": 2.0, "round_max": 1.0}, "round_max"),
])
def test_neighbourhood_params_out_of_range_are_refused(lns, field):
    with pytest.raises(ValueError, match=field):
        SolveParams.from_dict({"lns": lns})


def test_phases_handover_out_of_range_is_refused():
    with pytest.raises(ValueError, match="handover_gap"):
        SolveParams.from_dict({"phases": {"handover_gap": 1.5}})


def test_first_run_without_a_good_enough_plan_hands_over_to_the_search_early(monkeypatch):
    import importlib

    solve_module = importlib.import_module("solver.roster.solve")

    calls = []
    real = solve_module.improve

    def spy(m, best, params, on_progress, started, *pool):
        calls.append((time.monotonic() - started, best.status))
        return real(m, best, params, on_progress, started, *pool)

    monkeypatch.setattr(solve_module, "improve", spy)
    problem = _month(n_emp=12, days=28)
    # gap 0: any plan not proved optimal at 10 % of the time is handed over to the search then
    params = SolveParams(time_limit=20, seed=1, cp_sat=CpSatParams(workers=2),
                         phases=Phases(lns=0.5, handover=0.1, handover_gap=0.0), lns=LnsParams(round=0.3))
    result = solve(problem, params)
    assert result.is_feasible() and sum(result.penalties.values()) == result.objective
    assert len(calls) == 1 and calls[0][0] < 6.0, calls  # not at 10 s, the end of the first run's share


@pytest.mark.parametrize("last_gap, limit, stopped", [
    (None, 1.0, True),   # no plan yet: handed over whatever the limit
    (0.5, 1.0, False),   # a plan, gap within the limit: the run keeps its share
    (0.5, 0.2, True),    # a plan, gap above the limit: handed over
    (0.2, 0.2, False),
])
def test_handover_stops_a_run_without_a_plan_or_above_the_gap(last_gap, limit, stopped):
    from solver.roster.search.run import _Handover

    class Solver:
        calls = 0

        def stop_search(self):
            self.calls += 1

    solver = Solver()
    watch = _Handover(solver, limit, None, 0.0)
    watch.last_gap = last_gap
    watch.due()
    assert (watch.stopped, solver.calls) == (stopped, int(stopped))


def test_columns_neighbourhoods_choose_each_drawn_employee_a_pooled_schedule_or_their_own():
    m = build(_month())
    mine = {(ei, si) for ei, si in m.x if si % 3 == 0}
    values = [0] * len(m.cp.Proto().variables)
    for key in mine:
        values[m.x[key].index] = 1
    pool = [set() for _ in range(6)]
    pool[1] = {frozenset({0, 4}), frozenset()}
    hood = Neighbourhoods(m, pool)
    assert "columns" in [k.name for k in hood.kinds()] and "columns" not in [k.name for k in Neighbourhoods(m).kinds()]
    mask, tables = hood.columns(6, random.Random(0), values)
    assert set(hood.emp[mask]) == {1}  # only employees with pooled schedules are drawn
    (variables, rows), = tables
    shifts = [si for (ei, si) in m.x if ei == 1]
    assert variables == [m.x[1, si].index for si in shifts]
    as_sets = {frozenset(si for si, v in zip(shifts, row, strict=True) if v) for row in rows}
    assert as_sets == {frozenset({0, 4}) & set(shifts), frozenset(), frozenset(s for s in shifts if s % 3 == 0)}


def test_the_search_reaches_a_pooled_optimum_through_columns_neighbourhoods_alone(monkeypatch):
    problem = _month(n_emp=5, days=10)
    exact = solve(problem, SolveParams(time_limit=20, cp_sat=CpSatParams(workers=2)))
    assert exact.status == "OPTIMAL"
    m = build(problem)
    ix = m.ix
    pool = [set() for _ in problem.employees]
    for e, s in exact.assignments:
        pool[ix.emp_pos[e]].add(s)
    pool = [{frozenset(ix.shift_pos[s] for s in shifts)} for shifts in pool]
    first = CpSatParams(workers=1, extra=(("stop_after_first_solution", True),))
    start = solve(problem, SolveParams(time_limit=2, cp_sat=first))
    assert start.objective > exact.objective
    real = Neighbourhoods.kinds
    monkeypatch.setattr(Neighbourhoods, "kinds", lambda self: [k for k in real(self) if k.name == "columns"])
    params = SolveParams(time_limit=10, cp_sat=CpSatParams(workers=1), lns=LnsParams(round=1.0))
    found = improve(m, start, params, None, time.monotonic(), pool)
    assert found.objective == exact.objective


def test_remembering_a_plan_gives_the_pool_new_sets_and_leaves_the_ones_being_read_alone():
    m = build(_month())
    pool = [{frozenset()} for _ in range(6)]
    hood = Neighbourhoods(m, pool)
    before = hood.pool[2]
    values = [0] * len(m.cp.Proto().variables)
    mine = [(ei, si) for ei, si in m.x if ei == 2][:3]
    for key in mine:
        values[m.x[key].index] = 1
    hood.remember(values)
    assert before == {frozenset()}  # a thread iterating over it is not disturbed
    assert hood.pool[2] == {frozenset(), frozenset(si for _, si in mine)}
