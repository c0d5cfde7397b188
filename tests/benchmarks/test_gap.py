"""The GAP benchmark: instance reading, the independent scorer, and a short solve through plan_tender."""
import pytest

from benchmarks.gap import DATA, Gap, as_tender, best_known, read_instance, score, solve, write_assignment


def test_the_scorer_sums_costs_and_checks_capacity_on_a_hand_made_assignment():
    gap = Gap("hand", cost=((1, 5, 9), (4, 2, 3)), use=((2, 2, 2), (1, 3, 3)), capacity=(4, 6))
    assert score(gap, [0, 1, 1]) == 1 + 2 + 3
    assert score(gap, [0, 0, 1]) == 1 + 5 + 3
    with pytest.raises(ValueError, match="over capacity"):
        score(gap, [0, 0, 0])
    with pytest.raises(ValueError, match="every job"):
        score(gap, [0, 1])


def test_an_instance_reads_as_a_one_week_tender_of_unsplittable_items():
    gap = read_instance(DATA / "c05100")
    assert (gap.agents, gap.jobs) == (5, 100)
    problem = as_tender(gap)
    assert problem.horizon_weeks == 1 and len(problem.overrides) == 500
    assert not any(s.splittable for s in problem.steps)


def test_a_short_solve_gives_a_feasible_scored_assignment(tmp_path):
    gap = read_instance(DATA / "c05100")
    assignment, bound, _ = solve(gap, time_limit=5.0, workers=1)
    objective = score(gap, assignment)
    best = best_known()["c05100"][0]
    assert bound <= best <= objective <= best * 1.02
    write_assignment(tmp_path / "c05100.csv", assignment)
    assert (tmp_path / "c05100.csv").read_text().splitlines()[:2] == ["job,agent", f"0,{assignment[0]}"]
