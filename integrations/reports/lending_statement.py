"""The monthly statement of a loan, lender to borrower, at cost: one self-contained HTML page.

French by default (``162,72 €``, ``décembre 2026``); ``lang="en"`` for English (``€162.72``,
``December 2026``). The words come from the gettext catalogue, as for the GE's own statements.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from consortium.members import Member
from sharing.lending import LendingStatement, Offer

from .dates import month_name
from .language import Language, language
from .lending_documents import ENV

__all__ = ["lending_statement_html"]


def _words(lang: Language, month: str) -> dict[str, Markup]:
    """The page's words in the document language; our own catalogue's text, so already safe HTML."""
    _ = lang.gettext
    words = {
        "heading": _("Staff lending statement — {month}", month=escape(month)),
        "law": _("Non-profit lending of staff (article L8241-1 of the French Labour Code): billed at cost"),
        "from": _("From:"), "to": _("To:"), "lender": _("lending firm"), "borrower": _("borrowing firm"),
        "day": _("Day"), "employee": _("Employee"), "request": _("Request"), "hours": _("Hours"),
        "rate": _("Hourly cost"), "amount": _("Amount"), "total": _("Total"), "basis": _("Declared cost basis"),
        "salary": _("Salary"), "charges": _("Social charges"), "expenses": _("Professional expenses"),
        "note": _("Each line is the hours worked times the hourly cost declared in the agreement\n(salary, social "
                  "charges and professional expenses), rounded to the cent. No coefficient, margin or\nmanagement "
                  "fee is applied. This statement is separate from the invoices of the employers' group."),
    }
    return {key: Markup(text) for key, text in words.items()}  # our catalogue's text, the month escaped


def lending_statement_html(statement: LendingStatement, offers: dict[str, Offer], lender: Member,
                           borrower: Member, lang: str | Language | None = None) -> str:
    """The statement with its lines and the declared cost basis of each person (French unless ``lang``)."""
    lang = lang if isinstance(lang, Language) else language(lang)
    s = statement
    month = month_name(s.month, lang)
    people = sorted({line.offer for line in s.lines})
    return ENV.get_template("lending_statement.html").render(
        lang=lang.code, w=_words(lang, month), month=month, lender=lender, borrower=borrower,
        title=lang.gettext("Lending statement {lender} to {borrower}, {month}", lender=s.lender,
                           borrower=s.borrower, month=month),
        lines=[{"day": lang.date(x.day), "person": offers[x.offer].name, "request": x.request,
                "hours": lang.number(x.hours), "rate": lang.money(x.rate), "amount": lang.money(x.amount)}
               for x in s.lines],
        hours=lang.number(s.hours), total=lang.money(s.total),
        bases=[{"person": offers[code].name, "salary": lang.money(offers[code].cost.salary),
                "charges": lang.money(offers[code].cost.charges), "expenses": lang.money(offers[code].cost.expenses),
                "total": lang.money(offers[code].cost.total)} for code in people],
    )
