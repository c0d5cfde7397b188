"""`lend offer --trade`: the person's trade is stored, `lend show` lists the bridges it opens, and `explain`
names a lent person whose trade bridges to an unfilled request; a bridge alone never places the person; a
trade that is not a ROME code is one line and stores nothing."""

from __future__ import annotations

import json

import pytest

from integrations.store import open_store
from sharing import Skill

from test_lending_commands import OFFER


@pytest.fixture
def mig_mag(db):
    store = open_store(db)
    with store.session() as repo:
        repo.people.save_skill(Skill(code="MIG-MAG", name="MIG/MAG welding"))
    store.close()


def _offer(*extra: str) -> list[str]:
    args = list(OFFER)
    args[args.index("TIG:2")] = "TIG:1"
    return [*args, *extra]


def _short_of_mig_mag(mutualis):
    mutualis("request", "add", "R9", "--member", "ACIER", "--site", "MAIN", "--skill", "MIG-MAG", "--level", "2",
             "--day", "2026-12-02", "--start", "08:00", "--end", "12:00")
    return _allocate(mutualis)


def _allocate(mutualis):
    return mutualis("allocate", "--week", "2026-W49", "--workers", "1", "--time-limit", "5").output


def test_the_trade_is_stored_and_shown_with_the_bridges_it_opens(mutualis, mig_mag):
    mutualis("lend", "offer", *_offer("--trade", "h2102"))
    shown = mutualis("lend", "show", "FORGE.OP1").output
    assert "trade:            H2102 food-industry line operator\n" in shown
    assert ("bridges:          ASSEMBLY:1 after a 140 h course (Mechanical assembly (POEC)): not done (qualifies "
            "once the skill is recorded)\n") in shown
    assert "                  MIG-MAG:2 after a 400 h course (MIG/MAG welder" in shown
    document = json.loads(mutualis("lend", "show", "FORGE.OP1", "--json").output)
    assert document["trade"] == "H2102"
    assert [(b["skill"], b["level"], b["done"]) for b in document["bridges"]] == [
        ("ASSEMBLY", 1, False), ("CNC-MILL", 1, False), ("MIG-MAG", 2, False)]
    assert mutualis("lend", "list").output.splitlines()[2].split()[-2:] == ["H2102", "open"]


def test_a_bridge_recorded_as_done_shows_so(mutualis, mig_mag):
    mutualis("lend", "offer", *_offer("--trade", "H2102", "--skills", "TIG:1,MIG-MAG:2"))
    assert ": done (recorded)\n" in mutualis("lend", "show", "FORGE.OP1").output


def test_a_trade_with_no_bridge_in_the_catalogue_says_so(mutualis):
    mutualis("lend", "offer", *_offer("--trade", "K2204"))
    shown = mutualis("lend", "show", "FORGE.OP1").output
    assert "trade:            K2204 (no bridge from it in the catalogue)\n" in shown and "bridges:" not in shown


def test_a_trade_that_is_not_a_rome_code_is_one_line_and_stores_nothing(mutualis):
    assert mutualis("lend", "offer", *_offer("--trade", "H21"), code=1).output == (
        "error: offer FORGE.OP1: field trade: trade 'H21' is not a ROME code (a letter A to N and four digits, "
        "like H2102)\n")
    assert mutualis("lend", "list", "--json").output == "[]\n"


def test_explain_names_the_lent_person_whose_trade_bridges_and_the_bridge_alone_never_places_him(mutualis, mig_mag):
    mutualis("lend", "offer", *_offer("--trade", "H2102"))
    _short_of_mig_mag(mutualis)
    explained = mutualis("explain", "R9").output
    assert explained.startswith("R9 at ACIER/MAIN: 0 of 1 placed\n")
    assert explained.endswith(
        "  FORGE's food-industry line operator FORGE.OP1 Léa Roux (lent staff, ROME H2102) could after a 400 h "
        "course (MIG/MAG welder (titre professionnel soudeur assembleur industriel)), lives 0 km away; MIG-MAG:2 "
        "counts once recorded on the offer\n")
    assert json.loads(mutualis("explain", "R9", "--json").output)["leads"][0].startswith("FORGE's food-industry")


