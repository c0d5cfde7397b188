"""`mutualis recommend` on a stored group with a planted shortage: three weeks of critical TIG:2
requests at TOLE, whose only welder's contract lists ACIER alone."""

from __future__ import annotations

import json
from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from click.testing import CliRunner

from cli import main
from consortium.members import Member, Site
from consortium.weeks import parse_week
from integrations.demo import init_database, load_group
from integrations.store import open_store
from sharing import Contract, Employee, Group, GroupSettings, Request
from sharing.catalogue import standard_catalogue
from sharing.plans import Plan

WEEKS = ["2026-W47", "2026-W48", "2026-W49"]
TOLE = (48.16, -0.70)


def _member(code: str, siret: str, lat: float) -> Member:
    return Member(code=code, legal_name=f"{code} SA", siret=siret,
                  sites=[Site(code="MAIN", name=f"{code} main", latitude=lat, longitude=-0.7)])


@pytest.fixture
def db(tmp_path):
    url = f"sqlite:///{tmp_path / 'recommend.db'}"
    welder = Employee(code="E1", first_name="Eve", last_name="Lebrun", home_latitude=47.8, home_longitude=-0.7,
                      contract=Contract(start=date(2020, 1, 1), members=["ACIER"]), skills={"TIG": 2},
                      hourly_cost=Decimal(20))
    requests = [Request(code=f"R{w[-2:]}-{d}", member="TOLE", site="MAIN", skill="TIG", min_level=2,
                        day=parse_week(w).monday + timedelta(days=d), start=time(8), end=time(16), priority="critical")
                for w in WEEKS for d in range(3)]
    group = Group(settings=GroupSettings(name="GE test"), catalogue=standard_catalogue(),
                  members=[_member("ACIER", "73282932000074", 47.8), _member("TOLE", "00000010100014", TOLE[0])],
                  employees=[welder], absences=[], requests=requests)
    store = open_store(url)
    with store.session() as repo:
        init_database(repo)
        load_group(repo, group)
        for week in WEEKS:
            repo.plans.save_plan(Plan(week=week, assignments=[]))
    store.close()
    return url


def test_one_hire_is_a_tig_2_welder_near_tole_verified_to_fill_the_planted_hours_lawfully(db):
    result = CliRunner().invoke(main, ["--db", db, "recommend", "--hires", "1", "--weeks", "2026-W47..2026-W49",
                                       "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["short_h"]["critical"] == 72
    assert document["chosen"] == ["H1"]
    assert document["options"][0]["option"] == "hire TIG:2 living near TOLE/MAIN"
    assert document["verified_h"]["critical"] >= 0.8 * 72 and document["violations"] == 0
    assert document["error_h"] == pytest.approx(sum(document["verified_h"].values())
                                                - sum(document["estimated_h"].values()))


def test_the_table_prints_the_estimate_and_the_verified_figure_and_stores_nothing(db):
    result = CliRunner().invoke(main, ["--db", db, "recommend", "--weeks", "2026-W47..2026-W49"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "short in the re-run weeks: critical 72 h, normal 0 h, optional 0 h"
    assert lines[-2].startswith("estimated filled: critical ") and lines[-1].startswith("verified filled:  critical ")
    assert lines[-1].endswith("(labour-law violations 0)")
    store = open_store(db)
    with store.session() as repo:
        assert [repo.plans.get_plan(parse_week(w)).assignments for w in WEEKS] == [[], [], []]
        assert [e.code for e in repo.people.list_employees()] == ["E1"]
    store.close()


def test_a_backwards_week_range_is_one_clear_line(db):
    result = CliRunner().invoke(main, ["--db", db, "recommend", "--weeks", "2026-W49..2026-W47"])
    assert result.exit_code != 0
    assert result.output.strip().splitlines() == [
        "error: week range 2026-W49..2026-W47 runs backwards: its first week is after its last"]


def test_with_candidates_the_pool_offers_hires_at_their_homes_and_leaves_expired_consents_out(db, tmp_path):
    sheet = tmp_path / "candidates.csv"
    sheet.write_text("code,name,latitude,longitude,rome,trade,skills,available_from,hours,consent\n"
                     "C001,Ana Ruiz,48.17,-0.70,H2913,welder,TIG:2,2026-10-01,30,2026-09-15\n"
                     "C002,Old Consent,48.17,-0.70,H2913,welder,TIG:2,2026-10-01,30,2020-01-15\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["--db", db, "candidate", "import", str(sheet)]).exit_code == 0
    result = CliRunner().invoke(main, ["--db", db, "recommend", "--hires", "1", "--candidates", "--weeks",
                                       "2026-W47..2026-W49", "--json"], env={"MUTUALIS_TODAY": "2026-12-03"})
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    offered = {o["code"]: o for o in document["options"]}
    assert [o["candidate"] for o in document["options"] if o["candidate"]] == ["C001"]
    assert offered["C1"]["option"] == "hire candidate C001 (welder) as TIG:2 directly, ready 2026-10-01"
    # 30 contracted hours instead of the profile's 35 for the same 24 h a week: the candidate is cheaper
    assert document["chosen"] == ["C1"] and document["verified_h"]["critical"] >= 0.8 * 72
