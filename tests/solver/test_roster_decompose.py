"""Solving a problem's independent parts one by one (`SolveParams.decompose`), and the exact shortfall
of a demand under a hard maximum."""
from dataclasses import replace

from test_roster_helpers import FAST, shift

from solver.roster import decompose
from solver.roster import Consistency, Demand, Employee, Group, Problem, Rules, SolveParams, solve
from solver.roster.build import build
from solver.roster.search.run import price


def _two_trades(**kw) -> Problem:
    """Welders W0-W2 may take the welding shifts w*, cleaners C0-C1 the cleaning shifts c*: two parts."""
    weld = tuple(shift(f"w{d}{k}", d, 6 + 8 * k, 14 + 8 * k, group=0) for d in range(3) for k in range(2))
    clean = tuple(shift(f"c{d}", d, 8, 16, group=1) for d in range(3))
    rules = Rules(max_shifts_per_day=1, min_daily_rest=660)
    emps = tuple(Employee(f"W{i}", rules, eligible=frozenset(s.id for s in weld)) for i in range(3))
    emps += tuple(Employee(f"C{i}", rules, eligible=frozenset(s.id for s in clean)) for i in range(2))
    demands = tuple(Demand(s.id, (s.id,), 2 if s.id == "c1" else 1, 100 + i, hard_max=True, group=s.group)
                    for i, s in enumerate(weld + clean))
    return Problem(3, weld + clean, emps, demands, **kw)


def _names(problem: Problem, parts) -> list[set[str]]:
    return [{problem.employees[e].id for e in p.employees} | {problem.shifts[s].id for s in p.shifts} for p in parts]


def test_components_are_the_trades_and_a_shift_nobody_may_take_is_alone():
    p = _two_trades()
    p = replace(p, shifts=p.shifts + (shift("x0", 0, 8, 16),))
    names = _names(p, decompose.components(p))
    assert len(names) == 3
    assert {"W0", "W1", "W2", "w00", "w21"} <= names[0] and not any(n.startswith("C") for n in names[0])
    assert names[1] == {"C0", "C1", "c0", "c1", "c2"} and names[2] == {"x0"}


def test_a_demand_a_consistency_set_or_a_published_pair_across_trades_joins_them():
    p = _two_trades()
    across = Demand("both", ("w00", "c0"), 1, 5)
    for linked in (replace(p, demands=p.demands + (across,)),
                   replace(p, consistency=(Consistency("same", ("w10", "c1"), 3),)),
                   replace(p, reference=(("W0", "c2"),), stability_weight=7)):
        assert len(decompose.components(linked)) == 1


def test_small_parts_are_batched_and_large_ones_stay_alone():
    parts = [decompose.Part((i,), (i,), n) for i, n in enumerate((500, 30, 20, 0))]
    out = decompose.batches(parts, size=40)
    assert [p.pairs for p in out] == [500, 50, 0]
    assert out[1].employees == (1, 2)


def test_the_decomposed_solve_solves_each_part_and_finds_the_whole_optimum(monkeypatch):
    p = _two_trades()
    whole = solve(p, FAST)
    calls = []
    real = decompose.solve_parts

    def spy(problem, params, parts, *args):
        calls.append(len(parts))
        return real(problem, params, parts, *args)

    monkeypatch.setattr(decompose, "solve_parts", spy)
    monkeypatch.setattr(decompose, "BATCH_PAIRS", 1)  # two parts of 6 and 9 pairs: no batch
    split = solve(p, replace(FAST, decompose=True))
    assert calls == [2]
    assert split.status == "OPTIMAL" and split.objective == whole.objective == split.best_bound
    solve(p, FAST)
    assert calls == [2]  # off by default


def test_fairness_spans_the_parts_it_is_priced_on_the_whole_and_the_bound_stays_below(monkeypatch):
    monkeypatch.setattr(decompose, "BATCH_PAIRS", 1)
    p = _two_trades(groups=(Group(0, 0.5), Group(1, 0.5)), fairness_weight=1)
    p = replace(p, employees=p.employees[:-1])  # one cleaner for four people: the cleaning member is short
    parts = decompose.components(p)
    sub = decompose.sub_problem(p, parts[0])
    assert sub.fairness_weight == 0 and sub.groups == ()
    plan, bound, status = decompose.solve_parts(p, FAST, parts, solve, 5.0, None)
    assert status == "OK"
    split = solve(p, replace(FAST, decompose=True))
    whole = solve(p, FAST)
    assert bound <= whole.objective == split.objective
    assert split.by_rule().get("group_fairness", 0) == whole.by_rule().get("group_fairness", 0) > 0


def test_a_part_that_cannot_keep_its_pins_makes_the_whole_infeasible(monkeypatch):
    monkeypatch.setattr(decompose, "BATCH_PAIRS", 1)
    p = _two_trades(pinned=(("C0", "c0"), ("C0", "c1")), )
    p = replace(p, employees=tuple(replace(e, rules=Rules(max_shifts_per_day=1, max_consecutive_days=1))
                                   for e in p.employees))
    assert solve(p, replace(FAST, decompose=True)).status == "INFEASIBLE"


def test_a_plan_is_priced_on_the_whole_model_with_its_real_shortfalls():
    p = _two_trades(groups=(Group(0, 0.5), Group(1, 0.5)), fairness_weight=1)
    p = replace(p, employees=p.employees[:-1])
    whole = solve(p, FAST)
    priced = price(build(p), list(whole.assignments), 5.0, 0, 0.0)  # the engine's one pricing, which decompose uses
    assert priced.objective == whole.objective and priced.penalties == whole.penalties
    assert priced.penalties[("cover_under", "c1")] == 107  # c1 (weight 107) asks for 2, one is placed


def test_pricing_fixes_each_demand_s_real_shortfall_beside_the_plan(monkeypatch):
    # without the shortfalls fixed, pricing a 1,000-employee plan took over 30 s (the free `over` and the
    # fairness maximum); the hint CP-SAT is given must hold requirement - placed for each demand
    from solver.roster.search import run

    p = _two_trades(groups=(Group(0, 0.5), Group(1, 0.5)), fairness_weight=1)
    p = replace(p, employees=p.employees[:-1])
    whole = solve(p, FAST)
    m = build(p)
    seen = {}

    class Spy(run.cp_model.CpSolver):
        def solve(self, model, *args, **kwargs):
            hint = dict(zip(model.proto.solution_hint.vars, model.proto.solution_hint.values, strict=True))
            seen.update({d: hint.get(v.index) for d, v in m.under.items() if v is not m.zero})
            return super().solve(model, *args, **kwargs)

    monkeypatch.setattr(run.cp_model, "CpSolver", Spy)
    price(m, list(whole.assignments), 5.0, 0, 0.0)
    placed = {s: sum(1 for _, t in whole.assignments if t == s) for s in {s for _, s in whole.assignments}}
    assert seen and seen == {d.id: max(0, d.requirement - sum(placed.get(s, 0) for s in d.shifts))
                             for d in p.demands if d.id in seen}
    assert seen["c1"] == 1  # c1 asks for 2, one is placed


def test_decompose_is_a_solve_parameter_read_from_files():
    assert SolveParams.from_dict({"decompose": True}).decompose is True
    assert SolveParams().decompose is False
