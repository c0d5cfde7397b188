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
        "FORGE.OP1", "Léa", "Roux", "2026-11-30", "2026-12-31", "21", "21.30", "TIG:2", "-", "open"]
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
    assert mutualis("lend", "offer", *args, code=1).output == (
        "error: offer FORGE.OP1: field skills: unknown skill 'WELD'\n")
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
    [first] = [line for line in summary.splitlines() if line.startswith("week 2026-W49: ")]
    assert "assignments (1 of lent staff, on 1 request), coverage 100.0 %" in first
    shown = mutualis("plan", "show", "--week", "2026-W49", "--by", "employee").output
    lines = [x.split() for x in shown.splitlines() if "FORGE.OP1" in x]
    assert lines[0][:10] == ["ACIER", "MAIN", "FORGE.OP1", "Léa", "Roux", "(prêté", "par", "FORGE)", "R9", "Wed"]
    assert "  FORGE.OP1 Léa Roux (lent by FORGE): placed\n" in mutualis("explain", "R9").output
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


def test_agreements_are_written_as_word_files_in_english_on_request_and_the_same_bytes_twice(mutualis, tmp_path):
    from docx import Document

    _allocate_with_a_loan(mutualis)
    runs = []
    for folder in ("one", "two"):
        mutualis("lend", "agreements", "--week", "2026-W49", "--out", str(tmp_path / folder), "--as-of", "2026-11-25",
                 "--format", "both", "--lang", "en")
        runs.append({p.name: p.read_bytes() for p in (tmp_path / folder).iterdir()})
    assert sorted(runs[0]) == ["avenant-PRET-FORGE.OP1-ACIER-2026-12-02.docx",
                               "avenant-PRET-FORGE.OP1-ACIER-2026-12-02.html",
                               "convention-PRET-FORGE.OP1-ACIER-2026-12-02.docx",
                               "convention-PRET-FORGE.OP1-ACIER-2026-12-02.html"]
    assert runs[0] == runs[1]
    document = Document(str(tmp_path / "one" / "convention-PRET-FORGE.OP1-ACIER-2026-12-02.docx"))
    text = " ".join(p.text for p in document.paragraphs)
    assert "Staff lending agreement" in text and "L8241-2" in text and "Léa Roux" in text


def test_check_refuses_a_loan_that_breaks_the_10_hour_day_with_the_hours_at_the_home_firm(mutualis, db):
    """Planted by hand (the allocation would never make it): 4 h at FORGE on Tuesday morning, then 6.5 h lent."""
    from datetime import datetime
    from decimal import Decimal

    from integrations.store import open_store
    from sharing.lending import Placement

    _allocate_with_a_loan(mutualis)
    mutualis("request", "add", "R10", "--member", "ACIER", "--site", "MAIN", "--skill", "TIG", "--day", "2026-12-01",
             "--start", "12:30", "--end", "19:00")
    store = open_store(db)
    with store.session() as repo:
        placed = repo.lending.placements(datetime(2026, 11, 30).date(), datetime(2026, 12, 6).date())
        planted = Placement(offer="FORGE.OP1", lender="FORGE", member="ACIER", site="MAIN", request="R10",
                            start=datetime(2026, 12, 1, 12, 30), end=datetime(2026, 12, 1, 19), hours=Decimal("6.5"))
        repo.lending.save_placements("2026-W49", [*placed, planted])
    store.close()
    result = mutualis("check", "--week", "2026-W49", code=1)
    assert result.output == ("max_daily_hours: FORGE.OP1 works 10 h 30 on Tue 2026-12-01 including 4 h for the other "
                             "employer (max 10 h)\n1 violation(s) in the plan of 2026-W49\n")


def test_agreements_of_a_week_without_loans_are_one_line(mutualis, tmp_path):
    assert mutualis("lend", "agreements", "--week", "2026-W49", "--out", str(tmp_path), code=1).output == (
        "error: no staff lent in 2026-W49: run `mutualis allocate --week 2026-W49` with offers open\n")


def _with_coefficients(db: str) -> None:
    """Every GE coefficient set high: none of them may reach a lending statement."""
    from decimal import Decimal

    from integrations.store import open_store
    from sharing import GroupSettings
    from sharing.settings import Billing

    store = open_store(db)
    with store.session() as repo:
        repo.people.save_settings(GroupSettings(billing=Billing(coefficient=Decimal("1.9"),
                                                                coefficient_by_contract={"CDD": Decimal("2.5")})))
        for code in ("ACIER", "FORGE"):
            member = repo.people.get_member(code)
            repo.people.save_member(member.model_copy(update={"billing_coefficient": Decimal("1.7")}))
    store.close()


