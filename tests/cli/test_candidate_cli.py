"""`mutualis candidate`: import (all rows or none), list, show, forget, and match on a stored group whose
shortage is MIG-MAG:2 at TOLE, which a food-industry line operator reaches through a bridge."""

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

WEEKS = ["2026-W48", "2026-W49"]
HEADER = "code,name,postcode,latitude,longitude,rome,trade,skills,available_from,hours,max_travel_km,consent"
ROWS = ["C001,Lina Morel,53200,48.20,-0.70,H2102,poultry-plant line operator,LINE:1,2026-10-01,35,40,2026-09-15",
        "C002,Marc Dubois,53200,48.20,-0.70,K2204,cleaner,,2026-10-01,35,40,2026-09-15"]


@pytest.fixture
def db(tmp_path):
    url = f"sqlite:///{tmp_path / 'candidates.db'}"
    welder = Employee(code="E1", first_name="Eve", last_name="Lebrun", home_latitude=47.8, home_longitude=-0.7,
                      contract=Contract(start=date(2020, 1, 1), members=["TOLE"]), skills={"TIG": 2},
                      hourly_cost=Decimal(20))
    requests = [Request(code=f"R{w[-2:]}-{d}", member="TOLE", site="MAIN", skill="MIG-MAG", min_level=2,
                        day=parse_week(w).monday + timedelta(days=d), start=time(8), end=time(16), priority="critical")
                for w in WEEKS for d in range(2)]
    sites = [Site(code="MAIN", name="Tole main", latitude=48.16, longitude=-0.7)]
    group = Group(settings=GroupSettings(name="GE test"), catalogue=standard_catalogue(),
                  members=[Member(code="TOLE", legal_name="TOLE SA", siret="00000010100014", sites=sites)],
                  employees=[welder], absences=[], requests=requests)
    store = open_store(url)
    with store.session() as repo:
        init_database(repo)
        load_group(repo, group)
        for week in WEEKS:
            repo.plans.save_plan(Plan(week=week, assignments=[]))
    store.close()
    return url


def _run(db, *args):
    return CliRunner().invoke(main, ["--db", db, *args])


def _sheet(tmp_path, *rows) -> str:
    path = tmp_path / "candidates.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return str(path)


def test_the_bridged_line_operator_ranks_above_the_cleaner_living_at_the_same_place(db, tmp_path):
    assert _run(db, "candidate", "import", _sheet(tmp_path, *ROWS)).output == "2 candidates added\n"
    result = _run(db, "candidate", "match", "--weeks", "2026-W48..2026-W49", "--json")
    assert result.exit_code == 0, result.output
    ranked = json.loads(result.output)
    assert [r["candidate"] for r in ranked] == ["C001", "C002"]
    assert ranked[0]["profile"] == "MIG-MAG:2" and ranked[0]["route"].startswith("bridge: MIG/MAG welder")
    assert ranked[0]["ready"] == str(date(2026, 10, 1) + timedelta(weeks=12))  # 400 h at 35 h a week
    assert ranked[0]["extra_h"]["critical"] >= 0.8 * 32
    assert ranked[1]["route"] == "none" and ranked[1]["extra_h"]["critical"] == 0


def test_list_show_and_forget(db, tmp_path):
    _run(db, "candidate", "import", _sheet(tmp_path, *ROWS))
    assert _run(db, "candidate", "show", "c001").output.splitlines()[1] == (
        "home 48.2000,-0.7000 53200  certificates -  consent 2026-09-15 (kept until 2028-09-15)")
    assert _run(db, "candidate", "forget", "C001").output == "candidate C001 forgotten\n"
    assert [line.split()[0] for line in _run(db, "candidate", "list").output.splitlines()] == ["C002"]
    result = _run(db, "candidate", "show", "C001")
    assert result.exit_code != 0 and result.output == "error: candidate C001 not found\n"


def test_a_bad_row_is_one_line_naming_file_row_and_field_and_nothing_is_stored(db, tmp_path):
    bad = ROWS[1].replace(",,2026-10-01", ",WELD:2,2026-10-01")
    result = _run(db, "candidate", "import", _sheet(tmp_path, ROWS[0], bad))
    assert result.exit_code != 0
    assert result.output == "error: candidates.csv:3: column skills: unknown skill 'WELD'\n"
    assert _run(db, "candidate", "list").output == "no candidate\n"


