"""CLI round trip on a tmp SQLite database: capacity, tender import, check, plan, bid, reserve, award, release."""

import json

import pytest
from click.testing import CliRunner

from cli import main
from consortium.demo import demo_tender
from consortium.tender_file import tender_to_yaml
from integrations.demo import load_demo
from integrations.store import open_store

AS_OF = ("--as-of", "2026-12-01")


@pytest.fixture()
def db(tmp_path):
    url = f"sqlite:///{tmp_path / 'c.db'}"
    with open_store(url) as store, store.session() as repo:
        load_demo(repo)
    return url


@pytest.fixture()
def run(db):
    return lambda *args: CliRunner().invoke(main, ["--db", db, *args], catch_exceptions=False)


def _free(text: str) -> float:
    return sum(sum(w.values()) for w in json.loads(text)["free_hours"].values())


def test_capacity_and_tender_round_trip(run, db, tmp_path):
    out = run("capacity", "declare", "tolerie", "laser-6kw", "--week", "2027-W03", "--hours", "40", "--overtime", "4")
    assert out.exit_code == 0 and out.output == ("TOLERIE/LASER-6KW 2027-W03: 40 h per unit × 1 unit = 40 h, "
                                                 "overtime 4 h per unit × 1 unit = 4 h, committed 0 h\n")
    out = run("capacity", "declare", "tolerie", "plieuse-220", "--week", "2027-W03", "--hours", "28,5")
    assert out.output.startswith("TOLERIE/PLIEUSE-220 2027-W03: 28.5 h per unit × 2 units = 57 h, ")
    sheet = tmp_path / "cap.csv"
    sheet.write_text("member,resource,week,available_hours,max_overtime_hours,committed_hours\n"
                     "GALVA,BAIN-7M,2027-W05,\"90,5\",0,\"10,25\"\n", encoding="utf-8")
    assert run("capacity", "import", str(sheet)).output == "1 capacity declarations imported from cap.csv\n"
    assert json.loads(run("capacity", "show", "--from", "2027-W05", "--weeks", "1", "--json", *AS_OF).output)[
        "free_hours"]["GALVANISING"]["2027-W05"] == 80.25
    bad = tmp_path / "bad.csv"
    bad.write_text("member,resource,week,available_hours\nGALVA,BAIN-7M,2027-W99,90\n", encoding="utf-8")
    out = run("capacity", "import", str(bad))
    assert out.exit_code == 1 and out.output.startswith("error: bad.csv:2: column week:")

    file = tmp_path / "ao.yaml"
    file.write_text(tender_to_yaml(demo_tender()), encoding="utf-8")
    out = run("tender", "import", str(file))
    assert out.output == "tender AO-2027-CHASSIS unchanged: 3 lots, 5 items, due 2027-W13\n"
    assert run("tender", "check", "AO-2027-CHASSIS", *AS_OF).output == \
        "tender AO-2027-CHASSIS: no issue found before planning\n"
    plan = json.loads(run("tender", "plan", "AO-2027-CHASSIS", "--json", "--time-limit", "4", *AS_OF).output)
    assert plan["status"] == "feasible" and plan["mandataire"] == "CHAUMAY"

    before = run("capacity", "show", "--from", "2027-W02", "--weeks", "10", "--json", *AS_OF).output
    out = run("tender", "reserve", "AO-2027-CHASSIS", *AS_OF)
    assert out.exit_code == 1 and "has no bid yet" in out.output
    assert run("tender", "versions", "AO-2027-CHASSIS").output.startswith("tender AO-2027-CHASSIS: no bid yet")

    out = run("tender", "bid", "AO-2027-CHASSIS", *AS_OF, "--out", str(tmp_path / "bid"), "--time-limit", "4")
    assert out.exit_code == 0 and out.output.startswith("tender AO-2027-CHASSIS: bid version 1, feasible\n")
    out = run("tender", "bid", "AO-2027-CHASSIS", "--out", str(tmp_path / "bid"), "--for", "TOLERIE", "--version", "1")
    assert out.exit_code == 0 and (tmp_path / "bid" / "bid-TOLERIE.html").is_file()
    bid = (tmp_path / "bid" / "bid.xlsx").read_bytes()

    out = run("tender", "reserve", "AO-2027-CHASSIS", *AS_OF)
    assert out.exit_code == 0 and "bid version 1:" in out.output and "until 2027-02-26" in out.output
    assert _free(run("capacity", "show", "--from", "2027-W02", "--weeks", "10", "--json", *AS_OF).output) < \
        _free(before)
    # the reservation is the bid: the same hours on the same members, resources and weeks as the document
    with open_store(db) as store, store.session() as repo:
        held = {(r.member, r.resource, r.week): round(r.hours, 2)
                for r in repo.consortium.list_reservations("AO-2027-CHASSIS")}
    from openpyxl import load_workbook
    sheet = next(ws for ws in load_workbook(tmp_path / "bid" / "bid.xlsx").worksheets if "Capacité engagée" in ws.title)
    shown = {}
    for member, resource, _, week, hours in list(sheet.iter_rows(values_only=True))[1:]:
        shown[member, resource, week] = round(shown.get((member, resource, week), 0) + hours, 2)
    assert held == shown and f"{sum(held.values()):.1f} h reserved" in out.output
    assert "turned into commitments" in run("tender", "award", "AO-2027-CHASSIS", *AS_OF).output
    fewer = tmp_path / "fewer.yaml"
    fewer.write_text(tender_to_yaml(demo_tender().model_copy(update={"lots": demo_tender().lots[:2]})),
                     encoding="utf-8")
    out = run("tender", "import", str(fewer))
    assert out.exit_code == 1 and out.output.startswith("error: tender AO-2027-CHASSIS is awarded: ") and \
        out.output.count("\n") == 1 and "--release" in out.output
    out = run("tender", "import", str(fewer), "--release")
    assert out.exit_code == 0 and out.output.startswith("tender AO-2027-CHASSIS: ") and \
        "reservations released (the tender changed)\ntender AO-2027-CHASSIS imported: 2 lots" in out.output
    out = run("tender", "award", "AO-2027-CHASSIS", *AS_OF)
    assert out.exit_code == 1 and "answers an earlier version of the tender" in out.output
    assert run("tender", "release", "AO-2027-CHASSIS").output == "tender AO-2027-CHASSIS: 0 reservations released\n"
    assert _free(run("capacity", "show", "--from", "2027-W02", "--weeks", "10", "--json", *AS_OF).output) == \
        _free(before)
    versions = run("tender", "versions", "AO-2027-CHASSIS").output
    assert "1        2026-12-01  released" in versions  # released with the old document
    # writing a stored version again gives the same bytes
    run("tender", "bid", "AO-2027-CHASSIS", "--out", str(tmp_path / "again"), "--version", "1")
    assert (tmp_path / "again" / "bid.xlsx").read_bytes() == bid

    out = run("tender", "plan", "NOPE")
    assert out.exit_code == 1 and out.output == "error: no tender 'NOPE'\n"


