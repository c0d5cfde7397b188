"""The soft minimum of minutes over the horizon binds on its own (the review's mutation check found no test)."""
from test_roster_helpers import daily, one, run, taken

from solver.roster import Request, Rules


def test_a_soft_minimum_of_minutes_makes_an_employee_work_when_missing_it_costs_more():
    shifts = daily(2)  # two 8 h shifts, nobody asks for them
    rules = Rules(min_total_minutes=16 * 60, min_total_weight=50, idle_chunk=60)
    dislike = (Request("A", ("s1",), 7, on=False),)
    result = run(shifts, one(rules), demands=(), requests=dislike)
    assert taken(result) == ["s0", "s1"]
    assert result.penalties == {("shift_off_request", "A:s1"): 7}


def test_a_soft_minimum_gives_way_when_missing_it_costs_less():
    shifts = daily(2)
    rules = Rules(min_total_minutes=16 * 60, min_total_weight=1, idle_chunk=60)
    dislike = (Request("A", ("s1",), 20, on=False),)
    result = run(shifts, one(rules), demands=(), requests=dislike)
    assert taken(result) == ["s0"]
    assert result.penalties == {("min_total_minutes", "A"): 8}
