"""The pool's candidates as hire options of `recommend`: a real person at his or her home with the
wished hours, a bridge course's cost in the option's cost, one option per person, chosen by the same
selection model and verified by the same what-if."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from test_allocation_fixtures import SITES, WEEK, employee, group, request

from sharing.allocation import AllocationParams
from sharing.forecast.bridges import Bridge, Candidate
from sharing.forecast.recommend import recommend
from sharing.forecast.whatif import Hire

PARAMS = AllocationParams(time_limit=1, seed=0, workers=1, deterministic=True)
WEEKS = [WEEK.shift(-1), WEEK]
BRIDGE = Bridge("H2102", "food-industry line operator", "TIG", 2, "dexterity", "TIG welder course", 280,
                Decimal(4200))


def _weeks():
    """Two weeks of critical TIG:2 (Monday to Wednesday) and normal FORKLIFT:1 (Thursday) requests at TOLE,
    which E1 (welder at ACIER only) may not take."""
    out = []
    for k, week in enumerate(WEEKS):
        requests = [request(f"R-{k}{d}", 7 * (k - 1) + d, "08:00", "16:00", member="TOLE", priority="critical",
                            min_level=2) for d in range(3)]
        requests.append(request(f"F-{k}", 7 * (k - 1) + 3, "08:00", "16:00", member="TOLE", skill="FORKLIFT",
                                priority="normal"))
        out.append((week, group([employee("E1", members=("ACIER",))], requests)))
    return out


def _candidate(code: str, rome: str, skills: dict[str, int], hours: float = 30) -> Candidate:
    lat, lon = SITES["TOLE"]
    return Candidate(code, f"Person {code}", lat + 0.05, lon, rome, "some trade", skills, (), date(2026, 10, 1),
                     hours, 30, consent=date(2026, 9, 1))


def test_a_candidate_is_a_hire_at_home_one_option_per_person_and_is_chosen_when_cheaper():
    welder = _candidate("C014", "H2913", {"TIG": 2, "FORKLIFT": 1})  # two routes: TIG:2 and FORKLIFT:1
    result = recommend(_weeks(), hires=1, trainings=0, params=PARAMS, candidates=[welder], bridges=[BRIDGE])
    mine = [e for e in result.estimates if e.option.candidate == "C014"]
    assert len(mine) == 1 and mine[0].option.code == "C1"
    change = mine[0].option.change
    assert isinstance(change, Hire) and (change.latitude, change.longitude) == (welder.latitude, welder.longitude)
    assert change.weekly_hours == 30 and change.skills == {"TIG": 2, "FORKLIFT": 1}
    assert mine[0].option.label.startswith("hire candidate C014 (some trade) as TIG:2 directly")
    # the same 48 critical hours as the profile hire H1 for 30 contracted hours instead of 35: cheaper
    assert result.selection.chosen == ["C1"]
    assert result.verified is not None and result.verified.extra()["critical"] >= 0.8 * 48
    assert result.verified.violations() == 0


def test_a_bridged_candidate_costs_the_course_and_gains_what_the_estimate_measures():
    operator = _candidate("C001", "H2102", {})
    result = recommend(_weeks(), hires=1, trainings=0, params=PARAMS, candidates=[operator], bridges=[BRIDGE])
    option = next(e for e in result.estimates if e.option.candidate == "C001")
    assert "after TIG welder course (280 h), ready 2026-11-26" in option.option.label
    unbilled = option.result.employment_cost() - option.result.billable()
    assert option.cost == Decimal(4200) + max(Decimal(0), unbilled)
    assert option.result.extra()["critical"] >= 0.8 * 48


def test_without_hires_no_candidate_is_offered():
    welder = _candidate("C1", "H2913", {"TIG": 2})
    result = recommend(_weeks(), hires=0, trainings=0, params=PARAMS, candidates=[welder])
    assert result.estimates == []
