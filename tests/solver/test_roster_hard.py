"""One small binding case per hard rule: each test fails if its rule is removed."""
from test_roster_helpers import daily, one, run, shift, taken, wanted

from solver.roster import Cost, Demand, Employee, History, Rules


def test_an_employee_takes_only_eligible_shifts():
    shifts = daily(2)
    assert taken(run(shifts, one(eligible=frozenset({"s0"})))) == ["s0"]


def test_no_work_on_a_day_off():
    assert taken(run(daily(2), one(days_off=frozenset({1})))) == ["s0"]


def test_pinned_assignment_is_kept_even_when_it_costs():
    shifts = daily(2)
    result = run(shifts, one(), demands=wanted(shifts, under=0, requirement=0, over_weight=5),
                 pinned=(("A", "s1"),))
    assert taken(result) == ["s1"]


def test_at_most_k_shifts_a_day():
    shifts = [shift("a", 0, 6, 9), shift("b", 0, 10, 13), shift("c", 0, 14, 17)]
    assert len(taken(run(shifts, one(Rules(max_shifts_per_day=2))))) == 2
    assert len(taken(run(shifts, one(Rules(max_shifts_per_day=1))))) == 1


def test_overlapping_shifts_are_never_both_taken():
    shifts = [shift("a", 0, 8, 12), shift("b", 0, 11, 15)]
    assert len(taken(run(shifts, one()))) == 1


def test_travel_between_sites_makes_a_short_gap_impossible():
    shifts = [shift("am", 0, 8, 12, location=0), shift("pm", 0, 12.5, 16.5, location=1)]
    far = ((0, 45), (45, 0))
    near = ((0, 20), (20, 0))
    assert len(taken(run(shifts, one(), travel=far))) == 1
    assert taken(run(shifts, one(), travel=near)) == ["am", "pm"]


def test_eleven_hours_rest_between_work_days():
    shifts = [shift("late", 0, 14, 22), shift("early", 1, 6, 14)]
    assert len(taken(run(shifts, one(Rules(min_daily_rest=660))))) == 1
    assert len(taken(run(shifts, one()))) == 2


def test_daily_rest_counts_from_the_last_shift_before_the_horizon():
    shifts = [shift("early", 0, 6, 14)]
    history = History(last_shift_end=-120)
    assert taken(run(shifts, one(Rules(min_daily_rest=660), history=history))) == []


def test_daily_minutes_include_travel_between_the_two_shifts():
    shifts = [shift("am", 0, 8, 12, location=0), shift("pm", 0, 13, 17, location=1)]
    travel = ((0, 60), (60, 0))
    assert len(taken(run(shifts, one(Rules(max_day_minutes=480)), travel=travel))) == 1
    assert len(taken(run(shifts, one(Rules(max_day_minutes=540)), travel=travel))) == 2


def test_weekly_rest_leaves_one_long_break_in_the_week():
    shifts = daily(7)
    result = run(shifts, one(Rules(weekly_rest=2100)))
    assert len(taken(result)) == 6


def test_weekly_rest_must_end_by_the_end_of_the_week():
    # Monday to Saturday 06:00-14:00: Saturday 14:00 to Sunday 24:00 is 34 h, so one day goes.
    shifts = daily(6, 6, 14)
    assert len(taken(run(shifts, one(Rules(weekly_rest=2100)), days=7))) == 5
    assert len(taken(run(shifts, one(Rules(weekly_rest=2040)), days=7))) == 6


def test_weekly_rest_may_start_at_the_last_shift_before_the_week():
    # Every day 12:00-20:00; the last shift ended Saturday 23:00: 37 h of rest up to Monday 12:00.
    shifts = daily(7, 12, 20)
    assert len(taken(run(shifts, one(Rules(weekly_rest=2100))))) == 6
    history = History(last_shift_end=-1500)
    assert len(taken(run(shifts, one(Rules(weekly_rest=2100), history=history)))) == 7


def test_weekly_rest_checks_every_week_of_the_horizon():
    shifts = daily(14, 6, 14)
    result = run(shifts, one(Rules(weekly_rest=2100)))
    assert len(taken(result)) == 12  # one day off in each week, the second one before Sunday


def test_travel_between_sites_counts_in_the_week_maximum():
    shifts = [shift("am", 0, 8, 12, location=0), shift("pm", 0, 13, 17, location=1)]
    travel = ((0, 60), (60, 0))
    assert len(taken(run(shifts, one(Rules(max_week_minutes=510)), travel=travel))) == 1
    assert len(taken(run(shifts, one(Rules(max_week_minutes=540)), travel=travel))) == 2


