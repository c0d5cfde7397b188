"""`lend offer/list/show/withdraw`: an offer is stored with its cost broken down; bad offers store nothing."""

from __future__ import annotations

OFFER = ("FORGE", "--person", "OP1", "--first-name", "Léa", "--last-name", "Roux",
         "--qualification", "Soudeuse", "--skills", "TIG:2", "--from", "2026-11-30", "--until", "2026-12-31",
         "--hours-per-week", "21", "--salary", "14.20", "--charges", "6.10", "--expenses", "1.00",
         "--consent", "2026-11-20", "--home-hours", "Mon 08:00-12:00,Tue 08:00-12:00", "--postcode", "53200")


def test_an_offer_is_added_listed_shown_and_withdrawn(mutualis):
    assert mutualis("lend", "offer", *OFFER, "--cost-per-hour", "21.30").output == (
        "offer FORGE.OP1 added: Léa Roux, 2026-11-30 to 2026-12-31, 21 h/week at 21.30 EUR/h\n")
    assert mutualis("lend", "list").output.splitlines()[2].split() == [
        "FORGE.OP1", "Léa", "Roux", "2026-11-30", "2026-12-31", "21", "21.30", "TIG:2", "open"]
    shown = mutualis("lend", "show", "forge.op1").output
    assert "cost per hour:    21.30 EUR = salary 14.20 + charges 6.10 + expenses 1.00\n" in shown
    assert "home firm:        35 h contract; still works Mon 08:00-12:00, Tue 08:00-12:00 there\n" in shown
    assert mutualis("lend", "withdraw", "FORGE.OP1").output == "offer FORGE.OP1 withdrawn\n"
    assert len(mutualis("lend", "list").output.splitlines()) == 2
    assert "withdrawn" in mutualis("lend", "list", "--withdrawn").output


def test_a_total_that_is_not_the_sum_of_its_parts_is_refused_and_nothing_stored(mutualis):
    result = mutualis("lend", "offer", *OFFER, "--cost-per-hour", "25", code=1)
    assert result.output == ("error: offer FORGE.OP1: field cost_per_hour: 25 is not salary + charges + expenses "
                             "= 21.30\n")
    assert mutualis("lend", "list", "--json").output == "[]\n"


def test_an_offer_ending_before_it_starts_is_one_line(mutualis):
    args = list(OFFER)
    args[args.index("2026-12-31")] = "2026-11-01"
    assert mutualis("lend", "offer", *args, code=1).output == (
        "error: offer FORGE.OP1: offer ends on 2026-11-01, before it starts on 2026-11-30\n")


def test_an_unknown_skill_and_hours_above_the_legal_week_are_one_line_each(mutualis):
    args = list(OFFER)
    args[args.index("TIG:2")] = "WELD:1"
    assert mutualis("lend", "offer", *args, code=1).output == "error: offer FORGE.OP1: field skills: unknown skill 'WELD'\n"
    args = list(OFFER)
    args[args.index("21")] = "45"
    assert mutualis("lend", "offer", *args, code=1).output == (
        "error: offer FORGE.OP1: 8 h at the home firm plus 45 h lent is 53 h, above the legal week of 48 h\n")
    assert mutualis("lend", "list", "--json").output == "[]\n"


def _allocate_with_a_loan(mutualis):
    mutualis("lend", "offer", *OFFER)
    mutualis("request", "add", "R9", "--member", "ACIER", "--site", "MAIN", "--skill", "TIG", "--day", "2026-12-02",
             "--start", "16:00", "--end", "19:00", "--headcount", "3")
    return mutualis("allocate", "--week", "2026-W49", "--workers", "1", "--time-limit", "5").output


def test_the_allocation_places_lent_staff_where_ge_staff_cannot_and_the_plan_names_them(mutualis):
    summary = _allocate_with_a_loan(mutualis)
    assert "unfilled" not in summary and "lent_staff" in summary
    shown = mutualis("plan", "show", "--week", "2026-W49", "--by", "employee").output
    lines = [x.split() for x in shown.splitlines() if "FORGE.OP1" in x]
    assert lines[0][:10] == ["ACIER", "MAIN", "FORGE.OP1", "Léa", "Roux", "(prêté", "par", "FORGE)", "R9", "Wed"]
    assert "FORGE.OP1" in mutualis("explain", "R9").output
    assert mutualis("check", "--week", "2026-W49").exit_code == 0


def test_the_weeks_loans_are_listed_and_their_agreement_and_amendment_written(mutualis, tmp_path):
    _allocate_with_a_loan(mutualis)
    assert mutualis("lend", "loans", "--week", "2026-W49").output.splitlines()[2].split() == [
        "FORGE.OP1", "FORGE", "ACIER", "2026-12-02", "2026-12-02", "3.00"]
    out = mutualis("lend", "agreements", "--week", "2026-W49", "--out", str(tmp_path / "docs"),
                   "--as-of", "2026-11-25").output
    names = sorted(p.name for p in (tmp_path / "docs").iterdir())
    assert names == ["avenant-PRET-FORGE.OP1-ACIER-2026-12-02.html", "convention-PRET-FORGE.OP1-ACIER-2026-12-02.html"]
    assert out.count("wrote ") == 2
    agreement = (tmp_path / "docs" / names[1]).read_text(encoding="utf-8")
    assert "FORGE SA" in agreement and "ACIER SA" in agreement and "Léa Roux" in agreement


def test_agreements_of_a_week_without_loans_are_one_line(mutualis, tmp_path):
    assert mutualis("lend", "agreements", "--week", "2026-W49", "--out", str(tmp_path), code=1).output == (
        "error: no staff lent in 2026-W49: run `mutualis allocate --week 2026-W49` with offers open\n")
