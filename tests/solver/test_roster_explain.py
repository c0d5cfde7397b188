"""why_not and check_employee: plain-Python checks of the engine's hard rules."""
from test_roster_helpers import FAST, shift

from solver.roster import Employee, Problem, Rules, check_employee, solve, why_not
from test_roster_soft import _week_problem


def test_engine_plans_pass_the_plain_python_checks():
    problem = _week_problem()
    result = solve(problem, FAST)
    for e in problem.employees:
        mine = [s for emp, s in result.assignments if emp == e.id]
        assert check_employee(problem, e.id, mine) == []


def test_why_not_names_the_binding_rules():
    shifts = (
        shift("late", 0, 14, 22, location=0), shift("early", 1, 6, 14, location=0),
        shift("pm", 1, 14.25, 18, location=1),
    )
    rules = Rules(min_daily_rest=660, max_days_per_week=1, max_day_minutes=600)
    problem = Problem(2, shifts, (Employee("A", rules),), travel=((0, 30), (30, 0)))
    plan = [("A", "late")]
    assert set(why_not(problem, plan, "A", "early")) == {
        ("daily_rest", "late|early"), ("max_days_per_week", "week0"),
    }
    plan = [("A", "early")]
    assert why_not(problem, plan, "A", "pm") == [
        ("no_overlap_travel", "early|pm"), ("max_day_minutes", "day1"),
    ]
    assert why_not(problem, [], "A", "pm") == []
