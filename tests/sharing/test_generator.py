import random

import pytest

from consortium.members import siret_is_valid
from sharing.demo import DEMO_WEEK
from sharing.generator import SIZES, generate_group, random_siret
from sharing.geo import distance_km
from consortium.weeks import parse_week


@pytest.fixture(scope="module")
def groups():
    return {size: generate_group(size, seed=3) for size in ("S", "M", "L")}


@pytest.mark.parametrize("size", ["S", "M", "L"])
def test_each_size_has_its_counts_and_no_problems(groups, size):
    group = groups[size]
    assert (len(group.employees), len(group.members)) == SIZES[size]
    assert group.problems() == []


def test_the_same_seed_gives_an_equal_group(groups):
    assert generate_group("S", seed=3) == groups["S"]
    assert generate_group("M", seed=3) == groups["M"]


def test_another_seed_gives_another_group(groups):
    assert generate_group("S", seed=4) != groups["S"]


def test_requests_fall_in_the_week_and_fit_their_sites(groups):
    days = set(parse_week(DEMO_WEEK).days())
    group = groups["M"]
    for r in group.requests:
        site = group.member(r.member).site(r.site)
        start = r.start.hour * 60 + r.start.minute
        assert r.day in days
        assert site.is_open(r.day.weekday(), start, start + r.minutes), r.code
        assert site.sunday_work_allowed or r.day.weekday() != 6
    assert len({r.code for r in group.requests}) == len(group.requests)


def test_demand_is_about_the_ratio_of_supply(groups):
    for group in groups.values():
        supply = sum(e.contract.weekly_hours for e in group.employees)
        demand = sum(r.hours for r in group.requests)
        assert 0.95 * supply <= demand <= 1.35 * supply
    small = generate_group("M", seed=3, demand_ratio=0.5)
    assert sum(r.hours for r in small.requests) < 0.65 * sum(e.contract.weekly_hours for e in small.employees)


def test_employees_list_two_to_six_members_near_home(groups):
    group = groups["L"]
    for e in group.employees:
        assert 2 <= len(e.contract.members) <= 6
        for code in e.contract.members:
            nearest = min(distance_km(e.home_latitude, e.home_longitude, s.latitude, s.longitude)
                          for s in group.member(code).sites)
            assert nearest < 30, (e.code, code)


def test_generated_groups_mix_trades_certifications_and_priorities(groups):
    group = groups["L"]
    assert len({s for e in group.employees for s in e.skills}) >= 10
    assert {c.type for e in group.employees for c in e.certifications} >= {"HAB-ELEC", "CACES-R489"}
    assert any(e.contract.is_part_time for e in group.employees)
    assert {r.priority for r in group.requests} == {"critical", "normal", "optional"}
    assert all(siret_is_valid(m.siret) for m in group.members)


def test_random_sirets_are_valid():
    rng = random.Random(0)
    assert all(siret_is_valid(random_siret(rng)) for _ in range(500))


def test_an_unknown_size_is_refused():
    with pytest.raises(ValueError, match="size 'XXL'"):
        generate_group("XXL")


@pytest.mark.slow
def test_the_xl_group_has_its_size_and_no_problems():
    group = generate_group("XL", seed=1)
    assert (len(group.employees), len(group.members)) == SIZES["XL"]
    assert group.problems() == []