def test_forget_expired_erases_only_the_candidates_whose_consent_is_older_than_the_retention(db, tmp_path):
    old = ROWS[1].replace("2026-09-15", "2024-01-10")
    _run(db, "candidate", "import", _sheet(tmp_path, ROWS[0], old))
    result = _run(db, "candidate", "forget", "--expired", "--months", "24", "--as-of", "2026-12-03")
    assert result.output == "1 candidate forgotten (consent before 2024-12-03): C002\n"
    assert [line.split()[0] for line in _run(db, "candidate", "list").output.splitlines()] == ["C001"]


def test_the_retention_is_a_group_setting_used_by_list_match_and_forget(db, tmp_path):
    assert _run(db, "candidate", "retention").output == (
        "candidate consent retention: 24 months (default: the CNIL's two years)\n")
    old = ROWS[1].replace("2026-09-15", "2025-06-10")  # 18 months before 2026-12-03
    _run(db, "candidate", "import", _sheet(tmp_path, ROWS[0], old))
    listed = _run(db, "candidate", "list", "--as-of", "2026-12-03").output.splitlines()
    assert [("EXPIRED" in line) for line in listed] == [False, False]
    assert _run(db, "candidate", "retention", "12").output == "candidate consent retention: 12 months\n"
    assert _run(db, "candidate", "retention").output == "candidate consent retention: 12 months\n"
    listed = _run(db, "candidate", "list", "--as-of", "2026-12-03").output.splitlines()
    assert listed[1].startswith("C002") and listed[1].endswith(
        "CONSENT EXPIRED on 2026-06-10: mutualis candidate forget --expired")
    assert "EXPIRED" not in listed[0]
    matched = _run(db, "candidate", "match", "--weeks", "2026-W48..2026-W49", "--as-of", "2026-12-03")
    assert matched.exit_code == 0, matched.output
    lines = matched.output.splitlines()
    assert lines[0].startswith("C001") and lines[1] == (
        "C002  Marc Dubois (cleaner): left out, consent expired on 2026-06-10 (mutualis candidate forget --expired)")
    as_json = json.loads(_run(db, "candidate", "match", "--weeks", "2026-W48..2026-W49", "--as-of", "2026-12-03",
                              "--json").output)
    assert as_json[1] == {"candidate": "C002", "name": "Marc Dubois", "trade": "cleaner", "profile": None,
                          "route": "left out: consent expired", "consent_expired_on": "2026-06-10"}
    result = _run(db, "candidate", "forget", "--expired", "--as-of", "2026-12-03")
    assert result.output == "1 candidate forgotten (consent before 2025-12-03): C002\n"
    assert _run(db, "candidate", "retention", "--default").output.startswith("candidate consent retention: 24 months")
    assert _run(db, "candidate", "retention", "0").exit_code != 0


def test_certificates_are_checked_against_the_catalogue_with_their_expiry(db, tmp_path):
    header = HEADER + ",certs"
    good = ROWS[0] + ",SST:SST; CACES-R489:3:2027-03-31"
    bad = ROWS[1] + ",HAB-ELEK:BR"
    path = tmp_path / "candidates.csv"
    path.write_text("\n".join([header, good, bad]) + "\n", encoding="utf-8")
    result = _run(db, "candidate", "import", str(path))
    assert result.exit_code != 0
    assert result.output == ("error: candidates.csv:3: column certs: unknown certificate type 'HAB-ELEK' (did you "
                             "mean HAB-ELEC?) (TYPE:LEVEL[:VALID-TO], e.g. SST:SST or HAB-ELEC:BR:2027-03-31)\n")
    assert _run(db, "candidate", "list").output == "no candidate\n"
    path.write_text("\n".join([header, good, ROWS[1] + ",HAB-ELEC:BX"]) + "\n", encoding="utf-8")
    assert "column certs: 'HAB-ELEC:BX': HAB-ELEC has levels" in _run(db, "candidate", "import", str(path)).output
    path.write_text("\n".join([header, good]) + "\n", encoding="utf-8")
    assert _run(db, "candidate", "import", str(path)).output == "1 candidate added\n"
    assert "certificates SST:SST, CACES-R489:3 until 2027-03-31" in _run(db, "candidate", "show", "C001").output
