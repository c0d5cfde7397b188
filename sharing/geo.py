"""Distances and travel times between places given by their coordinates.

The compliance checker and the weekly allocation both read travel from here, so that a plan the
allocation builds is checked with the same estimate.
"""

from __future__ import annotations

import math
from typing import Protocol

from .settings import Travel

__all__ = ["EARTH_RADIUS_KM", "distance_km", "travel_minutes"]

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)


class _Located(Protocol):
    @property
    def latitude(self) -> float: ...

    @property
    def longitude(self) -> float: ...


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres between two points in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def travel_minutes(site_a: _Located, site_b: _Located, travel: Travel | None = None) -> int:
    """Minutes to drive from one site to another: distance x road factor at the set speed, rounded up.

    Any object with `latitude` and `longitude` works (sites, or an employee's home via a small adapter).
    """
    travel = travel or Travel()
    km = distance_km(site_a.latitude, site_a.longitude, site_b.latitude, site_b.longitude)
    minutes = km * travel.road_factor / travel.speed_kmh * 60
    # Round away float noise before rounding up, so 12.000000001 min stays 12.
    return math.ceil(round(minutes, 6))
