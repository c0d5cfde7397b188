"""Month invoices pushed to the test Odoo (in memory): EUR and VAT, posted invoices untouched, refusals per invoice."""

from __future__ import annotations

from decimal import Decimal

import pytest

from consortium.members import Member, Site
from integrations.odoo.invoices import InvoiceLine, apply_invoices, plan_invoices, push_invoices
from integrations.odoo.invoicing import OdooInvoicingError
from integrations.store import open_store

MONTH = "2026-11"
PARTNERS = {"ACME": 9, "BETA": 10}
D = Decimal


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    with s.session() as repo:
        for code, siret in (("ACME", "73282932000074"), ("BETA", "55208131766522")):
            repo.people.add_member(Member(code=code, legal_name=f"{code} SA", siret=siret,
                                          sites=[Site(code="MAIN", name="Usine", latitude=45.0, longitude=4.0)]))
            repo.odoo.link("test", "res.partner", code, PARTNERS[code])
    yield s
    s.close()


def ready(gateway) -> int:
    """What an administrator does once: activate EUR, create the 20 % VAT; returns the tax id."""
    eur = gateway.search("res.currency", [("name", "=", "EUR")], context={"active_test": False})
    gateway.write("res.currency", eur, {"active": True})
    return gateway.create("account.tax", [{"name": "TVA 20%", "amount": 20.0, "type_tax_use": "sale",
                                           "amount_type": "percent"}])[0]


def bill(acme=("205.63",), beta=("1000.00", "84.16")):
    lines = []
    if acme:
        lines.append(("ACME", [InvoiceLine(f"{MONTH} E00{n} work: 7.00 h", D(1), D(a)) for n, a in enumerate(acme, 1)]))
    if beta:
        lines.append(("BETA", [InvoiceLine(f"{MONTH} E01{n} work: 8.00 h", D(1), D(a)) for n, a in enumerate(beta, 1)]))
    return lines


def push(store, gateway, lines, **kwargs):
    with store.session() as repo:
        return push_invoices(repo, gateway, "test", MONTH, lines, **kwargs)


def invoice(gateway, member, prefix="invoice"):
    name = f"invoice_{MONTH}_{member}" if prefix == "invoice" else f"adjust_{MONTH}_{member}_1"
    ids = gateway.get_external_ids("account.move", [name])
    return gateway.read("account.move", list(ids.values()), [
        "name", "state", "move_type", "partner_id", "currency_id", "amount_untaxed", "amount_tax", "amount_total",
        "invoice_line_ids", "invoice_payment_term_id", "reversed_entry_id"])[0]


def lines_of(gateway, move_id):
    return gateway.search_read("account.move.line", [("move_id", "=", move_id)], ["name", "price_subtotal", "tax_ids"])


def post(gateway, member, state="posted"):
    move = invoice(gateway, member)
    gateway.write("account.move", [move["id"]], {"state": state})
    return invoice(gateway, member)


def test_invoices_are_drafts_in_euros_with_the_vat_of_the_settings_and_total_the_statement(store, gateway):
    tax = ready(gateway)
    _plan, report = push(store, gateway, bill())
    assert report.ok and (report.moves.created, report.lines.created) == (2, 3)
    acme, beta = invoice(gateway, "ACME"), invoice(gateway, "BETA")
    assert (acme["move_type"], acme["state"], acme["partner_id"][0]) == ("out_invoice", "draft", 9)
    assert acme["currency_id"] == [126, "EUR"]  # not the company's USD
    assert all(line["tax_ids"] == [tax] for line in lines_of(gateway, beta["id"]))
    assert D(str(beta["amount_untaxed"])) == D("1084.16")  # the statement, excluding tax
    assert D(str(beta["amount_tax"])) == D("200.00") + D("16.83")  # 20 % rounded per line
    assert D(str(beta["amount_total"])) == D("1084.16") + D("216.83")
    _plan, again = push(store, gateway, bill())
    assert again.counts()["invoices created"] == again.counts()["lines created"] == 0
    assert (again.moves.unchanged, again.lines.unchanged) == (2, 3)


