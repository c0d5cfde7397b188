"""The demo group: a metalworking GE around Château-Gontier (Sud-Mayenne) and one busy week of requests.

Members and employees live in `sharing/data/demo_*.yaml`; the week's requests are expanded here from
compact templates. Tension by design: TIG welding at level 2+ and electrical maintenance needing a BR
habilitation are asked for well beyond what the staff can give; a forklift driver's CACES R489
category 3 expires on the Wednesday.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from importlib import resources
from typing import Any

import yaml

from consortium.members import WEEKDAYS, Member

from .absences import Absence
from .catalogue import certification, standard_catalogue
from .employees import Contract, Employee, Preferences, SiteAuthorisation
from .group import Catalogue, Group
from .requests import RecurringRequest, Request
from .settings import GroupSettings
from .skills import parse_cert_requirements
from consortium.weeks import parse_week

__all__ = [
    "DEMO_TODAY", "DEMO_WEEK", "WINDOWS", "demo_group", "demo_members", "demo_employees", "demo_requests",
    "demo_absences",
    "employee_from_row", "weekdays",
]

DEMO_WEEK = "2026-W49"
DEMO_TODAY = date(2026, 11, 26)  # the manager's Thursday before the demo week: the demo database's frozen date

# name -> (start, end, ends_next_day)
WINDOWS = {
    "morning": (time(6), time(13), False),
    "afternoon": (time(13), time(20), False),
    "day": (time(8), time(16), False),
    "night": (time(21), time(5), True),
}

# (code, MEMBER/SITE, SKILL:min level, window, days, headcount, priority, extra fields)
_Need = tuple[str, str, str, str, str, int, str, dict[str, Any]]
_RECURRING: tuple[_Need, ...] = (
    # TIG level 2+: stainless tanks, pressure vessels, silos; far more hours than three TIG welders have
    ("R-INOX-TIG", "INOXAGRI/VILLIERS", "TIG:2", "day", "mon-fri", 2, "critical", {"same_person": True}),
    ("R-CHAU-TIG", "CHAUMAY/BELLITOURNE", "TIG:2", "morning", "mon-wed", 1, "normal", {}),
    ("R-SILO-TIG", "SILOS/SEGRE", "TIG:2", "day", "tue-thu", 1, "normal", {"min_chunk_hours": 4}),
    # MIG/MAG, stick welding and boilermaking: comfortable
    ("R-AGRI-MIG", "AGRIMAT/RENAZE", "MIG-MAG:2", "morning", "mon-thu", 1, "normal", {}),
    ("R-CHAR-MIG", "CHARPENTE/MESLAY", "MIG-MAG:2", "day", "mon,tue", 1, "normal", {"min_chunk_hours": 4}),
    ("R-CHAU-BOIL", "CHAUMAY/BELLITOURNE", "BOILER:2", "day", "mon-fri", 2, "normal", {"same_person": True}),
    # machining
    ("R-USI-MILL", "USIMECA/MAIN", "CNC-MILL:2", "morning", "mon-thu", 1, "normal", {"preferred_employees": ["E015"]}),
    ("R-DEC-TURN", "DECOLLET/BIERNE", "CNC-TURN:2", "morning", "mon,tue", 1, "normal", {}),
    # electrical maintenance with a BR habilitation: five sites, three BR holders
    ("R-VOL-ELEC", "VOLAILLE/ABATTOIR", "MAINT-ELEC:2", "morning", "mon-fri", 1, "critical",
     {"certifications": "HAB-ELEC:BR"}),
    ("R-NUT-ELEC", "NUTRIMAY/SAINTFORT", "MAINT-ELEC:2", "afternoon", "mon-fri", 1, "critical",
     {"certifications": "HAB-ELEC:BR"}),
    ("R-PLA-ELEC", "PLASTI/SABLE", "MAINT-ELEC:2", "morning", "mon-thu", 1, "normal",
     {"certifications": "HAB-ELEC:BR"}),
    ("R-BIS-ELEC", "BISCUIT/SABLE", "MAINT-ELEC:1", "afternoon", "mon-fri", 1, "normal",
     {"certifications": "HAB-ELEC:BR"}),
    # mechanical maintenance
    ("R-GAL-MECA", "GALVA/CRAON", "MAINT-MECA:1", "night", "tue-thu", 1, "normal", {}),
    ("R-FON-MECA", "FONDERIE/GREZ", "MAINT-MECA:2", "morning", "mon,thu", 1, "normal", {}),
    # food and packaging lines
    ("R-VOL-LINE", "VOLAILLE/ABATTOIR", "LINE:1", "morning", "mon-thu", 2, "normal", {}),
    ("R-VOL-NUIT", "VOLAILLE/ABATTOIR", "LINE:1", "night", "sun,mon,tue,wed", 1, "critical", {}),
    ("R-SAL-LINE", "SALAISON/CRAON", "LINE:1", "afternoon", "mon-fri", 1, "normal", {"excluded_employees": ["E032"]}),
    ("R-BIS-LINE", "BISCUIT/SABLE", "LINE:1", "morning", "mon,tue,thu", 2, "normal", {"min_chunk_hours": 3.5}),
    # forklifts: CACES R489 category 3 (5 for the reach trucks of the cold store)
    ("R-NUT-FORK", "NUTRIMAY/SAINTFORT", "FORKLIFT:1", "day", "mon-fri", 1, "critical",
     {"certifications": "CACES-R489:3", "same_person": True, "preferred_employees": ["E033"]}),
    ("R-ENT-FORK", "ENTREPOT/BAZOUGES", "FORKLIFT:1", "morning", "wed,fri,sat", 1, "normal",
     {"certifications": "CACES-R489:5"}),
    # finishing, quality, assembly
    ("R-THE-PAINT", "THERMOLAQ/AZE", "PAINT:1", "morning", "mon,tue", 1, "normal", {}),
    ("R-AGR-PAINT", "AGRIMAT/PEINTURE", "PAINT:1", "morning", "mon,tue", 1, "optional", {}),
    ("R-AGR-ASM", "AGRIMAT/RENAZE", "ASSEMBLY:2", "day", "mon,tue", 1, "normal", {"excluded_employees": ["E009"]}),
)

# one-off needs: (code, MEMBER/SITE, SKILL:min level, window, weekday, headcount, priority, extra fields)
_ONE_OFF: tuple[_Need, ...] = (
    ("R-LAI-TIG3", "LAITERIE/MESLAY", "TIG:3", "day", "tue", 1, "critical", {"note": "stainless pipe repair"}),
    ("R-GAL-ELEC", "GALVA/CRAON", "MAINT-ELEC:1", "day", "wed", 1, "critical",
     {"certifications": "HAB-ELEC:BR", "note": "kettle burner control cabinet"}),
    ("R-LAI-ELEC", "LAITERIE/MESLAY", "MAINT-ELEC:1", "day", "thu", 1, "normal", {"certifications": "HAB-ELEC:BR"}),
    ("R-ENT-NACL", "ENTREPOT/BAZOUGES", "MAINT-ELEC:1", "day", "sat", 1, "optional",
     {"certifications": "HAB-ELEC:B1V; CACES-R486:B", "note": "lighting in the high racks"}),
    ("R-GAL-SMAW", "GALVA/CRAON", "SMAW:1", "day", "wed", 1, "normal", {"note": "jig repair"}),
    ("R-GAL-DIM", "GALVA/CRAON", "FORKLIFT:1", "day", "sun", 1, "optional", {"certifications": "CACES-R489:3"}),
    ("R-ARM-ASM", "ARMELEC/LOIGNE", "ASSEMBLY:1", "day", "thu", 2, "optional", {}),
    ("R-CAR-MIG", "CARROSS/DAON", "MIG-MAG:1", "afternoon", "wed", 1, "optional", {"min_chunk_hours": 7}),
    ("R-SCI-FORK", "SCIERIE/BALLOTS", "FORKLIFT:1", "morning", "fri", 1, "normal", {"certifications": "CACES-R489:3"}),
)

# (employee, kind, first day, days, note); whole days from midnight
_ABSENCES = (
    ("E002", "training", 1, 2, "ISO 9606-1 requalification"),
    ("E020", "sickness", 0, 3, ""),
    ("E025", "leave", 0, 7, "congés payés"),
    ("E012", "leave", 4, 1, ""),
    ("E016", "training", 3, 1, "SST refresher"),
)


def weekdays(text: str) -> list[int]:
    """`mon-fri`, `tue,thu,sat` or `sun` as weekday numbers (0 = Monday)."""
    result: list[int] = []
    for part in text.split(","):
        first, _, last = part.partition("-")
        lo, hi = WEEKDAYS.index(first), WEEKDAYS.index(last or first)
        result.extend(range(lo, hi + 1))
    return result


def _read_yaml(name: str):
    return yaml.safe_load(resources.files("sharing").joinpath("data", name).read_text(encoding="utf-8"))


def demo_members() -> list[Member]:
    """The 25 member firms with their sites."""
    return [Member.model_validate(row) for row in _read_yaml("demo_members.yaml")]


def employee_from_row(row: dict, catalogue: Catalogue) -> Employee:
    """An employee from the compact YAML form described in `demo_employees.yaml`."""
    village, lat, lon = row["home"]
    c = row["contract"]
    prefs = row.get("prefs", {})
    return Employee(
        code=row["code"],
        first_name=row["name"][0],
        last_name=row["name"][1],
        home_address=village,
        home_latitude=lat,
        home_longitude=lon,
        contract=Contract(
            kind=c.get("kind", "CDI"), start=c["start"], end=c.get("end"), weekly_hours=c.get("hours", 35),
            part_time_derogation=c.get("derogation", False), members=c["members"],
        ),
        skills=row["skills"],
        certifications=[certification(catalogue, kind, str(level), day) for kind, level, day in row.get("certs", [])],
        site_authorisations=[SiteAuthorisation(member=m, site=s, skill=k) for m, s, k in row.get("auth", [])],
        night_worker=row.get("night", False),
        minor=row.get("minor", False),
        hourly_cost=Decimal(row["cost"]),
        preferences=Preferences(
            preferred_members=prefs.get("preferred", []), avoided_members=prefs.get("avoided", []),
            max_commute_minutes=prefs.get("max_commute"),
        ),
    )


def demo_employees(catalogue: Catalogue | None = None) -> list[Employee]:
    """The 40 shared employees (certificate expiry dates follow the catalogue's validity)."""
    catalogue = catalogue or standard_catalogue()
    return [employee_from_row(row, catalogue) for row in _read_yaml("demo_employees.yaml")]


def _fields(place: str, need: str, window: str, headcount: int, priority: str,
            extra: dict[str, Any]) -> dict[str, Any]:
    member, site = place.split("/")
    skill, level = need.split(":")
    start, end, next_day = WINDOWS[window]
    extra = dict(extra)
    extra["certifications"] = parse_cert_requirements(extra.get("certifications", ""))
    return dict(member=member, site=site, skill=skill, min_level=int(level), start=start, end=end,
                ends_next_day=next_day, headcount=headcount, priority=priority, **extra)


def demo_requests(week: str = DEMO_WEEK) -> list[Request]:
    """The week's dated requests: recurring templates expanded, then the one-offs."""
    monday = parse_week(week).monday
    requests = []
    for code, place, need, window, days, headcount, priority, extra in _RECURRING:
        series = RecurringRequest(code=code, weekdays=weekdays(days), first_day=monday,
                                  last_day=monday + timedelta(days=6),
                                  **_fields(place, need, window, headcount, priority, extra))
        requests.extend(series.expand())
    for code, place, need, window, day, headcount, priority, extra in _ONE_OFF:
        requests.append(Request(code=code, day=monday + timedelta(days=weekdays(day)[0]),
                                **_fields(place, need, window, headcount, priority, extra)))
    return sorted(requests, key=lambda r: (r.day, r.start, r.code))


def demo_absences(week: str = DEMO_WEEK) -> list[Absence]:
    """Leave, sickness and training in the week."""
    monday = parse_week(week).monday
    return [
        Absence(employee=who, kind=kind, note=note,
                start=datetime.combine(monday + timedelta(days=first), time(0)),
                end=datetime.combine(monday + timedelta(days=first + length), time(0)))
        for who, kind, first, length, note in _ABSENCES
    ]


def demo_group() -> Group:
    """The demo group for DEMO_WEEK (2026-W49, Monday 30 November to Sunday 6 December 2026)."""
    catalogue = standard_catalogue()
    return Group(
        settings=GroupSettings(name="GE Sud-Mayenne Industrie", today=DEMO_TODAY),
        catalogue=catalogue,
        members=demo_members(),
        employees=demo_employees(catalogue),
        absences=demo_absences(),
        requests=demo_requests(),
    )
