"""Timefold benchmark: the independent scorer on a hand-made case, the small instance end to end, the
generator, and the README's results table."""
import json
import math
from decimal import Decimal

from benchmarks.timefold import RESOLUTION, load, main, run_instance, timefold_results, to_problem
from benchmarks.timefold_generate import generate
from benchmarks.timefold_score import score
from solver.roster import CpSatParams, Phases, SolveParams, solve

HAND = {
    "employees": [
        {"name": "A", "skills": ["X"], "unavailable_dates": ["2025-07-08"], "undesired_dates": ["2025-07-07"],
         "desired_dates": []},
        {"name": "B", "skills": ["X", "Y"], "unavailable_dates": [], "undesired_dates": [],
         "desired_dates": ["2025-07-08"]},
    ],
    "shifts": [
        {"id": "s0", "start": "2025-07-07T06:00:00", "end": "2025-07-07T14:00:00",
         "location": "W", "required_skill": "X"},
        {"id": "s1", "start": "2025-07-07T22:00:00", "end": "2025-07-08T06:00:00",
         "location": "W", "required_skill": "Y"},
        {"id": "s2", "start": "2025-07-08T09:00:00", "end": "2025-07-08T17:00:00",
         "location": "W", "required_skill": "X"},
        {"id": "s3", "start": "2025-07-07T09:00:00", "end": "2025-07-07T17:00:00",
         "location": "W", "required_skill": "X"},
        {"id": "s4", "start": "2025-07-09T06:00:00", "end": "2025-07-09T14:00:00",
         "location": "W", "required_skill": "X"},
    ],
}


def test_scorer_counts_every_hard_and_soft_part_of_a_hand_assignment():
    plan = [{"shift": "s0", "employee": "A"}, {"shift": "s3", "employee": "A"}, {"shift": "s1", "employee": "A"},
            {"shift": "s2", "employee": "B"}]
    sc = score(HAND, plan)
    # A lacks Y for s1 (1); s0 and s3 overlap 09:00-14:00 (300); rest: s0 ends 14:00, s1 starts 22:00
    # (600 - 480 = 120), s3 ends 17:00 (600 - 300 = 300); three pairs start on 07-07 (3); s1 has
    # 06:00 on the unavailable 07-08 (360)
    assert sc.parts["skill"] == 1 and sc.parts["overlap"] == 300 and sc.parts["rest"] == 420
    assert sc.parts["one_a_day"] == 3 and sc.parts["unavailable"] == 360
    assert sc.hard == -(1 + 300 + 420 + 3 + 360)
    # undesired 07-07 for A: 480 + 480 + 119 (22:00 to the end of the day, truncated); desired 07-08
    # for B: 480; counts 3 and 1: u = sqrt(10 - 16 / 2) = sqrt(2) = 1.41421 at 6 digits
    assert sc.parts["undesired"] == 1079 and sc.parts["desired"] == 480
    assert sc.soft == Decimal("480") - 1079 - Decimal("1.41421")
    assert not sc.complete and sc.unassigned == 1


def test_the_engine_model_forbids_what_the_scorer_calls_hard_and_prices_what_it_calls_soft():
    # without s3, and A unavailable on 07-10 only: s1 needs Y, so B; B cannot take s0 (same date)
    # nor s2 (3 h after s1), so A takes both; s4 goes to B for the balance (2 and 2)
    inst = {"employees": [{**HAND["employees"][0], "unavailable_dates": ["2025-07-10"]}, HAND["employees"][1]],
            "shifts": [s for s in HAND["shifts"] if s["id"] != "s3"]}
    result = solve(to_problem(inst), SolveParams(time_limit=5, cp_sat=CpSatParams(workers=1)))
    plan = [{"shift": s, "employee": e} for e, s in result.assignments]
    sc = score(inst, plan)
    assert result.is_feasible() and sc.complete and sc.hard == 0
    assert sorted((a["employee"], a["shift"]) for a in plan) == [("A", "s0"), ("A", "s2"), ("B", "s1"), ("B", "s4")]
    assert sc.soft == 360 - 480  # B's night ends on their desired 07-08; A's s0 is on their undesired 07-07
    assert result.objective == RESOLUTION * (480 - 360)


def test_small_instance_solved_briefly_is_complete_feasible_and_its_score_matches_the_engine(tmp_path):
    params = SolveParams(time_limit=6, cp_sat=CpSatParams(workers=2), phases=Phases(linear=0.2, lns=0.6))
    row = run_instance("small", params, tmp_path)
    assert row["complete"] and row["hard"] == 0
    written = json.loads((tmp_path / "small.json").read_text())["assignments"]
    _, inst = load("small")
    sc = score(inst, written)
    assert sc.soft == row["soft"] and sc.hard == 0
    # the engine's objective is K x (undesired - desired minutes) + ceil(K x u), K = RESOLUTION:
    # exactly, from the scorer's own parts; and soft = -objective / K within 1 / K
    assert RESOLUTION * (sc.parts["undesired"] - sc.parts["desired"]) + math.ceil(RESOLUTION * sc.parts["balance"]) \
        == row["objective"]
    assert abs(float(sc.soft) + row["objective"] / RESOLUTION) <= 1 / RESOLUTION
    assert float(sc.soft) <= 2878.2873 + 1e-9  # the best possible (README)


def test_readme_results_are_read_for_each_instance_and_limit():
    figures = timefold_results()
    assert figures["small"]["30"] == "0hard/2878.28730soft"
    assert set(figures) == {"small", "large", "e200_s1500"}


def test_generator_is_deterministic_and_sized_as_asked():
    a, b = generate(30, 200, 7, seed=4), generate(30, 200, 7, seed=4)
    assert a == b and a != generate(30, 200, 7, seed=5)
    assert len(a["employees"]) == 30 and len(a["shifts"]) == 200
    assert len({e["name"] for e in a["employees"]}) == 30
    assert {s["start"][:10] for s in a["shifts"]} <= {f"2025-07-{7 + d:02d}" for d in range(7)}


def test_command_prints_a_row_and_the_peak_memory(tmp_path, capsys):
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(generate(20, 20, 3, seed=0)))  # a feasible one
    assert main([str(path), "--time-limit", "3", "--assignment-dir", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "tiny" in out and "peak RSS" in out
    assert (tmp_path / "out" / "tiny.json").exists()
