"""Leads for an unfilled request: direct candidates before bridged ones, then the nearest, at most three;
nobody out of reach or without a route is named."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from sharing.catalogue import standard_catalogue
from sharing.forecast.bridges import Bridge, Candidate, Held
from sharing.forecast.leads import request_leads
from sharing.requests import Request
from sharing.skills import CertRequirement

SITE = (48.0, -0.7)
REQUEST = Request(code="R1", member="TOLE", site="MAIN", skill="MIG-MAG", min_level=2, day=date(2026, 12, 1),
                  start=time(8), end=time(16))
BRIDGES = [Bridge("H2102", "food-industry line operator", "MIG-MAG", 2, "dexterity", "MIG/MAG welder", 400),
           Bridge("H2102", "food-industry line operator", "MIG-MAG", 2, "dexterity", "Short MIG course", 280),
           Bridge("N1103", "warehouse staff", "MIG-MAG", 1, "handling", "MIG initiation", 210)]


def _candidate(code: str, north_km: float, rome: str = "K2204", skills=None, reach: float = 50) -> Candidate:
    return Candidate(code, f"Person {code}", SITE[0] + north_km / 111.2, SITE[1], rome, "line operator",
                     skills or {}, (), date(2027, 1, 4), 35, reach)


def test_a_bridged_candidate_gets_the_shortest_course_and_the_day_he_or_she_is_ready():
    assert request_leads(REQUEST, SITE, [_candidate("C014", 12, "H2102")], BRIDGES) == [
        "candidate C014 (line operator, ROME H2102) could after a 280 h course (Short MIG course), "
        "ready 2027-03-01, lives 12 km away"]


def test_a_candidate_with_the_skill_and_level_is_named_directly():
    assert request_leads(REQUEST, SITE, [_candidate("C007", 12, skills={"MIG-MAG": 3})], BRIDGES) == [
        "candidate C007 has MIG-MAG:3 and lives 12 km away, free from 2027-01-04"]


def test_no_route_too_low_a_bridge_too_low_a_level_or_out_of_reach_names_nobody():
    pool = [_candidate("C1", 5), _candidate("C2", 5, "N1103"), _candidate("C3", 5, skills={"MIG-MAG": 1}),
            _candidate("C4", 60, skills={"MIG-MAG": 2})]
    assert request_leads(REQUEST, SITE, pool, BRIDGES) == []


def test_direct_leads_come_first_then_the_nearest_and_at_most_three():
    pool = [_candidate("C1", 2, "H2102"), _candidate("C2", 30, skills={"MIG-MAG": 2}),
            _candidate("C3", 20, skills={"MIG-MAG": 2}), _candidate("C4", 1, "H2102")]
    leads = request_leads(REQUEST, SITE, pool, BRIDGES)
    assert [line.split()[1] for line in leads] == ["C3", "C2", "C4"]


def test_a_certificate_the_request_needs_must_be_valid_when_the_candidate_is_ready():
    needs = REQUEST.model_copy(update={"certifications": [CertRequirement(type="SST", level="SST")]})
    lapsed = replace(_candidate("C1", 5, skills={"MIG-MAG": 2}), certificates=(Held("SST", "SST", date(2026, 12, 31)),))
    valid = replace(lapsed, code="C2", certificates=(Held("SST", "SST", date(2028, 1, 4)),))
    bridged = replace(valid, code="C3", rome="H2102", skills={})  # ready 2027-03-01, SST still valid
    lines = request_leads(needs, SITE, [lapsed, valid, bridged], BRIDGES, catalogue=standard_catalogue())
    assert [line.split()[1] for line in lines] == ["C2", "C3"]
    assert len(request_leads(needs, SITE, [lapsed], BRIDGES)) == 1  # without a catalogue, certificates are not read
