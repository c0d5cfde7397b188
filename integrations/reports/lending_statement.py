"""The monthly statement of a loan, lender to borrower, at cost: one self-contained French HTML page."""

from __future__ import annotations

from consortium.members import Member
from sharing.lending import LendingStatement, Offer

from .dates import month_name
from .language import language
from .lending_documents import ENV

__all__ = ["lending_statement_html"]


def lending_statement_html(statement: LendingStatement, offers: dict[str, Offer], lender: Member,
                           borrower: Member) -> str:
    """The statement with its lines and the declared cost basis of each person."""
    lang = language("fr")
    people = sorted({line.offer for line in statement.lines})
    return ENV.get_template("lending_statement.html").render(
        title=statement.title, month=month_name(statement.month, lang), lender=lender, borrower=borrower,
        lines=[{"day": lang.date(x.day), "person": offers[x.offer].name, "request": x.request,
                "hours": lang.number(x.hours), "rate": lang.money(x.rate), "amount": lang.money(x.amount)}
               for x in statement.lines],
        hours=lang.number(statement.hours), total=lang.money(statement.total),
        bases=[{"person": offers[code].name, "salary": lang.money(offers[code].cost.salary),
                "charges": lang.money(offers[code].cost.charges), "expenses": lang.money(offers[code].cost.expenses),
                "total": lang.money(offers[code].cost.total)} for code in people],
    )
