"""The documents of one loan, in French, from the package's Jinja2 templates: the agreement between the two
firms (convention de mise à disposition) and the amendment to the employment contract (avenant).

Both carry what L8241-2 requires: the employee's agreement, the duration, the identity and qualification of
the employee, the place and hours, the billing at cost (salary, social charges, professional expenses) and
the staff representatives informed. Self-contained HTML pages, ready to print and sign.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from consortium.members import Member
from sharing.lending import Loan, Offer

from .language import language

__all__ = ["ENV", "loan_reference", "agreement_html", "amendment_html", "loan_files"]

ENV = Environment(loader=PackageLoader("integrations.reports", "templates"), autoescape=select_autoescape(["html"]),
                   undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
_CENT = Decimal("0.01")
_JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def loan_reference(loan: Loan) -> str:
    """`PRET-BISCUIT.OP1-CHARPENTE-2026-12-01`: one per person, borrowing member and first day."""
    return f"PRET-{loan.offer}-{loan.borrower}-{loan.first.isoformat()}"


def loan_files(loan: Loan) -> tuple[str, str]:
    """File names of the loan's agreement and amendment."""
    ref = loan_reference(loan)
    return f"convention-{ref}.html", f"avenant-{ref}.html"


def _address(member: Member) -> str:
    site = member.sites[0] if member.sites else None
    return (site.address or site.name) if site else ""


def _context(loan: Loan, offer: Offer, lender: Member, borrower: Member, today: date) -> dict:
    lang = language("fr")
    sites = {s.code: s for s in borrower.sites}
    hours = loan.hours
    shifts = [{
        "day": lang.day(p.day), "time": f"{lang.time(p.start.time())}–{lang.time(p.end.time())}",
        "place": f"{sites[p.site].name}, {sites[p.site].address}".rstrip(", ") if p.site in sites else p.site,
        "hours": lang.number(p.hours),
    } for p in loan.placements]
    total = offer.cost.total
    return {
        "title": f"{loan_reference(loan)}", "reference": loan_reference(loan), "lender": lender, "borrower": borrower,
        "lender_address": _address(lender), "borrower_address": _address(borrower),
        "person": offer.name, "qualification": offer.qualification or "qualification à préciser",
        "skills": ", ".join(f"{code} (niveau {level})" for code, level in offer.skills.items()),
        "contract_hours": f"{lang.number(Decimal(str(offer.contract_hours)))} h",
        "consent": lang.day(offer.consent_date, weekday=False),
        "period": (f"Le {lang.day(loan.first, weekday=False)}" if loan.first == loan.last else
                   f"Du {lang.day(loan.first, weekday=False)} au {lang.day(loan.last, weekday=False)} inclus"),
        "hours": f"{lang.number(hours)} h", "shifts": shifts,
        "home_hours": ", ".join(f"le {_JOURS[s.weekday]} de {s.start:%H:%M} à {s.end:%H:%M}"
                                for s in offer.home_shifts_sorted),
        "cost": {"salary": lang.money(offer.cost.salary), "charges": lang.money(offer.cost.charges),
                 "expenses": lang.money(offer.cost.expenses), "total": lang.money(total)},
        "amount": lang.money(sum(((p.hours * total).quantize(_CENT, ROUND_HALF_UP) for p in loan.placements),
                                 Decimal(0))),
        "today": lang.day(today, weekday=False),
    }


def agreement_html(loan: Loan, offer: Offer, lender: Member, borrower: Member, today: date) -> str:
    """The agreement between the lending and the borrowing firm, as one HTML page."""
    return ENV.get_template("lending_agreement.html").render(**_context(loan, offer, lender, borrower, today))


def amendment_html(loan: Loan, offer: Offer, lender: Member, borrower: Member, today: date) -> str:
    """The amendment to the lent employee's contract, as one HTML page."""
    return ENV.get_template("lending_amendment.html").render(**_context(loan, offer, lender, borrower, today))
