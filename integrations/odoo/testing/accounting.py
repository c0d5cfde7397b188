"""Odoo 17's invoicing rules on the test server: currencies, sales taxes, payment terms, and what
``account.move`` / ``account.move.line`` refuse once an entry is posted or hashed.

As in ``addons/account`` of Odoo 17:

* a move cannot be created posted; posting names it (``INV/2026/00005``) and, when its journal has
  ``restrict_mode_hash_table``, hashes it (``inalterable_hash``, ``secure_sequence_number``);
* a posted move of a restricted journal refuses writes of name, date, journal and company; a hashed
  move's lines refuse writes of label, debit, credit, account and partner (a quantity or price
  changes debit and credit) with "You cannot edit the following fields: ... already hashed";
* the taxes of a posted line cannot change, and a posted line cannot be deleted (nor its move);
* totals are computed by the server, rounding each line (``round_per_line``, the default):
  ``price_subtotal``, ``price_total`` per line, ``amount_untaxed``, ``amount_tax``, ``amount_total``.

The demo company is in USD with a 15 % sales tax (``generic_coa``); EUR exists but is inactive, as
in a real demo database.
"""

from __future__ import annotations

import hashlib
import re
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING
from collections.abc import Mapping

from .behaviour import Behaviour, field_def, magic_fields, now
from .exceptions import UserError, ValidationError

if TYPE_CHECKING:
    from .database import Database

__all__ = ["BEHAVIOURS", "MODELS", "RECORDS"]

MOVE, LINE = "account.move", "account.move.line"
CENT = Decimal("0.01")


# Field definitions as Odoo 17's fields_get gives them (the capture did not dump these models).
MODELS: Mapping[str, dict] = MappingProxyType({
    "res.currency": {
        **magic_fields(),
        "name": field_def("char", "Currency", required=True),
        "full_name": field_def("char", "Name"),
        "symbol": field_def("char", "Symbol", required=True),
        "rounding": field_def("float", "Rounding Factor"),
        "decimal_places": field_def("integer", "Decimal Places", readonly=True, store=False),
        "active": field_def("boolean", "Active"),
        "position": field_def("selection", "Symbol Position", selection=[["after", "After Amount"],
                                                                       ["before", "Before Amount"]]),
        "currency_unit_label": field_def("char", "Currency Unit"),
        "currency_subunit_label": field_def("char", "Currency Subunit"),
    },
    "account.tax": {
        **magic_fields(),
        "name": field_def("char", "Tax Name", required=True),
        "type_tax_use": field_def("selection", "Tax Type", required=True, selection=[
            ["sale", "Sales"], ["purchase", "Purchases"], ["none", "None"]]),
        "tax_scope": field_def("selection", "Tax Scope", selection=[["service", "Services"], ["consu", "Goods"]]),
        "amount_type": field_def("selection", "Tax Computation", required=True, selection=[
            ["group", "Group of Taxes"], ["fixed", "Fixed"], ["percent", "Percentage of Price"],
            ["division", "Percentage of Price Tax Included"]]),
        "active": field_def("boolean", "Active"),
        "company_id": field_def("many2one", "Company", required=True, relation="res.company"),
        "sequence": field_def("integer", "Sequence", required=True),
        "amount": field_def("float", "Amount", required=True),
        "description": field_def("char", "Description"),
        "invoice_label": field_def("char", "Label on Invoices"),
        "price_include": field_def("boolean", "Included in Price"),
        "include_base_amount": field_def("boolean", "Affect Base of Subsequent Taxes"),
        "tax_group_id": field_def("many2one", "Tax Group", relation="account.tax.group"),
        "country_id": field_def("many2one", "Country", relation="res.country"),
    },
    "account.payment.term": {
        **magic_fields(),
        "name": field_def("char", "Payment Terms", required=True),
        "active": field_def("boolean", "Active"),
        "note": field_def("html", "Description on the Invoice"),
        "company_id": field_def("many2one", "Company", relation="res.company"),
        "sequence": field_def("integer", "Sequence", required=True),
        "display_on_invoice": field_def("boolean", "Show installment dates"),
    },
})

