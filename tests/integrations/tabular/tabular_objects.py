"""Objects of every kind that set every field, with values that are easy to get wrong (floats, money, accents)."""

from datetime import date, datetime, time
from decimal import Decimal

from consortium.members import Member, Site, parse_opening_hours
from sharing.absences import Absence
from sharing.employees import Certification, Contract, Employee, Preferences, SiteAuthorisation
from sharing.requests import Request


def members() -> list[Member]:
    return [
        Member(code="FORGE", legal_name="Forges de l'Isère", siret="44306184100047", activity="forge; pièces",
               entitlement=0.75, billing_coefficient=Decimal("1.10")),
        Member(code="ACIER", legal_name="Aciéries \"du Rhône\" SAS", siret="73282932000074",
               activity="steel, boilers", entitlement=2, billing_coefficient=None),
    ]


def sites() -> list[tuple[str, Site]]:
    return [
        ("FORGE", Site(code="NORD", name="Forge Nord", address="1 av. Jean Jaurès\n38000 Grenoble", latitude=45.188529,
                       longitude=5.724524,
                       opening_hours=parse_opening_hours("mon-thu 05:00-13:00,14:00-22:00; fri 24h; sun 22:00-24:00"),
                       night_work_allowed=True, sunday_work_allowed=True, authorisation_required_for=["CRANE"])),
        ("ACIER", Site(code="MAIN", name="Usine", address="", latitude=-0.1, longitude=179.999999,
                       opening_hours={}, authorisation_required_for=["FORKLIFT", "CRANE"])),
    ]


def employees() -> list[Employee]:
    return [
        Employee(
            code="E020", first_name="Zoé", last_name="Lefèvre", home_address="2 rue A; bât. B, 69003 Lyon",
            home_latitude=45.760012345678, home_longitude=4.85, night_worker=True,
            contract=Contract(kind="CDD", start=date(2026, 1, 5), end=date(2026, 12, 31), weekly_hours=17.5,
                              annual_hours=812.25, part_time_derogation=True, members=["FORGE", "ACIER"],
                              sites=["FORGE/NORD"]),
            skills={"MIG": 1, "TIG": 3},
            certifications=[
                Certification(type="CACES-R489", level="3", valid_from=date(2024, 3, 1), valid_to=date(2029, 2, 28)),
                Certification(type="HAB-ELEC", level="BR", valid_from=date(2025, 1, 15)),
            ],
            site_authorisations=[
                SiteAuthorisation(member="FORGE", site="NORD", skill="CRANE"),
                SiteAuthorisation(member="ACIER", site="MAIN", skill="FORKLIFT", valid_to=date(2027, 6, 30)),
            ],
            hourly_cost=Decimal("31.05"),
            preferences=Preferences(preferred_members=["FORGE"], avoided_members=["ACIER"], max_commute_minutes=40),
        ),
        Employee(
            code="E003", first_name="Léo", last_name="Dupont", home_latitude=45.0, home_longitude=-1.5, minor=True,
            contract=Contract(start=date(2025, 9, 1), members=["ACIER"]), hourly_cost=Decimal("18"),
        ),
    ]


def absences() -> list[Absence]:
    return [
        Absence(employee="E020", kind="sickness", start=datetime(2026, 12, 1, 8, 0), end=datetime(2026, 12, 4, 0, 0),
                note="arrêt, \"certificat\" reçu"),
        Absence(employee="E003", kind="other", start=datetime(2026, 12, 2, 13, 30, 15),
                end=datetime(2026, 12, 2, 17, 0)),
    ]


def requests() -> list[Request]:
    return [
        Request(code="R-FORGE-0002", member="FORGE", site="NORD", skill="TIG", min_level=3,
                certifications=[{"type": "HAB-ELEC", "level": "BR"}, {"type": "CACES-R489", "level": "3"}],
                day=date(2026, 12, 7), start=time(22, 0), end=time(6, 0), ends_next_day=True, headcount=3,
                priority="critical", min_chunk_hours=2.5, preferred_employees=["E020"], excluded_employees=["E003"],
                same_person=True, note="nuit; urgent", series="RR-FORGE-1"),
        Request(code="R-ACIER-0001", member="ACIER", site="MAIN", skill="MIG", day=date(2026, 12, 8),
                start=time(6, 0), end=time(14, 0), priority="optional"),
    ]


ALL = {"members": members, "sites": sites, "employees": employees, "absences": absences, "requests": requests}
