"""Seeded random groups of any size, shaped like the demo: for tests and benchmarks.

Members of typical trades sit in small towns spread over a region whose radius grows with the group;
each employee lives near a town, may be placed at the 2-6 members nearest home, and has the trade those
members ask for most. The week's requests are drawn from what the staff can do, until the hours asked
reach `demand_ratio` times the hours the staff are contracted for. Only `random.Random(seed)` is used,
so a seed always gives the same group.
"""

from __future__ import annotations

import math
import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from consortium.members import Member, Site

from .absences import Absence
from .catalogue import certification, standard_catalogue
from .demo import DEMO_WEEK, WINDOWS
from .employees import Certification, Contract, Employee, Preferences, SiteAuthorisation
from .geo import distance_km
from .group import Catalogue, Group
from .requests import RecurringRequest, Request
from .settings import GroupSettings
from .skills import CertificationType, CertRequirement
from consortium.weeks import parse_week

__all__ = ["SIZES", "CENTRE", "generate_group", "random_siret"]

SIZES = {"S": (10, 8), "M": (40, 25), "L": (300, 150), "XL": (1000, 400)}  # (employees, members)
CENTRE = (47.8286, -0.7028)  # Château-Gontier-sur-Mayenne

# code, label, demand weights by skill, opening hours, night allowed, Sunday allowed, P(forklift authorisation)
_TRADES: tuple[tuple[str, str, dict[str, float], str, bool, bool, float], ...] = (
    ("CHAU", "Chaudronnerie", {"BOILER": 4, "TIG": 3, "MIG-MAG": 3, "SMAW": 1, "QUALITY": 1},
     "mon-fri 06:00-21:00; sat 06:00-13:00", False, False, 0.5),
    ("USIN", "Usinage", {"CNC-MILL": 4, "CNC-TURN": 3, "QUALITY": 2, "MAINT-MECA": 1}, "mon-fri 05:00-22:00",
     False, False, 0.1),
    ("TOLE", "Tôlerie", {"MIG-MAG": 3, "ASSEMBLY": 2, "PAINT": 1, "BOILER": 1}, "mon-fri 06:00-21:00",
     False, False, 0.3),
    ("GALV", "Galvanisation", {"FORKLIFT": 3, "MAINT-MECA": 2, "MAINT-ELEC": 1, "SMAW": 1}, "mon-sun 24h",
     True, True, 1.0),
    ("AGRO", "Agroalimentaire", {"LINE": 6, "FORKLIFT": 2, "MAINT-ELEC": 2, "MAINT-MECA": 2, "QUALITY": 1},
     "mon-sun 24h", True, True, 0.8),
    ("SCIE", "Scierie", {"FORKLIFT": 3, "MAINT-MECA": 2, "LINE": 2}, "mon-fri 06:00-20:00", False, False, 1.0),
    ("PLAS", "Plasturgie", {"LINE": 3, "MAINT-ELEC": 2, "MAINT-MECA": 2, "QUALITY": 1}, "mon-fri 24h",
     True, False, 0.3),
    ("AGRI", "Machinisme agricole", {"MIG-MAG": 4, "ASSEMBLY": 3, "PAINT": 2, "TIG": 1}, "mon-fri 06:00-21:00",
     False, False, 0.5),
    ("INOX", "Inox process", {"TIG": 5, "BOILER": 2, "QUALITY": 1}, "mon-fri 06:00-21:00", False, False, 0.2),
    ("LOGI", "Entrepôts", {"FORKLIFT": 6, "LINE": 1}, "mon-sat 24h", True, False, 1.0),
    ("MAIN", "Maintenance industrielle", {"MAINT-MECA": 3, "MAINT-ELEC": 3, "MIG-MAG": 1}, "mon-fri 06:00-21:00",
     False, False, 0.0),
    ("PEIN", "Thermolaquage", {"PAINT": 4, "LINE": 1, "FORKLIFT": 1}, "mon-fri 06:00-21:00", False, False, 0.5),
)
_TRADE_WEIGHTS = (2, 2, 2, 0.5, 3, 0.7, 1, 1.5, 1, 1, 1, 0.8)