_TERMS = ("Immediate Payment", "15 Days", "21 Days", "30 Days", "45 Days", "End of Following Month",
          "10 Days after End of Next Month", "30% Now, Balance 60 Days", "2/7 Net 30")
# USD is 1 and EUR 126 in base's res_currency_data.xml; only USD is activated by the demo data.
RECORDS: Mapping[str, tuple[dict, ...]] = MappingProxyType({
    "res.currency": (
        {"id": 1, "name": "USD", "full_name": "United States dollar", "symbol": "$", "rounding": 0.01,
         "decimal_places": 2, "active": True, "position": "before"},
        {"id": 126, "name": "EUR", "full_name": "Euro", "symbol": "€", "rounding": 0.01, "decimal_places": 2,
         "active": False, "position": "after"},
    ),
    "account.tax": tuple(
        {"id": n, "name": "15%", "type_tax_use": use, "amount_type": "percent", "amount": 15.0, "active": True,
         "company_id": [1, "My Company (San Francisco)"], "sequence": 1, "tax_group_id": [1, "Tax 15%"],
         "price_include": False, "description": False, "invoice_label": False}
        for n, use in ((1, "sale"), (2, "purchase"))),
    "account.payment.term": tuple({"id": n, "name": name, "active": True, "sequence": 10, "company_id": False}
                                  for n, name in enumerate(_TERMS, start=1)),
})

_RESTRICTED_MOVE_FIELDS = ("name", "date", "journal_id", "company_id")
_HASHED_LINE_FIELDS = ("name", "debit", "credit", "account_id", "partner_id", "inalterable_hash",
                       "secure_sequence_number")
_CHANGES_BALANCE = ("quantity", "price_unit", "discount", "tax_ids")
_PREFIXES = MappingProxyType({"out_invoice": "INV", "out_refund": "RINV", "in_invoice": "BILL",
                              "in_refund": "RBILL", "entry": "MISC"})


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _replace(db: Database, model: str, rid: int, **vals) -> None:
    # Rows are replaced, never changed in place: the transaction snapshot is shallow.
    table = db.table(model)
    table[rid] = {**table[rid], **vals}


def _journal(db: Database, move: dict) -> dict:
    return db.table("account.journal").get(move.get("journal_id") or 0, {})


def _lines_of(db: Database, move_ids: set[int]) -> list[dict]:
    return [row for row in db.table(LINE).values() if row.get("move_id") in move_ids]


def _hashed_error(db: Database, fields: set[str], moves: list[dict]) -> UserError:
    defs = db.fields(LINE)
    labels = [defs[name]["string"] for name in defs if name in fields]
    return UserError("You cannot edit the following fields: {}.\nThe following entries are already hashed:\n{}".format(
        ", ".join(labels), "\n".join(m.get("name") or "/" for m in moves)))


def _posted_line_error() -> UserError:
    return UserError("You can't delete a posted journal item. Don’t play games with your accounting records;"
                     " reset the journal entry to draft before deleting it.")


def recompute(db: Database, move_ids: set[int]) -> None:
    """Lines' subtotals and the moves' totals, taxes rounded per line, in the move's currency."""
    taxes = db.table("account.tax")
    for mid in sorted(move_ids):
        move = db.table(MOVE).get(mid)
        if move is None:
            continue
        sign = -1 if move.get("move_type") in ("out_refund", "in_refund") else 1
        untaxed = tax = Decimal(0)
        lines = sorted(_lines_of(db, {mid}), key=lambda r: (r.get("sequence") or 10, r["id"]))
        product = []
        for line in lines:
            kind = line.get("display_type") or "product"
            if kind != "product":
                continue
            product.append(line["id"])
            base = Decimal(str(line.get("quantity", 1.0))) * Decimal(str(line.get("price_unit") or 0.0))
            subtotal = _cents(base * (1 - Decimal(str(line.get("discount") or 0.0)) / 100))
            line_tax = sum((_cents(subtotal * Decimal(str(taxes[t]["amount"])) / 100)
                            for t in line.get("tax_ids") or [] if t in taxes
                            and taxes[t].get("amount_type") == "percent"), Decimal(0))
            untaxed += subtotal
            tax += line_tax
            income = float(subtotal) * (1 if sign < 0 else -1)  # an invoice credits income
            _replace(db, LINE, line["id"], display_type=kind, price_subtotal=float(subtotal),
                     price_total=float(subtotal + line_tax), parent_state=move.get("state") or "draft",
                     move_type=move.get("move_type"), currency_id=move.get("currency_id") or False,
                     balance=income, debit=max(income, 0.0), credit=max(-income, 0.0), amount_currency=income)
        total = untaxed + tax
        _replace(db, MOVE, mid, invoice_line_ids=product, line_ids=[line["id"] for line in lines],
                 amount_untaxed=float(untaxed), amount_tax=float(tax), amount_total=float(total),
                 amount_residual=float(total), amount_untaxed_signed=float(sign * untaxed),
                 amount_tax_signed=float(sign * tax), amount_total_signed=float(sign * total))


