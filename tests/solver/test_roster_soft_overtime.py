"""The weekly overtime price binds on its own: the engine prefers the plan without overtime."""
import pytest

from test_roster_helpers import daily, one, run, shift, taken

from solver.roster import build
from solver.roster import Cost, Demand, Employee, History, Problem, RosterInputError, Rules

THRESHOLD = 35 * 60
FIVE_DAYS = daily(5)  # five 8 h shifts: 40 h for whoever takes them all
PRICED = Rules(overtime_steps=((THRESHOLD, 10),))


def _plan(rules: Rules):
    """A and B may take every shift; B costs 1 a shift, so without a price on overtime A takes all 40 h."""
    staff = (Employee("A", rules), Employee("B", rules))
    dearer_b = tuple(Cost("B", s.id, 1) for s in FIVE_DAYS)
    return run(FIVE_DAYS, staff, costs=dearer_b)


def test_the_engine_prefers_the_plan_without_overtime():
    result = _plan(PRICED)
    assert len(taken(result, "A")) == 4 and len(taken(result, "B")) == 1
    assert result.by_rule() == {"assignment_cost": 1}


def test_without_a_price_either_plan_is_allowed_and_the_cheaper_one_gives_overtime():
    result = _plan(Rules(overtime_steps=((THRESHOLD, 0),)))
    assert taken(result, "A") == [s.id for s in FIVE_DAYS]


def test_dropping_the_rule_from_the_soft_rules_lets_overtime_back(monkeypatch):
    kept = tuple(r for r in build.SOFT_RULES if r.id != "weekly_overtime")
    assert len(kept) == len(build.SOFT_RULES) - 1
    monkeypatch.setattr(build, "SOFT_RULES", kept)
    assert taken(_plan(PRICED), "A") == [s.id for s in FIVE_DAYS]


def test_overtime_is_paid_by_the_started_chunk_and_the_steps_add_up():
    # 46 h: 11 h past 35 h at 2 a chunk, and 3 h past 43 h at 3 more
    shifts = daily(5) + (shift("s5", 5, 8, 14),)
    rules = Rules(overtime_steps=((THRESHOLD, 2), (43 * 60, 3)))
    result = run(shifts, one(rules), demands=tuple(Demand(s.id, (s.id,), 1, 1000) for s in shifts))
    assert len(taken(result)) == 6
    assert result.penalties == {("weekly_overtime", "A:week0"): 11 * 2 + 3 * 3}
    half = daily(4) + (shift("s4", 4, 8, 11.5),)  # 35.5 h: one started hour
    result = run(half, one(Rules(overtime_steps=((THRESHOLD, 7),))))
    assert result.penalties == {("weekly_overtime", "A:week0"): 7}


def test_minutes_worked_before_the_horizon_count_towards_the_threshold():
    history = History(week_minutes_before=32 * 60)
    result = run(daily(1), one(PRICED, history=history), demands=(Demand("s0", ("s0",), 1, 1000),))
    assert result.penalties == {("weekly_overtime", "A:week0"): 5 * 10}


def test_each_civil_week_is_priced_on_its_own():
    shifts = tuple(shift(f"s{d}", d, 8, 16) for d in (*range(5), *range(7, 12)))  # 40 h in each of two weeks
    result = run(shifts, one(PRICED), days=14, demands=tuple(Demand(s.id, (s.id,), 1, 1000) for s in shifts))
    assert result.penalties == {("weekly_overtime", "A:week0"): 50, ("weekly_overtime", "A:week1"): 50}


@pytest.mark.parametrize("rules", [Rules(overtime_steps=((THRESHOLD, -1),)), Rules(overtime_chunk=0)])
def test_a_negative_overtime_weight_or_an_empty_chunk_is_refused(rules):
    with pytest.raises(RosterInputError, match="Employee A.rules: overtime"):
        Problem(1, daily(1), (Employee("A", rules),))