_SECOND_SKILL = {
    "TIG": "MIG-MAG", "MIG-MAG": "SMAW", "SMAW": "MIG-MAG", "BOILER": "MIG-MAG", "CNC-MILL": "CNC-TURN",
    "CNC-TURN": "CNC-MILL", "QUALITY": "CNC-MILL", "MAINT-MECA": "MAINT-ELEC", "MAINT-ELEC": "MAINT-MECA",
    "LINE": "FORKLIFT", "FORKLIFT": "LINE", "PAINT": "ASSEMBLY", "ASSEMBLY": "MIG-MAG",
}
_BASE_COST = {
    "LINE": 18, "FORKLIFT": 19.5, "ASSEMBLY": 20, "PAINT": 20, "QUALITY": 22, "MIG-MAG": 22, "SMAW": 22,
    "BOILER": 23, "CNC-TURN": 23, "CNC-MILL": 23, "MAINT-MECA": 25, "TIG": 25, "MAINT-ELEC": 26,
}
_TOWN_ROOTS = (
    "Aubigné", "Bouchamps", "Chantrigné", "Cuillé", "Denazé", "Fontaine", "Gesvres", "Hercé", "Javron", "Livré",
    "Marcillé", "Niafles", "Origné", "Préaux", "Ruillé", "Simplé", "Thorigné", "Vautorte", "Brains", "Chérancé",
    "Laigné", "Montjean", "Peuton", "Saulges", "Bannes", "Athée", "Courbeveille", "Houssay", "Méral", "Nuillé",
)
_TOWN_SUFFIXES = ("", "", "-sur-Oudon", "-la-Forêt", "-le-Vicomte", "-en-Anjou", "-sur-Sarthe", "-les-Bois")
_FIRST = ("Julien", "Nadia", "Kevin", "Anthony", "Céline", "Mathieu", "Sandrine", "Romain", "Karine", "Thomas",
          "Amandine", "Olivier", "Marine", "Hugo", "Jessica", "David", "Élodie", "Maxime", "Sylvie", "Yannick",
          "Laurent", "Aurélie", "Franck", "Manon", "Cédric", "Isabelle", "Lucas", "Stéphane", "Camille", "Bruno")
_LAST = ("Morel", "Gautier", "Bellanger", "Guérin", "Pichon", "Rousseau", "Chevalier", "Hamon", "Leroux",
         "Renaud", "Fournier", "Bouvier", "Besnier", "Lefèvre", "Brault", "Pelletier", "Tessier", "Jouin",
         "Lebrun", "Chauvin", "Gohier", "Mauduit", "Hervé", "Pottier", "Dupré", "Bigot", "Cosnard", "Foucher",
         "Gendron", "Lemonnier", "Poirier", "Hardy", "Lecomte", "Marchand", "Baudry", "Landais", "Royer")
_FORMS = ("SAS", "SARL", "SA", "SCA")


def random_siret(rng: random.Random) -> str:
    """Thirteen random digits (not La Poste's SIREN) and the Luhn key that makes the SIRET valid."""
    body = str(rng.choice("12345789")) + "".join(str(rng.randrange(10)) for _ in range(12))
    total = 0
    for i, char in enumerate(reversed(body)):  # the key will sit at index 0 from the right
        digit = int(char) * (2 if i % 2 == 0 else 1)
        total += digit - 9 if digit > 9 else digit
    return body + str((10 - total % 10) % 10)


def _near(rng: random.Random, lat: float, lon: float, radius_km: float) -> tuple[float, float]:
    """A uniform random point within `radius_km` of (lat, lon)."""
    r, angle = radius_km * math.sqrt(rng.random()), rng.uniform(0, 2 * math.pi)
    dlat = r * math.cos(angle) / 111.2
    dlon = r * math.sin(angle) / (111.2 * math.cos(math.radians(lat)))
    return round(lat + dlat, 5), round(lon + dlon, 5)


def _towns(rng: random.Random, count: int, radius_km: float) -> list[tuple[str, float, float]]:
    towns = []
    for i in range(count):
        name = rng.choice(_TOWN_ROOTS) + rng.choice(_TOWN_SUFFIXES)
        towns.append((name if i < len(_TOWN_ROOTS) else f"{name} {i}", *_near(rng, *CENTRE, radius_km)))
    return towns


def _member(rng: random.Random, index: int, towns) -> tuple[Member, dict[str, float]]:
    code, label, demand, hours, night, sunday, forklift = rng.choices(_TRADES, weights=_TRADE_WEIGHTS)[0]
    sites = []
    for k in range(1 if rng.random() < 0.75 else 2):
        town, lat, lon = rng.choice(towns)
        site_lat, site_lon = _near(rng, lat, lon, 3)
        sites.append(Site(
            code=f"S{k + 1}", name=f"Site de {town}", address=town, latitude=site_lat,
            longitude=site_lon, opening_hours=hours, night_work_allowed=night,
            sunday_work_allowed=sunday, authorisation_required_for=["FORKLIFT"] if rng.random() < forklift else [],
        ))
    member = Member(
        code=f"{code}{index:03d}", legal_name=f"{label} {rng.choice(_LAST)} {rng.choice(_FORMS)}",
        siret=random_siret(rng), activity=label.lower(), sites=sites, entitlement=rng.choice((1, 1, 2, 2, 3)),
    )
    return member, demand


