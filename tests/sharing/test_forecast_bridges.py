"""Candidates and trade bridges: a candidate whose trade bridges to the short skill ranks above one with
no bridge living at the same place; the bridge names the course and when the person is ready."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from test_allocation_fixtures import SITES, WEEK, employee, group, request

from sharing.allocation import AllocationParams
from sharing.forecast.bridges import Bridge, Candidate, Held, load_bridges, match
from sharing.skills import CertRequirement

PARAMS = AllocationParams(time_limit=1, seed=0, workers=1, deterministic=True)
WEEKS = [WEEK.shift(-1), WEEK]
BRIDGE = Bridge("H2102", "food-industry line operator", "TIG", 2, "dexterity", "TIG welder course", 280)


def _weeks():
    """Two weeks of critical TIG:2 requests at TOLE, Monday to Wednesday, that nobody may take."""
    out = []
    for k, week in enumerate(WEEKS):
        requests = [request(f"R-{k}{d}", 7 * (k - 1) + d, "08:00", "16:00", member="TOLE", priority="critical",
                            min_level=2) for d in range(3)]
        out.append((week, group([employee("E1", members=("ACIER",))], requests)))
    return out


def _candidate(code: str, rome: str, skills=None) -> Candidate:
    lat, lon = SITES["TOLE"]
    return Candidate(code, f"Person {code}", lat + 0.05, lon, rome, "some trade", skills or {}, (),
                     date(2026, 10, 1), 35, 30)


@pytest.fixture(scope="module")
def ranked():
    return match(_weeks(), [_candidate("C2", "K2204"), _candidate("C1", "H2102")], PARAMS, bridges=[BRIDGE])


def test_the_bridged_candidate_ranks_above_the_one_without_a_bridge_at_the_same_distance(ranked):
    assert [m.candidate.code for m in ranked] == ["C1", "C2"]
    assert ranked[0].distance_km == ranked[1].distance_km or ranked[1].distance_km is None
    assert ranked[0].extra["critical"] >= 0.8 * 48 and ranked[1].extra["critical"] == 0


def test_the_bridge_names_the_course_and_when_the_person_is_ready(ranked):
    best = ranked[0]
    assert best.route == "bridge: TIG welder course (280 h)"
    assert best.ready == date(2026, 10, 1) + timedelta(weeks=8)  # 280 h at 35 h a week
    assert ranked[1].route == "none"


def test_a_welder_already_qualified_matches_directly():
    result = match(_weeks(), [_candidate("C3", "H2913", {"TIG": 2})], PARAMS, bridges=[BRIDGE])
    assert result[0].route == "direct" and result[0].ready == date(2026, 10, 1)


def test_the_shipped_catalogue_bridges_food_and_logistics_trades_into_metalworking():
    bridges = load_bridges()
    assert bridges
    assert {"H2102", "H3301", "I1304", "N1101", "N1103"} <= {b.from_rome for b in bridges}
    assert {"CNC-MILL", "CNC-TURN", "MAINT-MECA", "MIG-MAG", "PAINT"} <= {b.skill for b in bridges}


def test_an_expired_certificate_does_not_count():
    # the requests ask for HAB-ELEC BR; C4's expired before he or she is free, C5's holds
    weeks = []
    for week, g in _weeks():
        needs = [r.model_copy(update={"certifications": [CertRequirement(type="HAB-ELEC", level="BR")]})
                 for r in g.requests]
        weeks.append((week, g.model_copy(update={"requests": needs})))
    expired = replace(_candidate("C4", "H2913", {"TIG": 2}),
                      certificates=(Held("HAB-ELEC", "BR", date(2026, 9, 30)),))
    valid = replace(expired, code="C5", certificates=(Held("HAB-ELEC", "BR", date(2028, 9, 30)),))
    result = {m.candidate.code: m for m in match(weeks, [expired, valid], PARAMS, bridges=[BRIDGE])}
    assert result["C4"].route == "none" and result["C4"].extra["critical"] == 0
    assert result["C5"].route == "direct" and result["C5"].extra["critical"] >= 0.8 * 48
    assert valid.lacks(weeks[0][1].catalogue, [("HAB-ELEC", "BR")], date(2028, 10, 1)) == ["HAB-ELEC:BR"]
