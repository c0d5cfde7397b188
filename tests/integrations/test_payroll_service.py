"""The month's payroll on the demo: it reconciles with the bill to the cent, each premium is billed to
the member whose hours caused it, and `mutualis payroll` writes the files or one line of error."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from babel.messages.extract import extract_python
from babel.messages.pofile import read_po

from cli import main
from integrations.demo import init_database, load_group
from integrations.reports import payroll_files, payroll_html
from integrations.services.billing import month_bill
from integrations.demo import record_demo_hours
from integrations.services.hours_compliance import worked_between
from integrations.services.payroll import payroll_month, write_payroll
from integrations.services.weekly import publish_week, run_allocation
from integrations.store import open_store
from sharing.allocation import AllocationParams
from sharing.demo import DEMO_WEEK, demo_group
from consortium.weeks import month_bounds, parse_week

MONTHS = ["2026-11", "2026-12"]  # the demo week, 30 November to 6 December 2026


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("payroll") / "demo.db"
    store = open_store(f"sqlite:///{path}")
    week = parse_week(DEMO_WEEK)
    with store.session() as repo:
        init_database(repo)
        load_group(repo, demo_group())
    with store.session() as repo:
        run_allocation(repo, week, AllocationParams(time_limit=10, seed=0, deterministic=True), allow_past=True)
        publish_week(repo, week)
        record_demo_hours(repo, week)
    yield store, f"sqlite:///{path}"
    store.close()


@pytest.mark.parametrize("month", MONTHS)
def test_the_demo_month_s_payroll_totals_the_members_statements_at_cost_plus_the_ge_s_own(demo, month, tmp_path):
    store, _url = demo
    with store.session() as repo:
        bill = month_bill(repo, month)  # what `mutualis bill` shows
        written = write_payroll(repo, month, tmp_path)
    with (tmp_path / f"payroll-{month}.csv").open(encoding="utf-8") as handle:
        paid = sum(Decimal(row["amount"]) for row in csv.DictReader(handle))
    statements = sum((x.cost for s in bill.statements for x in s.lines), Decimal("0.00"))
    ge_own = sum((x.cost for x in bill.ge_lines), Decimal("0.00"))
    assert bill.statements and (bill.ge_lines or month == "2026-11")  # idle weeks: their Thursday's month
    assert paid == statements + ge_own == written.total


def test_the_demo_s_december_premiums_are_billed_to_the_member_whose_shift_caused_them(demo):
    store, _url = demo
    with store.session() as repo:
        bill = month_bill(repo, "2026-12")
        first, nxt = month_bounds("2026-11")[0], month_bounds("2026-12")[1]
        worked = {(x.employee, x.request): x.member for x in worked_between(repo, first, nxt)}
    premiums = [x for s in bill.statements for x in s.lines if x.kind == "premium"]
    assert {x.variable for x in premiums} >= {"overtime_tier1", "night", "sunday"}
    for x in premiums:
        assert x.payer == worked[(x.employee, x.request)], x
    assert all(x.coefficient == 1 and x.amount > 0 for x in premiums)


def test_the_payroll_lists_hours_premiums_and_absences_with_the_settings_codes(demo):
    store, _url = demo
    from sharing.payroll import PayrollSettings

    with store.session() as repo:
        payroll = payroll_month(repo, "2026-12", PayrollSettings(codes={"overtime_tier1": "0301"}))
    codes = {r.code for r in payroll.rows}
    assert {"HNORM", "0301", "HNUIT", "HDIM"} <= codes and "HS25" not in codes
    assert any(r.variable.startswith("absence_") and r.amount == 0 for r in payroll.rows)
    assert payroll.problems() == []


def test_the_payroll_command_writes_the_table_and_a_private_page_per_employee(demo, tmp_path):
    _store, url = demo
    result = CliRunner().invoke(main, ["--db", url, "payroll", "--month", "2026-12", "--out", str(tmp_path / "p"),
                                       "--format", "xlsx"])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith("payroll 2026-12: ") and first.split(" = ")[0].split(", ")[-1].split()[0] == \
        first.split(" = ")[1].split()[0]
    files = sorted((tmp_path / "p").iterdir())
    assert (tmp_path / "p" / "payroll-2026-12.xlsx") in files and len(files) > 2
    assert all(f.stat().st_mode & 0o777 == 0o600 for f in files)
    page = next(f for f in files if f.suffix == ".html").read_text(encoding="utf-8")
    assert "Variables de paie de" in page and "heures" in page


@pytest.mark.parametrize("text,expected", [
    ("overtime_tier1_rate: -0.25\n", "field overtime_tier1_rate: Input should be greater than or equal to 0"),
    ("codes:\n  overtime_99: HS99\n", "field codes: unknown variable code 'overtime_99'"),
])
def test_bad_settings_are_one_line_naming_the_file_and_field(demo, tmp_path, text, expected):
    _store, url = demo
    settings = tmp_path / "payroll.yaml"
    settings.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["--db", url, "payroll", "--month", "2026-12", "--out", str(tmp_path / "p"),
                                       "--settings", str(settings)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {settings}: ") and expected in lines[0]
    assert not (tmp_path / "p").exists()


def test_every_word_of_the_payroll_documents_has_a_french_translation():
    po = Path(payroll_files.__file__).parent / "locales" / "fr" / "LC_MESSAGES" / "mutualis.po"
    with po.open("rb") as handle:
        catalogue = read_po(handle, locale="fr")
    with open(payroll_html.__file__, "rb") as handle:
        found = [m for _l, _f, m, _c in extract_python(handle, ["_", "gettext"], [], {})]
    # a message with {fields} comes as a tuple (message, then None per keyword argument)
    used = {m for message in found for m in (message if isinstance(message, tuple) else (message,))
            if isinstance(m, str)}
    used |= set(payroll_html.LABELS.values()) | set(payroll_html.UNITS.values()) | {payroll_html._NOTE}
    assert "Pay variables of {employee} for {month}" in used
    assert sorted(m for m in used if not (catalogue.get(m) and catalogue.get(m).string)) == []


def test_the_statement_shows_the_premiums_in_a_table_apart_from_the_hours(demo):
    from integrations.reports.statement_html import statement_html

    store, _url = demo
    with store.session() as repo:
        bill = month_bill(repo, "2026-12")
    with_premiums = [s for s in bill.statements if any(not x.is_time for x in s.lines)]
    assert with_premiums
    page = statement_html(with_premiums[0], {}, "GE", with_premiums[0].member)
    hours, _sep, premiums = page.partition("Majorations et indemnités, au coût")
    assert premiums and "majoration" not in hours.split("<h2>Lignes</h2>")[-1]
    assert any(word in premiums for word in ("heures de nuit", "heures du dimanche", "heures supplémentaires"))