def _level(rng: random.Random, levels: int) -> int:
    return min(levels, rng.choices((1, 2, 3), weights=(45, 35, 20))[0])


def _certification_type(catalogue: Catalogue, code: str) -> CertificationType:
    found = catalogue.certification_type(code)
    if found is None:
        raise ValueError(f"the catalogue has no certification type {code}")
    return found


def _certifications(rng: random.Random, catalogue: Catalogue, skills: dict[str, int],
                    monday: date) -> list[Certification]:
    def obtained(kind: str) -> date:  # somewhere within the validity, so that a few expire soon
        months = _certification_type(catalogue, kind).validity_months or 12  # one that never expires: a year
        return monday - timedelta(days=rng.randrange(1, months * 30))

    certs = []
    if "MAINT-ELEC" in skills or "MAINT-MECA" in skills:
        level = rng.choice(("B1V", "BR", "BR")) if skills.get("MAINT-ELEC", 0) >= 2 else rng.choice(("B0", "B1V"))
        certs.append(certification(catalogue, "HAB-ELEC", level, obtained("HAB-ELEC")))
    if "FORKLIFT" in skills:
        for cat in {"3", *rng.sample(("1A", "1B", "5"), rng.randint(0, 2))}:
            certs.append(certification(catalogue, "CACES-R489", cat, obtained("CACES-R489")))
    if skills.keys() & {"TIG", "MIG-MAG", "SMAW"} and rng.random() < 0.6:
        level = rng.choice(_certification_type(catalogue, "ISO9606-1").levels)
        certs.append(certification(catalogue, "ISO9606-1", level, obtained("ISO9606-1")))
    if rng.random() < 0.3:
        certs.append(certification(catalogue, "SST", "SST", obtained("SST")))
    return sorted(certs, key=lambda c: (c.type, c.level))


def _employee(rng, index, towns, members, demands, catalogue, monday) -> Employee:
    town, lat, lon = rng.choice(towns)
    home = _near(rng, lat, lon, 6)
    by_distance = sorted(
        members, key=lambda m: min(distance_km(*home, s.latitude, s.longitude) for s in m.sites)
    )
    listed = by_distance[: rng.randint(2, 6)]
    wanted: dict[str, float] = {}
    for m in listed:
        for skill, weight in demands[m.code].items():
            wanted[skill] = wanted.get(skill, 0) + weight
    main = rng.choices(sorted(wanted), weights=[wanted[s] for s in sorted(wanted)])[0]
    skills = {main: _level(rng, len(catalogue.skill(main).levels))}
    if rng.random() < 0.5:
        second = _SECOND_SKILL[main]
        skills[second] = _level(rng, len(catalogue.skill(second).levels))
    minor = main in ("LINE", "ASSEMBLY") and rng.random() < 0.02
    hours = 35 if minor or rng.random() < 0.75 else rng.choice((24, 28, 30))
    cdd = minor or rng.random() < 0.1
    start = monday - timedelta(days=rng.randrange(60, 4000 if not minor else 400))
    night_sites = any(s.night_work_allowed for m in listed for s in m.sites)
    forklift_sites = [(m.code, s.code) for m in listed for s in m.sites if "FORKLIFT" in s.authorisation_required_for]
    cost = _BASE_COST[main] + 2.5 * (skills[main] - 1) + rng.uniform(-1, 1.5)
    return Employee(
        code=f"E{index:04d}", first_name=rng.choice(_FIRST), last_name=rng.choice(_LAST), home_address=town,
        home_latitude=home[0], home_longitude=home[1],
        contract=Contract(kind="CDD" if cdd else "CDI", start=start,
                          end=monday + timedelta(days=rng.randrange(30, 400)) if cdd else None,
                          weekly_hours=hours, members=[m.code for m in listed]),
        skills=skills,
        certifications=_certifications(rng, catalogue, skills, monday),
        site_authorisations=[SiteAuthorisation(member=m, site=s, skill="FORKLIFT")
                             for m, s in forklift_sites if "FORKLIFT" in skills and rng.random() < 0.85],
        night_worker=not minor and night_sites and main in ("LINE", "FORKLIFT", "MAINT-MECA") and rng.random() < 0.4,
        minor=minor,
        hourly_cost=Decimal(str(round(min(32.0, max(17.0, 17.0 if minor else cost)), 2))),
        preferences=Preferences(preferred_members=[listed[0].code] if rng.random() < 0.2 else [],
                                max_commute_minutes=rng.choice((20, 30, 45)) if rng.random() < 0.15 else None),
    )


