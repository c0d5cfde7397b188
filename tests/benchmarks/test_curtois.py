"""Curtois benchmark: the independent scorer on a hand-made roster, and Instance1 end to end."""

from benchmarks.curtois import run_instance, to_problem, to_roster
from benchmarks.curtois_format import curtois_dir, read_instance
from benchmarks.curtois_score import score
from solver.roster import CpSatParams, SolveParams, solve

TINY = """\
SECTION_HORIZON
7
SECTION_SHIFTS
D,480,
N,600,D
SECTION_STAFF
A,D=7|N=1,4000,900,3,2,2,0
B,D=7|N=0,4000,0,5,1,1,1
SECTION_DAYS_OFF
A,6
SECTION_SHIFT_ON_REQUESTS
A,0,D,2
A,1,D,3
SECTION_SHIFT_OFF_REQUESTS
B,2,D,5
SECTION_COVER
0,D,1,10,1
1,D,2,10,1
2,D,1,10,1
"""


def test_scorer_counts_penalties_and_violations_of_a_hand_roster(tmp_path):
    path = tmp_path / "Tiny.txt"
    path.write_text(TINY)
    inst = read_instance(path)
    # A: N on day 0 then D on day 1 (barred); a one-day run on day 3 between one-day breaks on
    # days 2 and 4 (too short: A needs runs of 2 and breaks of 2); days 5-6 end the horizon (exempt)
    # but fall on a weekend (0 allowed) and on a day off (6). B works day 2 (off request).
    roster = {("A", 0): "N", ("A", 1): "D", ("A", 3): "D", ("A", 5): "D", ("A", 6): "D",
              ("B", 1): "D", ("B", 2): "D"}
    cost, bad = score(inst, roster)
    # A on day 0 wanted D (2); B on day 2 off request (5); cover day 0 D has 0 of 1 (10);
    # day 1 D has 2 of 2; day 2 D has 1 of 1.
    assert cost == 2 + 5 + 10
    assert len(bad) == 6, bad
    assert any("only 1 consecutive shifts from day 3" in v for v in bad)
    assert any("only 1 days off from day 2" in v for v in bad)
    assert any("only 1 days off from day 4" in v for v in bad)
    assert any("N then D" in v for v in bad)
    assert any("weekends" in v for v in bad)
    assert any("day off 6" in v for v in bad)


def test_scorer_agrees_with_the_engine_on_a_tiny_instance(tmp_path):
    path = tmp_path / "Tiny.txt"
    path.write_text(TINY)
    inst = read_instance(path)
    result = solve(to_problem(inst), SolveParams(time_limit=5, cp_sat=CpSatParams(workers=1)))
    cost, bad = score(inst, to_roster(result.assignments))
    assert bad == [] and cost == result.objective


def test_instance1_reaches_the_best_known_value(tmp_path):
    path = curtois_dir() / "Instance1.txt"
    row = run_instance(path, SolveParams(time_limit=10, cp_sat=CpSatParams(workers=1)), tmp_path)
    assert (row["objective"], row["violations"]) == (607, 0)
    assert (tmp_path / "Instance1.csv").read_text().startswith("employee,day,shift\n")
