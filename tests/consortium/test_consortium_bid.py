"""Pricing reconciles to the cent; a member's export never shows another member's rates; demo bids."""

import json
import re
from decimal import Decimal

import pytest

from consortium.bid import build_bid
from consortium.demo import DEMO_AS_OF, demo_capabilities, demo_tender_infeasible
from consortium.adapter import compile_tender
from consortium.outcome import read_result
from consortium.pricing import CENT
from consortium.tender_file import read_tender_file, tender_to_yaml
from integrations.services.tenders import list_bid_versions, write_bid_files
from integrations.demo import load_demo, write_demo_bid
from integrations.reports.language import language
from integrations.store import open_store
from consortium.errors import InvalidInput, RowError
from solver.tender import PlanParams, plan_tender

from test_consortium_tiny import AS_OF, RATES, solve, tiny_caps, tiny_tender


def tiny_bid(margin: Decimal = Decimal("0.12")):
    """14 units with 16 h a week: A cuts, B and C both weld (B alone is too small)."""
    compiled, _, outcome = solve(tiny_tender(quantity=14), tiny_caps(hours=16))
    return build_bid(compiled.tender, outcome, compiled.resources, AS_OF, margin)


@pytest.fixture(scope="module")
def bid():
    return tiny_bid()


def test_pricing_totals_reconcile_to_the_cent(bid):
    for lot in bid.lots:
        for line in lot.lines:
            assert line.amount == line.amount.quantize(CENT)
            if line.unit_price is not None:
                assert line.amount == (line.quantity * line.unit_price).quantize(CENT, rounding="ROUND_HALF_UP")
    assert bid.reconciles()
    assert sum(s.amount for s in bid.shares) == bid.total == sum(lot.total for lot in bid.lots)
    margin = next(x for x in bid.lots[0].lines if x.kind == "margin")
    assert margin.unit_price == Decimal("0.12") == bid.margin_pct
    assert sum(i.amount for i in bid.items) == bid.total


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_buyers_offer_shows_prices_schedule_and_team_and_nothing_internal(bid, lang, tmp_path):
    paths = write_bid_files(bid, tmp_path, lang)
    stem = "offre" if lang == "fr" else "offer"
    offer = [p for p in paths if p.stem == stem]
    assert [p.suffix for p in offer] == [".md", ".html"]
    words = language(lang)
    text = re.sub(r"<style>.*?</style>", "", "\n".join(p.read_text(encoding="utf-8") for p in offer), flags=re.S)
    for lot in bid.lots:
        assert words.money(lot.total) in text
    for item in bid.items:
        assert words.money(item.unit_price) in text
    assert words.day(bid.valid_until, False) in text and bid.mandataire in text
    for rates in RATES.values():
        for rate in rates:
            assert words.money(Decimal(rate)) not in text and words.number(Decimal(rate)) not in text
    internal = {"fr": ("marge", "aléas", "heures", "taux", "réglage"),
                "en": ("margin", "contingency", "hours", "rate", "setup")}[lang]
    assert not [w for w in internal if w in text.lower()]
    for share in bid.shares:
        assert words.money(share.amount) not in text


def test_tender_files_round_trip_and_errors_name_file_and_field(tmp_path):
    good = tmp_path / "t.yaml"
    good.write_text(tender_to_yaml(tiny_tender()), encoding="utf-8")
    assert read_tender_file(good) == tiny_tender()
    data = json.loads(tiny_tender().model_dump_json())
    data["lots"][0]["items"][0]["steps"][1]["run_hours"] = -1
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"bad\.json: field lots\.0\.items\.0\.steps\.1\.run_hours: "):
        read_tender_file(bad)
    data = json.loads(tiny_tender().model_dump_json())
    data["lots"][0]["items"][0]["steps"][0]["process"] = "TELEPORT"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"bad\.json: .*step CUT: field process: unknown process TELEPORT"):
        read_tender_file(bad)
    week = tmp_path / "week.yaml"
    week.write_text(tender_to_yaml(tiny_tender()).replace("2027-W05", "2027-W60"), encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"week\.yaml: field lots\.0\.due_week: due_week: week 2027-W60"):
        read_tender_file(week)


def test_the_demo_bid_is_stored_once_and_its_files_are_byte_identical_on_a_second_run(tmp_path):
    params = PlanParams(stage_time_limits=(3.0, 2.0, 1.0), extension_time_limit=1.0)
    with open_store(f"sqlite:///{tmp_path / 'd.db'}") as store:
        with store.session() as repo:
            first = load_demo(repo)
            assert load_demo(repo)["members"] == 0 and first["members"] == 12
        runs = []
        for k in range(2):
            with store.session() as repo:
                runs.append(write_demo_bid(repo, tmp_path / f"bid{k}", params=params))
        with store.session() as repo:
            assert [v for v, *_ in list_bid_versions(repo, "AO-2027-CHASSIS")] == [1]
    paths = runs[0]
    assert [p.name for p in paths] == ["bid.md", "bid.html", "bid.xlsx", "offre.md", "offre.html"]
    assert [p.read_bytes() for p in runs[0]] == [p.read_bytes() for p in runs[1]]
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in paths)
    html = paths[1].read_text(encoding="utf-8")
    assert "<svg" in html and "http" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    md = paths[0].read_text(encoding="utf-8")
    assert "plan : réalisable" in md and "1er décembre 2026" in md and "12,0 %" in md and "0,12 €" not in md