def _absences(rng: random.Random, employees: list[Employee], monday: date) -> list[Absence]:
    result = []
    for e in employees:
        if rng.random() < 0.08:
            first, length = rng.randrange(5), rng.choice((1, 1, 2, 3, 5))
            start = datetime.combine(monday + timedelta(days=first), time(0))
            result.append(Absence(employee=e.code, kind=rng.choice(("leave", "leave", "sickness", "training")),
                                  start=start, end=start + timedelta(days=length)))
    return result


_PATTERNS = ((0, 1, 2, 3, 4), (0, 1, 2, 3), (1, 2, 3), (0, 2, 4), (1, 3), (0, 1), (2,), (4,), (5,), (6,))


def _requests(rng, employees, members, demands, target_hours, monday) -> list[Request]:
    by_code = {m.code: m for m in members}
    requests, hours, serial = [], 0.0, 0
    while hours < target_hours:
        e = rng.choice(employees)
        skill = max(e.skills, key=e.skills.get)
        asking = [c for c in e.contract.members if skill in demands[c]] or list(e.contract.members)
        member = by_code[rng.choice(asking)]
        site = rng.choice(member.sites)
        window = ("night" if site.night_work_allowed and rng.random() < 0.15
                  else rng.choice(("morning", "afternoon", "day")))
        start, end, next_day = WINDOWS[window]
        lo = start.hour * 60
        length = (end.hour * 60 + (1440 if next_day else 0)) - lo
        days = [d for d in rng.choices(_PATTERNS, weights=(6, 3, 3, 2, 2, 2, 1, 1, 0.5, 0.5))[0]
                if site.is_open(d, lo, lo + length) and (d < 6 or site.sunday_work_allowed)]
        if not days:
            continue
        serial += 1
        certs = [CertRequirement(type=c.type, level=c.level) for c in e.certifications
                 if c.type in ("HAB-ELEC", "CACES-R489") and c.is_valid(monday)][:1]
        fields = dict(
            member=member.code, site=site.code, skill=skill, min_level=rng.randint(1, e.skills[skill]),
            certifications=certs if rng.random() < 0.6 else [], start=start, end=end, ends_next_day=next_day,
            headcount=rng.choices((1, 2, 3), weights=(70, 22, 8))[0],
            priority=rng.choices(("critical", "normal", "optional"), weights=(2, 6, 2))[0],
            min_chunk_hours=4 if rng.random() < 0.1 else 0,
            preferred_employees=[e.code] if rng.random() < 0.1 else [],
            same_person=len(days) > 1 and rng.random() < 0.2,
        )
        if len(days) == 1:
            batch = [Request(code=f"R{serial:05d}", day=monday + timedelta(days=days[0]), **fields)]
        else:
            batch = RecurringRequest(code=f"R{serial:05d}", weekdays=days, first_day=monday,
                                     last_day=monday + timedelta(days=6), **fields).expand()
        requests.extend(batch)
        hours += sum(r.hours for r in batch)
    return requests


def generate_group(size: str, seed: int = 0, week: str = DEMO_WEEK, demand_ratio: float = 1.1) -> Group:
    """A random group of `SIZES[size]` employees and members, with a week of requests.

    Parameters
    ----------
    size : str
        One of `SIZES` (S, M, L, XL).
    seed : int
        Seed of the only random generator used; the same seed gives an equal group.
    week : str
        ISO week of the requests and absences.
    demand_ratio : float
        Hours requested over the hours the staff are contracted for, net of absences (about 1.0-1.2
        for the benchmark).
    """
    if size not in SIZES:
        raise ValueError(f"size {size!r} is not one of {', '.join(SIZES)}")
    rng = random.Random(seed)
    n_employees, n_members = SIZES[size]
    monday = parse_week(week).monday
    catalogue = standard_catalogue()
    radius = 12 * math.sqrt(n_members / 8)  # S about 12 km, XL about 85 km
    towns = _towns(rng, max(4, n_members // 3), radius)
    members, demands = [], {}
    for i in range(1, n_members + 1):
        member, demand = _member(rng, i, towns)
        members.append(member)
        demands[member.code] = demand
    employees = [_employee(rng, i, towns, members, demands, catalogue, monday) for i in range(1, n_employees + 1)]
    absences = _absences(rng, employees, monday)
    absent = sum((a.end - a.start).days for a in absences) * 7
    supply = sum(e.contract.weekly_hours for e in employees) - absent
    return Group(
        settings=GroupSettings(name=f"GE généré {size} (seed {seed})"),
        catalogue=catalogue,
        members=members,
        employees=employees,
        absences=absences,
        requests=_requests(rng, employees, members, demands, demand_ratio * supply, monday),
    )