def test_travel_between_sites_counts_in_the_rolling_average():
    shifts = [shift("am", 0, 8, 12, location=0), shift("pm", 0, 13, 17, location=1)]
    travel = ((0, 60), (60, 0))
    history = History(past_week_minutes=(0,))
    rules = Rules(rolling_weeks=2, rolling_avg_max=255)  # 510 over two weeks
    assert len(taken(run(shifts, one(rules, history=history), travel=travel))) == 1
    rules = Rules(rolling_weeks=2, rolling_avg_max=270)
    assert len(taken(run(shifts, one(rules, history=history), travel=travel))) == 2


def test_travel_is_paid_between_consecutive_shifts_only():
    # a (site 0), b (site 0), c (site 1): travel b->c only (60), not a->c as well.
    shifts = [shift("a", 0, 6, 8, location=0), shift("b", 0, 8, 10, location=0),
              shift("c", 0, 11, 13, location=1)]
    travel = ((0, 60), (60, 0))
    assert len(taken(run(shifts, one(Rules(max_day_minutes=420)), travel=travel))) == 3


def test_most_working_days_in_a_week_counts_days_before_the_horizon():
    shifts = daily(5)
    rules = Rules(max_days_per_week=5)
    assert len(taken(run(shifts, one(rules), first_weekday=2, days=5))) == 5
    history = History(week_days_before=2)
    assert len(taken(run(shifts, one(rules, history=history), first_weekday=2, days=5))) == 3


def test_no_run_longer_than_the_maximum():
    result = run(daily(7), one(Rules(max_consecutive_days=3)))
    assert taken(result) in (["s0", "s1", "s2", "s4", "s5", "s6"],)


def test_max_consecutive_days_counts_history():
    result = run(daily(3), one(Rules(max_consecutive_days=3), history=History(days_worked_before=2)))
    assert taken(result) in (["s0", "s2"], ["s1", "s2"])


def test_working_runs_reach_the_minimum_length():
    shifts = daily(5)
    demands = wanted(shifts, under=0, requirement=0, over_weight=1)
    demands = tuple(d if d.id != "s2" else Demand("s2", ("s2",), 1, 100) for d in demands)
    rules = Rules(min_consecutive_days=2)
    result = run(shifts, one(rules, history=History(days_off_before=3)), demands=demands)
    assert len(taken(result)) == 2 and "s2" in taken(result)


def test_runs_of_days_off_reach_the_minimum_length():
    shifts = daily(5)
    demands = tuple(d if d.id != "s2" else Demand("s2", ("s2",), 0, 0, 1000) for d in wanted(shifts))
    rules = Rules(min_consecutive_days_off=2, edge_runs_exempt=True)
    assert len(taken(run(shifts, one(rules), demands=demands))) == 3


def test_most_weekends_worked():
    shifts = [shift("sat1", 5, 8, 16), shift("sat2", 12, 8, 16)]
    assert len(taken(run(shifts, one(Rules(max_weekends=1))))) == 1


def test_most_shifts_of_a_type():
    assert len(taken(run(daily(3, type=1), one(Rules(max_per_type=((1, 1),)))))) == 1


def test_total_minutes_within_bounds():
    shifts = daily(3)
    assert len(taken(run(shifts, one(Rules(max_total_minutes=960))))) == 2
    idle = wanted(shifts, under=0, requirement=0, over_weight=1)
    assert len(taken(run(shifts, one(Rules(min_total_minutes=960)), demands=idle))) == 2


def test_most_minutes_in_a_civil_week():
    shifts = daily(7)
    assert len(taken(run(shifts, one(Rules(max_week_minutes=35 * 60))))) == 4


def test_rolling_average_counts_past_weeks():
    rules = Rules(rolling_weeks=2, rolling_avg_max=2400)
    history = History(past_week_minutes=(4320,))
    assert len(taken(run(daily(5), one(rules, history=history)))) == 1


def test_forbidden_succession_on_the_next_day_and_from_history():
    shifts = [shift("night", 0, 21, 29, type=1), shift("day", 1, 8, 16, type=0)]
    rules = Rules(forbidden_successions=((1, 0),))
    assert len(taken(run(shifts, one(rules)))) == 1
    history = History(last_day_types=frozenset({1}))
    assert taken(run([shift("day", 0, 8, 16)], one(rules, history=history))) == []


def test_a_hard_maximum_is_never_exceeded():
    shifts = daily(1)
    people = (Employee("A"), Employee("B"))
    bonus = (Cost("A", "s0", -10), Cost("B", "s0", -10))
    demands = (Demand("s0", ("s0",), 1, 100, hard_max=True),)
    assert len(run(shifts, people, demands=demands, costs=bonus).assignments) == 1
    demands = (Demand("s0", ("s0",), 1, 100),)
    assert len(run(shifts, people, demands=demands, costs=bonus).assignments) == 2
