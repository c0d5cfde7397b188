"""The selection model: overlaps count once, counts and budget hold, ties go to the cheaper option."""

from __future__ import annotations

import pytest

from solver.selection import Demand, Option, SelectionProblem, select

DEMANDS = [Demand("TIG@TOLE", 1440, weight=4), Demand("MIG@ACIER", 600, weight=1)]


def _problem(options, hires=1, trainings=1, budget=None):
    return SelectionProblem(DEMANDS, options, {"hire": hires, "training": trainings}, budget)


def test_two_options_filling_the_same_shortage_are_not_both_taken_when_a_third_fills_another():
    options = [Option("H-TIG", "hire", 0, {"TIG@TOLE": 1440}), Option("T-TIG", "training", 0, {"TIG@TOLE": 1440}),
               Option("T-MIG", "training", 0, {"MIG@ACIER": 600})]
    result = select(_problem(options, trainings=1))
    assert result.is_optimal()
    assert result.chosen == ["H-TIG", "T-MIG"]
    assert result.objective == 4 * 1440 + 600


def test_covered_minutes_never_exceed_what_is_missing():
    options = [Option("H1", "hire", 0, {"TIG@TOLE": 1000}), Option("H2", "hire", 0, {"TIG@TOLE": 1000})]
    result = select(_problem(options, hires=2))
    assert result.covered == {"TIG@TOLE": 1440}


def test_the_budget_leaves_out_an_option_that_does_not_fit():
    options = [Option("T-TIG", "training", 500_000, {"TIG@TOLE": 1440}), Option("T-MIG", "training", 100_000,
                                                                             {"MIG@ACIER": 600})]
    result = select(_problem(options, trainings=2, budget=200_000))
    assert result.chosen == ["T-MIG"] and result.cost == 100_000


def test_of_two_options_worth_the_same_the_cheaper_is_taken():
    options = [Option("T-A", "training", 300_000, {"MIG@ACIER": 600}), Option("T-B", "training", 200_000,
                                                                         {"MIG@ACIER": 600})]
    assert select(_problem(options)).chosen == ["T-B"]


def test_zero_allowed_hires_takes_no_hire():
    result = select(_problem([Option("H-TIG", "hire", 0, {"TIG@TOLE": 1440})], hires=0))
    assert result.chosen == [] and result.objective == 0
    assert result.explain()[-1].startswith("together: 0 weighted minutes")


def test_an_option_covering_an_unknown_shortage_is_refused():
    with pytest.raises(ValueError, match="option H: unknown demand X"):
        _problem([Option("H", "hire", 0, {"X": 1})])
