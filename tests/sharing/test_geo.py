"""Haversine distance and travel minutes between sites."""

from types import SimpleNamespace

import pytest

from sharing.geo import distance_km, travel_minutes
from sharing.settings import Travel

PARIS = (48.8566, 2.3522)
LYON = (45.7640, 4.8357)


def test_paris_to_lyon_is_about_392_km():
    assert distance_km(*PARIS, *LYON) == pytest.approx(392, abs=3)


def test_distance_is_symmetric_and_zero_on_the_spot():
    assert distance_km(*PARIS, *LYON) == pytest.approx(distance_km(*LYON, *PARIS))
    assert distance_km(*PARIS, *PARIS) == 0


def test_one_degree_of_latitude_is_about_111_km():
    assert distance_km(45, 5, 46, 5) == pytest.approx(111.2, abs=0.2)


def test_travel_minutes_is_distance_times_road_factor_at_speed_rounded_up():
    a = SimpleNamespace(latitude=45.0, longitude=5.0)
    b = SimpleNamespace(latitude=45.1, longitude=5.0)  # 11.12 km
    # 11.12 km x 1.3 / 50 km/h = 17.35 min -> 18
    assert travel_minutes(a, b, Travel(speed_kmh=50, road_factor=1.3)) == 18
    # 11.12 km x 1.0 / 60 km/h = 11.12 min -> 12
    assert travel_minutes(a, b, Travel(speed_kmh=60, road_factor=1.0)) == 12


def test_travel_minutes_on_the_same_site_is_zero():
    a = SimpleNamespace(latitude=45.0, longitude=5.0)
    assert travel_minutes(a, a, Travel()) == 0
