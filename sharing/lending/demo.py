"""The demo's loan offers: the dairy of Meslay, in its quiet weeks of December, offers two line operators.

Both are food-industry line operators (ROME H2102, whose trade bridges lead to assembly, CNC milling and
MIG/MAG welding); they have done the assembly course, so only ASSEMBLY:1 is recorded beyond their line
skill. Both still work their Monday and Tuesday mornings at the dairy; neither goes to the poultry plant (the
dairy keeps its staff away from another food site's hygiene zone). The demo week's allocation places them
on the optional Thursday assembly request of the electrical cabinet maker, which GE staff cannot fill.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .offers import CostBasis, Offer, parse_home_hours

__all__ = ["demo_offers"]

# (person, first name, last name, home village, latitude, longitude, salary and charges per hour)
_PEOPLE = (
    ("OP1", "Camille", "Lefort", "Meslay-du-Maine", 47.9540, -0.5530, "13.90", "5.84"),
    ("OP2", "Yanis", "Brard", "Villiers-Charlemagne", 47.9220, -0.6770, "13.40", "5.63"),
)


def demo_offers() -> list[Offer]:
    """The two offers of LAITERIE for December 2026 (consent given on 20 November)."""
    return [
        Offer(member="LAITERIE", person=person, first_name=first, last_name=last,
              qualification="Conducteur de ligne de conditionnement", trade="H2102", skills={"LINE": 2, "ASSEMBLY": 1},
              start=date(2026, 11, 30), end=date(2026, 12, 31), hours_per_week=21,
              cost=CostBasis(salary=Decimal(salary), charges=Decimal(charges), expenses=Decimal("0.60")),
              home_postcode="53170", home_address=village, home_latitude=lat, home_longitude=lon,
              contract_hours=35, home_hours=parse_home_hours("Mon 06:00-13:00,Tue 06:00-13:00"),
              consent_date=date(2026, 11, 20), excluded_members=["VOLAILLE"])
        for person, first, last, village, lat, lon, salary, charges in _PEOPLE
    ]
