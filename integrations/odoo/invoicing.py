"""The group's invoicing settings as Odoo records: currency, sales tax, payment term.

Looked up once per push, by what the settings say (``Billing.currency``, ``sale_tax_percent``,
``payment_term``), so that the invoices are in the group's currency with its VAT whatever the
Odoo company's own currency (a demo company is in USD).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .errors import OdooError
from .gateway import OdooGateway

__all__ = ["Invoicing", "OdooInvoicingError", "resolve_invoicing"]


class OdooInvoicingError(OdooError):
    """Odoo lacks the currency, tax or payment term the group's settings name."""


@dataclass(frozen=True)
class Invoicing:
    """Odoo ids of the group's currency, sales tax and payment term (None: Odoo's default)."""

    currency: str
    currency_id: int
    tax_id: int
    tax_percent: Decimal
    payment_term_id: int | None = None

    def move_vals(self) -> dict[str, Any]:
        """The values every invoice of the group carries."""
        vals: dict[str, Any] = {"currency_id": self.currency_id}
        if self.payment_term_id is not None:
            vals["invoice_payment_term_id"] = self.payment_term_id
        return vals


def resolve_invoicing(gateway: OdooGateway, billing) -> Invoicing:
    """Find the settings' currency (it must be active), sales tax and payment term in Odoo."""
    url = gateway.connection.url
    code = billing.currency
    currencies = gateway.search_read("res.currency", [("name", "=", code)], ["name", "active"],
                                     context={"active_test": False})
    if not currencies:
        raise OdooInvoicingError(f"Odoo {url} has no currency {code} (res.currency)")
    if not currencies[0]["active"]:
        raise OdooInvoicingError(f"the currency {code} is not active in Odoo {url}: activate it"
                                 " (Accounting > Configuration > Currencies) before pushing invoices")
    percent = Decimal(str(billing.sale_tax_percent))
    taxes = gateway.search_read("account.tax", [("type_tax_use", "=", "sale"), ("amount_type", "=", "percent"),
                                                ("amount", "=", float(percent)), ("price_include", "=", False)],
                                ["name", "amount"], order="sequence,id")
    if not taxes:
        raise OdooInvoicingError(f"Odoo {url} has no sales tax of {percent} % (account.tax of type sale, a"
                                 " percentage, price excluded): create it or change the group's sale_tax_percent")
    term_id = None
    if billing.payment_term:
        terms = gateway.search_read("account.payment.term", [("name", "=", billing.payment_term)], ["name"])
        if not terms:
            raise OdooInvoicingError(f"Odoo {url} has no payment term {billing.payment_term!r}"
                                     " (account.payment.term)")
        term_id = terms[0]["id"]
    return Invoicing(code, currencies[0]["id"], taxes[0]["id"], percent, term_id)
