"""`mutualis odoo push invoices` through CliRunner: the month's bill as invoices, posted ones reported."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from cli import main
from integrations.store import open_store
from sharing.billing import BillLine, Statement, line_amount


def statement(minutes: int) -> Statement:
    cost, coefficient = Decimal("23.37"), Decimal("1.08")
    return Statement(member="ACME", month="2026-11", lines=[
        BillLine(payer="ACME", employee="E003", kind="work", minutes=minutes, hourly_cost=cost,
                 coefficient=coefficient, amount=line_amount(minutes, cost, coefficient))])


@pytest.fixture
def run(tmp_path, monkeypatch, odoo_server):
    monkeypatch.setenv("ODOO_TEST_KEY", "admin")
    db = f"sqlite:///{tmp_path}/m.db"

    def invoke(*args):
        return CliRunner().invoke(main, ["--db", db, *args])

    assert invoke("odoo", "connect", "ge", "--url", odoo_server.url, "--db", odoo_server.database, "--login",
                  "admin", "--password-env", "ODOO_TEST_KEY").exit_code == 0
    assert invoke("member", "add", "ACME", "--name", "Acme SA", "--siret", "73282932000074", "--site", "MAIN",
                  "--site-name", "Usine", "--lat", "45", "--lon", "4").exit_code == 0
    store = open_store(db)
    with store.session() as repo:
        repo.odoo.link("ge", "res.partner", "ACME", 9)
    store.close()
    odoo_server.db.table("res.currency")[126] = {**odoo_server.db.table("res.currency")[126], "active": True}
    odoo_server.db.insert("account.tax", {"name": "TVA 20%", "amount": 20.0, "type_tax_use": "sale",
                                          "amount_type": "percent", "company_id": 1, "sequence": 1})
    return invoke


def bill_of(monkeypatch, minutes: int) -> None:
    monkeypatch.setattr("integrations.services.billing.month_bill",
                        lambda repo, month: SimpleNamespace(statements=[statement(minutes)]))


def test_push_invoices_then_a_posted_invoice_is_reported_and_credited(run, odoo_server, monkeypatch):
    bill_of(monkeypatch, 489)  # 8.15 h at 23.37 x 1.08
    dry = run("odoo", "push", "invoices", "--month", "2026-11", "--dry-run")
    assert dry.exit_code == 0
    assert "account.move: dry run, would have created 1, updated 0, deleted 0, adopted 0, unchanged 0, skipped 0" \
           " posted or cancelled" in dry.output
    assert "+ mutualis.invoice_2026-11_ACME_E003_work name='2026-11 E003 work: 8.15 h'" in dry.output
    real = run("odoo", "push", "invoices", "--month", "2026-11")
    assert real.exit_code == 0 and "account.move.line: created 1," in real.output
    moves = odoo_server.db.table("account.move")
    move = max(moves)
    assert Decimal(str(moves[move]["amount_untaxed"])) == statement(489).total
    moves[move] = {**moves[move], "state": "posted", "name": "INV/2026/00005"}  # the accountant posts it
    bill_of(monkeypatch, 245)  # hours corrected afterwards
    difference = statement(245).total - statement(489).total
    result = run("odoo", "push", "invoices", "--month", "2026-11")
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == ("INV/2026/00005 for ACME is posted: not changed; the difference of"
                                             f" {difference} EUR needs a credit note or a supplementary invoice")
    credited = run("odoo", "push", "invoices", "--month", "2026-11", "--credit-notes")
    assert credited.output.splitlines()[0].endswith(f" {difference} EUR: draft credit note created")
    assert "credit notes and supplementary invoices: created 1" in credited.output
    moves = odoo_server.db.table("account.move")
    refund = moves[max(moves)]
    assert (refund["move_type"], refund["reversed_entry_id"]) == ("out_refund", move)
    assert -Decimal(str(refund["amount_untaxed"])) == difference


def test_pushed_premium_lines_carry_the_group_s_stored_rate(run, odoo_server, monkeypatch, tmp_path):
    settings = tmp_path / "payroll.yaml"
    settings.write_text("overtime_tier1_rate: 0.30\n", encoding="utf-8")
    assert run("payroll", "settings", str(settings)).exit_code == 0
    with_premium = statement(420)
    overtime = BillLine(payer="ACME", employee="E003", kind="premium", variable="overtime_tier1", minutes=180,
                        hourly_cost=Decimal("7.01"), coefficient=Decimal(1), amount=Decimal("21.03"))
    with_premium = with_premium.model_copy(update={"lines": [*with_premium.lines, overtime]})
    monkeypatch.setattr("integrations.services.billing.month_bill",
                        lambda repo, month: SimpleNamespace(statements=[with_premium]))
    result = run("odoo", "push", "invoices", "--month", "2026-11")
    assert result.exit_code == 0, result.output
    labels = sorted(line["name"] for line in odoo_server.db.table("account.move.line").values()
                    if str(line.get("name")).startswith("2026-11 E003"))
    assert labels == ["2026-11 E003 majoration heures supplémentaires 30 % – 3,00 h", "2026-11 E003 work: 7.00 h"]