def test_the_infeasible_demo_is_explained_with_missing_hours_by_process_and_week():
    compiled = compile_tender(demo_tender_infeasible(), demo_capabilities(), DEMO_AS_OF)
    params = PlanParams(stage_time_limits=(3.0, 1.0, 0.5), extension_time_limit=1.0)
    outcome = read_result(compiled, plan_tender(compiled.problem, params))
    assert not outcome.is_feasible()
    assert not next(v for v in outcome.lots if v.lot == "L1").feasible
    weld = {w: h for (p, w), h in outcome.missing_by_process_week().items() if p == "WELD-MIG"}
    assert weld and all(w <= "2027-W07" for w in weld)
    text = outcome.explain()
    assert "missing" in text and "WELD-MIG needing EN1090:EXC3 in 2027-W0" in text
    assert any(f.kind == "later_due" for f in outcome.fixes)


def test_tender_file_errors_name_the_file_and_every_misspelt_key_one_line_each(tmp_path):
    data = json.loads(tiny_tender().model_dump_json())
    data["lots"][0]["due_wek"] = data["lots"][0].pop("due_week")
    data["team"]["mandatair"] = "A"
    bad = tmp_path / "typo.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RowError) as caught:
        read_tender_file(bad)
    problems = [p.removeprefix(str(tmp_path) + "/") for p in caught.value.problems]
    assert problems == ["typo.json: field lots.0.due_week: Field required",
                        "typo.json: field lots.0.due_wek: unknown field 'due_wek' (did you mean due_week?)",
                        "typo.json: field team.mandatair: unknown field 'mandatair' (did you mean mandataire?)"]
    data = json.loads(tiny_tender().model_dump_json())
    data["lots"][0]["items"][0]["steps"][0]["run_hour"] = 1
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RowError, match=r"steps\.0\.run_hour: unknown field 'run_hour' \(did you mean run_hours\?\)"):
        read_tender_file(bad)
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"empty\.yaml: the file is empty") as caught:
        read_tender_file(empty)
    assert "NoneType" not in str(caught.value)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("code: AO\nbuyer: Soci\xe9t\xe9\n".encode("latin-1"))
    with pytest.raises(InvalidInput, match=r"latin\.yaml: not UTF-8 text"):
        read_tender_file(latin)


def test_the_cli_prints_every_tender_file_problem_on_its_own_line(tmp_path):
    from click.testing import CliRunner

    from cli import main

    data = json.loads(tiny_tender().model_dump_json())
    data["buyr"] = data.pop("buyer")
    data["lots"][0]["items"][0]["steps"][1]["process"] = "TELEPORT"
    bad = tmp_path / "t.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    out = CliRunner().invoke(main, ["--db", f"sqlite:///{tmp_path / 'm.db'}", "tender", "import", str(bad)])
    lines = out.output.splitlines()
    assert out.exit_code == 1 and "more)" not in out.output
    assert f"error: {bad}: field buyer: Field required" in lines
    assert f"error: {bad}: field buyr: unknown field 'buyr' (did you mean buyer?)" in lines


def test_load_charts_share_one_scale_with_hours_on_the_axis(bid):
    from integrations.reports.bid_html import bid_html

    html = bid_html(bid, "fr")
    charts = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert len(charts) == len({c.member for c in bid.commitments}) >= 2
    axes = [re.findall(r'text-anchor="end">(\d+) h</text>', svg) for svg in charts]
    assert all(len(a) >= 3 and a[0] == "0" for a in axes) and all(a == axes[0] for a in axes)
    top = int(axes[0][-1])
    busiest = max(sum(c.hours for c in bid.commitments if (c.member, c.week) == key)
                  for key in {(c.member, c.week) for c in bid.commitments})
    assert busiest <= top < busiest + int(axes[0][1]) * 2  # the axis ends on the tick above the busiest week
    first, last = min(c.week for c in bid.commitments), max(c.week for c in bid.commitments)
    labels = [re.findall(r'text-anchor="middle">(W\d\d)</text>', svg) for svg in charts]
    assert all(x == labels[0] for x in labels) and labels[0][0] == first[-3:] and labels[0][-1] == last[-3:]
    assert len(labels[0]) == int(last[-2:]) - int(first[-2:]) + 1  # every week, also those without work
