"""The documents of one loan, from the package's Jinja2 templates: the agreement between the two firms
(convention de mise à disposition) and the amendment to the employment contract (avenant). French by
default, English on request (``templates/en/``; the words filled in go through the gettext catalogue).

Both carry what L8241-2 requires: the employee's agreement, the duration, the identity and qualification of
the employee, the place and hours, the billing at cost (salary, social charges, professional expenses) and
the staff representatives informed. Self-contained HTML pages, ready to print and sign; the Word files
(:mod:`.lending_docx`) are read back from the same pages.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from consortium.members import Member
from sharing.lending import Loan, Offer

from .language import language

__all__ = ["ENV", "loan_reference", "agreement_html", "amendment_html", "loan_files", "template_of"]

ENV = Environment(loader=PackageLoader("integrations.reports", "templates"), autoescape=select_autoescape(["html"]),
                   undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
_CENT = Decimal("0.01")


def loan_reference(loan: Loan) -> str:
    """`PRET-BISCUIT.OP1-CHARPENTE-2026-12-01`: one per person, borrowing member and first day."""
    return f"PRET-{loan.offer}-{loan.borrower}-{loan.first.isoformat()}"


def loan_files(loan: Loan, suffix: str = "html") -> tuple[str, str]:
    """File names of the loan's agreement and amendment (``suffix``: html or docx)."""
    ref = loan_reference(loan)
    return f"convention-{ref}.{suffix}", f"avenant-{ref}.{suffix}"


def template_of(name: str, lang: str | None = None) -> str:
    """The template's path for the document language: French at the root, others in their folder."""
    code = language(lang).code
    return name if code == "fr" else f"{code}/{name}"


def _address(member: Member) -> str:
    site = member.sites[0] if member.sites else None
    return (site.address or site.name) if site else ""


def _context(loan: Loan, offer: Offer, lender: Member, borrower: Member, today: date, code: str | None) -> dict:
    lang = language(code)
    weekdays = lang.locale.days["format"]["wide"]
    sites = {s.code: s for s in borrower.sites}
    hours = loan.hours
    shifts = [{
        "day": lang.day(p.day), "time": f"{lang.time(p.start.time())}–{lang.time(p.end.time())}",
        "place": f"{sites[p.site].name}, {sites[p.site].address}".rstrip(", ") if p.site in sites else p.site,
        "hours": lang.number(p.hours),
    } for p in loan.placements]
    total = offer.cost.total
    return {
        "lang": lang.code, "title": loan_reference(loan), "reference": loan_reference(loan), "lender": lender,
        "borrower": borrower,
        "lender_address": _address(lender), "borrower_address": _address(borrower),
        "person": offer.name, "qualification": offer.qualification or lang.gettext("qualification to be specified"),
        "skills": ", ".join(lang.gettext("{skill} (level {level})", skill=skill, level=level)
                            for skill, level in offer.skills.items()),
        "contract_hours": f"{lang.number(Decimal(str(offer.contract_hours)))} h",
        "consent": lang.day(offer.consent_date, weekday=False),
        "period": (lang.gettext("On {day}", day=lang.day(loan.first, weekday=False)) if loan.first == loan.last else
                   lang.gettext("From {first} to {last} inclusive", first=lang.day(loan.first, weekday=False),
                                last=lang.day(loan.last, weekday=False))),
        "hours": f"{lang.number(hours)} h", "shifts": shifts,
        "home_hours": ", ".join(lang.gettext("on {weekday} from {start} to {end}", weekday=weekdays[s.weekday],
                                             start=f"{s.start:%H:%M}", end=f"{s.end:%H:%M}")
                                for s in offer.home_shifts_sorted),
        "cost": {"salary": lang.money(offer.cost.salary), "charges": lang.money(offer.cost.charges),
                 "expenses": lang.money(offer.cost.expenses), "total": lang.money(total)},
        "amount": lang.money(sum(((p.hours * total).quantize(_CENT, ROUND_HALF_UP) for p in loan.placements),
                                 Decimal(0))),
        "today": lang.day(today, weekday=False),
    }


def agreement_html(loan: Loan, offer: Offer, lender: Member, borrower: Member, today: date,
                   lang: str | None = None) -> str:
    """The agreement between the lending and the borrowing firm, as one HTML page (French unless ``lang``)."""
    return ENV.get_template(template_of("lending_agreement.html", lang)).render(
        **_context(loan, offer, lender, borrower, today, lang))


def amendment_html(loan: Loan, offer: Offer, lender: Member, borrower: Member, today: date,
                   lang: str | None = None) -> str:
    """The amendment to the lent employee's contract, as one HTML page (French unless ``lang``)."""
    return ENV.get_template(template_of("lending_amendment.html", lang)).render(
        **_context(loan, offer, lender, borrower, today, lang))
