from datetime import timedelta

import pytest

from consortium.members import siret_is_valid
from sharing.demo import DEMO_WEEK, demo_group, weekdays
from sharing.geo import distance_km
from sharing.group import requirement_met
from sharing.skills import CertRequirement
from consortium.weeks import parse_week


@pytest.fixture(scope="module")
def group():
    return demo_group()


@pytest.fixture(scope="module")
def days():
    return parse_week(DEMO_WEEK).days()


def _absent_hours(group, code, days):
    start, end = days[0], days[-1] + timedelta(days=1)
    total = 0.0
    for a in group.absences:
        if a.employee == code:
            lo, hi = max(a.start.date(), start), min(a.end.date(), end)
            total += max((hi - lo).days, 0) * 7  # a working day of a 35 h week
    return total


def test_the_demo_group_has_no_problems(group):
    assert group.problems() == []


def test_the_demo_group_is_deterministic(group):
    assert demo_group() == group


def test_the_demo_group_has_about_25_members_and_40_employees(group):
    assert len(group.members) == 25
    assert len(group.employees) == 40
    assert all(1 <= len(m.sites) <= 2 for m in group.members)


def test_every_member_has_a_valid_siret(group):
    assert all(siret_is_valid(m.siret) for m in group.members)
    assert len({m.siret for m in group.members}) == 25


def test_requests_fall_in_the_demo_week_only(group, days):
    assert 60 <= len(group.requests) <= 100
    assert {r.day for r in group.requests} <= set(days)
    assert len({r.code for r in group.requests}) == len(group.requests)


def test_requests_fit_their_sites_opening_hours_and_night_and_sunday_rules(group):
    for r in group.requests:
        site = group.member(r.member).site(r.site)
        start = r.start.hour * 60 + r.start.minute
        assert site.is_open(r.day.weekday(), start, start + r.minutes), r.code
        assert site.night_work_allowed or not r.ends_next_day, r.code
        assert site.sunday_work_allowed or r.day.weekday() != 6, r.code


def test_the_week_has_critical_normal_and_optional_requests(group):
    assert {r.priority for r in group.requests} == {"critical", "normal", "optional"}


def test_the_week_uses_every_request_feature(group):
    requests = group.requests
    assert any(r.same_person for r in requests)
    assert any(r.min_chunk_hours for r in requests)
    assert any(r.preferred_employees for r in requests) and any(r.excluded_employees for r in requests)
    assert any(r.ends_next_day for r in requests)
    assert {str(c) for r in requests for c in r.certifications} >= {"HAB-ELEC:BR", "CACES-R489:3"}
    assert any(r.headcount > 1 for r in requests)


def test_tig_level_2_demand_exceeds_the_tig_hours_available(group, days):
    demand = sum(r.hours for r in group.requests if r.skill == "TIG" and r.min_level >= 2)
    welders = [e for e in group.employees if e.skills.get("TIG", 0) >= 2]
    available = sum(e.contract.weekly_hours - _absent_hours(group, e.code, days) for e in welders)
    assert demand > available


def test_br_electrical_maintenance_demand_exceeds_what_br_holders_can_give(group, days):
    br = CertRequirement(type="HAB-ELEC", level="BR")
    demand = sum(r.hours for r in group.requests if br in r.certifications)
    holders = [e for e in group.employees if requirement_met(e.certifications, br, group.catalogue, days[0])]
    assert len(holders) >= 2 and demand > sum(e.contract.weekly_hours for e in holders)


def test_line_operators_are_comfortably_supplied(group):
    demand = sum(r.hours for r in group.requests if r.skill == "LINE")
    supply = sum(e.contract.weekly_hours for e in group.employees if "LINE" in e.skills)
    assert demand < supply * 0.8


def test_a_certification_expires_during_the_week(group, days):
    expiring = [(e.code, c) for e in group.employees for c in e.certifications if c.valid_to in days]
    assert expiring
    code, cert = expiring[0]
    assert cert.is_valid(days[0]) and not cert.is_valid(days[-1])


def test_the_staff_mix_has_part_time_cdd_night_workers_and_a_minor(group):
    hours = {e.contract.weekly_hours for e in group.employees}
    assert {35, 28, 24, 17.5} <= hours
    assert any(e.contract.part_time_derogation for e in group.employees)
    assert sum(e.contract.kind == "CDD" for e in group.employees) >= 2
    assert sum(e.night_worker for e in group.employees) >= 2
    assert any(e.minor for e in group.employees)
    assert all(17 <= e.hourly_cost <= 32 for e in group.employees)
    assert all(2 <= len(e.contract.members) <= 5 for e in group.employees)


def test_employees_are_placed_only_at_members_near_home(group):
    for e in group.employees:
        for code in e.contract.members:
            nearest = min(distance_km(e.home_latitude, e.home_longitude, s.latitude, s.longitude)
                          for s in group.member(code).sites)
            assert nearest < 25, (e.code, code)


def test_forklift_drivers_hold_the_authorisations_their_sites_require(group):
    for e in group.employees:
        if "FORKLIFT" not in e.skills:
            continue
        for auth in e.site_authorisations:
            site = group.member(auth.member).site(auth.site)
            assert "FORKLIFT" in site.authorisation_required_for and auth.member in e.contract.members


def test_absences_fall_in_the_week(group, days):
    assert group.absences
    assert all(days[0] <= a.start.date() <= days[-1] for a in group.absences)


def test_weekdays_reads_ranges_and_lists():
    assert weekdays("mon-fri") == [0, 1, 2, 3, 4]
    assert weekdays("tue,thu,sun") == [1, 3, 6]