def test_once_the_course_is_recorded_on_the_offer_the_lent_person_fills_the_request(mutualis, mig_mag):
    mutualis("lend", "offer", *_offer("--trade", "H2102"))
    assert "lent staff" not in _short_of_mig_mag(mutualis).splitlines()[0]
    assert mutualis("lend", "record", "forge.op1", "--skills", "mig-mag:2").output == (
        "offer FORGE.OP1: skills TIG:1, MIG-MAG:2; certificates -\n")
    assert "MIG-MAG:2 after a 400 h course (MIG/MAG welder (titre professionnel soudeur assembleur industriel)): " \
           "done (recorded)\n" in mutualis("lend", "show", "FORGE.OP1").output
    assert "1 of lent staff, on 1 request" in _allocate(mutualis)
    explained = mutualis("explain", "R9").output
    assert "FORGE.OP1 Léa Roux (lent by FORGE): placed" in explained and "could after" not in explained


def test_recording_keeps_the_higher_level_and_replaces_a_certificate_of_the_same_type(mutualis):
    mutualis("lend", "offer", *_offer("--certs", "HAB-ELEC:B1V:2026-01-01"))
    assert mutualis("lend", "record", "FORGE.OP1", "--skills", "TIG:2", "--certs", "HAB-ELEC:BR:2026-11-02").output == (
        "offer FORGE.OP1: skills TIG:2; certificates HAB-ELEC:BR\n")
    assert mutualis("lend", "record", "FORGE.OP1", "--skills", "TIG:1").output == (
        "offer FORGE.OP1: skills TIG:2; certificates HAB-ELEC:BR\n")


@pytest.mark.parametrize("args, message", [
    (("--skills", "WELD:1"), "offer FORGE.OP1: field skills: unknown skill 'WELD'"),
    (("--skills", "TIG"), "offer FORGE.OP1: field skills: 'TIG' is not like TIG:2"),
    ((), "offer FORGE.OP1: give the skills (--skills) or certificates (--certs) the course gave"),
    (("--certs", "SST:1:2026-01-01"), "offer FORGE.OP1: field certifications: unknown certification 'SST'"),
])
def test_a_bad_record_is_one_line_and_changes_nothing(mutualis, args, message):
    mutualis("lend", "offer", *_offer())
    assert mutualis("lend", "record", "FORGE.OP1", *args, code=1).output == f"error: {message}\n"
    shown = json.loads(mutualis("lend", "show", "FORGE.OP1", "--json").output)
    assert (shown["skills"], shown["certifications"]) == ({"TIG": 1}, [])


def test_recording_on_an_unknown_offer_is_one_line(mutualis):
    assert mutualis("lend", "record", "FORGE.OP9", "--skills", "TIG:2", code=1).output == (
        "error: no offer 'FORGE.OP9'\n")


SHEET = ("member,person,first_name,last_name,trade,skills,from,until,hours_per_week,salary,charges,consent\n"
         "FORGE,OP1,Léa,Roux,H2102,TIG:2,2026-11-30,2026-12-31,21,14.20,6.10,2026-11-20\n"
         "FORGE,OP2,Jean,Petit,,TIG:1,2026-11-30,2026-12-31,10,15,6.5,2026-11-20\n")


def test_the_offers_sheet_takes_a_trade_column_and_a_bad_trade_is_named_storing_nothing(mutualis, tmp_path):
    sheet = tmp_path / "offers.csv"
    sheet.write_text(SHEET.replace(",,TIG:1", ",X12,TIG:1"), encoding="utf-8")
    assert mutualis("lend", "import", str(sheet), code=1).output == (
        "error: offers.csv:3: column trade: trade 'X12' is not a ROME code (a letter A to N and four digits, "
        "like H2102)\n")
    assert mutualis("lend", "list", "--json").output == "[]\n"
    sheet.write_text(SHEET, encoding="utf-8")
    mutualis("lend", "import", str(sheet))
    assert [o["trade"] for o in json.loads(mutualis("lend", "list", "--json").output)] == ["H2102", ""]


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_the_offers_template_has_every_column_and_an_example_row_that_reads_back(mutualis, tmp_path, suffix):
    from integrations.services.lending_import import EXAMPLE, OFFER_COLUMNS, read_offers

    path = tmp_path / f"offers.{suffix}"
    assert mutualis("lend", "template", str(path)).output == f"template for offers written to {path}\n"
    [(row, offer)] = read_offers(path)
    assert (row, offer, offer.trade) == (2, EXAMPLE, "H2102")
    if suffix == "csv":
        assert path.read_text(encoding="utf-8").splitlines()[0] == ",".join(OFFER_COLUMNS)