class AccountMove(Behaviour):
    """Draft, posted and cancelled journal entries and invoices."""

    def before_create(self, db, model, vals_list, context):
        if any(vals.get("state") == "posted" for vals in vals_list):
            raise UserError("You cannot create a move already in the posted state. Please create a draft move"
                            " and post it after.")

    def after_create(self, db, model, ids, context):
        company = db.table("res.company").get(1, {})
        for rid in ids:
            row = db.table(MOVE)[rid]
            move_type = row.get("move_type") or "entry"
            journal = row.get("journal_id") or _default_journal(db, move_type)
            _replace(db, MOVE, rid, move_type=move_type, state=row.get("state") or "draft",
                     name=row.get("name") or "/", journal_id=journal, company_id=row.get("company_id") or 1,
                     currency_id=row.get("currency_id") or company.get("currency_id") or 1,
                     payment_state="not_paid")
        recompute(db, set(ids))

    def before_write(self, db, model, ids, vals, context):
        for rid in ids:
            move = db.table(MOVE)[rid]
            restricted = _journal(db, move).get("restrict_mode_hash_table")
            if restricted and move.get("state") == "posted" and set(vals) & set(_RESTRICTED_MOVE_FIELDS):
                raise UserError("You cannot edit the following fields due to restrict mode being activated on the"
                                " journal: {}.".format(", ".join(_RESTRICTED_MOVE_FIELDS)))
            if (move.get("inalterable_hash") and "inalterable_hash" in vals) or (
                    move.get("secure_sequence_number") and "secure_sequence_number" in vals):
                raise UserError("You cannot overwrite the values ensuring the inalterability of the accounting.")
            if move.get("state") == "posted" and vals.get("move_type", move.get("move_type")) != move.get("move_type"):
                raise ValidationError("You cannot switch the type of a posted document.")
            if move.get("inalterable_hash") and {"line_ids", "invoice_line_ids"} & set(vals):
                raise _hashed_error(db, {"name", "debit", "credit"}, [move])

    def after_write(self, db, model, ids, vals, before, context):
        for rid in ids:
            move = db.table(MOVE)[rid]
            if move.get("state") == "posted" and before[rid].get("state") != "posted":
                self._post(db, move)
        recompute(db, set(ids))

    def _post(self, db: Database, move: dict) -> None:
        updates: dict = {"posted_before": True}
        if move.get("name") in (None, False, "", "/"):
            updates["name"] = _next_name(db, move)
        if _journal(db, move).get("restrict_mode_hash_table") and not move.get("inalterable_hash"):
            number = 1 + max((m.get("secure_sequence_number") or 0 for m in db.table(MOVE).values()
                              if m.get("journal_id") == move.get("journal_id")), default=0)
            updates["secure_sequence_number"] = number
            updates["inalterable_hash"] = hashlib.sha256(
                f"{move['id']}|{updates.get('name', move.get('name'))}|{number}".encode()).hexdigest()
        _replace(db, MOVE, move["id"], **updates)

    def before_unlink(self, db, model, ids, context):
        moves = [db.table(MOVE)[rid] for rid in ids]
        if any(m.get("state") == "posted" for m in moves):
            raise _posted_line_error()
        # Odoo unlinks the lines first, through the ORM: their external ids go with them.
        lines = {row["id"] for row in _lines_of(db, set(ids))}
        for rid in lines:
            del db.table(LINE)[rid]
        xmlids = db.table("ir.model.data")
        for key in [k for k, row in xmlids.items() if row.get("model") == LINE and row.get("res_id") in lines]:
            del xmlids[key]


