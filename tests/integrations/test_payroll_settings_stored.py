"""The group's payroll settings are stored with its settings and every consumer reads them: a stored
+30 % overtime rate changes the payroll export and the member's statement premium line identically."""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest
from click.testing import CliRunner

from cli import main
from consortium.weeks import parse_week
from integrations.demo import init_database, load_group, record_demo_hours
from integrations.services.billing import month_bill
from integrations.services.weekly import publish_week, run_allocation
from integrations.store import open_store
from sharing.allocation import AllocationParams, AllocationWeights
from sharing.allocation.pricing import Pricing
from sharing.demo import DEMO_WEEK, demo_group
from sharing.payroll import PayrollSettings


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("payroll-settings") / "demo.db"
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


def _overtime(store, url, out) -> tuple[Decimal, Decimal]:
    """The month's overtime at +25 %-tier: on the statements, and in the payroll export."""
    with store.session() as repo:
        bill = month_bill(repo, "2026-12")
    billed = sum((x.amount for s in bill.statements for x in s.lines if x.variable == "overtime_tier1"),
                 Decimal("0.00"))
    result = CliRunner().invoke(main, ["--db", url, "payroll", "--month", "2026-12", "--out", str(out)])
    assert result.exit_code == 0, result.output
    with (out / "payroll-2026-12.csv").open(encoding="utf-8") as handle:
        paid = sum((Decimal(r["amount"]) for r in csv.DictReader(handle) if r["code"] in ("HS25", "HS30")),
                   Decimal("0.00"))
    return billed, paid


def test_a_stored_overtime_rate_changes_the_export_and_the_statement_identically(demo, tmp_path):
    store, url = demo
    before = _overtime(store, url, tmp_path / "before")
    settings = tmp_path / "payroll.yaml"
    settings.write_text("overtime_tier1_rate: 0.30\ncodes:\n  overtime_tier1: HS30\n", encoding="utf-8")
    stored = CliRunner().invoke(main, ["--db", url, "payroll", "settings", str(settings)])
    assert stored.exit_code == 0, stored.output
    assert stored.output.splitlines()[-1] == f"payroll settings stored from {settings}"
    after = _overtime(store, url, tmp_path / "after")
    assert before[0] == before[1] > 0
    assert after[0] == after[1] > before[0]
    assert abs(after[0] - before[0] * Decimal("1.2")) <= Decimal("0.05")  # 30/25, each line rounded to the cent
    shown = CliRunner().invoke(main, ["--db", url, "payroll", "settings", "--show"])
    assert shown.exit_code == 0 and "overtime_tier1_rate: '0.3'" in shown.output
    assert "overtime_tier1: HS30" in shown.output


def test_bad_stored_settings_are_one_line_and_leave_the_stored_ones(demo, tmp_path):
    store, url = demo
    with store.session() as repo:
        kept = repo.people.get_settings().payroll
    settings = tmp_path / "payroll.yaml"
    settings.write_text("night_rate: -1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--db", url, "payroll", "settings", str(settings)])
    lines = result.output.strip().splitlines()
    assert result.exit_code == 1 and len(lines) == 1 and lines[0].startswith(f"error: {settings}: ")
    assert "night_rate" in lines[0]
    with store.session() as repo:
        assert repo.people.get_settings().payroll == kept


def test_the_settings_command_needs_a_file_or_show(demo):
    _store, url = demo
    result = CliRunner().invoke(main, ["--db", url, "payroll", "settings"])
    assert result.exit_code == 2 and "give either a settings FILE to store or --show" in result.output


def test_the_export_without_month_says_what_it_needs(demo):
    _store, url = demo
    result = CliRunner().invoke(main, ["--db", url, "payroll", "--out", "x"])
    assert result.exit_code == 2 and "the export needs --month and --out" in result.output


def test_the_allocation_prices_overtime_at_the_group_s_stored_rates():
    group = demo_group()
    dearer = group.model_copy(update={"settings": group.settings.model_copy(
        update={"payroll": PayrollSettings(overtime_tier1_rate=Decimal("0.50"))})})
    employee = next(e for e in group.employees if e.contract.weekly_hours == 35)
    weights = AllocationWeights(overtime=10)
    week = parse_week(DEMO_WEEK)
    plain = Pricing.of(group, week, weights).overtime_steps(employee)
    dear = Pricing.of(dearer, week, weights).overtime_steps(employee)
    assert plain and dear[0][0] == plain[0][0] == 35 * 60
    assert dear[0][1] == 2 * plain[0][1]
