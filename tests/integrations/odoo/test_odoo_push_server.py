"""The test Odoo keeps Odoo 17's accounting rules: what a posted or hashed entry refuses, and its totals."""

from __future__ import annotations

import pytest

from integrations.odoo import OdooServerError, OdooValueError

MOVE, LINE = "account.move", "account.move.line"


def draft_invoice(gateway, *prices, tax=1) -> int:
    return gateway.create(MOVE, [{"move_type": "out_invoice", "partner_id": 9, "invoice_line_ids": [
        [0, 0, {"name": f"line {n}", "quantity": 1, "price_unit": p, "tax_ids": [[6, 0, [tax]]]}]
        for n, p in enumerate(prices, 1)]}])[0]


def read(gateway, move_id, *fields):
    return gateway.read(MOVE, [move_id], list(fields))[0]


def test_the_demo_database_has_usd_active_and_eur_inactive_and_a_15_percent_sales_tax(gateway):
    currencies = gateway.search_read("res.currency", [], ["name", "active"], context={"active_test": False})
    assert {c["name"]: c["active"] for c in currencies} == {"USD": True, "EUR": False}
    sales_taxes = gateway.search_read("account.tax", [("type_tax_use", "=", "sale")], ["amount"])
    assert sales_taxes == [{"id": 1, "amount": 15.0}]


def test_a_draft_invoice_is_totalled_by_the_server_rounding_tax_per_line(gateway):
    move = draft_invoice(gateway, 0.13, 0.13, 0.13, 10.0)
    totals = read(gateway, move, "state", "name", "amount_untaxed", "amount_tax", "amount_total", "currency_id")
    # 15 % of 0.13 is 1.95 cents, rounded to 2 per line.
    assert totals == {"id": move, "state": "draft", "name": "/", "amount_untaxed": 10.39, "amount_tax": 1.56,
                      "amount_total": 11.95, "currency_id": [1, "USD"]}


def test_a_move_cannot_be_created_posted(gateway):
    with pytest.raises(OdooServerError, match="You cannot create a move already in the posted state"):
        gateway.create(MOVE, [{"move_type": "out_invoice", "partner_id": 9, "state": "posted"}])


def test_posting_names_the_invoice_and_its_lines_cannot_be_deleted(gateway):
    move = draft_invoice(gateway, 100.0)
    gateway.write(MOVE, [move], {"state": "posted"})
    assert read(gateway, move, "name")["name"] == "INV/2026/00005"
    line = read(gateway, move, "invoice_line_ids")["invoice_line_ids"]
    with pytest.raises(OdooServerError, match="You can't delete a posted journal item"):
        gateway.unlink(LINE, line)
    with pytest.raises(OdooServerError, match="You can't delete a posted journal item"):
        gateway.unlink(MOVE, [move])
    with pytest.raises(OdooServerError, match="You cannot modify the taxes related to a posted journal item"):
        gateway.write(LINE, line, {"tax_ids": [[6, 0, [2]]]})
    gateway.write(LINE, line, {"price_unit": 50.0})  # Odoo 17 lets this through when the journal is not hashed
    assert read(gateway, move, "amount_untaxed")["amount_untaxed"] == 50.0


def test_a_hash_locked_journal_refuses_edits_of_posted_entries(gateway):
    gateway.write("account.journal", [1], {"restrict_mode_hash_table": True})
    move = draft_invoice(gateway, 100.0)
    gateway.write(MOVE, [move], {"state": "posted"})
    hashed = read(gateway, move, "inalterable_hash", "secure_sequence_number")
    assert hashed["inalterable_hash"] and hashed["secure_sequence_number"] == 1
    line = read(gateway, move, "invoice_line_ids")["invoice_line_ids"]
    with pytest.raises(OdooServerError) as refused:
        gateway.write(LINE, line, {"name": "changed"})
    assert refused.value.detail.strip().endswith(
        "You cannot edit the following fields: Label.\nThe following entries are already hashed:\nINV/2026/00005")
    with pytest.raises(OdooServerError, match="Debit, Credit.* already hashed"):
        gateway.write(LINE, line, {"price_unit": 1.0})
    with pytest.raises(OdooServerError, match="due to restrict mode being activated on the journal: name, date"):
        gateway.write(MOVE, [move], {"date": "2026-12-01"})
    with pytest.raises(OdooServerError, match="overwrite the values ensuring the inalterability"):
        gateway.write(MOVE, [move], {"inalterable_hash": "x"})


def test_a_posted_document_cannot_switch_type(gateway):
    move = draft_invoice(gateway, 100.0)
    gateway.write(MOVE, [move], {"state": "posted"})
    with pytest.raises((OdooServerError, OdooValueError), match="You cannot switch the type of a posted document"):
        gateway.write(MOVE, [move], {"move_type": "out_refund"})
