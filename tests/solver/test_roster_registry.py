"""The rule registries, the builder that reads them, and the one status rule."""
import pytest

from test_roster_helpers import daily, one, run, taken, wanted

import solver.roster.build
from solver.roster import HARD_BY_ID, HARD_RULES, SOFT_BY_ID, SOFT_RULES, Result
from solver.roster.result import settle


def test_rule_ids_are_unique_and_the_mappings_follow_the_tuples_read_only():
    assert len(HARD_RULES) == len(HARD_BY_ID) > 0 and len(SOFT_RULES) == len(SOFT_BY_ID) > 0
    assert list(HARD_BY_ID) == [r.id for r in HARD_RULES]
    assert list(SOFT_BY_ID) == [r.id for r in SOFT_RULES]
    with pytest.raises(TypeError):
        HARD_BY_ID["new"] = HARD_RULES[0]  # type: ignore[index]


def test_a_rule_dropped_from_the_builder_no_longer_binds(monkeypatch):
    shifts = daily(2)
    kw = dict(demands=wanted(shifts, under=0, requirement=0, over_weight=5), pinned=(("A", "s1"),))
    assert taken(run(shifts, one(), **kw)) == ["s1"]
    monkeypatch.setattr(solver.roster.build, "HARD_RULES", tuple(r for r in HARD_RULES if r.id != "pinned"))
    assert taken(run(shifts, one(), **kw)) == []


def test_a_priced_plan_is_optimal_only_when_the_bound_reaches_it():
    plan = Result("FEASIBLE", 10.0, 10.0, 0.1, (("A", "s0"),))
    assert settle(plan, 10.0).status == "OPTIMAL"
    assert settle(plan, 7.0).status == "FEASIBLE" and settle(plan, 7.0).best_bound == 7.0
    assert settle(plan, None).status == "FEASIBLE"
    # CP-SAT reports 0 (here 12) when stopped before it had a bound: above the plan, it is no bound
    above = settle(plan, 12.0)
    assert above.status == "FEASIBLE" and above.best_bound is None