@pytest.mark.parametrize("value, message", [
    ("-0.12", "-0.12 is not in the range [0, 1)"), ("5", "5 is not in the range [0, 1)"),
    ("1", "1 is not in the range [0, 1)"), ("abc", "'abc' is not a number (e.g. 0.12 or 12%)"),
    ("nan", "'nan' is not a number"), ("inf", "'inf' is not a number"), ("120%", "120% is not in the range"),
])
def test_a_margin_out_of_range_or_not_a_number_is_refused_with_its_range(run, tmp_path, value, message):
    out = run("tender", "bid", "AO-2027-CHASSIS", "--out", str(tmp_path / "b"), "--margin", value)
    assert out.exit_code == 2 and message in out.output and "--margin" in out.output
    assert not (tmp_path / "b").exists()


def test_a_margin_in_percent_is_the_same_bid_as_its_fraction(run, tmp_path):
    for k, margin in enumerate(("12%", "0,12", "0.12")):
        out = run("tender", "bid", "AO-2027-CHASSIS", *AS_OF, "--out", str(tmp_path / str(k)), "--margin", margin,
                  "--time-limit", "2")
        assert out.exit_code == 0 and "bid version 1, feasible" in out.output  # the same bid: one version


def test_an_infeasible_tender_exits_non_zero_and_says_what_is_missing(run, tmp_path):
    out = run("tender", "plan", "AO-2027-CHASSIS-X", "--time-limit", "3", *AS_OF)
    assert out.exit_code == 1 and "error: tender AO-2027-CHASSIS-X is infeasible" in out.output
    assert "0 units" not in out.output and "missing by the due week:" in out.output
    out = run("tender", "bid", "AO-2027-CHASSIS-X", "--time-limit", "3", *AS_OF, "--out", str(tmp_path / "x"))
    assert out.exit_code == 1 and "is infeasible" in out.output and (tmp_path / "x" / "bid.md").is_file()
    out = run("tender", "reserve", "AO-2027-CHASSIS-X", *AS_OF)
    assert out.exit_code == 1 and "bid version 1 is infeasible" in out.output


