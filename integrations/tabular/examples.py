"""One realistic object of each kind: the example row of the templates and of the documentation.

The example's own code is `EXAMPLE` (`R-EXAMPLE` for a request), which no member, employee or request of
real data uses (they follow `ACIER`, `E012`, `R-ACIER-0001`): importing a template unchanged adds one
row, it never replaces someone (and replacing needs `--update` anyway). The codes it refers to
(members, sites, skills) are the demo's, so that a template imports into the demo as the README's tour does.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from consortium.members import Member, Site, parse_opening_hours
from sharing.absences import Absence
from sharing.employees import Certification, Contract, Employee, Preferences, SiteAuthorisation
from sharing.requests import Request

__all__ = ["example"]


def _member() -> Member:
    return Member(
        code="EXAMPLE",
        legal_name="Aciéries du Rhône SAS",
        siret="73282932000074",
        activity="steel construction",
        entitlement=1.5,
        billing_coefficient=Decimal("1.08"),
    )


def _site() -> tuple[str, Site]:
    return "EXAMPLE", Site(
        code="MAIN",
        name="Usine de Vénissieux",
        address="12 rue de l'Industrie, 69200 Vénissieux",
        latitude=45.6973,
        longitude=4.8868,
        opening_hours=parse_opening_hours("mon-fri 06:00-20:00; sat 07:00-12:00"),
        night_work_allowed=False,
        sunday_work_allowed=False,
        authorisation_required_for=["FORKLIFT", "CRANE"],
    )


def _employee() -> Employee:
    return Employee(
        code="EXAMPLE",
        first_name="Camille",
        last_name="Martin",
        home_address="3 place Bellecour, 69002 Lyon",
        home_latitude=45.7578,
        home_longitude=4.832,
        contract=Contract(
            kind="CDI",
            start=date(2024, 9, 2),
            weekly_hours=35,
            annual_hours=1607,
            members=["CHAUMAY", "TOLERIE"],
            sites=["CHAUMAY/BELLITOURNE", "TOLERIE/GONTIER"],
        ),
        skills={"TIG": 2, "MIG-MAG": 3},
        certifications=[
            Certification(type="HAB-ELEC", level="BR", valid_from=date(2025, 1, 15), valid_to=date(2028, 1, 14)),
            Certification(type="CACES-R489", level="3", valid_from=date(2024, 3, 1)),
        ],
        site_authorisations=[SiteAuthorisation(member="CHAUMAY", site="BELLITOURNE", skill="FORKLIFT",
                                               valid_to=date(2027, 6, 30))],
        hourly_cost=Decimal("25.50"),
        preferences=Preferences(preferred_members=["CHAUMAY"], max_commute_minutes=45),
    )


def _absence() -> Absence:
    return Absence(
        employee="EXAMPLE",
        kind="training",
        start=datetime(2026, 12, 1, 8, 0),
        end=datetime(2026, 12, 3, 17, 0),
        note="CACES R489 refresher",
    )


def _request() -> Request:
    return Request(
        code="R-EXAMPLE",
        member="CHAUMAY",
        site="BELLITOURNE",
        skill="TIG",
        min_level=2,
        certifications=[{"type": "HAB-ELEC", "level": "BR"}],
        day=date(2026, 12, 7),
        start=time(6, 0),
        end=time(14, 0),
        headcount=2,
        priority="normal",
        min_chunk_hours=4,
        note="boiler repair",
    )


_EXAMPLES = {"members": _member, "sites": _site, "employees": _employee, "absences": _absence, "requests": _request}


def example(kind: str):
    """A valid example object of the kind (for `sites`, a (member code, Site) pair)."""
    return _EXAMPLES[kind]()
