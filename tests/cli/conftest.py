"""A tiny group for the command tests: two members, two welders, five day requests in 2026-W49, one plan.

Week 2026-W49 runs from Monday 30 November to Sunday 6 December 2026; ACIER/MAIN opens mon-fri 07:00-19:00;
today is Wednesday 25 November (MUTUALIS_TODAY), so the whole week is ahead. The group is built and allocated
once; each test gets its own copy of the database file.
"""

from __future__ import annotations

import shutil
from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from click.testing import CliRunner

from cli import main
from consortium.members import Member, Site
from consortium.weeks import parse_week
from integrations.store import open_store
from sharing import CertificationType, Contract, Employee, GroupSettings, Request, Skill

TODAY = "2026-11-25"
WEEK = parse_week("2026-W49")


def _member(code: str, siret: str, hours: str = "") -> Member:
    return Member(code=code, legal_name=f"{code} SA", siret=siret,
                  sites=[Site(code="MAIN", name="main", latitude=47.8, longitude=-0.7, opening_hours=hours)])


def _employee(code: str, last_name: str) -> Employee:
    return Employee(code=code, first_name="Eve", last_name=last_name, home_latitude=47.8, home_longitude=-0.7,
                    skills={"TIG": 2}, hourly_cost=Decimal("20.00"),
                    contract=Contract(start=date(2020, 1, 1), members=["ACIER", "FORGE"]))


def _invoke(url: str, args, code: int):
    result = CliRunner().invoke(main, ["--db", url, *args])
    assert result.exit_code == code, result.output
    return result


@pytest.fixture(scope="session")
def allocated_group(tmp_path_factory) -> str:
    """The database file of the tiny group, its week allocated (not published)."""
    path = tmp_path_factory.mktemp("group") / "group.db"
    store = open_store(f"sqlite:///{path}")
    with store.session() as repo:
        repo.people.save_settings(GroupSettings())
        repo.people.save_skill(Skill(code="TIG", name="TIG welding"))
        repo.people.save_certification_type(CertificationType(code="HAB-ELEC", name="Electrical habilitation",
                                                              levels=["B1V", "BR"]))
        repo.people.save_member(_member("ACIER", "73282932000074", "mon-fri 07:00-19:00"))
        repo.people.save_member(_member("FORGE", "00000010000016"))
        repo.people.save_employee(_employee("E1", "Martin"))
        repo.people.save_employee(_employee("E2", "Petit"))
        for d in range(5):
            repo.plans.save_request(Request(code=f"R{d}", member="ACIER", site="MAIN", skill="TIG",
                                            day=WEEK.monday + timedelta(days=d), start=time(8), end=time(15)))
    store.close()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MUTUALIS_TODAY", TODAY)
        _invoke(f"sqlite:///{path}", ["allocate", "--week", str(WEEK), "--workers", "1", "--time-limit", "5"], 0)
    return str(path)


@pytest.fixture
def db(allocated_group, tmp_path, monkeypatch) -> str:
    """This test's own copy of the tiny group, as a database URL; today is 25 November 2026."""
    monkeypatch.setenv("MUTUALIS_TODAY", TODAY)
    copy = tmp_path / "group.db"
    shutil.copy(allocated_group, copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def mutualis(db):
    """Run `mutualis --db <the copy> ARGS...`, checking the exit code (0 unless `code=`); the result."""

    def run(*args: str, code: int = 0):
        return _invoke(db, args, code)

    return run