def _files(tmp_path):
    (tmp_path / "binary.yaml").write_bytes(b"\x00\x01\xff\xfe" * 10)
    (tmp_path / "latin.yaml").write_bytes("code: AO\nbuyer: Soci\xe9t\xe9\n".encode("latin-1"))
    (tmp_path / "list.yaml").write_text("- a\n- b\n", encoding="utf-8")
    (tmp_path / "header.csv").write_text("member,resource,week,available_hours\n", encoding="utf-8")
    (tmp_path / "typo.csv").write_text("member,resource,week,available_hours,comitted_hours\n"
                                       "GALVA,BAIN-7M,2027-W05,9,1\n", encoding="utf-8")
    (tmp_path / "rows.csv").write_text("member,resource,week,available_hours\nGALVA,BAIN-7M,2027-W05,abc\n"
                                       "GALVA,BAIN-7M,2027-W06,-3\n", encoding="utf-8")
    (tmp_path / "afile").write_text("x", encoding="utf-8")


BAD = [
    (("capacity", "show", "--weeks", "0"), "0 is not in the range 1<=x<=104"),
    (("capacity", "show", "--weeks", "1000"), "1000 is not in the range 1<=x<=104"),
    (("capacity", "declare", "GALVA", "BAIN-7M", "--week", "2027-W05", "--hours", "nan"), "'nan' is not a number"),
    (("capacity", "declare", "GALVA", "BAIN-7M", "--week", "2027-W05", "--hours", "200"), "200 is not in the range"),
    (("capacity", "declare", "GALVA", "BAIN-7M", "--week", "2027-W05", "--hours", "-1"), "-1 is not in the range"),
    (("capacity", "import", "{tmp}/header.csv"), "header.csv: the file has no rows, only the header"),
    (("capacity", "import", "{tmp}/typo.csv"), "typo.csv: unknown column(s) comitted_hours"),
    (("capacity", "import", "{tmp}/rows.csv"), "rows.csv:2: column available_hours: 'abc' is not a number"),
    (("capacity", "import", "{tmp}/rows.csv"), "rows.csv:3: column available_hours: Input should be greater"),
    (("tender", "plan", "AO-2027-CHASSIS", "--time-limit", "nan"), "'nan' is not a number"),
    (("tender", "plan", "AO-2027-CHASSIS", "--time-limit", "0"), "0 is not in the range (0, 3600]"),
    (("tender", "plan", "AO-2027-CHASSIS", "--time-limit", "inf"), "'inf' is not a number"),
    (("tender", "import", "{tmp}/binary.yaml"), "binary.yaml: not a text file"),
    (("tender", "import", "{tmp}/latin.yaml"), "latin.yaml: not UTF-8 text"),
    (("tender", "import", "{tmp}/list.yaml"), "list.yaml: a tender is a mapping of fields (code, buyer, lots...), "
                                              "not a list"),
    (("tender", "import", "{tmp}/missing.yaml"), "missing.yaml: no such file"),
    (("tender", "bid", "AO-2027-CHASSIS", "--version", "0", "--out", "{tmp}/b"), "0 is not in the range x>=1"),
    (("tender", "bid", "AO-2027-CHASSIS", "--version", "7", "--out", "{tmp}/b"), "has no bid version 7"),
    (("tender", "bid", "AO-2027-CHASSIS", "--version", "1", "--lang", "de", "--out", "{tmp}/b"), "'de' is not one of"),
    (("tender", "reserve", "AO-2027-CHASSIS", "--version", "2"), "tender AO-2027-CHASSIS has no bid version 2"),
    (("tender", "award", "NOPE"), "no tender 'NOPE'"),
]


@pytest.mark.parametrize("args, message", BAD, ids=[" ".join(a[:2]) + f" {k}" for k, (a, _) in enumerate(BAD)])
def test_bad_input_to_capacity_and_tender_commands_gets_a_clear_message(run, tmp_path, args, message):
    _files(tmp_path)
    out = run(*[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert out.exit_code in (1, 2) and message in out.output, out.output
    assert "unexpected" not in out.output and "Traceback" not in out.output