def test_a_loan_is_billed_at_cost_whatever_the_ges_coefficients_and_apart_from_the_ges_bills(mutualis, db, tmp_path):
    _allocate_with_a_loan(mutualis)
    _with_coefficients(db)
    assert mutualis("lend", "ledger", "--month", "2026-12").output.splitlines()[2].split() == [
        "FORGE", "ACIER", "1", "3.00", "63.90"]
    statement = mutualis("lend", "statement", "FORGE", "ACIER", "--month", "2026-12").output
    assert statement.splitlines()[3].split() == ["2026-12-02", "FORGE.OP1", "R9", "3.00", "21.30", "63.90"]
    assert statement.splitlines()[-1] == "total 63.90 EUR for 3.00 h"
    mutualis("lend", "statement", "FORGE", "ACIER", "--month", "2026-12", "--out", str(tmp_path / "r.html"))
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "FORGE SA" in page and "ACIER SA" in page and "63,90\u00a0€" in page and "décembre 2026" in page
    assert mutualis("lend", "hours", "FORGE.OP1", "R9", "--hours", "2.5").output == (
        "FORGE.OP1 on R9 (2026-12-02): 2.50 h recorded\n")
    assert mutualis("lend", "ledger", "--month", "2026-12", "--json").output.count('"total": "53.25"') == 1
    assert "FORGE.OP1" not in mutualis("bill", "--month", "2026-12", "--json").output


def test_hours_of_a_person_not_placed_on_the_request_are_one_line(mutualis):
    _allocate_with_a_loan(mutualis)
    assert mutualis("lend", "hours", "FORGE.OP1", "R0", "--hours", "2", code=1).output == (
        "error: FORGE.OP1 is not placed on R0\n")


SHEET = ("member,person,first_name,last_name,skills,from,until,hours_per_week,salary,charges,expenses,consent,"
         "home_hours\n"
         'FORGE,OP1,Léa,Roux,TIG:2,2026-11-30,2026-12-31,21,"14,20",6.10,1,2026-11-20,"Mon 08:00-12:00"\n'
         "FORGE,OP2,Jean,Petit,TIG:1,2026-11-30,2026-12-31,10,15,6.5,0,2026-11-20,\n")


def test_offers_are_imported_from_a_sheet(mutualis, tmp_path):
    (tmp_path / "offers.csv").write_text(SHEET, encoding="utf-8")
    assert mutualis("lend", "import", str(tmp_path / "offers.csv")).output == "2 offers added: FORGE.OP1, FORGE.OP2\n"
    assert "cost per hour:    21.30 EUR" in mutualis("lend", "show", "FORGE.OP1").output


def test_a_sheet_with_bad_rows_names_each_and_stores_nothing(mutualis, tmp_path):
    bad = SHEET.replace("2026-12-31,21", "2026-11-01,21").replace("TIG:1", "WELD:1")
    (tmp_path / "offers.csv").write_text(bad, encoding="utf-8")
    assert mutualis("lend", "import", str(tmp_path / "offers.csv"), code=1).output == (
        "error: offers.csv:2: offer ends on 2026-11-01, before it starts on 2026-11-30\n")
    (tmp_path / "offers.csv").write_text(SHEET.replace("TIG:1", "WELD:1"), encoding="utf-8")
    assert mutualis("lend", "import", str(tmp_path / "offers.csv"), code=1).output == (
        "error: offers.csv:3: offer FORGE.OP2: field skills: unknown skill 'WELD'\n")
    assert mutualis("lend", "list", "--json").output == "[]\n"
    cells = SHEET.replace('"14,20"', "abc").replace("10,15", "10,-15")
    (tmp_path / "offers.csv").write_text(cells, encoding="utf-8")
    assert mutualis("lend", "import", str(tmp_path / "offers.csv"), code=1).output == (
        "error: offers.csv:2: column salary: 'abc' is not a number like 14.20\n"
        "error: offers.csv:3: column salary: Input should be greater than 0\n")
    assert mutualis("lend", "list", "--json").output == "[]\n"


def test_a_loan_on_a_closed_day_survives_a_new_allocation_and_stays_billed(mutualis, monkeypatch):
    _allocate_with_a_loan(mutualis)
    monkeypatch.setenv("MUTUALIS_TODAY", "2026-12-03")
    mutualis("lend", "withdraw", "FORGE.OP1")
    mutualis("allocate", "--week", "2026-W49", "--workers", "1", "--time-limit", "5")
    assert mutualis("lend", "ledger", "--month", "2026-12").output.splitlines()[2].split() == [
        "FORGE", "ACIER", "1", "3.00", "63.90"]
    assert "FORGE.OP1" in mutualis("plan", "show", "--week", "2026-W49").output
