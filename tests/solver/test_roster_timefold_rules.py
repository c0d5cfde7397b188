"""Rules added for Timefold's employee-scheduling model: hard cover, the balance term, the conflict
cliques and the first plan without the balance term."""
import math
import random

from test_roster_helpers import FAST, daily, shift

from solver.roster import Balance, Cost, CpSatParams, Demand, Employee, Problem, Phases, Rules, SolveParams, solve
from solver.roster.index import Index
from solver.roster.rules_hard import rest_cliques


def _pair(shifts, demands, costs=(), balance=None, rules=Rules()):
    emps = (Employee("A", rules), Employee("B", rules))
    return Problem(max(s.day for s in shifts) + 1, tuple(shifts), emps, tuple(demands), costs=tuple(costs),
                   balance=balance)


def test_a_hard_minimum_covers_a_shift_that_costs_more_than_its_soft_weight():
    shifts = daily(1)
    costs = (Cost("A", "s0", 50), Cost("B", "s0", 60))
    soft = _pair(shifts, [Demand("s0", ("s0",), 1, under_weight=10)], costs)
    hard = _pair(shifts, [Demand("s0", ("s0",), 1, under_weight=10, hard_min=True)], costs)
    assert solve(soft, FAST).assignments == ()
    assert solve(hard, FAST).assignments == (("A", "s0"),)


def test_a_hard_minimum_that_cannot_be_met_makes_the_problem_infeasible():
    shifts = [shift("a", 0, 8, 16), shift("b", 0, 9, 17)]
    p = Problem(1, tuple(shifts), (Employee("A", Rules(max_shifts_per_day=1)),),
                tuple(Demand(s.id, (s.id,), 1, hard_min=True) for s in shifts))
    assert solve(p, FAST).status == "INFEASIBLE"


def test_balance_spreads_shifts_and_is_priced_exactly():
    # four shifts, each cheaper for A by 1; the balance (resolution 100) outweighs it: 2 and 2
    shifts = daily(4)
    demands = [Demand(s.id, (s.id,), 1, hard_min=True, hard_max=True) for s in shifts]
    costs = [Cost("B", s.id, 1) for s in shifts]
    lopsided = solve(_pair(shifts, demands, costs), FAST)
    assert [e for e, _ in lopsided.assignments] == ["A"] * 4
    fair = solve(_pair(shifts, demands, costs, Balance(1, 100)), FAST)
    assert sorted(e for e, _ in fair.assignments) == ["A", "A", "B", "B"]
    assert ("balance", "shifts per employee") not in fair.penalties  # zero penalties are omitted
    assert fair.objective == 2


def test_balance_penalty_is_the_ceiling_of_the_scaled_root():
    # three shifts for two employees: counts 2 and 1, u = sqrt(5 - 9/2) = sqrt(0.5)
    shifts = daily(3)
    demands = [Demand(s.id, (s.id,), 1, hard_min=True, hard_max=True) for s in shifts]
    for r in (1, 7, 1000):
        result = solve(_pair(shifts, demands, balance=Balance(3, r)), FAST)
        assert result.objective == 3 * math.ceil(r * math.sqrt(0.5))


def test_balance_over_chosen_employees_ignores_the_others():
    shifts = daily(2)
    demands = [Demand(s.id, (s.id,), 1, hard_min=True, hard_max=True) for s in shifts]
    emps = (Employee("A"), Employee("B"), Employee("C", eligible=frozenset()))
    costs = (Cost("B", "s0", 1), Cost("B", "s1", 1))
    p = Problem(2, shifts, emps, tuple(demands), costs=costs, balance=Balance(10, 10, ("A", "B")))
    assert sorted(e for e, _ in solve(p, FAST).assignments) == ["A", "B"]


def test_rest_cliques_forbid_exactly_the_pairs_too_close_on_different_days():
    rng = random.Random(3)
    for _ in range(20):
        shifts = tuple(
            shift(f"s{d}-{k}", d, h, h + rng.choice((4, 8, 10)))
            for d in range(4) for k, h in enumerate(rng.sample((0, 6, 9, 14, 18, 22), 4))
        )
        p = Problem(4, shifts, (Employee("A", Rules(max_shifts_per_day=1, min_daily_rest=rng.choice((600, 660)))),))
        ix = Index(p)
        pairs = [(a, b) for a, b, rid in ix.conflicts(0) if rid == "daily_rest"]
        cross = {frozenset(x) for x in pairs}
        covered = set()
        for clique in rest_cliques(shifts, ix.by_day[0], p.employees[0].rules.min_daily_rest):
            for i, a in enumerate(clique):
                for b in clique[i + 1:]:
                    if shifts[a].day != shifts[b].day:
                        assert frozenset((a, b)) in cross  # never forbids a compatible pair
                        covered.add(frozenset((a, b)))
        assert covered == cross


def test_linear_first_plan_is_kept_and_priced_with_the_balance():
    shifts = daily(6)
    demands = [Demand(s.id, (s.id,), 1, hard_min=True, hard_max=True) for s in shifts]
    costs = [Cost("B", s.id, 1) for s in shifts]
    p = _pair(shifts, demands, costs, Balance(1, 100))
    result = solve(p, SolveParams(time_limit=5, cp_sat=CpSatParams(workers=1), phases=Phases(linear=0.3)))
    assert result.is_feasible()
    counts = sorted(sum(1 for e, _ in result.assignments if e == who) for who in "AB")
    assert counts == [3, 3] and result.objective == 3