class AccountMoveLine(Behaviour):
    """Journal items: checked against their move's state and hash."""

    def before_create(self, db, model, vals_list, context):
        for vals in vals_list:
            move = db.table(MOVE).get(vals.get("move_id") or 0)
            if move and move.get("inalterable_hash"):
                raise _hashed_error(db, {"name", "debit", "credit"}, [move])

    def after_create(self, db, model, ids, context):
        recompute(db, {db.table(LINE)[rid].get("move_id") for rid in ids} - {None, False})

    def before_write(self, db, model, ids, vals, context):
        lines = [db.table(LINE)[rid] for rid in ids]
        moves = {line.get("move_id"): db.table(MOVE).get(line.get("move_id") or 0) for line in lines}
        hashed = [m for m in moves.values() if m and m.get("inalterable_hash")]
        violated = set(vals) & set(_HASHED_LINE_FIELDS)
        if set(vals) & set(_CHANGES_BALANCE):
            violated |= {"debit", "credit"}  # Odoo's sync rewrites them, and refuses there
        if hashed and violated:
            raise _hashed_error(db, violated, hashed)
        if "tax_ids" in vals and any(m and m.get("state") == "posted" for m in moves.values()):
            raise UserError("You cannot modify the taxes related to a posted journal item, you should reset the"
                            " journal entry to draft to do so.")

    def after_write(self, db, model, ids, vals, before, context):
        touched = {db.table(LINE)[rid].get("move_id") for rid in ids} | {row.get("move_id") for row in before.values()}
        recompute(db, touched - {None, False})

    def before_unlink(self, db, model, ids, context):
        for rid in ids:
            move = db.table(MOVE).get(db.table(LINE)[rid].get("move_id") or 0)
            if move and move.get("state") == "posted" and not context.get("force_delete"):
                raise _posted_line_error()

    def after_unlink(self, db, model, rows, context):
        recompute(db, {row.get("move_id") for row in rows} - {None, False})


class Defaults(Behaviour):
    """Values Odoo's field defaults give a record created without them."""

    def __init__(self, **defaults) -> None:
        self.defaults = defaults

    def before_create(self, db, model, vals_list, context):
        for vals in vals_list:
            for name, value in self.defaults.items():
                vals.setdefault(name, value)


def _default_journal(db: Database, move_type: str) -> int | bool:
    wanted = "sale" if move_type.startswith("out_") else "purchase" if move_type.startswith("in_") else "general"
    journals = sorted(db.table("account.journal").values(), key=lambda j: j["id"])
    return next((j["id"] for j in journals if j.get("type") == wanted), False)


def _next_name(db: Database, move: dict) -> str:
    year = str(move.get("date") or move.get("invoice_date") or now(db).year)[:4]
    prefix = f"{_PREFIXES.get(move.get('move_type') or 'entry', 'MISC')}/{year}/"
    pattern = re.compile(re.escape(prefix) + r"(\d+)$")
    numbers = [int(m.group(1)) for m in (pattern.match(str(r.get("name") or "")) for r in db.table(MOVE).values())
               if m]
    return f"{prefix}{max(numbers, default=0) + 1:05d}"


BEHAVIOURS: Mapping[str, Behaviour] = MappingProxyType({
    MOVE: AccountMove(), LINE: AccountMoveLine(),
    "account.tax": Defaults(type_tax_use="sale", amount_type="percent", company_id=1, sequence=1, active=True),
    "account.payment.term": Defaults(sequence=10, active=True),
    "res.currency": Defaults(rounding=0.01, active=True),
})