def test_tax_is_rounded_per_line_like_odoo(store, gateway):
    ready(gateway)
    push(store, gateway, bill(acme=("0.13", "0.13", "0.13"), beta=()))
    acme = invoice(gateway, "ACME")
    # 2.6 cents of tax per line rounds to 3 cents: 9 cents, where rounding the total would give 8.
    assert (D(str(acme["amount_untaxed"])), D(str(acme["amount_tax"]))) == (D("0.39"), D("0.09"))


def test_an_inactive_currency_is_a_clear_error(store, gateway):
    with pytest.raises(OdooInvoicingError, match="the currency EUR is not active in Odoo"):
        push(store, gateway, bill())
    assert not gateway.get_external_ids("account.move")


def test_a_missing_sales_tax_is_a_clear_error(store, gateway):
    eur = gateway.search("res.currency", [("name", "=", "EUR")], context={"active_test": False})
    gateway.write("res.currency", eur, {"active": True})
    with pytest.raises(OdooInvoicingError, match=r"no sales tax of 20 % \(account.tax of type sale"):
        push(store, gateway, bill())  # the demo company's only sales tax is 15 %


def test_the_settings_choose_currency_tax_and_payment_term(store, gateway):
    ready(gateway)
    with store.session() as repo:
        settings = repo.people.get_settings()
        billing = settings.billing.model_copy(update={"currency": "USD", "sale_tax_percent": D("15"),
                                                       "payment_term": "30 Days"})
        repo.people.save_settings(settings.model_copy(update={"billing": billing}))
    push(store, gateway, bill(beta=()))
    acme = invoice(gateway, "ACME")
    assert acme["currency_id"][1] == "USD" and acme["invoice_payment_term_id"] == [4, "30 Days"]
    assert D(str(acme["amount_tax"])) == D("30.84")  # 15 % of 205.63
    with store.session() as repo:
        settings = repo.people.get_settings()
        repo.people.save_settings(settings.model_copy(update={"billing": billing.model_copy(
            update={"payment_term": "Net 17"})}))
    with pytest.raises(OdooInvoicingError, match="no payment term 'Net 17'"):
        push(store, gateway, bill(beta=()))


def test_a_posted_invoice_is_never_written_and_its_difference_is_reported(store, gateway, odoo):
    ready(gateway)
    push(store, gateway, bill())
    posted = post(gateway, "ACME")
    assert posted["name"] == "INV/2026/00005"
    before = lines_of(gateway, posted["id"])
    odoo.calls.clear()
    _plan, report = push(store, gateway, bill(acme=("102.82",), beta=("1000.00", "84.16", "10.00")))
    assert report.ok
    assert report.notes == ("INV/2026/00005 for ACME is posted: not changed; the difference of -102.81 EUR"
                            " needs a credit note or a supplementary invoice",)
    assert lines_of(gateway, posted["id"]) == before and invoice(gateway, "ACME")["amount_untaxed"] == 205.63
    assert report.skipped == 1 and report.lines.created == 1  # BETA's draft still gets its new line
    writes = [c for c in odoo.calls if c[2:4] in (("account.move", "write"), ("account.move.line", "write"))]
    assert not writes


def test_credit_notes_bring_a_posted_invoice_to_the_statement(store, gateway):
    ready(gateway)
    push(store, gateway, bill())
    posted = post(gateway, "ACME")
    _plan, report = push(store, gateway, bill(acme=("102.82",)), credit_notes=True)
    assert report.ok and report.adjustments == 1
    assert report.notes[0].endswith("the difference of -102.81 EUR: draft credit note created")
    refund = invoice(gateway, "ACME", prefix="adjust")
    assert (refund["move_type"], refund["state"], refund["reversed_entry_id"][0]) == ("out_refund", "draft",
                                                                                     posted["id"])
    assert D(str(posted["amount_untaxed"])) - D(str(refund["amount_untaxed"])) == D("102.82")
    _plan, again = push(store, gateway, bill(acme=("102.82",)), credit_notes=True)
    assert again.adjustments == 0 and again.notes[0].endswith("not changed; it matches the statement")


