"""Every rule of every registry has a named binding test: one that fails when that rule alone is removed.

The keys of each mapping equal its registry's ids, so a rule added without a binding test fails here.
Each case calls the binding test in-process with the rule (it passes), then with the rule removed from
the registry its builder or checker reads (it must fail with an AssertionError).
"""
from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

import pytest

import sharing.compliance
import solver.roster
import solver.roster.build
import solver.tender

TESTS = Path(__file__).resolve().parent

# Roster hard rules built into the variables: there is nothing to remove, so no test can bind them.
NO_OPS = {
    "eligibility": "no variable exists for an ineligible or forbidden (employee, shift) pair",
    "days_off": "shifts on days off get no variable",
}

ROSTER_HARD = {
    "pinned": "solver/test_roster_hard.py::test_pinned_assignment_is_kept_even_when_it_costs",
    "max_shifts_per_day": "solver/test_roster_hard.py::test_at_most_k_shifts_a_day",
    "no_overlap_travel": "solver/test_roster_hard.py::test_overlapping_shifts_are_never_both_taken",
    "daily_rest": "solver/test_roster_hard.py::test_eleven_hours_rest_between_work_days",
    "max_day_minutes": "solver/test_roster_hard.py::test_daily_minutes_include_travel_between_the_two_shifts",
    "weekly_rest": "solver/test_roster_hard.py::test_weekly_rest_leaves_one_long_break_in_the_week",
    "max_days_per_week":
        "solver/test_roster_hard.py::test_most_working_days_in_a_week_counts_days_before_the_horizon",
    "max_consecutive_days": "solver/test_roster_hard.py::test_no_run_longer_than_the_maximum",
    "min_consecutive_days": "solver/test_roster_hard.py::test_working_runs_reach_the_minimum_length",
    "min_consecutive_days_off": "solver/test_roster_hard.py::test_runs_of_days_off_reach_the_minimum_length",
    "max_weekends": "solver/test_roster_hard.py::test_most_weekends_worked",
    "max_per_type": "solver/test_roster_hard.py::test_most_shifts_of_a_type",
    "total_minutes": "solver/test_roster_hard.py::test_total_minutes_within_bounds",
    "max_week_minutes": "solver/test_roster_hard.py::test_most_minutes_in_a_civil_week",
    "rolling_average": "solver/test_roster_hard.py::test_rolling_average_counts_past_weeks",
    "forbidden_succession": "solver/test_roster_hard.py::test_forbidden_succession_on_the_next_day_and_from_history",
    "demand_hard_max": "solver/test_roster_hard.py::test_a_hard_maximum_is_never_exceeded",
    "demand_hard_min":
        "solver/test_roster_timefold_rules.py::test_a_hard_minimum_covers_a_shift_that_costs_more_than_its_soft_weight",
}

ROSTER_SOFT = {
    "cover": "solver/test_roster_soft.py::test_on_and_off_requests_are_penalised_by_their_weight",
    "requests": "solver/test_roster_soft.py::test_on_and_off_requests_are_penalised_by_their_weight",
    "assignment_cost":
        "solver/test_roster_timefold_rules.py::test_a_hard_minimum_covers_a_shift_that_costs_more_than_its_soft_weight",
    "min_total_minutes": "solver/test_roster_soft_minimum.py::"
                         "test_a_soft_minimum_of_minutes_makes_an_employee_work_when_missing_it_costs_more",
    "idle_week_minutes": "solver/test_roster_soft.py::test_idle_contracted_hours_are_penalised_per_chunk",
    "group_fairness": "solver/test_roster_soft.py::test_fairness_splits_a_shortage_by_entitlement",
    "consistency": "solver/test_roster_soft.py::test_consistency_prefers_one_person_for_the_whole_request",
    "stability": "solver/test_roster_soft.py::test_stability_keeps_the_published_plan_unless_it_is_worth_changing",
    "balance": "solver/test_roster_timefold_rules.py::test_balance_spreads_shifts_and_is_priced_exactly",
    "weekly_overtime": "solver/test_roster_soft_overtime.py::test_the_engine_prefers_the_plan_without_overtime",
}

TENDER = {
    "units": "solver/test_tender_rules.py::test_units_never_made_are_counted_as_missing_hours_in_the_service_stage",
    "setup_and_min_batch":
        "solver/test_tender_rules.py::test_a_resource_week_pays_its_setup_and_makes_at_least_the_minimum_batch",
    "capacity": "solver/test_tender_rules.py::test_capacity_and_overtime_limits_hold",
    "unsplittable": "solver/test_tender_rules.py::test_unsplittable_steps_stay_on_one_resource",
    "max_members": "solver/test_tender_rules.py::test_a_step_is_shared_by_no_more_members_than_it_allows",
    "team": "solver/test_tender_rules.py::test_max_team_size_and_mandataire_are_respected",
    "precedence": "solver/test_tender_rules.py::test_a_two_week_lag_delays_the_hand_off",
    "deadlines":
        "solver/test_tender_rules.py::test_units_are_delivered_by_the_due_week_even_when_later_weeks_are_cheaper",
}

