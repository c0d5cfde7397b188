"""`mutualis shortage` on a tiny stored group whose figures are worked out by hand.

Week 2026-W48: R48-TIG asks two TIG:2 welders, only E1 has the level (8 h short: skill); R48-MIG asks
MIG-MAG that nobody has (08:00-15:00, 7 h: skill). Week 2026-W49: R49-A takes E1; R49-B at FORGE at the same time
is for TIG:1, E2 has it but his contract lists only ACIER, so E1 was the one: busy (8 h).
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
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
from sharing.plans import Assignment, Plan

W48, W49 = parse_week("2026-W48").monday, parse_week("2026-W49").monday


def _member(code: str, siret: str, lat: float) -> Member:
    return Member(code=code, legal_name=f"{code} SA", siret=siret,
                  sites=[Site(code="MAIN", name=f"{code} main", latitude=lat, longitude=-0.7)])


def _employee(code: str, skills: dict, members: list[str]) -> Employee:
    return Employee(code=code, first_name="Eve", last_name=code, home_latitude=47.8, home_longitude=-0.7,
                    contract=Contract(start=date(2020, 1, 1), members=members), skills=skills,
                    hourly_cost=Decimal(20))


def _request(code: str, day: date, skill: str, level: int, member: str = "ACIER", end: int = 16, **kw) -> Request:
    return Request(code=code, member=member, site="MAIN", skill=skill, min_level=level, day=day,
                   start=time(8), end=time(end), **kw)


def _on(employee: str, request: str, day: date, member: str = "ACIER") -> Assignment:
    return Assignment(employee=employee, request=request, member=member, site="MAIN",
                      start=datetime.combine(day, time(8)), end=datetime.combine(day, time(16)))


@pytest.fixture
def db(tmp_path):
    url = f"sqlite:///{tmp_path / 'forecast.db'}"
    group = Group(
        settings=GroupSettings(name="GE test"), catalogue=standard_catalogue(),
        members=[_member("ACIER", "73282932000074", 47.8), _member("FORGE", "00000010000016", 47.9)],
        employees=[_employee("E1", {"TIG": 2}, ["ACIER", "FORGE"]), _employee("E2", {"TIG": 1}, ["ACIER"])],
        absences=[],
        requests=[_request("R48-TIG", W48, "TIG", 2, headcount=2, priority="critical"),
                  _request("R48-MIG", W48 + timedelta(days=1), "MIG-MAG", 1, end=15, priority="optional"),
                  _request("R49-A", W49, "TIG", 2, priority="critical"),
                  _request("R49-B", W49, "TIG", 1, member="FORGE")])
    store = open_store(url)
    with store.session() as repo:
        init_database(repo)
        load_group(repo, group)
        repo.plans.save_plan(Plan(week="2026-W48", assignments=[_on("E1", "R48-TIG", W48)]))
        repo.plans.save_plan(Plan(week="2026-W49", assignments=[_on("E1", "R49-A", W49)]))
    store.close()
    return url


def _run(db, *args):
    return CliRunner().invoke(main, ["--db", db, "shortage", *args])


def test_the_table_adds_up_the_missing_hours_by_skill_and_reason(db):
    result = _run(db, "--from", "2026-W47", "--to", "2026-W49")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "unfilled person-hours 2026-W47..2026-W49 by skill",
        "skill      requests  skill  certificate  contract  distance  busy  rest  other  total",
        "TIG:1             1      0            0         0         0     8     0      0      8",
        "TIG:2             1      8            0         0         0     0     0      0      8",
        "MIG-MAG:1         1      7            0         0         0     0     0      0      7",
        "total             3     15            0         0         0     8     0      0     23",
        "no stored plan for 2026-W47",
    ]


def test_json_lists_every_short_request_with_its_category(db):
    result = _run(db, "--from", "2026-W48", "--to", "2026-W49", "--by", "priority", "--format", "json")
    document = json.loads(result.output)
    assert [(r["request"], r["missing_h"], r["category"]) for r in document["requests"]] == [
        ("R48-TIG", 8.0, "skill"), ("R48-MIG", 7.0, "skill"), ("R49-B", 8.0, "busy")]
    assert [(r["priority"], r["total_h"]) for r in document["rows"]] == [("critical", 8), ("normal", 8),
                                                                        ("optional", 7)]


def test_csv_by_site(db):
    result = _run(db, "--from", "2026-W48", "--to", "2026-W49", "--by", "site", "--format", "csv")
    assert result.output.splitlines()[:2] == [
        "site,requests,skill_h,certificate_h,contract_h,distance_h,busy_h,rest_h,other_h,total_h",
        "ACIER/MAIN,2,15.0,0.0,0.0,0.0,0.0,0.0,0.0,15.0"]


def test_the_page_is_french_by_default_with_its_charts_and_english_on_request(db, tmp_path):
    page = tmp_path / "out" / "shortage.html"
    assert _run(db, "--from", "2026-W48", "--to", "2026-W49", "--out", str(page)).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "Heures non pourvues de 2026-W48 à 2026-W49" in html and html.count("<svg") == 2
    assert "personne n&#x27;a la compétence ou le niveau" in html and "<script" not in html
    _run(db, "--from", "2026-W48", "--to", "2026-W49", "--out", str(page), "--lang", "en")
    assert "Unfilled hours from 2026-W48 to 2026-W49" in page.read_text(encoding="utf-8")


def test_xlsx_is_written(db, tmp_path):
    import pandas as pd

    book = tmp_path / "s.xlsx"
    assert _run(db, "--from", "2026-W48", "--to", "2026-W49", "--out", str(book)).exit_code == 0
    assert pd.read_excel(book)["total_h"].tolist() == [8, 8, 7]


@pytest.mark.parametrize("args, message", [
    (["--from", "2026-W49", "--to", "2026-W40"], "error: week range 2026-W49..2026-W40 runs backwards"),
    (["--from", "2026-W48", "--to", "2026-W49", "--format", "html"], "error: --format html writes a file"),
    (["--from", "2026-W48", "--to", "2026-W49", "--out", "x.pdf"], "error: x.pdf: cannot tell the format"),
])
def test_bad_input_is_one_line_and_stores_nothing(db, args, message):
    store = open_store(db)
    with store.session() as repo:
        before = repo.counts()
    result = _run(db, *args)
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1
    assert result.output.startswith(message)
    with store.session() as repo:
        assert repo.counts() == before
    store.close()


def _counts(db):
    store = open_store(db)
    with store.session() as repo:
        counts = repo.counts()
    store.close()
    return counts


def test_whatif_hire_fills_the_short_hours_and_stores_nothing(db):
    before = _counts(db)
    result = CliRunner().invoke(main, ["--db", db, "whatif", "hire", "--skill", "TIG:2", "--home", "ACIER/MAIN",
                                       "--hours", "35", "--cost", "20", "--weeks", "2026-W48..2026-W49", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert [w["week"] for w in document["weeks"]] == ["2026-W48", "2026-W49"]
    assert document["total"]["extra_h"]["critical"] == 8  # the second TIG:2 welder of R48-TIG
    assert document["total"]["violations"] == 0 and document["total"]["employment_cost_eur"] == "1400.00"
    assert _counts(db) == before


@pytest.mark.parametrize("args, message", [
    (["hire", "--skill", "WELD:2", "--home", "ACIER/MAIN", "--weeks", "2026-W48"], "error: unknown skill 'WELD'"),
    (["hire", "--skill", "TIG:2", "--home", "ACIER/MAIN", "--weeks", "2026-W49..2026-W48"],
     "error: week range 2026-W49..2026-W48 runs backwards"),
    (["hire", "--skill", "TIG:2", "--home", "53200", "--weeks", "2026-W48"], "error: --home 53200: not a site"),
    (["train", "E9", "--skill", "TIG:2", "--weeks", "2026-W48"], "error: no employee 'E9'"),
    (["train", "E2", "--skill", "TIG:2", "--weeks", "2026-W48..2026-W99"], "error: --weeks 2026-W48..2026-W99"),
])
def test_whatif_bad_input_is_one_line_and_stores_nothing(db, args, message):
    before = _counts(db)
    result = CliRunner().invoke(main, ["--db", db, "whatif", *args])
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1, result.output
    assert result.output.startswith(message)
    assert _counts(db) == before


def test_whatif_train_gives_the_trained_employee_the_short_welding_and_stores_nothing(db):
    before = _counts(db)
    result = CliRunner().invoke(main, ["--db", db, "whatif", "train", "E2", "--skill", "TIG:2",
                                       "--weeks", "2026-W48..2026-W49", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert [w["week"] for w in document["weeks"]] == ["2026-W48", "2026-W49"]
    assert document["total"]["extra_h"]["critical"] == 8  # E2 at TIG:2 is R48-TIG's second welder
    assert document["total"]["violations"] == 0
    assert _counts(db) == before