def test_more_hours_after_posting_make_a_supplementary_invoice_and_cancelled_one_a_new_invoice(store, gateway):
    ready(gateway)
    push(store, gateway, bill())
    post(gateway, "ACME")
    post(gateway, "BETA", state="cancel")
    _plan, report = push(store, gateway, bill(acme=("300.00",)), credit_notes=True)
    assert report.notes == (
        "INV/2026/00005 for ACME is posted: not changed; the difference of 94.37 EUR: draft supplementary"
        " invoice created",
        "invoice_2026-11_BETA for BETA is cancelled: not changed; the difference of 1084.16 EUR: draft"
        " supplementary invoice created")
    extra = invoice(gateway, "ACME", prefix="adjust")
    assert (extra["move_type"], D(str(extra["amount_untaxed"]))) == ("out_invoice", D("94.37"))
    assert D(str(invoice(gateway, "BETA", prefix="adjust")["amount_untaxed"])) == D("1084.16")


def test_a_hash_locked_refusal_stops_that_invoice_only(store, gateway):
    ready(gateway)
    push(store, gateway, bill())
    gateway.write("account.journal", [1], {"restrict_mode_hash_table": True})
    with store.session() as repo:
        plan = plan_invoices(repo, gateway, "test", MONTH, bill(acme=("102.82",), beta=("999.00", "84.16")))
    post(gateway, "ACME")  # the accountant posts between the plan and its application: Odoo hashes it
    report = apply_invoices(plan, gateway)
    assert len(report.errors) == 1
    assert report.errors[0].startswith("invoice_2026-11_ACME for ACME was refused by Odoo")
    assert "You cannot edit the following fields: Debit, Credit." in report.errors[0]
    assert "already hashed: INV/2026/00005" in report.errors[0]
    assert invoice(gateway, "ACME")["amount_untaxed"] == 205.63
    assert D(str(invoice(gateway, "BETA")["amount_untaxed"])) == D("1083.16")


def test_a_member_no_longer_billed_loses_its_draft_but_never_a_posted_invoice(store, gateway):
    ready(gateway)
    push(store, gateway, bill())
    post(gateway, "ACME")
    _plan, report = push(store, gateway, [])
    assert report.ok and report.moves.deleted == 1  # BETA's draft
    assert not gateway.get_external_ids("account.move", [f"invoice_{MONTH}_BETA"])
    assert invoice(gateway, "ACME")["state"] == "posted"
    assert report.notes == ("INV/2026/00005 for ACME is posted: not changed; the difference of -205.63 EUR needs"
                            " a credit note or a supplementary invoice",)


@pytest.mark.parametrize("first", [dict(acme=("205.63",), beta=()), dict()])
def test_a_dry_run_announces_the_counts_of_the_real_run(store, gateway, first):
    ready(gateway)
    push(store, gateway, bill(**first))
    changed = bill(acme=("205.63", "12.00"), beta=("1000.00", "84.17"))
    _plan, dry = push(store, gateway, changed, dry_run=True)
    _plan, real = push(store, gateway, changed)
    assert dry.dry_run and real.ok
    assert dry.counts() == real.counts()
    assert sum(dry.counts().values()) > 0


def test_premium_and_allowance_lines_are_pushed_with_their_labels_and_updated_in_place(store, gateway):
    ready(gateway)
    overtime = f"{MONTH} E012 majoration heures supplémentaires 25 % – 7,00 h"
    meals = f"{MONTH} E012 indemnité repas x 3"
    lines = [InvoiceLine(f"{MONTH} E012 work: 42.00 h", D(1), D("907.20")), InvoiceLine(overtime, D(1), D("35.00")),
             InvoiceLine(meals, D(1), D("21.90"))]
    _plan, report = push(store, gateway, [("ACME", lines)])
    assert report.ok and report.lines.created == 3
    acme = invoice(gateway, "ACME")
    assert sorted(x["name"] for x in lines_of(gateway, acme["id"])) == sorted(x.label for x in lines)
    assert D(str(acme["amount_untaxed"])) == D("964.10")
    more = [lines[0], InvoiceLine(overtime.replace("7,00 h", "8,00 h"), D(1), D("40.00")),
            InvoiceLine(meals.replace("x 3", "x 4"), D(1), D("29.20"))]
    _plan, again = push(store, gateway, [("ACME", more)])
    assert (again.lines.created, again.lines.updated, again.lines.unchanged) == (0, 2, 1)
    names = sorted(x["name"] for x in lines_of(gateway, acme["id"]))
    assert names == sorted(x.label for x in more) and "0.00 h" not in " ".join(names)
