"""An infeasible tender says where hours are missing and what would fix it."""
from solver.tender import PlanParams, plan_tender, tiny_problem

PARAMS = PlanParams(stage_time_limits=(5.0, 5.0, 5.0), workers=1)


def test_infeasible_case_reports_missing_hours_by_process_and_week_and_a_later_due_week():
    # 30 units by week 1: welding (90 min/unit, lag 1 week after cutting elsewhere) cannot keep up.
    result = plan_tender(tiny_problem(quantity=30, due=1, weeks=6, capacity=600), PARAMS)
    assert not result.is_feasible()
    assert not result.lots[0].feasible
    by_process = {}
    for s in result.shortages:
        assert 0 <= s.week <= 1 and s.minutes > 0
        by_process[s.process] = by_process.get(s.process, 0) + s.minutes
    assert by_process.get("weld", 0) > 0
    later = [f for f in result.fixes if f.kind == "later_due"]
    assert later and later[0].lot == "L1" and 1 < later[0].week <= 5
    kinds = {f.kind for f in result.fixes}
    assert {"subcontract", "overtime"} <= kinds


def test_the_later_due_week_found_is_the_smallest_that_works():
    result = plan_tender(tiny_problem(quantity=30, due=1, weeks=6, capacity=600), PARAMS)
    week = next(f.week for f in result.fixes if f.kind == "later_due")
    earlier = plan_tender(tiny_problem(quantity=30, due=week - 1, weeks=6, capacity=600), PARAMS)
    on_time = plan_tender(tiny_problem(quantity=30, due=week, weeks=6, capacity=600), PARAMS)
    assert not earlier.is_feasible() and on_time.is_feasible()


def test_a_feasible_tender_has_no_shortage_and_no_fix():
    result = plan_tender(tiny_problem(), PARAMS)
    assert result.is_feasible() and not result.shortages and not result.fixes
