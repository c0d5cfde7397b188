"""`mutualis explain` names the pool's candidates who could fill an unfilled request: a food-industry line
operator whose trade bridges to MIG-MAG:2 is named, a cleaner with no bridge is not."""

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

HEADER = "code,name,postcode,latitude,longitude,rome,trade,skills,available_from,hours,max_travel_km,consent"
ROWS = ["C001,Lina Morel,53200,48.20,-0.70,H2102,poultry-plant line operator,LINE:1,2026-10-01,35,40,2026-09-15",
        "C002,Marc Dubois,53200,48.20,-0.70,K2204,cleaner,,2026-10-01,35,40,2026-09-15"]
WHY = ("R1 at TOLE/MAIN: 0 of 1 placed\n"
       "  no employee has the MIG-MAG skill\n")


@pytest.fixture
def db(tmp_path):
    url = f"sqlite:///{tmp_path / 'leads.db'}"
    welder = Employee(code="E1", first_name="Eve", last_name="Lebrun", home_latitude=47.8, home_longitude=-0.7,
                      contract=Contract(start=date(2020, 1, 1), members=["TOLE"]), skills={"TIG": 2},
                      hourly_cost=Decimal(20))
    request = Request(code="R1", member="TOLE", site="MAIN", skill="MIG-MAG", min_level=2,
                      day=parse_week("2026-W49").monday + timedelta(days=1), start=time(8), end=time(16))
    group = Group(settings=GroupSettings(name="GE test"), catalogue=standard_catalogue(),
                  members=[Member(code="TOLE", legal_name="TOLE SA", siret="00000010100014",
                                  sites=[Site(code="MAIN", name="Tole main", latitude=48.16, longitude=-0.7)])],
                  employees=[welder], absences=[], requests=[request])
    store = open_store(url)
    with store.session() as repo:
        init_database(repo)
        load_group(repo, group)
        repo.plans.save_plan(Plan(week="2026-W49", assignments=[]))
    store.close()
    return url


def _run(db, *args):
    result = CliRunner().invoke(main, ["--db", db, *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_explain_names_the_bridged_candidate_and_not_the_one_without_a_bridge(db, tmp_path):
    sheet = tmp_path / "candidates.csv"
    sheet.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    _run(db, "candidate", "import", str(sheet))
    lead = ("  candidate C001 (poultry-plant line operator, ROME H2102) could after a 400 h course (MIG/MAG welder "
            "(titre professionnel soudeur assembleur industriel)), ready 2026-12-24, lives 4 km away\n")
    assert _run(db, "explain", "r1") == WHY + lead
    document = json.loads(_run(db, "explain", "R1", "--json"))
    assert document["missing"] == 1 and document["leads"] == [lead.strip()]


def test_with_no_candidates_the_explanation_is_unchanged(db):
    assert _run(db, "explain", "R1") == WHY
