"""Fixtures of the store tests: the same test on SQLite (a tmp file) and PostgreSQL (a fresh schema).

PostgreSQL comes from MUTUALIS_TEST_PG_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/test).
When it cannot be reached the PostgreSQL cases are skipped with the reason, unless CI or
MUTUALIS_REQUIRE_PG=1 is set: then they fail.
"""

from __future__ import annotations

import os
import shutil
import uuid
from datetime import date, datetime, time
from decimal import Decimal

import pytest
from sqlalchemy import create_engine, text

from consortium.members import Member, Site
from integrations.store import open_store
from sharing.absences import Absence
from sharing.employees import Certification, Contract, Employee, Preferences, SiteAuthorisation
from sharing.plans import Assignment, Plan
from sharing.requests import Request
from sharing.settings import Billing, GroupSettings, LabourRules, Travel
from sharing.skills import CertificationType, CertRequirement, Skill

PG_URL = os.environ.get("MUTUALIS_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SIRETS = ("73282932000009", "73282932000017")


def _pg_required() -> bool:
    return bool(os.environ.get("CI")) or os.environ.get("MUTUALIS_REQUIRE_PG") == "1"


@pytest.fixture(scope="session")
def pg_admin():
    """An engine on the PostgreSQL test database, or skip (fail under CI) when it is unreachable."""
    engine = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        engine.connect().close()
    except Exception as exc:  # any reason to not reach it: driver, refused, auth
        engine.dispose()
        reason = f"PostgreSQL unreachable at {PG_URL}: {' '.join(str(getattr(exc, 'orig', exc)).split())[:300]}"
        if _pg_required():
            pytest.fail(f"{reason} (required: CI or MUTUALIS_REQUIRE_PG=1)")
        pytest.skip(reason)
    yield engine
    engine.dispose()


class Database:
    """Where one test's store lives; `open()` may be called again to reopen it."""

    def __init__(self, url: str, schema: str | None = None):
        self.url, self.schema, self.stores = url, schema, []

    @property
    def kind(self) -> str:
        return "postgresql" if self.schema else "sqlite"

    def open(self):
        store = open_store(self.url, schema=self.schema)
        self.stores.append(store)
        return store

    def close(self) -> None:
        for store in self.stores:
            store.close()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """A SQLite file migrated once; each test gets a copy (open_store still checks it is at head).

    Migration from an empty file is covered by test_store_schema.py on files of its own.
    """
    path = tmp_path_factory.mktemp("template") / "mutualis.db"
    open_store(f"sqlite:///{path}").close()
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    if request.param == "sqlite":
        shutil.copyfile(request.getfixturevalue("sqlite_template"), tmp_path / "mutualis.db")
        database = Database(f"sqlite:///{tmp_path / 'mutualis.db'}")
        yield database
        database.close()
        return
    admin = request.getfixturevalue("pg_admin")
    schema = f"mtest_{uuid.uuid4().hex}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    database = Database(PG_URL, schema)
    try:
        yield database
    finally:
        database.close()
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


@pytest.fixture
def store(db):
    return db.open()


# --- small hand-made objects with every field set ------------------------------------------------------

@pytest.fixture
def settings():
    return GroupSettings(
        name="GE Vallée du Rhône",
        timezone="Europe/Paris",
        labour=LabourRules(max_daily_hours=9.75, max_weekly_hours=46, max_average_weekly_hours=42.5, average_weeks=10,
                           daily_rest_hours=11.5, weekly_rest_hours=36, max_days_per_week=5, max_consecutive_days=5,
                           part_time_min_weekly_hours=20, complementary_hours_ratio=0.1, part_time_max_interruptions=2,
                           night_start=time(22, 0), night_end=time(5, 30), notice_days=3),
        travel=Travel(speed_kmh=42.5, road_factor=1.25),
        billing=Billing(coefficient=Decimal("1.0825"), coefficient_by_contract={"CDD": Decimal("1.15")},
                        travel_policy="split"),
    )


@pytest.fixture
def skills():
    return [Skill(code="FORKLIFT", name="Forklift driving", levels=["1"]),
            Skill(code="TIG", name="TIG welding", levels=["1", "2", "3"])]


@pytest.fixture
def cert_types():
    return [CertificationType(code="HAB-ELEC", name="Habilitation électrique", levels=["B0", "B1V", "BR"],
                              ordered=True, covers={"BR": ["B1V"]}, validity_months=36)]


@pytest.fixture
def acier():
    return Member(
        code="ACIER", legal_name="Aciéries Réunies SA", siret=SIRETS[0], activity="steel structures",
        sites=[
            Site(code="MAIN", name="Main works", address="1 rue du Four, 69007 Lyon", latitude=45.7401234567,
                 longitude=4.8412345678, opening_hours="mon-fri 06:00-20:00; sat 07:00-12:00,13:00-17:00",
                 night_work_allowed=True, sunday_work_allowed=True, authorisation_required_for=["FORKLIFT"]),
            Site(code="DEPOT", name="Depot", address="2 quai Perrache", latitude=45.73, longitude=4.81,
                 opening_hours={"sun": []}),
        ],
        entitlement=1.5, billing_coefficient=Decimal("1.10"),
    )


@pytest.fixture
def bois():
    return Member(code="BOIS", legal_name="Menuiserie Bois", siret=SIRETS[1], sites=[
        Site(code="ATELIER", name="Atelier", latitude=45.5, longitude=4.5)])


@pytest.fixture
def employee():
    return Employee(
        code="E001", first_name="Amélie", last_name="Durand", home_address="3 rue Garibaldi, Lyon",
        home_latitude=45.7640123456789, home_longitude=4.8356789012345,
        contract=Contract(kind="CDD", start=date(2026, 1, 5), end=date(2026, 12, 31), weekly_hours=28.5,
                          annual_hours=1300.5, part_time_derogation=True, members=["BOIS", "ACIER"],
                          sites=["ACIER/MAIN", "BOIS/ATELIER"]),
        skills={"TIG": 3, "FORKLIFT": 1},
        certifications=[Certification(type="HAB-ELEC", level="BR", valid_from=date(2025, 3, 1),
                                      valid_to=date(2028, 2, 28)),
                        Certification(type="HAB-ELEC", level="B0", valid_from=date(2020, 1, 1))],
        site_authorisations=[SiteAuthorisation(member="ACIER", site="MAIN", skill="FORKLIFT",
                                               valid_to=date(2027, 6, 30))],
        night_worker=True, minor=False, hourly_cost=Decimal("25.50"),
        preferences=Preferences(preferred_members=["ACIER"], avoided_members=["BOIS"], max_commute_minutes=45),
    )


@pytest.fixture
def absence():
    return Absence(employee="E001", kind="training", start=datetime(2026, 12, 1, 8, 0),
                   end=datetime(2026, 12, 3, 17, 30, 15), note="CACES R489")


@pytest.fixture
def request_():
    return Request(
        code="R-ACIER-0001", member="ACIER", site="MAIN", skill="TIG", min_level=2,
        certifications=[CertRequirement(type="HAB-ELEC", level="B1V")], start=time(22, 0), end=time(6, 0),
        ends_next_day=True, headcount=2, priority="critical", min_chunk_hours=4.5, preferred_employees=["E001"],
        excluded_employees=["E002"], same_person=True, note="night shift, furnace 2", day=date(2026, 12, 1),
        series="R-ACIER-S1",
    )


@pytest.fixture
def plan():
    return Plan(
        week="2026-W49", status="published", objective=123.456789012345, best_bound=120.0000001,
        solver_status="OPTIMAL",
        assignments=[
            Assignment(employee="E001", request="R-ACIER-0001", member="ACIER", site="MAIN",
                       start=datetime(2026, 12, 1, 22, 0), end=datetime(2026, 12, 2, 2, 0),
                       travel_minutes_before=35, pinned=True),
            Assignment(employee="E001", request="R-ACIER-0001", member="ACIER", site="MAIN",
                       start=datetime(2026, 12, 2, 2, 30), end=datetime(2026, 12, 2, 6, 0)),
        ],
    )


@pytest.fixture
def seeded(store, settings, skills, cert_types, acier, bois, employee, absence, request_):
    """A store holding one of each kind (but no plan)."""
    with store.session() as repo:
        repo.people.save_settings(settings)
        for skill in skills:
            repo.people.save_skill(skill)
        for cert_type in cert_types:
            repo.people.save_certification_type(cert_type)
        repo.people.add_member(acier)
        repo.people.add_member(bois)
        repo.people.add_employee(employee)
        repo.people.add_absence(absence)
        repo.plans.add_request(request_)
    return store