_PLANTED = "sharing/test_compliance.py::test_a_planted_violation_is_reported_by_exactly_its_rule[{}]"
COMPLIANCE = {rid: _PLANTED.format(rid) for rid in (
    "unknown_reference", "within_request", "skill_level", "certification", "contract_member",
    "site_authorisation", "absence", "opening_hours", "night_work", "headcount", "no_overlap_travel",
    "max_daily_hours", "max_weekly_hours", "average_weekly_hours", "daily_rest", "weekly_rest",
    "max_days_per_week", "max_consecutive_days", "part_time_interruptions",
)}

BINDING = {"roster_hard": ROSTER_HARD, "roster_soft": ROSTER_SOFT, "tender": TENDER, "compliance": COMPLIANCE}


def _roster_registry(kind: str) -> tuple:
    """The ordered tuple of roster rules that `solver.roster.build.build` reads at call time."""
    return solver.roster.HARD_RULES if kind == "roster_hard" else solver.roster.SOFT_RULES


def _without_roster_rule(monkeypatch, kind: str, rid: str) -> None:
    """Build the roster without one rule, by patching the name `build` reads.

    `group_fairness` reads the under-cover variables `cover` creates, so `cover` keeps its variables and
    loses only its penalty terms.
    """
    rules = []
    for rule in _roster_registry(kind):
        if rule.id == "cover" == rid:
            def cover_without_penalties(m, apply=rule.apply):
                n = len(m.penalties.terms)
                apply(m)
                del m.penalties.terms[n:]

            rules.append(type(rule)(rule.id, rule.label, cover_without_penalties))
        elif rule.id != rid:
            rules.append(rule)
    monkeypatch.setattr(solver.roster.build, "HARD_RULES" if kind == "roster_hard" else "SOFT_RULES", tuple(rules))


def _registry_ids(kind: str) -> list[str]:
    if kind in ("roster_hard", "roster_soft"):
        return [r.id for r in _roster_registry(kind)]
    if kind == "tender":
        return [r.id for r in solver.tender.TENDER_RULES]
    return list(sharing.compliance.RULE_IDS)


def _without(monkeypatch, kind: str, rid: str) -> None:
    if kind in ("roster_hard", "roster_soft"):
        _without_roster_rule(monkeypatch, kind, rid)
    elif kind == "tender":  # TenderModel reads this name each time it is built
        monkeypatch.setattr("solver.tender.rules.TENDER_RULES",
                            tuple(r for r in solver.tender.TENDER_RULES if r.id != rid))
    else:  # check_plan reads the tuple it imported
        monkeypatch.setattr("sharing.compliance.check.HARD_RULES",
                            tuple(r for r in sharing.compliance.HARD_RULES if r.id != rid))


@functools.cache
def _module(relative: str):
    path = TESTS / relative
    spec = importlib.util.spec_from_file_location(f"rule_coverage_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _binding_test(monkeypatch, name: str):
    """`folder/file.py::function` or `...::function[value]` (a one-parameter test) as a callable."""
    relative, function = name.split("::")
    function, _, param = function.partition("[")
    monkeypatch.syspath_prepend(str((TESTS / relative).parent))  # for the helpers its folder shares
    test = getattr(_module(relative), function)
    return functools.partial(test, param[:-1]) if param else test


@pytest.mark.parametrize("kind", BINDING)
def test_every_rule_of_the_registry_has_a_binding_test(kind):
    ids = [rid for rid in _registry_ids(kind) if not (kind == "roster_hard" and rid in NO_OPS)]
    assert ids and sorted(BINDING[kind]) == sorted(ids)


def test_the_rules_without_a_binding_test_are_built_into_the_roster_variables():
    assert set(NO_OPS) <= set(_registry_ids("roster_hard"))


@pytest.mark.parametrize("kind, rid", [(kind, rid) for kind, tests in BINDING.items() for rid in tests])
def test_the_binding_test_fails_when_its_rule_alone_is_removed(monkeypatch, kind, rid):
    test = _binding_test(monkeypatch, BINDING[kind][rid])
    test()
    _without(monkeypatch, kind, rid)
    with pytest.raises(AssertionError):
        test()
